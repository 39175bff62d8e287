/** /users endpoints: list, get, create (newUsers, per-user errorDetails in a 201), bulk and single update (reopen), close. */
import { DsError, ErrorDetails, invalidBody, invalidParameter } from '../errors';
import { DS_NULL_DATE } from '../ids';
import { parsePage, pagingFields, slicePage } from '../paging';
import { newUserCreated, userInfo, userInformation } from '../shapes';
import { AccountStore, NewUserInput, USER_TEXT_FIELDS, UserPatch } from '../state';
import {
	DocuSignBehaviour,
	USER_STATUSES,
	SimRequest,
	SimResponse,
	SimUser,
	UserStatus,
} from '../types';
import {
	MAX_USERS_PER_BATCH,
	closedUserByIdError,
	defaultListStatuses,
	groupListOnUpdateError,
	listEntriesCarryGroupList,
	listEntriesCarryLastLogin,
	listWithoutMatchError,
	unknownUserError,
	updateOtherUserError,
} from '../unverified';
import { ADA } from '../seed';
import {
	JsonObject,
	checkKeys,
	isObject,
	optionalString,
	requireObjectBody,
	requireUserArray,
} from '../validate';

const MAX_NEW_USERS = 500;
const NEW_USER_FIELDS = [
	...USER_TEXT_FIELDS,
	'permissionProfileId',
	'permissionProfileName',
	'groupList',
	'activationAccessCode',
	'sendActivationEmail',
	'userSettings',
] as const;
const UPDATE_FIELDS = [
	'userId',
	...USER_TEXT_FIELDS,
	'permissionProfileId',
	'permissionProfileName',
	'userStatus',
	'activationAccessCode',
	'sendActivationEmail',
	'userSettings',
	'groupList',
] as const;
const GROUP_REF_FIELDS = ['groupId', 'groupName', 'groupType'];
const CLOSE_FIELDS = ['userId', 'userName', 'email'];
const CLOSE_DELETE_OPTIONS = ['groups', 'permissionset', 'signinggroupsemail'];

