import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { mapInWindows } from '../../helpers/batch';
import { isClosedStatus } from '../../helpers/normalize';
import { checkEmail, checkUserId } from '../../helpers/validate';
import type { DocuSignContext, Session } from '../../transport';
import { apiRequest, apiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { apiErrorFor, parameterError } from '../results';

export interface UserRef {
	by: 'id' | 'email';
	value: string;
}

/** Single-user reads in flight at once when listing the account would cost more. */
const LOOKUPS_IN_FLIGHT = 4;

const refKey = (ref: UserRef) => `${ref.by}:${ref.value.toLowerCase()}`;

/** The user locator of one item, checked: From List and By ID give an ID, By Email an email. */
export function readUserLocator(fn: IExecuteFunctions, itemIndex: number, parameter = 'User'): UserRef {
	const locator = fn.getNodeParameter('user', itemIndex) as { mode?: string; value?: unknown };
	if (locator?.mode === 'email') {
		const email = checkEmail(locator.value);
		if ('problem' in email) throw parameterError(fn, itemIndex, parameter, email.problem, email.hint);
		return { by: 'email', value: email.value };
	}
	const id = checkUserId(locator?.value);
	if ('problem' in id) throw parameterError(fn, itemIndex, parameter, id.problem, id.hint);
	return { by: 'id', value: id.value };
}

/** UNVERIFIED: DocuSign may answer an email search without a match with an error instead of an empty list. */
export function isNoSuchUserError(errorCode: unknown): boolean {
	return errorCode === 'USER_NOT_FOUND' || errorCode === 'USER_LACKS_MEMBERSHIP' || errorCode === 'INVALID_USERID';
}

/** Of several users with one email (older accounts allow it), the newest open one wins. */
export function preferredUser(candidates: IDataObject[]): IDataObject | undefined {
	const open = candidates.filter((u) => !isClosedStatus(String(u.userStatus ?? '')));
	const pool = open.length ? open : candidates;
	return pool[pool.length - 1];
}

async function fetchOne(ctx: DocuSignContext, session: Session, ref: UserRef): Promise<IDataObject | undefined> {
	try {
		if (ref.by === 'id') {
			return await apiRequest.call(ctx, session, {
				method: 'GET',
				path: `/users/${encodeURIComponent(ref.value)}`,
				qs: { additional_info: 'true' },
				idempotent: true,
				what: 'read the user',
			});
		}
		const response = await apiRequest.call(ctx, session, {
			method: 'GET',
			path: '/users',
			qs: { email: ref.value, additional_info: 'true' },
			idempotent: true,
			what: 'find the user by email',
		});
		return preferredUser((response.users ?? []) as IDataObject[]);
	} catch (error) {
		if (isNoSuchUserError((error as { context?: IDataObject }).context?.errorCode)) {
			return undefined;
		}
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
}

/**
 * Finds users by ID or email at the lowest call count: one call per user for a few, or one pass
 * over the account's user list (100 per page) once that is cheaper. Unknown users map to undefined.
 */
export async function lookupUsers(
	ctx: DocuSignContext,
	session: Session,
	refs: UserRef[],
): Promise<Map<string, IDataObject | undefined>> {
	const found = new Map<string, IDataObject | undefined>();
	const wanted = [...new Map(refs.map((r) => [refKey(r), r])).values()];
	const firstPageIds = new Map<string, IDataObject>();
	if (wanted.length > 2) {
		const byId = new Map<string, IDataObject>();
		const byEmail = new Map<string, IDataObject[]>();
		let listedAll = true;
		let pages = 0;
		await apiRequestAllItems.call(ctx, session, {
			path: '/users',
			key: 'users',
			qs: { additional_info: 'true' },
			what: 'list the users',
			onPage: (users, total) => {
				for (const user of users) {
					byId.set(String(user.userId).toLowerCase(), user);
					const email = String(user.email ?? '').toLowerCase();
					byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
				}
				// After the first page, go on listing only while that is cheaper than asking per user.
				const pagesLeft = Math.ceil(total / MAX_PAGE_SIZE) - 1;
				if (++pages === 1 && pagesLeft > wanted.length) {
					listedAll = false;
					for (const [id, user] of byId) firstPageIds.set(id, user);
					return false;
				}
				return true;
			},
		});
		if (listedAll) {
			for (const ref of wanted) {
				found.set(
					refKey(ref),
					ref.by === 'id' ? byId.get(ref.value.toLowerCase()) : preferredUser(byEmail.get(ref.value.toLowerCase()) ?? []),
				);
			}
			return found;
		}
	}
	// An ID seen on the first page needs no second read; an email might repeat on later pages.
	const rest = wanted.filter((ref) => !(ref.by === 'id' && firstPageIds.has(ref.value.toLowerCase())));
	for (const ref of wanted) if (!rest.includes(ref)) found.set(refKey(ref), firstPageIds.get(ref.value.toLowerCase()));
	const fetched = await mapInWindows(rest, LOOKUPS_IN_FLIGHT, async (ref) => await fetchOne(ctx, session, ref));
	rest.forEach((ref, i) => found.set(refKey(ref), fetched[i]));
	return found;
}

export function userFrom(found: Map<string, IDataObject | undefined>, ref: UserRef): IDataObject | undefined {
	return found.get(refKey(ref));
}

export function userNotFound(fn: IExecuteFunctions, itemIndex: number, ref: UserRef, parameter = 'User') {
	return apiErrorFor(
		fn,
		itemIndex,
		ref.by === 'id'
			? `No DocuSign user has the ID "${ref.value}" in this account (parameter "${parameter}")`
			: `No DocuSign user has the email "${ref.value}" in this account (parameter "${parameter}")`,
		`Check "${parameter}": pick the user from the list, or check the value and the Account ID of the credential.`,
		{ errorCode: 'USER_NOT_FOUND' },
	);
}
