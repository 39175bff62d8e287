/**
 * Every behaviour the DocuSign reference marks UNVERIFIED (or does not cover) lives here, one function per
 * choice, so a finding from a real DocuSign account changes one place. Each is listed in docs/known-limits.md.
 */
import { DsError, ErrorDetails, errorDetails } from './errors';
import { isGuid } from './ids';
import type { DocuSignBehaviour, SimGroup, SimUser, UserStatus } from './types';

/**
 * Every error code the simulator sends that no source shows DocuSign sending for that case, with what DocuSign is
 * known to send instead (if anything). Tests and test/simulator/README.md read this list; a new invented code belongs here.
 */
export const INVENTED_ERROR_CODES: Record<string, { usedFor: string; docuSignSends: string }> = {
	INVALID_USER_STATUS: {
		usedFor: 'a userStatus other than Active in a user update',
		docuSignSends: 'unknown; userStatus is not documented as writable',
	},
	GROUP_MEMBERSHIP_NOT_EDITABLE: {
		usedFor: 'PUT/DELETE members of Everyone or Administrators',
		docuSignSends:
			'unknown (docs/sources.md#built-in-groups: whether it is refused at all is UNVERIFIED)',
	},
	GROUP_NAME_ALREADY_EXISTS: {
		usedFor: 'POST /groups with the name of an existing group (switch duplicateGroupName)',
		docuSignSends: 'unknown; the spec does not say whether a duplicate name is refused',
	},
	GROUP_NOT_EDITABLE: {
		usedFor: 'PUT or DELETE /groups on Everyone or Administrators',
		docuSignSends:
			'unknown; DocuSign documents that built-in groups cannot be edited or deleted (docs/sources.md#built-in-groups)',
	},
	INVALID_GROUP_ID: {
		usedFor: 'an unknown group ID in groupList or in /groups/{groupId}/…',
		docuSignSends: 'unknown; no source shows the code',
	},
	INVALID_PERMISSION_PROFILE_ID: {
		usedFor: 'an unknown permissionProfileId on create / update',
		docuSignSends: 'unknown (docs/sources.md#errors: no PERMISSION_PROFILE… code in any source)',
	},
	INVALID_PERMISSION_PROFILE_NAME: {
		usedFor: 'an unknown permissionProfileName on create / update',
		docuSignSends: 'unknown (docs/sources.md#errors)',
	},
	EMAIL_CHANGE_NOT_ALLOWED: {
		usedFor: "an administrator changing another user's email",
		docuSignSends:
			'unknown; DocuSign documents the restriction (docs/sources.md#s19), not the code',
	},
	INVALID_USER_NAME_LENGTH: {
		usedFor: 'a name field over its length limit',
		docuSignSends: 'unknown; the spec documents the 50-character limits, not the error',
	},
	INVALID_USERNAME: {
		usedFor: 'a new user without userName',
		docuSignSends: 'unknown; the spec says userName is required',
	},
	INVALID_EMAIL_ADDRESS: {
		usedFor: 'a new user without a valid email',
		docuSignSends:
			'unknown; INVALID_EMAIL_ADDRESS_FOR_RECIPIENT exists for envelope recipients only',
	},
	INVALID_REQUEST_BODY: {
		usedFor: 'a malformed body, an unknown field, groupList on an update',
		docuSignSends: 'unknown; DocuSign ignores unknown fields',
	},
	INVALID_REQUEST_PARAMETER: {
		usedFor: 'a bad query value (count, start_position, status, delete)',
		docuSignSends: 'unknown',
	},
	RESOURCE_NOT_FOUND: {
		usedFor: 'a /restapi route the simulator does not know',
		docuSignSends: 'varies (HTTP 404 page or errorCode)',
	},
	UNSPECIFIED_ERROR: {
		usedFor: 'an injected per-user batch failure (fault failUsers)',
		docuSignSends: 'a per-user errorDetails with the real reason',
	},
	USER_LACKS_PERMISSIONS: {
		usedFor: 'PUT /users/{userId} for another user (switch updateOtherUser = refused)',
		docuSignSends:
			"unknown; the 2026 spec says a user cannot access another user's settings, and third-party code names USER_LACKS_PERMISSIONS",
	},
	domain_not_claimed: {
		usedFor: 'an Admin create with auto_activate_memberships outside the claimed domains',
		docuSignSends: 'unknown; DocuSign documents the rule (docs/sources.md#s14), not the refusal',
	},
	organization_policy: {
		usedFor: 'an Admin create refused by an organization policy (tests inject it)',
		docuSignSends: 'unknown',
	},
	user_already_exists_in_account: {
		usedFor: 'an Admin create for an e-mail with an open membership in the account',
		docuSignSends: 'unknown; eSignature sends USER_ALREADY_EXISTS_IN_ACCOUNT',
	},
	INJECTED_FAULT: {
		usedFor: 'an injected fault answer without an errorCode',
		docuSignSends: 'whatever the failing component sends (often no JSON at all)',
	},
	INTERNAL_SERVER_ERROR: {
		usedFor: 'a bug in the simulator itself (HTTP 500)',
		docuSignSends: 'unknown',
	},
};

