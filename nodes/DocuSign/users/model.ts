import type { IDataObject } from 'n8n-workflow';

import type { FieldKey, RequiredKey, UserText } from './fields';
import { SIMPLIFIED_FIELDS } from './fields';

/**
 * The user model: what the node knows of users, groups and profiles, what each user status means,
 * and DocuSign's string-typed user objects read into it (groups and profiles: directory.ts).
 */
export type {
	AdminApi,
	DocuSignAccount,
	DocuSignCredentials,
	Environment,
} from '../transport/types';

export interface PermissionProfile {
	id: string;
	name: string;
}

export interface Group {
	id: string;
	name: string;
	type: string;
	builtIn: boolean;
}

/** What the node knows of a user, normalised from DocuSign's string-typed object; its text attributes are the rows of fields.ts. */
export interface User extends UserText {
	id: string;
	status: string;
	enabled: boolean;
	permissionProfile: PermissionProfile | null;
	groups: Array<{ id: string; name: string }>;
	isAdmin: boolean;
	createdAt: string | null;
	lastLoginAt: string | null;
	accountId: string;
	activationPending: boolean;
}

/** One new user as checked from an item: what the create bodies are built from. */
export type NewUserInput = Partial<Record<FieldKey, string>> &
	Record<RequiredKey | 'userName', string> & {
		/** Whether User Name was given, or derived from first and last name. */
		userNameGiven: boolean;
		permissionProfile?: PermissionProfile;
		groups: Group[];
	};

// What each user status means.

/**
 * Every user status DocuSign names (eSignature `userStatus`), once: Get Many's and the trigger's
 * Status options and the lookups' explicit status filter all come from this list.
 */
const STATUSES = [
	{ value: 'Active', name: 'Active' },
	{ value: 'ActivationSent', name: 'Activation Sent (Pending)' },
	{ value: 'ActivationRequired', name: 'Activation Required' },
	{ value: 'Closed', name: 'Closed' },
	{ value: 'Disabled', name: 'Disabled' },
] as const;

/** The Status options of Get Many and the trigger, by name as the editor lists them. */
export const USER_STATUSES = STATUSES.map(({ name, value }) => ({ name, value })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/**
 * Every status DocuSign knows, sent explicitly with every lookup: DocuSign's default status filter is
 * undocumented (UNVERIFIED), and a default without closed users would hide exactly the users that Activate
 * and Create or Update must find.
 */
export const EVERY_USER_STATUS = STATUSES.map((s) => s.value).join(',');

/**
 * The one home for what a DocuSign user status means. `Active`, `ActivationSent` and
 * `ActivationRequired` are open memberships (the last two wait for the user to accept the
 * activation e-mail); `Closed` is a closed membership (Activate reopens it); `Disabled` is closed
 * by DocuSign, which the API cannot reopen. Anything else is open to no one: not enabled.
 */
interface StatusMeaning {
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

/** A user with a new status from DocuSign: enabled and activationPending follow it. */
export function withStatus(user: User, status: string): User {
	const { enabled, activationPending } = statusMeaning(status);
	return { ...user, status, enabled, activationPending };
}

// DocuSign's user objects read into the model.

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

/** The flat item users see by default; DocuSign's raw object stays available via Simplify off. */
export function simplifyUser(raw: IDataObject, accountId: string): User {
	const status = String(raw.userStatus ?? '');
	const profileId = raw.permissionProfileId ? String(raw.permissionProfileId) : '';
	const groupList = (raw.groupList ?? []) as IDataObject[];
	const text = {} as UserText;
	for (const { key } of SIMPLIFIED_FIELDS) text[key] = String(raw[key] ?? '');
	const { enabled, activationPending } = statusMeaning(status);
	return {
		id: String(raw.userId ?? ''),
		...text,
		status,
		enabled,
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
		activationPending,
	};
}
