import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { Connection } from './run';

import { windowsOf } from '../transport/pacing';
import type { Group } from './model';
import { EVERY_USER_STATUS, isClosedStatus } from './model';
import type { Listing, PageRequest } from '../transport';
import {
	apiRequest,
	apiRequestAllItems,
	apiRequestListing,
	isAccountWide,
	MAX_PAGE_SIZE,
} from '../transport';
import { Directory } from './directory';
import { apiErrorFor } from './results';

export interface UserRef {
	by: 'id' | 'email';
	value: string;
}

/** The statuses of a user without an open membership: where GET /users/{id} may refuse to answer. */
const CLOSED_STATUSES = 'Closed,Disabled';

export interface LookupOptions {
	/** The run's directory, so the group list is read once; without it the lookup reads the groups itself when needed. */
	directory?: Directory;
	/** The groups whose memberships the caller needs; default every custom group. An empty list: none. */
	groupIds?: string[];
}

/**
 * The memberships a run must know: 'all' where any custom group may be removed (Replace, Remove
 * From All, Suspend with Remove From Groups), else only the groups the items name (Add, Remove,
 * Group > Add/Remove Users); none for a write that touches no group.
 */
export function membershipsOf(
	directory: Directory,
	needs: Array<Array<{ id: string }> | 'all'>,
): LookupOptions {
	if (needs.includes('all')) return { directory };
	const ids = new Set<string>();
	for (const need of needs) if (need !== 'all') for (const group of need) ids.add(group.id);
	return { directory, groupIds: [...ids] };
}

const refKey = (ref: UserRef) => `${ref.by}:${ref.value.toLowerCase()}`;

/**
 * UNVERIFIED (docs/sources.md#list-users, docs/sources.md#s20): DocuSign may answer a user search without a match with an error
 * (USER_NOT_FOUND or USER_LACKS_MEMBERSHIP, as DocuSign's own sample expects) instead of an empty list.
 * Both forms mean "no such user"; so does an ID DocuSign calls invalid. In answer to a list, only
 * to the first page of a search (isUserSearch).
 */
export function isNoSuchUserError(errorCode: unknown): boolean {
	return (
		errorCode === 'USER_NOT_FOUND' ||
		errorCode === 'USER_LACKS_MEMBERSHIP' ||
		errorCode === 'INVALID_USERID'
	);
}

const errorCodeOf = (error: unknown): unknown =>
	(error as { context?: IDataObject }).context?.errorCode;

const isNoSuchUserAnswer = (error: unknown): boolean => isNoSuchUserError(errorCodeOf(error));

/** GET /users query parameters that narrow the list to users that may not exist (docs/sources.md#list-users). */
const SEARCH_FILTERS = ['email', 'email_substring', 'user_name_substring', 'group_id'];

/**
 * Whether a user list asks for a part of the account that may be empty: an e-mail, a name, a
 * group, some of the statuses. Only then can "no such user" mean "no match". A list of every user
 * (no filter, or every status) is never empty: the account holds at least the user the credential
 * signs in as.
 */
export function isUserSearch(qs: IDataObject = {}): boolean {
	if (SEARCH_FILTERS.some((name) => qs[name] !== undefined && qs[name] !== '')) return true;
	if (qs.status === undefined || qs.status === '') return false;
	const asked = new Set(
		String(qs.status)
			.split(',')
			.map((s) => s.trim().toLowerCase()),
	);
	return !EVERY_USER_STATUS.toLowerCase()
		.split(',')
		.every((status) => asked.has(status));
}

/** A user list read where "no match" may come back as an error: that error is an empty list. */
export async function listUsersOrNone(
	connection: Connection,
	page: PageRequest,
): Promise<IDataObject[]> {
	return (await listingOrNone(connection, page)).items;
}

/**
 * listUsersOrNone, saying whether the listing is complete (PageRequest.firstPageOnlyAbove). "No such
 * user" is an empty list only for the first page of a search; past it, the list shifted (paging.ts
 * reads it again). For a list of every user it cannot be true: an error that says so.
 */
async function listingOrNone(connection: Connection, page: PageRequest): Promise<Listing> {
	const { n8n, session } = connection;
	if (isUserSearch(page.qs))
		return await apiRequestListing.call(n8n, session, { ...page, noMatch: isNoSuchUserAnswer });
	return await apiRequestListing.call(n8n, session, page).catch((error: unknown) => {
		if (!isNoSuchUserAnswer(error)) throw error;
		const message = `DocuSign answered ${String(errorCodeOf(error))} to a list of every user of the account, while trying to ${page.what}`;
		throw new NodeApiError(n8n.getNode(), { message } as JsonObject, {
			message,
			description:
				'That code means "no such user" for a search; an account always has users (at least the one this credential signs in as), so it cannot mean an empty list here. Nothing was decided from it. Run the workflow again; if it keeps failing, check the Account ID of the credential and DocuSign\'s status page.',
			itemIndex: page.itemIndex,
		});
	});
}