/** Error codes from sources (docs/sources.md#errors, docs/sources.md#rate-limits): the only codes the node may key on. */
export const DOCUMENTED_ERROR_CODES = [
	'USER_ALREADY_EXISTS_IN_ACCOUNT',
	'USER_NOT_FOUND',
	'USER_LACKS_MEMBERSHIP',
	'INVALID_USERID',
	'AUTHORIZATION_INVALID_TOKEN',
	'ACCOUNT_LACKS_PERMISSIONS',
	'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
	'BURST_APIINVOCATION_LIMIT_EXCEEDED',
];

/** The behaviour when nothing is configured: the best evidence for each unknown (see DocuSignBehaviour). */
export const DEFAULT_BEHAVIOUR: DocuSignBehaviour = {
	reopenResult: 'ActivationSent',
	listNoMatch: 'error',
	closedUserById: 'user',
	listGroupList: false,
	defaultStatusFilter: 'all',
	adminMembershipId: 'listed',
	adminClosedMemberships: 'listed',
	adminCreateRefusal: '400',
	adminCreateStatus: 'active',
	adminCreateExisting: 'refused',
	updateOtherUser: 'allowed',
	groupUsersEcho: 'full',
	closedGroupMembers: 'listed',
	modifiedSinceProfile: true,
	modifiedSinceStatus: true,
	modifiedSincePermissionProfile: true,
	modifiedSinceGroups: true,
	modifiedSinceNewUsers: true,
	duplicateGroupName: 'error',
	listLastLogin: 'always',
};

/** The value of each switch that makes DocuSign hardest for the node (variants.test.ts runs them all at once). */
export const PESSIMISTIC_BEHAVIOUR: DocuSignBehaviour = {
	reopenResult: 'ActivationSent',
	listNoMatch: 'errorAnyFilter',
	closedUserById: 'USER_LACKS_MEMBERSHIP',
	listGroupList: false,
	defaultStatusFilter: 'withoutClosed',
	adminMembershipId: 'profileOnly',
	adminClosedMemberships: 'omitted',
	adminCreateRefusal: '403',
	adminCreateStatus: 'pending',
	adminCreateExisting: 'answered',
	updateOtherUser: 'refused',
	groupUsersEcho: 'empty',
	closedGroupMembers: 'omitted',
	modifiedSinceProfile: false,
	modifiedSinceStatus: false,
	modifiedSincePermissionProfile: false,
	modifiedSinceGroups: false,
	modifiedSinceNewUsers: false,
	duplicateGroupName: 'allow',
	listLastLogin: 'never',
};

