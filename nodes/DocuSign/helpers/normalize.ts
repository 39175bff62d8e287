import type { IDataObject } from 'n8n-workflow';

import type { Group, PermissionProfile, User } from './interfaces';

/** DocuSign sends booleans as "True"/"false" strings. */
export function toBoolean(value: unknown): boolean {
	return value === true || String(value).toLowerCase() === 'true';
}

/** DocuSign dates ("2024-03-01T09:15:00.0000000Z", sometimes without zone) as ISO strings. */
export function toIsoDate(value: unknown): string | null {
	if (typeof value !== 'string' || !value || value.startsWith('0001-01-01')) return null;
	const withZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
	const date = new Date(withZone);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const BUILT_IN_GROUP_TYPES = [
	'everyonegroup',
	'admingroup',
	'everyone',
	'administrators',
	'adminstrators',
];

/** groupType casing differs between DocuSign's API versions (docs/sources.md#group-types): compare loosely. */
export function isBuiltInGroupType(groupType: unknown): boolean {
	return BUILT_IN_GROUP_TYPES.includes(String(groupType ?? '').toLowerCase());
}

export function toGroup(raw: IDataObject): Group {
	return {
		id: String(raw.groupId ?? ''),
		name: String(raw.groupName ?? ''),
		type: String(raw.groupType ?? ''),
		builtIn: isBuiltInGroupType(raw.groupType),
	};
}

export function toPermissionProfile(raw: IDataObject): PermissionProfile {
	return {
		id: String(raw.permissionProfileId ?? ''),
		name: String(raw.permissionProfileName ?? ''),
	};
}

/**
 * The one home for what a DocuSign user status means. `Active`, `ActivationSent` and
 * `ActivationRequired` are open memberships (the last two wait for the user to accept the
 * activation e-mail); `Closed` is a closed membership (Activate reopens it); `Disabled` is closed
 * by DocuSign, which the API cannot reopen. Anything else is open to no one: not enabled.
 */
export interface StatusMeaning {
	enabled: boolean;
	activationPending: boolean;
	closed: boolean;
	disabled: boolean;
}

export function statusMeaning(status: unknown): StatusMeaning {
	const key = String(status ?? '').toLowerCase();
	const activationPending = key === 'activationsent' || key === 'activationrequired';
	return {
		enabled: key === 'active' || activationPending,
		activationPending,
		closed: key === 'closed',
		disabled: key === 'disabled',
	};
}

export function isClosedStatus(status: unknown): boolean {
	return statusMeaning(status).closed;
}

export function isDisabledStatus(status: unknown): boolean {
	return statusMeaning(status).disabled;
}

/** A user with a new status from DocuSign: enabled and activationPending follow it. */
export function withStatus(user: User, status: string): User {
	const { enabled, activationPending } = statusMeaning(status);
	return { ...user, status, enabled, activationPending };
}

/** The flat item users see by default; DocuSign's raw object stays available via Simplify off. */
export function simplifyUser(raw: IDataObject, accountId: string): User {
	const status = String(raw.userStatus ?? '');
	const profileId = raw.permissionProfileId ? String(raw.permissionProfileId) : '';
	const groupList = (raw.groupList ?? []) as IDataObject[];
	return {
		id: String(raw.userId ?? ''),
		userName: String(raw.userName ?? ''),
		firstName: String(raw.firstName ?? ''),
		lastName: String(raw.lastName ?? ''),
		email: String(raw.email ?? ''),
		status,
		enabled: statusMeaning(status).enabled,
		permissionProfile: profileId
			? { id: profileId, name: String(raw.permissionProfileName ?? '') }
			: null,
		groups: groupList.map((g) => ({
			id: String(g.groupId ?? ''),
			name: String(g.groupName ?? ''),
		})),
		isAdmin: toBoolean(raw.isAdmin),
		company: String(raw.company ?? ''),
		jobTitle: String(raw.jobTitle ?? ''),
		createdAt: toIsoDate(raw.createdDateTime),
		lastLoginAt: toIsoDate(raw.lastLogin),
		accountId,
		activationPending: statusMeaning(status).activationPending,
	};
}
