/** Reads the account's current picture for the trigger, through the transport only. */
import type { IDataObject } from 'n8n-workflow';

import { windowsOf } from '../transport/pacing';
import type { Group } from '../users/model';
import { EVERY_USER_STATUS } from '../users/model';
import { toGroup } from '../users/directory';
import type { DocuSignContext, Session } from '../transport';
import { apiRequestAllItems, apiRequestListing } from '../transport';

/**
 * UNVERIFIED: DocuSign does not say whether GET /users without `status` lists closed users, so every
 * status is asked for: a user closed between two polls must stay in the list to be reported.
 */

export async function listAllUsers(n8n: DocuSignContext, session: Session): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(n8n, session, {
		path: '/users',
		key: 'users',
		qs: { additional_info: 'true', status: EVERY_USER_STATUS },
		what: 'list the users',
	});
}

export async function listCustomGroups(n8n: DocuSignContext, session: Session): Promise<Group[]> {
	const groups = await apiRequestAllItems.call(n8n, session, {
		path: '/groups',
		key: 'groups',
		qs: { include_usercount: 'false' },
		what: 'list the groups',
	});
	return groups.map(toGroup).filter((g) => !g.builtIn);
}

/**
 * Custom group memberships from GET /groups/{id}/users, the documented source (a user list's groupList is
 * not documented for lists): one paged read per group, so ceil(members / 100) calls each, at least one.
 * Returns lower-case user ID -> groups.
 */
export async function readMemberships(
	n8n: DocuSignContext,
	session: Session,
	groups: Group[],
): Promise<Map<string, Group[]>> {
	const byUser = new Map<string, Group[]>();
	const membersOf = async (group: Group) =>
		await apiRequestAllItems.call(n8n, session, {
			path: `/groups/${encodeURIComponent(group.id)}/users`,
			key: 'users',
			what: `list the members of the group ${group.name}`,
		});
	const lists: IDataObject[][] = [];
	for (const window of windowsOf('triggerGroups', groups))
		lists.push(...(await Promise.all(window.map(membersOf))));
	groups.forEach((group, i) => {
		for (const member of lists[i]) {
			const id = String(member.userId ?? '').toLowerCase();
			if (!id) continue;
			const list = byUser.get(id) ?? [];
			if (!list.some((g) => g.id === group.id)) list.push(group);
			byUser.set(id, list);
		}
	});
	return byUser;
}

/**
 * The account's users whose data DocuSign's Admin API lists as modified since `since` (ISO 8601 with
 * offset, as DocuSign's user-audit example sends it): their IDs, lower case. What counts as a
 * modification is undocumented (see the full reconciliation). `tooMany` when more than `most` are
 * listed: reading each would cost more than reading the whole account.
 */
export async function listModifiedSince(
	n8n: DocuSignContext,
	session: Session,
	since: string,
	most: number,
): Promise<string[] | 'tooMany'> {
	const { items: users, complete } = await apiRequestListing.call(n8n, session, {
		api: 'admin',
		path: '/users',
		key: 'users',
		qs: { account_id: session.account.accountId, last_modified_since: since },
		what: 'list the users modified since the last poll',
		firstPageOnlyAbove: most,
	});
	if (!complete || users.length > most) return 'tooMany';
	return [...new Set(users.map((u) => String(u.id ?? '').toLowerCase()).filter(Boolean))];
}

/** One user page of one user, for Fetch Test Event before any state exists. */
export async function readOneUser(
	n8n: DocuSignContext,
	session: Session,
): Promise<IDataObject | undefined> {
	const [user] = await apiRequestAllItems.call(n8n, session, {
		path: '/users',
		key: 'users',
		qs: { additional_info: 'true', status: EVERY_USER_STATUS },
		limit: 1,
		what: 'read a user for the sample',
	});
	return user;
}
