/** /groups endpoints: list, create, rename and delete groups; list, add and remove members (built-in groups refuse changes). */
import { DsError, invalidBody } from '../errors';
import { parsePage, pagingFields, slicePage } from '../paging';
import { groupRef, userInfo } from '../shapes';
import type { AccountStore } from '../state';
import type { DocuSignBehaviour, SimGroup, SimRequest, SimResponse, SimUser } from '../types';
import {
	MAX_USERS_PER_BATCH,
	builtInGroupEditError,
	builtInGroupMembershipError,
	duplicateGroupNameError,
	groupEchoKeeps,
	groupListsClosedMember,
	unknownGroupError,
	unknownProfileError,
	unknownUserError,
} from '../unverified';
import type { JsonObject } from '../validate';
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

const GROUP_WRITE_FIELDS = ['groupId', 'groupName', 'permissionProfileId', 'groupType'];

/** The `groups` array of a POST/PUT/DELETE /groups body (groupInformation), each entry with known keys only. */
function readGroupEntries(req: SimRequest): JsonObject[] {
	const body = requireObjectBody(req.body);
	checkKeys(body, ['groups'], '');
	return requireUserArray(body, 'groups', MAX_USERS_PER_BATCH).map((entry, index) => {
		checkKeys(entry, GROUP_WRITE_FIELDS, `groups[${index}]`);
		return entry;
	});
}

/** An entry's groupId that names a group of the account, or that entry's errorDetails answer. */
function groupOfEntry(
	account: AccountStore,
	entry: JsonObject,
	index: number,
): SimGroup | Record<string, unknown> {
	const groupId = optionalString(entry, 'groupId', `groups[${index}]`);
	if (!groupId) throw invalidBody(`'groups[${index}].groupId' is required.`);
	const group = account.groupById(groupId);
	if (!group) return { groupId, errorDetails: unknownGroupError(groupId) };
	if (group.groupType !== 'CustomGroup')
		return { ...groupRef(account, group), errorDetails: builtInGroupEditError(group) };
	return group;
}

const isSimGroup = (value: SimGroup | Record<string, unknown>): value is SimGroup =>
	typeof (value as SimGroup).groupType === 'string' && !('errorDetails' in value);

/** POST /groups: creates custom groups; each entry answers for itself (201 groupInformation). */
export function createGroups(
	req: SimRequest,
	account: AccountStore,
	_param: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const groups = readGroupEntries(req).map((entry, index) => {
		const groupName = optionalString(entry, 'groupName', `groups[${index}]`)?.trim();
		if (!groupName) throw invalidBody(`'groups[${index}].groupName' is required.`);
		const existing = account.groupByName(groupName);
		const duplicate = existing && duplicateGroupNameError(existing, behaviour);
		if (duplicate) return { groupName, errorDetails: duplicate };
		const profileId = optionalString(entry, 'permissionProfileId', `groups[${index}]`);
		if (profileId && !account.profileById(profileId))
			return { groupName, errorDetails: unknownProfileError('permissionProfileId', profileId) };
		return groupRef(account, account.createGroup(groupName, profileId ?? ''));
	});
	return { status: 201, json: { groups } };
}

/** PUT /groups: renames custom groups (and sets their permission profile); built-in groups refuse. */
export function updateGroups(req: SimRequest, account: AccountStore): SimResponse {
	const groups = readGroupEntries(req).map((entry, index) => {
		const group = groupOfEntry(account, entry, index);
		if (!isSimGroup(group)) return group;
		const groupName = optionalString(entry, 'groupName', `groups[${index}]`)?.trim();
		if (groupName) group.groupName = groupName;
		const profileId = optionalString(entry, 'permissionProfileId', `groups[${index}]`);
		if (profileId) group.permissionProfileId = profileId;
		return groupRef(account, group);
	});
	return { status: 200, json: { groups } };
}

/** DELETE /groups: deletes custom groups with their memberships (UNVERIFIED: DocuSign documents no refusal for members). */
export function deleteGroups(req: SimRequest, account: AccountStore): SimResponse {
	const groups = readGroupEntries(req).map((entry, index) => {
		const group = groupOfEntry(account, entry, index);
		if (!isSimGroup(group)) return group;
		const answer = groupRef(account, group);
		account.deleteGroup(group);
		return answer;
	});
	return { status: 200, json: { groups } };
}