/** Of several users with one email (older accounts allow it), the newest open one wins. */
function preferredUser(candidates: IDataObject[]): IDataObject | undefined {
	const open = candidates.filter((u) => !isClosedStatus(String(u.userStatus ?? '')));
	const pool = open.length ? open : candidates;
	return pool[pool.length - 1];
}

/**
 * UNVERIFIED (docs/sources.md#get-user): whether GET /users/{id} answers a closed membership or refuses it with
 * USER_LACKS_MEMBERSHIP is undocumented. On that answer the user is looked for among the account's closed users.
 */
async function closedUserById(
	connection: Connection,
	userId: string,
): Promise<IDataObject | undefined> {
	const { items } = await listingOrNone(connection, {
		path: '/users',
		key: 'users',
		qs: { status: CLOSED_STATUSES, additional_info: 'true' },
		what: 'find the closed user',
		until: { field: 'userId', value: userId },
	});
	return items.find((u) => String(u.userId ?? '').toLowerCase() === userId.toLowerCase());
}

async function fetchOne(connection: Connection, ref: UserRef): Promise<IDataObject | undefined> {
	const { n8n, session } = connection;
	try {
		if (ref.by === 'id') {
			return await apiRequest.call(n8n, session, {
				method: 'GET',
				path: `/users/${encodeURIComponent(ref.value)}`,
				qs: { additional_info: 'true' },
				idempotent: true,
				what: 'read the user',
			});
		}
		const { items } = await listingOrNone(connection, {
			path: '/users',
			key: 'users',
			qs: { email: ref.value, status: EVERY_USER_STATUS, additional_info: 'true' },
			what: 'find the user by email',
		});
		return preferredUser(items);
	} catch (error) {
		const code = errorCodeOf(error);
		if (ref.by === 'id' && code === 'USER_LACKS_MEMBERSHIP')
			return await closedUserById(connection, ref.value);
		if (isNoSuchUserError(code)) return undefined;
		throw new NodeApiError(n8n.getNode(), error as JsonObject);
	}
}

/**
 * UNVERIFIED (docs/sources.md#list-users): only GET /users/{id} is documented with `groupList`. A user read from a list
 * without it gets its groups from one GET /users/{id} each when that costs no more than the member lists
 * of the groups involved (each at least one call), otherwise from those member lists (GET
 * /groups/{groupId}/users, all pages, a few groups at a time), so a Remove or Replace never works from an empty set.
 */
export async function fillMemberships(
	connection: Connection,
	users: IDataObject[],
	options: LookupOptions,
): Promise<void> {
	const { n8n, session } = connection;
	const missing = new Map(
		users
			.filter((u) => !Array.isArray(u.groupList))
			.map((u) => [String(u.userId ?? '').toLowerCase(), u]),
	);
	if (!missing.size || options.groupIds?.length === 0) return;
	const directory = options.directory ?? new Directory(n8n, session);
	const wanted = options.groupIds?.map((id) => id.toLowerCase());
	const inScope = (list: Group[]) =>
		list.filter((g) => !g.builtIn && (!wanted || wanted.includes(g.id.toLowerCase())));
	let groups = inScope(await directory.groups());
	if (!groups.length) return;
	if (missing.size <= groups.length) {
		const open = [...missing.entries()];
		const reread: Array<IDataObject | undefined> = [];
		for (const window of windowsOf('lookups', open)) {
			const read = window.map(
				async ([, user]) =>
					await fetchOne(connection, { by: 'id', value: String(user.userId) }).catch(
						// One user's failed read: its groups come from the member lists below, like a closed user's.
						(error: unknown) => {
							if (isAccountWide(error)) throw error;
							return undefined;
						},
					),
			);
			reread.push(...(await Promise.all(read)));
		}
		open.forEach(([id, user], i) => {
			const groupList = reread[i]?.groupList;
			if (Array.isArray(groupList)) {
				user.groupList = groupList;
				missing.delete(id);
			}
		});
		// A closed user DocuSign answers only from a list (or one whose read failed): its groups still come from the member lists.
		if (!missing.size) return;
	}
	// Every custom group's members: then no cached list may hide a group created since.
	if (!wanted) groups = inScope(await directory.freshGroups());
	const memberships = new Map<string, IDataObject[]>([...missing.keys()].map((id) => [id, []]));
	const readMembers = async (group: Group) => {
		const members = await apiRequestAllItems.call(n8n, session, {
			path: `/groups/${encodeURIComponent(group.id)}/users`,
			key: 'users',
			what: `list the members of the group ${group.name}`,
		});
		for (const member of members) {
			memberships
				.get(String(member.userId ?? '').toLowerCase())
				?.push({ groupId: group.id, groupName: group.name, groupType: group.type });
		}
	};
	for (const window of windowsOf('lookups', groups)) await Promise.all(window.map(readMembers));
	for (const [id, user] of missing) user.groupList = memberships.get(id);
}