const usersPath = (account: AccountStore): string => `/v2.1/accounts/${account.accountId}/users`;
const splitList = (value: string | undefined): string[] =>
	(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
const isTrue = (value: string | undefined): boolean => (value ?? '').toLowerCase() === 'true';

// ---- GET /users ----

function parseStatuses(value: string | undefined): Set<UserStatus> | undefined {
	if (value === undefined) return undefined;
	const statuses = new Set<UserStatus>();
	for (const part of splitList(value)) {
		const status = USER_STATUSES.find((known) => known.toLowerCase() === part.toLowerCase());
		if (!status)
			throw invalidParameter(
				`Invalid value for status: '${part}'. Valid values: ${USER_STATUSES.join(', ')}.`,
			);
		statuses.add(status);
	}
	return statuses;
}

export function listUsers(
	req: SimRequest,
	account: AccountStore,
	_param: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const { query } = req;
	const page = parsePage(query, 100, 100);
	if (query.email !== undefined && query.email_substring !== undefined) {
		throw invalidParameter('The email and email_substring parameters cannot be used together.');
	}
	const statuses = parseStatuses(query.status) ?? defaultListStatuses(behaviour);
	const emailSubstring = query.email_substring?.toLowerCase();
	const nameSubstring = query.user_name_substring?.toLowerCase();
	const groups =
		query.group_id === undefined
			? undefined
			: splitList(query.group_id).map((id) => account.groupById(id));
	const filtered =
		statuses || emailSubstring || nameSubstring || groups || query.email !== undefined;

	let matching: readonly SimUser[];
	let pageUsers: SimUser[];
	if (!filtered) {
		// Unfiltered: page straight out of the ordered array, O(page).
		matching = account.users;
		pageUsers = account.users.slice(page.start, page.start + page.count);
	} else {
		const source = query.email !== undefined ? account.usersByEmail(query.email) : account.users;
		matching = source.filter(
			(user) =>
				(!statuses || statuses.has(user.status)) &&
				(!emailSubstring || user.email.toLowerCase().includes(emailSubstring)) &&
				(!nameSubstring || user.userName.toLowerCase().includes(nameSubstring)) &&
				(!groups || groups.some((group) => group !== undefined && account.isMember(group, user))),
		);
		pageUsers = slicePage(matching, page);
	}
	if (matching.length === 0) {
		const error = listWithoutMatchError(query, behaviour);
		if (error) throw error;
	}
	const additional = isTrue(query.additional_info);
	const withGroups = additional && listEntriesCarryGroupList(behaviour);
	const withoutLastLogin = !listEntriesCarryLastLogin(behaviour, isTrue(query.login_status));
	const users = pageUsers.map((user) =>
		userInformation(account, user, {
			groupList: withGroups,
			userSettings: additional,
			withoutLastLogin,
		}),
	);
	return {
		status: 200,
		json: {
			...(users.length ? { users } : {}),
			...pagingFields(usersPath(account), query, page, users.length, matching.length),
		},
	};
}

// ---- GET /users/{userId} ----

function requireUser(account: AccountStore, userId: string): SimUser {
	const user = account.userById(userId);
	if (!user) {
		const details = unknownUserError(userId);
		throw new DsError(400, details.errorCode, details.message);
	}
	return user;
}

export function getUser(
	_req: SimRequest,
	account: AccountStore,
	userId: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const user = requireUser(account, userId);
	const closedError = closedUserByIdError(user, behaviour);
	if (closedError) throw closedError;
	return {
		status: 200,
		json: userInformation(account, user, { groupList: true, userSettings: true }),
	};
}

// ---- POST /users ----

function readNewUser(entry: JsonObject, path: string): NewUserInput {
	checkKeys(entry, NEW_USER_FIELDS, path);
	const input: NewUserInput = {};
	for (const field of USER_TEXT_FIELDS) input[field] = optionalString(entry, field, path);
	input.permissionProfileId = optionalString(entry, 'permissionProfileId', path);
	input.permissionProfileName = optionalString(entry, 'permissionProfileName', path);
	input.activationAccessCode = optionalString(entry, 'activationAccessCode', path);
	optionalString(entry, 'sendActivationEmail', path); // accepted, not honoured (docs/sources.md#create-users)
	input.groupIds = readGroupList(entry.groupList, `${path}.groupList`);
	input.userSettings = readUserSettings(entry.userSettings, `${path}.userSettings`);
	return input;
}

function readGroupList(value: unknown, path: string): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw invalidBody(`'${path}' must be an array.`);
	return value.map((group, index) => {
		if (!isObject(group)) throw invalidBody(`'${path}[${index}]' must be an object.`);
		checkKeys(group, GROUP_REF_FIELDS, `${path}[${index}]`);
		const groupId = optionalString(group, 'groupId', `${path}[${index}]`);
		if (!groupId) throw invalidBody(`'${path}[${index}].groupId' is required.`);
		return groupId;
	});
}

function readUserSettings(value: unknown, path: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw invalidBody(`'${path}' must be an object.`);
	return value;
}

export function createUsers(req: SimRequest, account: AccountStore): SimResponse {
	const body = requireObjectBody(req.body);
	checkKeys(body, ['newUsers'], '');
	const entries = requireUserArray(body, 'newUsers', MAX_NEW_USERS);
	// Validate the whole body first: a malformed body creates nobody.
	const inputs = entries.map((entry, index) => readNewUser(entry, `newUsers[${index}]`));
	const now = Date.now();
	const newUsers = inputs.map((input) => {
		const outcome = account.createUser(input, now);
		if (outcome.ok) return newUserCreated(account, outcome.value);
		const existing = outcome.existing;
		return {
			...(existing ? { userId: existing.userId, uri: `/users/${existing.userId}` } : {}),
			email: input.email ?? '',
			userName: input.userName ?? '',
			createdDateTime: DS_NULL_DATE,
			errorDetails: outcome.error,
		};
	});
	return { status: 201, json: { newUsers } };
}

// ---- PUT /users and PUT /users/{userId} ----

