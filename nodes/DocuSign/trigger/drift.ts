/** Pure drift detection: what changed between the stored picture of an account and the current one. */
import type { IDataObject } from 'n8n-workflow';

import { WATCHED_FIELDS } from '../users/fields';
import type { Tracked } from './fingerprint';

export const DRIFT_EVENTS = [
	'userCreated',
	'userUpdated',
	'statusChanged',
	'permissionProfileChanged',
	'groupMembershipChanged',
] as const;
export type DriftEventName = (typeof DRIFT_EVENTS)[number];

/** User Updated watches these (the watched rows of users/fields.ts); status, profile and groups have events of their own. */
export const PROFILE_FIELDS = WATCHED_FIELDS.map((f) => f.key);

export interface DriftEvent {
	event: DriftEventName | 'existingUser';
	/** The compact user ID (state key). */
	key: string;
	before: Tracked | null;
	after: Tracked;
	changes: IDataObject;
	/** Status Changed only: activated, closed, pending, disabled. */
	transition?: string;
}

/** Where a status change leads, in the words of DocuSign's web app. */
export function transitionOf(status: string): string {
	switch (status.toLowerCase()) {
		case 'active':
			return 'activated';
		case 'closed':
			return 'closed';
		case 'activationsent':
		case 'activationrequired':
			return 'pending';
		case 'disabled':
			return 'disabled';
		default:
			return 'changed';
	}
}

const names = (groups: Array<{ name: string }>) => groups.map((g) => g.name);

/** Every event one user's change makes, in a fixed order; none when nothing watched changed. */
export function eventsOf(
	key: string,
	before: Tracked | undefined,
	after: Tracked,
	compareGroups: boolean,
): DriftEvent[] {
	if (!before) return [{ event: 'userCreated', key, before: null, after, changes: {} }];
	const events: DriftEvent[] = [];
	const updated: IDataObject = {};
	for (const field of PROFILE_FIELDS) {
		// Absent: the stored state predates this field (not compared until the next poll stores it).
		if (before[field] !== undefined && before[field] !== after[field])
			updated[field] = { before: before[field], after: after[field] };
	}
	if (Object.keys(updated).length)
		events.push({ event: 'userUpdated', key, before, after, changes: updated });
	if (before.status !== after.status) {
		events.push({
			event: 'statusChanged',
			key,
			before,
			after,
			changes: { status: { before: before.status, after: after.status } },
			transition: transitionOf(after.status),
		});
	}
	if ((before.profile?.id ?? '') !== (after.profile?.id ?? '')) {
		events.push({
			event: 'permissionProfileChanged',
			key,
			before,
			after,
			changes: { permissionProfile: { before: before.profile, after: after.profile } },
		});
	}
	if (compareGroups && before.groups && after.groups) {
		const was = new Set(before.groups.map((g) => g.id));
		const now = new Set(after.groups.map((g) => g.id));
		const added = after.groups.filter((g) => !was.has(g.id));
		const removed = before.groups.filter((g) => !now.has(g.id));
		if (added.length || removed.length) {
			events.push({
				event: 'groupMembershipChanged',
				key,
				before,
				after,
				changes: {
					groups: {
						added: names(added),
						removed: names(removed),
						before: names(before.groups),
						after: names(after.groups),
					},
				},
			});
		}
	}
	return events;
}

/**
 * All events between two pictures. Users missing from the current list are not reported (DocuSign never
 * deletes users; a user that vanished from one listing is kept in the state by the caller).
 */
export function diffUsers(
	before: Map<string, Tracked>,
	after: Map<string, Tracked>,
	compareGroups: boolean,
): DriftEvent[] {
	const events: DriftEvent[] = [];
	for (const [key, user] of after)
		events.push(...eventsOf(key, before.get(key), user, compareGroups));
	return events;
}

export interface DriftFilters {
	events: Set<string>;
	/** Lower-case statuses; empty = any. */
	statuses: Set<string>;
	/** Group IDs; empty = any. */
	groupIds: Set<string>;
}

/** A change passes when the user was or is in one of the statuses and in one of the groups. */
export function passesFilters(event: DriftEvent, filters: DriftFilters): boolean {
	if (event.event !== 'existingUser' && !filters.events.has(event.event)) return false;
	const states = [event.before, event.after].filter((t): t is Tracked => !!t);
	if (filters.statuses.size && !states.some((t) => filters.statuses.has(t.status.toLowerCase())))
		return false;
	if (
		filters.groupIds.size &&
		!states.some((t) => (t.groups ?? []).some((g) => filters.groupIds.has(g.id)))
	)
		return false;
	return true;
}