const BEHAVIOUR_VALUES: { [K in keyof DocuSignBehaviour]: readonly DocuSignBehaviour[K][] } = {
	reopenResult: ['ActivationSent', 'Active', 'ignored'],
	listNoMatch: ['error', 'errorAnyFilter', 'empty'],
	closedUserById: ['user', 'USER_LACKS_MEMBERSHIP'],
	listGroupList: [true, false],
	defaultStatusFilter: ['all', 'withoutClosed'],
	adminMembershipId: ['listed', 'profileOnly', 'nowhere'],
	adminClosedMemberships: ['listed', 'omitted'],
	adminCreateRefusal: ['400', '403'],
	adminCreateStatus: ['active', 'pending'],
	adminCreateExisting: ['refused', 'answered'],
	updateOtherUser: ['allowed', 'refused'],
	groupUsersEcho: ['full', 'empty', 'partial'],
	closedGroupMembers: ['listed', 'omitted'],
	modifiedSinceProfile: [true, false],
	modifiedSinceStatus: [true, false],
	modifiedSincePermissionProfile: [true, false],
	modifiedSinceGroups: [true, false],
	modifiedSinceNewUsers: [true, false],
	duplicateGroupName: ['error', 'allow'],
	listLastLogin: ['always', 'withLoginStatus', 'never'],
};

/** Every value of every switch (variants.test.ts runs one variant per value). */
export const BEHAVIOUR_CHOICES: {
	readonly [K in keyof DocuSignBehaviour]: readonly DocuSignBehaviour[K][];
} = BEHAVIOUR_VALUES;

/** A behaviour patch checked value by value (the control API takes it from JSON); throws naming the bad switch. */
export function checkBehaviour(patch: unknown): Partial<DocuSignBehaviour> {
	if (patch === undefined) return {};
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
		throw new Error('behaviour must be an object.');
	for (const [key, value] of Object.entries(patch)) {
		const allowed = (BEHAVIOUR_VALUES as Record<string, readonly unknown[]>)[key];
		if (!allowed)
			throw new Error(
				`Unknown behaviour switch '${key}'. Known: ${Object.keys(BEHAVIOUR_VALUES).join(', ')}.`,
			);
		if (!allowed.includes(value))
			throw new Error(
				`behaviour.${key} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}.`,
			);
	}
	return patch as Partial<DocuSignBehaviour>;
}

/** A path account that is not one of the simulator's accounts (real code for this case not documented). */
export function unknownAccountError(accountId: string): DsError {
	return new DsError(
		400,
		'ACCOUNT_LACKS_PERMISSIONS',
		`This account lacks sufficient permissions or does not exist: ${accountId}.`,
	);
}

/** GET/PUT /users/{userId} with an ID that is not a user of the account. */
export function unknownUserError(userId: string): ErrorDetails {
	return isGuid(userId)
		? errorDetails('USER_NOT_FOUND', 'Invalid UserId.')
		: errorDetails('INVALID_USERID', 'Invalid Userid.');
}

const LIST_FILTERS = ['email', 'email_substring', 'user_name_substring', 'status', 'group_id'];

/**
 * GET /users with filters that match nobody (switch `listNoMatch`): null means "answer the normal empty list"
 * (200, resultSetSize "0", no `users` key). DocuSign's sample (docs/sources.md#s20) expects USER_NOT_FOUND or USER_LACKS_MEMBERSHIP
 * for an `email` miss; the HTTP status (400) comes from third-party code only.
 */
export function listWithoutMatchError(
	query: Record<string, string>,
	behaviour: DocuSignBehaviour,
): DsError | null {
	if (behaviour.listNoMatch === 'empty') return null;
	const filtered =
		behaviour.listNoMatch === 'error'
			? query.email !== undefined
			: LIST_FILTERS.some((name) => query[name] !== undefined);
	return filtered ? new DsError(400, 'USER_NOT_FOUND', 'Invalid UserId.') : null;
}

/** GET /users without `status` (switch `defaultStatusFilter`): the statuses DocuSign lists by default; undefined = all. */
export function defaultListStatuses(behaviour: DocuSignBehaviour): Set<UserStatus> | undefined {
	return behaviour.defaultStatusFilter === 'all'
		? undefined
		: new Set<UserStatus>(['Active', 'ActivationSent', 'ActivationRequired', 'Disabled']);
}

/** Whether GET /users list entries carry `groupList` with additional_info=true (switch `listGroupList`). */
export function listEntriesCarryGroupList(behaviour: DocuSignBehaviour): boolean {
	return behaviour.listGroupList;
}

