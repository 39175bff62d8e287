import type {
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import type { Execution } from '../run';

import { isClosedStatus } from '../model';
import { apiRequest, docuSignApiError } from '../../transport';
import { apiErrorFor, nodeErrorOf } from '../results';
import { LookupFailed, lookedUp, lookupEach } from '../lookup';
import { plainMessageOf } from '../errors';
import { activateMembership, membershipOf } from './admin';

/**
 * UNVERIFIED (docs/sources.md#reopen): DocuSign's spec says "use Users:update to re-open a closed
 * user" (Users:update is PUT /users/{userId}) without naming the field. The node sends
 * userStatus "Active"; DocuSign's blog says the reopened user may have to accept a new
 * activation e-mail, so the answer may be ActivationSent. Change the body here, and only here.
 */
function reopenRequestBody(): IDataObject {
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
	run: Execution,
	itemIndex: number,
	userId: string,
	email: string,
): Promise<Reopened> {
	const { n8n, session } = run;
	if (session.admin) {
		await activateMembership(
			run,
			itemIndex,
			await membershipOf(run, itemIndex, userId, email),
			email,
		);
		return {
			status: await statusAfterReopen(run, itemIndex, userId, email, {}),
			via: 'admin',
		};
	}
	let answer: IDataObject;
	try {
		answer = await apiRequest.call(n8n, session, {
			method: 'PUT',
			path: `/users/${encodeURIComponent(userId)}`,
			body: reopenRequestBody(),
			idempotent: true,
			what: 'reopen the user',
			itemIndex,
		});
	} catch (error) {
		if (!isRefusal(error)) throw nodeErrorOf(n8n, itemIndex, error);
		answer = await reopenThroughList(run, itemIndex, userId, email, error);
	}
	return {
		status: await statusAfterReopen(run, itemIndex, userId, email, answer),
		via: 'esignature',
	};
}

/** A DocuSign answer refusing the request (4xx with a code), not a network failure or an unknown outcome. */
function isRefusal(error: unknown): boolean {
	const failure = error as { httpCode?: string | null; context?: IDataObject } | undefined;
	return /^4\d\d$/.test(String(failure?.httpCode ?? '')) && !!failure?.context?.errorCode;
}

/**
 * UNVERIFIED (docs/sources.md#reopen): DocuSign's 2026 spec says of PUT /users/{userId} that a user
 * "cannot access another user's settings", even an admin. When DocuSign refuses it, the reopen goes
 * once through Users:updateList (PUT /users, one entry), and its per-user answer decides.
 */
async function reopenThroughList(
	run: Execution,
	itemIndex: number,
	userId: string,
	email: string,
	refused: unknown,
): Promise<IDataObject> {
	const { n8n, session } = run;
	let response: IDataObject;
	try {
		response = await apiRequest.call(n8n, session, {
			method: 'PUT',
			path: '/users',
			body: { users: [{ userId, ...reopenRequestBody() }] },
			idempotent: true,
			what: 'reopen the user',
			itemIndex,
		});
	} catch (error) {
		throw reopenRefused(n8n, itemIndex, userId, email, isRefusal(error) ? error : refused);
	}
	const users = Array.isArray(response.users) ? (response.users as IDataObject[]) : [];
	const entry = users.find((u) => String(u.userId ?? '').toLowerCase() === userId.toLowerCase());
	const details = entry?.errorDetails as IDataObject | undefined;
	if (details) {
		throw reopenRefused(
			n8n,
			itemIndex,
			userId,
			email,
			docuSignApiError(n8n.getNode(), 400, details, { what: 'reopen the user', itemIndex }),
		);
	}
	// No entry for the user: the re-read decides.
	return entry ?? {};
}

/** A refused reopen in words that fit a reopen (USER_LACKS_MEMBERSHIP's general advice says "reopen first"). */
function reopenRefused(
	n8n: IExecuteFunctions,
	itemIndex: number,
	userId: string,
	email: string,
	error: unknown,
): NodeApiError | NodeOperationError {
	const code = (error as { context?: IDataObject })?.context?.errorCode;
	if (code !== 'USER_LACKS_MEMBERSHIP') return nodeErrorOf(n8n, itemIndex, error);
	return apiErrorFor(
		n8n,
		itemIndex,
		`DocuSign refused to reopen ${email} (user ID ${userId}): it says the user has no valid membership in this account (USER_LACKS_MEMBERSHIP)`,
		'Nothing was reopened. The membership may have been removed rather than closed. An administrator can reactivate the user in DocuSign Admin (Users > the user > Reactivate); with Organization Admin Access in the credential the node reopens through the Admin API instead.',
		{ errorCode: 'USER_LACKS_MEMBERSHIP' },
	);
}

/** The status DocuSign reports after a reopen: its answer's, else a re-read's. A user still Closed fails. */
async function statusAfterReopen(
	run: Execution,
	itemIndex: number,
	userId: string,
	email: string,
	answer: IDataObject,
): Promise<string> {
	const { n8n } = run;
	let status =
		answer.userStatus === undefined || answer.userStatus === null || answer.userStatus === ''
			? undefined
			: String(answer.userStatus);
	if (status === undefined) {
		const ref = { by: 'id' as const, value: userId };
		const reread = lookedUp(await lookupEach(run, [ref], { groupIds: [] }), ref);
		if (reread instanceof LookupFailed) {
			// The reopen was sent and accepted; what it did is not known: never reported as done.
			throw apiErrorFor(
				n8n,
				itemIndex,
				`DocuSign accepted the reopen of ${email} (user ID ${userId}) but reading the user back failed (${plainMessageOf(reread.error)})`,
				"DocuSign's answer named no status, so whether the user is open now is unknown; nothing else was written for this item. Check the user's status with Get (or in DocuSign Admin) before running the item again.",
			);
		}
		status = reread?.userStatus === undefined ? undefined : String(reread.userStatus);
	}
	if (status === undefined || isClosedStatus(status)) {
		throw apiErrorFor(
			n8n,
			itemIndex,
			`DocuSign did not reopen the membership of ${email} (user ID ${userId}): the user is ${status ?? 'in an unknown state'} after the request`,
			'DocuSign accepted the request but left the user closed. An administrator can reopen the user in DocuSign Admin (Users > the user > Reactivate), then run this item again.',
			{ userStatus: status ?? null },
		);
	}
	return status;
}
