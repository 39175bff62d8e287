/** /groups endpoints: list groups, list members, add / remove members (built-in groups refuse changes). */
import { DsError, invalidBody } from '../errors';
import { parsePage, pagingFields, slicePage } from '../paging';
import { groupRef, userInfo } from '../shapes';
import type { AccountStore } from '../state';
import type { DocuSignBehaviour, SimGroup, SimRequest, SimResponse, SimUser } from '../types';
import {
	MAX_USERS_PER_BATCH,
	builtInGroupMembershipError,
	groupEchoKeeps,
	groupListsClosedMember,
	unknownGroupError,
	unknownUserError,
} from '../unverified';
import { checkKeys, optionalString, requireObjectBody, requireUserArray } from '../validate';

const MEMBER_FIELDS = ['userId', 'userName', 'email'];

export function listGroups(req: SimRequest, account: AccountStore): SimResponse {
	const { query } = req;
	const page = parsePage(query, 100, 100);
	const type = query.group_type?.toLowerCase();
	const search = query.search_text?.toLowerCase();
	const withCount = (query.include_usercount ?? 'true').toLowerCase() !== 'false';
	const matching = account.groups.filter(
		(group) =>
			(!type || group.groupType.toLowerCase() === type) &&
			(!search || group.groupName.toLowerCase().includes(search)),
	);
	const groups = slicePage(matching, page).map((group) => groupRef(account, group, withCount));
	return {
		status: 200,
		json: {
			...(groups.length ? { groups } : {}),
			...pagingFields(
				`/v2.1/accounts/${account.accountId}/groups`,
				query,
				page,
				groups.length,
				matching.length,
			),
		},
	};
}

function requireGroup(account: AccountStore, groupId: string): SimGroup {
	const group = account.groupById(groupId);
	if (!group) {
		const details = unknownGroupError(groupId);
		throw new DsError(400, details.errorCode, details.message);
	}
	return group;
}

export function listGroupUsers(
	req: SimRequest,
	account: AccountStore,
	groupId: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const group = requireGroup(account, groupId);
	const page = parsePage(req.query, 50, 100);
	const members = [...account.memberIterator(group)].filter((user) =>
		groupListsClosedMember(user, behaviour),
	);
	const users = slicePage(members, page).map((user) => userInfo(user));
	return {
		status: 200,
		json: {
			...(users.length ? { users } : {}),
			...pagingFields(
				`/v2.1/accounts/${account.accountId}/groups/${group.groupId}/users`,
				req.query,
				page,
				users.length,
				members.length,
			),
		},
	};
}

function readMemberIds(req: SimRequest): string[] {
	const body = requireObjectBody(req.body);
	checkKeys(body, ['users'], '');
	return requireUserArray(body, 'users', MAX_USERS_PER_BATCH).map((entry, index) => {
		checkKeys(entry, MEMBER_FIELDS, `users[${index}]`);
		const userId = optionalString(entry, 'userId', `users[${index}]`);
		if (!userId) throw invalidBody(`'users[${index}].userId' is required.`);
		return userId;
	});
}

/**
 * Shared by add and remove: idempotent per user, unknown users get errorDetails. What the answer echoes is
 * undocumented (switch `groupUsersEcho`); errors are always answered.
 */
function changeMembership(
	req: SimRequest,
	account: AccountStore,
	groupId: string,
	behaviour: DocuSignBehaviour,
	apply: (group: SimGroup, user: SimUser) => boolean,
): SimResponse {
	const group = requireGroup(account, groupId);
	if (group.groupType !== 'CustomGroup') throw builtInGroupMembershipError(group);
	const users = readMemberIds(req).flatMap((userId) => {
		const user = account.userById(userId);
		if (!user) return [{ userId, errorDetails: unknownUserError(userId) }];
		const changed = apply(group, user);
		return groupEchoKeeps(changed, behaviour) ? [userInfo(user)] : [];
	});
	return { status: 200, json: users.length ? { users } : {} };
}

export function addGroupUsers(
	req: SimRequest,
	account: AccountStore,
	groupId: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	return changeMembership(req, account, groupId, behaviour, (group, user) => {
		const changed = !user.groupIds.has(group.groupId);
		account.addToGroup(group.groupId, user);
		return changed;
	});
}

export function removeGroupUsers(
	req: SimRequest,
	account: AccountStore,
	groupId: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	return changeMembership(req, account, groupId, behaviour, (group, user) => {
		const changed = user.groupIds.has(group.groupId);
		account.removeFromGroup(group.groupId, user);
		return changed;
	});
}