/** The kinds of change the simulator stamps per user (test/simulator/modifications.ts). */
export type ModificationKind = 'profile' | 'status' | 'permissionProfile' | 'groups' | 'created';

/**
 * Whether a change of this kind lists the user in the Admin API's `last_modified_since` answer (switches
 * `modifiedSince…`): DocuSign documents only "users whose data have been modified since the date specified" (docs/sources.md#modified-since).
 */
export function modifiedSinceCovers(kind: ModificationKind, behaviour: DocuSignBehaviour): boolean {
	switch (kind) {
		case 'profile':
			return behaviour.modifiedSinceProfile;
		case 'status':
			return behaviour.modifiedSinceStatus;
		case 'permissionProfile':
			return behaviour.modifiedSincePermissionProfile;
		case 'groups':
			return behaviour.modifiedSinceGroups;
		case 'created':
			return behaviour.modifiedSinceNewUsers;
	}
}

/** GET /users/{id} of a Closed user (switch `closedUserById`): null = answer the user. */
export function closedUserByIdError(user: SimUser, behaviour: DocuSignBehaviour): DsError | null {
	if (user.status !== 'Closed' || behaviour.closedUserById === 'user') return null;
	return new DsError(
		400,
		'USER_LACKS_MEMBERSHIP',
		'The UserID does not have a valid membership in this Account.',
	);
}

/**
 * POST /users duplicate rule. DocuSign documents the userName+email pair; the simulator is stricter and treats the
 * same email (case-insensitive) as an existing non-closed user of the account as a duplicate, whatever the userName.
 * A Closed user with that email does not block the create: a new membership (new userId) is made.
 */
export function findDuplicateForNewUser(sameEmailUsers: readonly SimUser[]): SimUser | undefined {
	return [...sameEmailUsers].reverse().find((user) => user.status !== 'Closed');
}

export function duplicateUserError(): ErrorDetails {
	return errorDetails(
		'USER_ALREADY_EXISTS_IN_ACCOUNT',
		'Username and email combination already exists for this account.',
	);
}

/**
 * The reopen rule: `userStatus:"Active"` on PUT /users/{id} (Users:update, which the current spec names for
 * re-opening) or on PUT /users. No source documents userStatus as writable, nor the result: switch `reopenResult`
 * decides it (ActivationSent by default, docs/sources.md#s16). Groups and profile are kept (unless stripped on close); "Active" on a
 * non-closed user changes nothing (a pending user cannot be activated for them). Any other requested status is
 * refused with the invented INVALID_USER_STATUS.
 */
export function applyReopen(
	user: SimUser,
	requestedStatus: string,
	behaviour: DocuSignBehaviour,
): { status: UserStatus } | { error: ErrorDetails } {
	if (requestedStatus.toLowerCase() !== 'active') {
		return {
			error: errorDetails(
				'INVALID_USER_STATUS',
				`userStatus '${requestedStatus}' cannot be set; only 'Active' (reopen) is supported. Close users with DELETE /users.`,
			),
		};
	}
	if (user.status !== 'Closed') return { status: user.status };
	if (behaviour.reopenResult === 'ignored') return { status: 'Closed' };
	return { status: behaviour.reopenResult };
}

/** Changing fields of a Closed user without reopening it in the same request. */
export function closedUserUpdateError(): ErrorDetails {
	return errorDetails(
		'USER_LACKS_MEMBERSHIP',
		'The UserID does not have a valid membership in this Account.',
	);
}

/** An admin changing another user's email through eSignature is not allowed without SSO / a claimed domain (docs/sources.md#email-changes). */
export function emailChangeError(): ErrorDetails {
	return errorDetails(
		'EMAIL_CHANGE_NOT_ALLOWED',
		"An account administrator cannot change another user's email address.",
	);
}

