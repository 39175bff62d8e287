import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isClosedStatus } from '../status';
import type { Session } from '../../transport';
import { apiRequest } from '../../transport';
import { apiErrorFor } from '../results';
import { lookupUsers, userFrom } from '../lookup';
import { activateMembership, membershipOf } from './admin';

/**
 * UNVERIFIED (docs/sources.md#reopen): DocuSign's spec says "use Users:update to re-open a closed
 * user" (Users:update is PUT /users/{userId}) without naming the field. The node sends
 * userStatus "Active"; DocuSign's blog says the reopened user may have to accept a new
 * activation e-mail, so the answer may be ActivationSent. Change the body here, and only here.
 */
export function reopenRequestBody(): IDataObject {
	return { userStatus: 'Active' };
}

/**
 * Reopens one closed membership and returns the status DocuSign reports afterwards: from its
 * answer, or, where the answer has none, from a re-read of the user. A user still Closed fails.
 */
export interface Reopened {
	status: string;
	/** The API that reopened the membership: the Admin API's activateMembership, or eSignature's Users:update. */
	via: 'admin' | 'esignature';
}

/**
 * With Organization Admin Access, the documented activateMembership of the Admin API (the
 * membership from the organization's user list); without it, eSignature's Users:update.
 */
export async function reopenMembership(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
	userId: string,
	email: string,
): Promise<Reopened> {
	if (session.admin) {
		await activateMembership(
			fn,
			session,
			itemIndex,
			await membershipOf(fn, session, itemIndex, userId, email),
			email,
		);
		return {
			status: await statusAfterReopen(fn, session, itemIndex, userId, email, {}),
			via: 'admin',
		};
	}
	const answer = await apiRequest.call(fn, session, {
		method: 'PUT',
		path: `/users/${encodeURIComponent(userId)}`,
		body: reopenRequestBody(),
		idempotent: true,
		what: 'reopen the user',
		itemIndex,
	});
	return {
		status: await statusAfterReopen(fn, session, itemIndex, userId, email, answer),
		via: 'esignature',
	};
}

/** The status DocuSign reports after a reopen: its answer's, else a re-read's. A user still Closed fails. */
async function statusAfterReopen(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
	userId: string,
	email: string,
	answer: IDataObject,
): Promise<string> {
	let status =
		answer.userStatus === undefined || answer.userStatus === null || answer.userStatus === ''
			? undefined
			: String(answer.userStatus);
	if (status === undefined) {
		const ref = { by: 'id' as const, value: userId };
		const reread = userFrom(await lookupUsers(fn, session, [ref], { groupIds: [] }), ref);
		status = reread?.userStatus === undefined ? undefined : String(reread.userStatus);
	}
	if (status === undefined || isClosedStatus(status)) {
		throw apiErrorFor(
			fn,
			itemIndex,
			`DocuSign did not reopen the membership of ${email} (user ID ${userId}): the user is ${status ?? 'in an unknown state'} after the request`,
			'DocuSign accepted the request but left the user closed. An administrator can reopen the user in DocuSign Admin (Users > the user > Reactivate), then run this item again.',
			{ userStatus: status ?? null },
		);
	}
	return status;
}
