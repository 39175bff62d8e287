import type { IDataObject } from 'n8n-workflow';

import type { UpdatableKey } from './fields';
import { UPDATABLE_FIELDS } from './fields';
import type { Group, PermissionProfile, User } from './model';

export type GroupMode = 'replace' | 'add' | 'remove';

/** What an item asks a user to become; absent fields stay as they are. */
export type DesiredUser = Partial<Record<UpdatableKey, string>> & {
	permissionProfile?: PermissionProfile;
	groups?: { mode: GroupMode; list: Group[] };
};

interface UserChange {
	/** Body fields for DocuSign's Users:update, only those that differ. */
	fields: IDataObject;
	/** The audit record: each field before -> after, groups added and removed (names). */
	changes: IDataObject;
	addGroups: Group[];
	removeGroups: Group[];
}

const PROFILE_FIELDS = UPDATABLE_FIELDS.map((f) => f.key);

/**
 * Compares a user with the wanted state. Built-in groups (Everyone, Administrators) are never
 * added or removed: `isCustomGroup` tells which of the user's groups group sync may touch.
 */
export function planUserChange(
	current: User,
	desired: DesiredUser,
	isCustomGroup: (groupId: string) => boolean,
): UserChange {
	const fields: IDataObject = {};
	const changes: IDataObject = {};
	for (const field of PROFILE_FIELDS) {
		const wanted = desired[field];
		if (wanted === undefined || wanted === current[field]) continue;
		fields[field] = wanted;
		changes[field] = { before: current[field], after: wanted };
	}
	const profile = desired.permissionProfile;
	if (profile && profile.id !== current.permissionProfile?.id) {
		fields.permissionProfileId = profile.id;
		changes.permissionProfile = {
			before: current.permissionProfile?.name ?? null,
			after: profile.name,
		};
	}

	let addGroups: Group[] = [];
	let removeGroups: Group[] = [];
	if (desired.groups) {
		const { mode, list } = desired.groups;
		const memberOf = new Set(current.groups.map((g) => g.id));
		const wantedIds = new Set(list.map((g) => g.id));
		if (mode !== 'remove') addGroups = list.filter((g) => !memberOf.has(g.id));
		if (mode === 'remove') removeGroups = list.filter((g) => memberOf.has(g.id));
		if (mode === 'replace') {
			removeGroups = current.groups
				.filter((g) => isCustomGroup(g.id) && !wantedIds.has(g.id))
				.map((g) => ({ id: g.id, name: g.name, type: 'CustomGroup', builtIn: false }));
		}
		if (addGroups.length || removeGroups.length) {
			changes.groups = {
				added: addGroups.map((g) => g.name),
				removed: removeGroups.map((g) => g.name),
			};
		}
	}
	return { fields, changes, addGroups, removeGroups };
}

/** The user as it will be once the change is applied (outputs need no second read). */
export function applyChange(current: User, change: UserChange, profileName?: string): User {
	const next: User = {
		...current,
		groups: current.groups.filter((g) => !change.removeGroups.some((r) => r.id === g.id)),
	};
	for (const field of PROFILE_FIELDS) {
		if (change.fields[field] !== undefined) next[field] = String(change.fields[field]);
	}
	if (change.fields.permissionProfileId) {
		next.permissionProfile = {
			id: String(change.fields.permissionProfileId),
			name: profileName ?? '',
		};
	}
	next.groups.push(...change.addGroups.map((g) => ({ id: g.id, name: g.name })));
	return next;
}