/** Unknown permissionProfileId / permissionProfileName on create or update (no documented code). */
export function unknownProfileError(
	field: 'permissionProfileId' | 'permissionProfileName',
	value: string,
): ErrorDetails {
	return field === 'permissionProfileId'
		? errorDetails('INVALID_PERMISSION_PROFILE_ID', `Invalid permission profile ID: ${value}.`)
		: errorDetails('INVALID_PERMISSION_PROFILE_NAME', `Invalid permission profile name: ${value}.`);
}

/** When both are sent, permissionProfileId wins over permissionProfileName (precedence undocumented). */
export function profileIdWinsOverName(): boolean {
	return true;
}

/** Unknown group ID in groupList (per-user) or in a /groups/{groupId} path (whole request). */
export function unknownGroupError(groupId: string): ErrorDetails {
	return errorDetails('INVALID_GROUP_ID', `Invalid group ID: ${groupId}.`);
}

/** PUT/DELETE /groups/{id}/users on Everyone or Administrators (their membership is derived, docs/sources.md#built-in-groups). */
export function builtInGroupMembershipError(group: SimGroup): DsError {
	return new DsError(
		400,
		'GROUP_MEMBERSHIP_NOT_EDITABLE',
		`Membership of the built-in group '${group.groupName}' cannot be changed.`,
	);
}

/** PUT or DELETE /groups on a built-in group: refused per group ("cannot be edited or deleted", docs/sources.md#built-in-groups). */
export function builtInGroupEditError(group: SimGroup): ErrorDetails {
	return errorDetails(
		'GROUP_NOT_EDITABLE',
		`The built-in group '${group.groupName}' cannot be edited or deleted.`,
	);
}

/** POST /groups with a name the account already has (case-insensitive): refused per group, or a second group. */
export function duplicateGroupNameError(
	existing: SimGroup,
	behaviour: DocuSignBehaviour,
): ErrorDetails | null {
	if (behaviour.duplicateGroupName === 'allow') return null;
	return errorDetails(
		'GROUP_NAME_ALREADY_EXISTS',
		`A group named '${existing.groupName}' already exists.`,
	);
}

/** Whether GET /users list entries carry `lastLogin` (switch listLastLogin; the user read always does). */
export function listEntriesCarryLastLogin(
	behaviour: DocuSignBehaviour,
	loginStatus: boolean,
): boolean {
	return (
		behaviour.listLastLogin === 'always' ||
		(behaviour.listLastLogin === 'withLoginStatus' && loginStatus)
	);
}

/** Built-in group membership: Everyone holds every user of the account (any status); Administrators every user with an administrator profile. */
export function builtInGroupIncludes(group: SimGroup, user: SimUser, isAdmin: boolean): boolean {
	return group.groupType === 'EveryoneGroup' || (group.groupType === 'AdminGroup' && isAdmin);
}

/** `groupList` on an update: replace-vs-merge is undocumented, so the simulator refuses it loudly; use /groups/{id}/users. */
export function groupListOnUpdateError(): DsError {
	return new DsError(
		400,
		'INVALID_REQUEST_BODY',
		'groupList on a user update is not supported by the simulator (semantics UNVERIFIED at DocuSign); use PUT/DELETE /groups/{groupId}/users.',
	);
}

/**
 * Strict body check: DocuSign silently ignores unknown fields, the simulator answers 400 so a misspelt field fails
 * a test. `userSettings` content is not checked (DocuSign has ~120 settings).
 */
export function unknownFieldError(fieldPath: string): DsError {
	return new DsError(
		400,
		'INVALID_REQUEST_BODY',
		`The request contained at least one invalid parameter. Unknown field: '${fieldPath}'.`,
	);
}

/** `endPosition` of an empty page: the start position (DocuSign's value for an empty page is undocumented). */
export function endPositionOf(start: number, size: number): number {
	return size === 0 ? start : start + size - 1;
}

/** `Retry-After` on a burst rejection (not documented by DocuSign): seconds until the burst window resets. */
export function burstRetryAfterSeconds(windowEndsAt: number, now: number): number {
	return Math.max(1, Math.ceil((windowEndsAt - now) / 1000));
}

