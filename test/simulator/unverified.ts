/**
 * Every behaviour the DocuSign reference marks UNVERIFIED (or does not cover) lives here, one function per
 * choice, so a finding from a real DocuSign account changes one place. Each is listed in README.md.
 */
import { DsError, ErrorDetails, errorDetails } from './errors';
import { isGuid } from './ids';
import type { SimGroup, SimUser, UserStatus } from './types';

/** A path account that is not one of the simulator's accounts (real code for this case not documented). */
export function unknownAccountError(accountId: string): DsError {
	return new DsError(400, 'ACCOUNT_LACKS_PERMISSIONS', `This account lacks sufficient permissions or does not exist: ${accountId}.`);
}

/** GET/PUT /users/{userId} with an ID that is not a user of the account. */
export function unknownUserError(userId: string): ErrorDetails {
	return isGuid(userId)
		? errorDetails('USER_NOT_FOUND', 'Invalid UserId.')
		: errorDetails('INVALID_USERID', 'Invalid Userid.');
}

/**
 * GET /users?email=x that matches nobody: null means "answer the normal empty list" (200, resultSetSize "0",
 * no `users` key). Return a DsError instead to model the 400 USER_NOT_FOUND some third-party code reports.
 */
export function emailFilterWithoutMatch(_email: string): DsError | null {
	return null;
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
	return errorDetails('USER_ALREADY_EXISTS_IN_ACCOUNT', 'Username and email combination already exists for this account.');
}

/**
 * The reopen rule (body `{"users":[{"userId":"…","userStatus":"Active"}]}` on PUT /users or PUT /users/{id}).
 * Returns the new status, or an error. A Closed user becomes Active if it was ever Active, else ActivationSent;
 * groups and profile are kept (unless stripped on close). "Active" on a non-closed user changes nothing
 * (a pending user cannot be activated for them). Any other requested status is refused.
 */
export function applyReopen(user: SimUser, requestedStatus: string): { status: UserStatus } | { error: ErrorDetails } {
	if (requestedStatus.toLowerCase() !== 'active') {
		return {
			error: errorDetails('INVALID_USER_STATUS', `userStatus '${requestedStatus}' cannot be set; only 'Active' (reopen) is supported. Close users with DELETE /users.`),
		};
	}
	if (user.status !== 'Closed') return { status: user.status };
	return { status: user.everActive ? 'Active' : 'ActivationSent' };
}

/** Changing fields of a Closed user without reopening it in the same request. */
export function closedUserUpdateError(): ErrorDetails {
	return errorDetails('USER_LACKS_MEMBERSHIP', 'The UserID does not have a valid membership in this Account.');
}

/** An admin changing another user's email through eSignature is not allowed without SSO / a claimed domain (reference §2.5). */
export function emailChangeError(): ErrorDetails {
	return errorDetails('EMAIL_CHANGE_NOT_ALLOWED', "An account administrator cannot change another user's email address.");
}

/** Unknown permissionProfileId / permissionProfileName on create or update (no documented code). */
export function unknownProfileError(field: 'permissionProfileId' | 'permissionProfileName', value: string): ErrorDetails {
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

/** PUT/DELETE /groups/{id}/users on Everyone or Administrators (their membership is derived, reference §3.3). */
export function builtInGroupMembershipError(group: SimGroup): DsError {
	return new DsError(400, 'GROUP_MEMBERSHIP_NOT_EDITABLE', `Membership of the built-in group '${group.groupName}' cannot be changed.`);
}

/** Built-in group membership: Everyone holds every user of the account (any status); Administrators every user with an administrator profile. */
export function builtInGroupIncludes(group: SimGroup, user: SimUser, isAdmin: boolean): boolean {
	return group.groupType === 'EveryoneGroup' || (group.groupType === 'AdminGroup' && isAdmin);
}

/** `groupList` on an update: replace-vs-merge is undocumented, so the simulator refuses it loudly; use /groups/{id}/users. */
export function groupListOnUpdateError(): DsError {
	return new DsError(400, 'INVALID_REQUEST_BODY', 'groupList on a user update is not supported by the simulator (semantics UNVERIFIED at DocuSign); use PUT/DELETE /groups/{groupId}/users.');
}

/**
 * Strict body check: DocuSign silently ignores unknown fields, the simulator answers 400 so a misspelt field fails
 * a test. `userSettings` content is not checked (DocuSign has ~120 settings).
 */
export function unknownFieldError(fieldPath: string): DsError {
	return new DsError(400, 'INVALID_REQUEST_BODY', `The request contained at least one invalid parameter. Unknown field: '${fieldPath}'.`);
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