function readPatch(entry: JsonObject, path: string): UserPatch {
	checkKeys(entry, UPDATE_FIELDS, path);
	if (entry.groupList !== undefined) throw groupListOnUpdateError();
	const patch: UserPatch = {};
	for (const field of USER_TEXT_FIELDS) {
		const value = optionalString(entry, field, path);
		if (value !== undefined) patch[field] = value;
	}
	for (const field of [
		'permissionProfileId',
		'permissionProfileName',
		'userStatus',
		'activationAccessCode',
	] as const) {
		const value = optionalString(entry, field, path);
		if (value !== undefined) patch[field] = value;
	}
	optionalString(entry, 'sendActivationEmail', path); // accepted, no effect
	const settings = readUserSettings(entry.userSettings, `${path}.userSettings`);
	if (settings) patch.userSettings = settings;
	return patch;
}

function updateOne(
	account: AccountStore,
	userId: string,
	patch: UserPatch,
	behaviour: DocuSignBehaviour,
): { user?: SimUser; error?: ErrorDetails } {
	if (!account.userById(userId)) return { error: unknownUserError(userId) };
	const outcome = account.updateUser(userId, patch, behaviour);
	return outcome.ok ? { user: outcome.value } : { error: outcome.error };
}

export function updateUsers(
	req: SimRequest,
	account: AccountStore,
	_param: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const body = requireObjectBody(req.body);
	checkKeys(body, ['users'], '');
	const entries = requireUserArray(body, 'users', MAX_USERS_PER_BATCH);
	const patches = entries.map((entry, index) => {
		const path = `users[${index}]`;
		const userId = optionalString(entry, 'userId', path);
		if (!userId) throw invalidBody(`'${path}.userId' is required.`);
		return { userId, patch: readPatch(entry, path) };
	});
	const users = patches.map(({ userId, patch }) => {
		const result = updateOne(account, userId, patch, behaviour);
		return result.user
			? userInformation(account, result.user, { groupList: false, userSettings: false })
			: { userId, errorDetails: result.error };
	});
	return { status: 200, json: { users } };
}

export function updateUser(
	req: SimRequest,
	account: AccountStore,
	userId: string,
	behaviour: DocuSignBehaviour,
): SimResponse {
	const body = requireObjectBody(req.body);
	const patch = readPatch(body, '');
	// The caller is the userinfo user (Ada) for every token the simulator issues.
	const refused = updateOtherUserError(ADA.userId, userId, behaviour);
	if (refused) throw refused;
	if (body.userId !== undefined && String(body.userId).toLowerCase() !== userId.toLowerCase()) {
		throw invalidBody('The userId in the body does not match the userId in the path.');
	}
	const result = updateOne(account, userId, patch, behaviour);
	if (!result.user) {
		const error = result.error as ErrorDetails;
		throw new DsError(400, error.errorCode, error.message);
	}
	return {
		status: 200,
		json: userInformation(account, result.user, { groupList: true, userSettings: true }),
	};
}

// ---- DELETE /users ----

export function closeUsers(req: SimRequest, account: AccountStore): SimResponse {
	const options = splitList(req.query.delete).map((option) => option.toLowerCase());
	const unknownOption = options.find((option) => !CLOSE_DELETE_OPTIONS.includes(option));
	if (unknownOption)
		throw invalidParameter(
			`Invalid value for delete: '${unknownOption}'. Valid values: Groups, PermissionSet, SigningGroupsEmail.`,
		);
	const stripGroups = options.includes('groups');
	const body = requireObjectBody(req.body);
	checkKeys(body, ['users'], '');
	const entries = requireUserArray(body, 'users', MAX_USERS_PER_BATCH);
	const userIds = entries.map((entry, index) => {
		checkKeys(entry, CLOSE_FIELDS, `users[${index}]`);
		const userId = optionalString(entry, 'userId', `users[${index}]`);
		if (!userId) throw invalidBody(`'users[${index}].userId' is required.`);
		return userId;
	});
	const users = userIds.map((userId) => {
		if (!account.userById(userId)) return { userId, errorDetails: unknownUserError(userId) };
		const outcome = account.closeUser(userId, stripGroups);
		return outcome.ok ? userInfo(outcome.value, 'closed') : { userId, errorDetails: outcome.error };
	});
	return { status: 200, json: { users } };
}