/** An /restapi path that matches no route (DocuSign's answer varies). */
export function unknownRouteError(method: string, path: string): DsError {
	return new DsError(404, 'RESOURCE_NOT_FOUND', `No resource matches ${method} ${path}.`);
}

/** Max users in one PUT /users, DELETE /users or group membership call (undocumented; POST /users is 500 per the spec). */
export const MAX_USERS_PER_BATCH = 500;

/** Name limits: firstName, lastName, middleName, suffixName are documented at 50 (docs/sources.md#s1 descriptions). */
export const DOCUMENTED_NAME_MAX_LENGTH = 50;
/**
 * userName, company and jobTitle: no source (spec, SDK models, docs) gives a limit. The simulator enforces the
 * conservative 50 the node also applies (nodes/DocuSign/users/validate.ts), so the two stay in step.
 */
export const UNDOCUMENTED_TEXT_MAX_LENGTH = 50;

/** A text field over its limit (the code is invented, the 50-character limits of the name fields are documented). */
export function textTooLongError(field: string, max: number): ErrorDetails {
	return errorDetails(
		'INVALID_USER_NAME_LENGTH',
		`${field} exceeds the maximum length of ${max} characters.`,
	);
}

/**
 * The Admin API's refusal of an auto-activation (switch `adminCreateRefusal`: the HTTP status). The code is
 * invented: DocuSign documents that auto-activation needs a claimed domain (docs/sources.md#s14), not how it refuses.
 */
export function autoActivationRefusal(
	reason: 'domain_not_claimed' | 'organization_policy',
	detail: string,
	behaviour: DocuSignBehaviour,
): { status: number; error: string; description: string } {
	return { status: Number(behaviour.adminCreateRefusal), error: reason, description: detail };
}

/** Status of a user the Admin API created with auto_activate_memberships (switch `adminCreateStatus`). */
export function autoActivatedStatus(behaviour: DocuSignBehaviour): UserStatus {
	return behaviour.adminCreateStatus === 'active' ? 'Active' : 'ActivationSent';
}

/** Admin list entry's `membership_id` and profile membership's `id` (switch `adminMembershipId`). */
export function adminMembershipIds(
	membershipId: string,
	behaviour: DocuSignBehaviour,
): { listed: string | null; profile: string | undefined } {
	if (behaviour.adminMembershipId === 'listed')
		return { listed: membershipId, profile: membershipId };
	if (behaviour.adminMembershipId === 'profileOnly') return { listed: null, profile: membershipId };
	return { listed: null, profile: undefined };
}

/** Admin GET /users membership statuses listed without `membership_status` (switch `adminClosedMemberships`); undefined = all. */
export function adminDefaultMembershipStatuses(
	behaviour: DocuSignBehaviour,
): Set<UserStatus> | undefined {
	return behaviour.adminClosedMemberships === 'listed'
		? undefined
		: new Set<UserStatus>(['Active', 'ActivationSent', 'ActivationRequired', 'Disabled']);
}

/** PUT /users/{userId} for a user other than the caller (switch `updateOtherUser`): null = allowed. */
export function updateOtherUserError(
	callerUserId: string,
	userId: string,
	behaviour: DocuSignBehaviour,
): DsError | null {
	if (
		behaviour.updateOtherUser === 'allowed' ||
		callerUserId.toLowerCase() === userId.toLowerCase()
	)
		return null;
	return new DsError(
		400,
		'USER_LACKS_PERMISSIONS',
		"This user lacks sufficient permissions to access another user's settings.",
	);
}

/** Which answered entries of PUT/DELETE /groups/{id}/users are echoed (switch `groupUsersEcho`). */
export function groupEchoKeeps(changed: boolean, behaviour: DocuSignBehaviour): boolean {
	return behaviour.groupUsersEcho === 'full' || (behaviour.groupUsersEcho === 'partial' && changed);
}

/** Whether a Closed user appears in GET /groups/{id}/users (switch `closedGroupMembers`). */
export function groupListsClosedMember(user: SimUser, behaviour: DocuSignBehaviour): boolean {
	return user.status !== 'Closed' || behaviour.closedGroupMembers === 'listed';
}