/** A user whose own read failed: the items that name it fail with `error`, the others carry on. */
export class LookupFailed {
	constructor(readonly error: unknown) {}
}

/** What lookupEach found per user: the user, undefined for no such user, or its failed read. */
export type FoundUsers = Map<string, IDataObject | undefined | LookupFailed>;

/**
 * Finds users by ID or email at the lowest call count: one call per user for a few, or one pass
 * over the account's user list (100 per page) once that is cheaper. Unknown users map to undefined;
 * a user whose own read failed maps to LookupFailed (userFrom throws its error), so only the items
 * naming it fail. A failed read that all share (the user list, a member list) or that concerns the
 * whole account fails the lookup.
 */
export async function lookupEach(
	connection: Connection,
	refs: UserRef[],
	options: LookupOptions = {},
): Promise<FoundUsers> {
	const found = await findUsers(connection, refs);
	await fillMemberships(
		connection,
		[...found.values()].filter(
			(u): u is IDataObject => u !== undefined && !(u instanceof LookupFailed),
		),
		options,
	);
	return found;
}

async function findUsers(connection: Connection, refs: UserRef[]): Promise<FoundUsers> {
	const found: FoundUsers = new Map();
	const wanted = [...new Map(refs.map((r) => [refKey(r), r])).values()];
	const firstPageIds = new Map<string, IDataObject>();
	if (wanted.length > 2) {
		const byId = new Map<string, IDataObject>();
		const byEmail = new Map<string, IDataObject[]>();
		// Past the first page, go on listing only while that is cheaper than asking per user: while
		// the pages left (total / page size - 1) are no more than the users wanted.
		const listing = await listingOrNone(connection, {
			path: '/users',
			key: 'users',
			qs: { status: EVERY_USER_STATUS, additional_info: 'true' },
			what: 'list the users',
			firstPageOnlyAbove: (wanted.length + 1) * MAX_PAGE_SIZE,
		});
		// Emails are indexed only when an item names its user by email.
		const byEmailToo = wanted.some((ref) => ref.by === 'email');
		for (const user of listing.items) {
			byId.set(String(user.userId).toLowerCase(), user);
			if (!byEmailToo) continue;
			const email = String(user.email ?? '').toLowerCase();
			const sameEmail = byEmail.get(email);
			if (sameEmail) sameEmail.push(user);
			else byEmail.set(email, [user]);
		}
		if (!listing.complete) for (const [id, user] of byId) firstPageIds.set(id, user);
		if (listing.complete) {
			for (const ref of wanted) {
				found.set(
					refKey(ref),
					ref.by === 'id'
						? byId.get(ref.value.toLowerCase())
						: preferredUser(byEmail.get(ref.value.toLowerCase()) ?? []),
				);
			}
			return found;
		}
	}
	// An ID seen on the first page needs no second read; an email might repeat on later pages.
	const rest: UserRef[] = [];
	for (const ref of wanted) {
		const seen = ref.by === 'id' ? firstPageIds.get(ref.value.toLowerCase()) : undefined;
		if (seen) found.set(refKey(ref), seen);
		else rest.push(ref);
	}
	const fetched: Array<IDataObject | undefined | LookupFailed> = [];
	const readOne = async (ref: UserRef) =>
		await fetchOne(connection, ref).catch((error: unknown) => {
			if (isAccountWide(error)) throw error;
			return new LookupFailed(error);
		});
	for (const window of windowsOf('lookups', rest))
		fetched.push(...(await Promise.all(window.map(readOne))));
	rest.forEach((ref, i) => found.set(refKey(ref), fetched[i]));
	return found;
}

/** What lookupEach found for a reference: the user, undefined for none, or its LookupFailed. */
export function lookedUp(found: FoundUsers, ref: UserRef): IDataObject | undefined | LookupFailed {
	return found.get(refKey(ref));
}

/** The user a reference names; undefined when there is none; throws the error of its failed read. */
export function userFrom(found: FoundUsers, ref: UserRef): IDataObject | undefined {
	const entry = lookedUp(found, ref);
	if (entry instanceof LookupFailed) throw entry.error;
	return entry;
}

export function userNotFound(
	n8n: IExecuteFunctions,
	itemIndex: number,
	ref: UserRef,
	parameter = 'User',
) {
	return apiErrorFor(
		n8n,
		itemIndex,
		ref.by === 'id'
			? `No DocuSign user has the ID "${ref.value}" in this account (parameter "${parameter}")`
			: `No DocuSign user has the email "${ref.value}" in this account (parameter "${parameter}")`,
		`Check "${parameter}": pick the user from the list, or check the value and the Account ID of the credential.`,
		{ errorCode: 'USER_NOT_FOUND' },
	);
}
