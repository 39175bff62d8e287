import type { IDataObject } from 'n8n-workflow';

import type { Group, PermissionProfile, User } from './model';
import type { UserText } from './fields';
import { SIMPLIFIED_FIELDS } from './fields';
import { statusMeaning } from './status';

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

/** The flat item users see by default; DocuSign's raw object stays available via Simplify off. */
export function simplifyUser(raw: IDataObject, accountId: string): User {
	const status = String(raw.userStatus ?? '');
	const profileId = raw.permissionProfileId ? String(raw.permissionProfileId) : '';
	const groupList = (raw.groupList ?? []) as IDataObject[];
	const text = Object.fromEntries(
		SIMPLIFIED_FIELDS.map((f) => [f.key, String(raw[f.key] ?? '')]),
	) as UserText;
	return {
		id: String(raw.userId ?? ''),
		...text,
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
		createdAt: toIsoDate(raw.createdDateTime),
		lastLoginAt: toIsoDate(raw.lastLogin),
		accountId,
		activationPending: statusMeaning(status).activationPending,
	};
}
