/** Pure drift detection: what changed between the stored picture of a user and the current one. */
import type { IDataObject } from 'n8n-workflow';

import type { PersonalField, TextField } from './fields';
import { labelOf, PERSONAL_FIELDS, TEXT_FIELDS } from './fields';
import { DERIVED_USER_NAME, derivedUserName, matchesPrint } from './fingerprint';

export const DRIFT_EVENTS = [
	'userCreated',
	'userUpdated',
	'statusChanged',
	'permissionProfileChanged',
	'groupMembershipChanged',
] as const;
type DriftEventName = (typeof DRIFT_EVENTS)[number];

export interface Ref {
	id: string;
	name: string;
}

/**
 * What the trigger knows of one user. `text` holds the watched text fields' values (current reads, or a
 * state that keeps them); `prints` their fingerprints (a state that keeps no personal values). Either is
 * absent when User Updated was not watched; `groups` is absent when memberships were not read.
 */
export interface Tracked {
	id: string;
	status: string;
	profile: Ref | null;
	groups?: Ref[];
	text?: Partial<Record<TextField, string>>;
	prints?: Partial<Record<PersonalField, string>>;
}

export interface DriftEvent {
	event: DriftEventName | 'existingUser';
	/** The user's ID (lower case). */
	key: string;
	before: Tracked | null;
	/** null: the user is gone from the account (reported once as a status change to `removed`). */
	after: Tracked | null;
	changes: IDataObject;
	/** Status Changed only: activated, closed, pending, disabled, removed. */
	transition?: string;
}

/** Where a status change leads, in the words of DocuSign's web app. */
export function transitionOf(status: string | null): string {
	switch ((status ?? '').toLowerCase()) {
		case '':
			return 'removed';
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

const names = (groups: Ref[]) => groups.map((g) => g.name);

/**
 * A user name stored as "first last" is unchanged when it still splits into a first and last name whose
 * fingerprints are the stored ones (the names themselves are not kept).
 */
function isStoredDerivedName(before: Tracked, id: string, userName: string): boolean {
	const { firstName, lastName } = before.prints ?? {};
	const splits: Array<[string, string]> = [
		[userName, ''],
		['', userName],
	];
	for (let i = userName.indexOf(' '); i >= 0; i = userName.indexOf(' ', i + 1))
		splits.push([userName.slice(0, i), userName.slice(i + 1)]);
	return splits.some(
		([first, last]) =>
			derivedUserName(first, last) === userName &&
			firstName !== undefined &&
			lastName !== undefined &&
			matchesPrint(firstName, id, 'firstName', first) &&
			matchesPrint(lastName, id, 'lastName', last),
	);
}

/**
 * The watched text fields that changed, with their new value and, when the stored picture kept it, the old
 * one. A field the stored picture holds neither way (User Updated was off) is not compared.
 */
function textChanges(before: Tracked, after: Tracked): IDataObject {
	const changes: IDataObject = {};
	const now = after.text ?? {};
	for (const field of TEXT_FIELDS) {
		const value = now[field] ?? '';
		const kept = before.text?.[field];
		if (kept !== undefined) {
			if (kept !== value) changes[field] = { before: kept, after: value };
			continue;
		}
		const print = before.prints?.[field as PersonalField];
		if (print === undefined) continue;
		const same =
			print === DERIVED_USER_NAME
				? isStoredDerivedName(before, after.id, value)
				: matchesPrint(print, after.id, field, value);
		if (!same) changes[field] = { after: value };
	}
	return changes;
}

/** Every event one user's change makes, in a fixed order; none when nothing watched changed. */
export function eventsOf(
	key: string,
	before: Tracked | undefined,
	after: Tracked | null,
	compareGroups: boolean,
): DriftEvent[] {
	if (!before)
		return after ? [{ event: 'userCreated', key, before: null, after, changes: {} }] : [];
	if (!after) {
		return [
			{
				event: 'statusChanged',
				key,
				before,
				after: null,
				changes: { status: { before: before.status, after: null } },
				transition: transitionOf(null),
			},
		];
	}
	const events: DriftEvent[] = [];
	const updated = textChanges(before, after);
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

const list = (items: string[]) =>
	items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** One human line per event, e.g. for a chat message: who, what, from what to what. */
export function summaryOf(event: DriftEvent, who: string): string {
	const changes = event.changes as Record<string, IDataObject>;
	switch (event.event) {
		case 'existingUser':
			return `${who} is in the DocuSign account (${event.after?.status ?? ''})`;
		case 'userCreated':
			return `${who} was added to the DocuSign account (${event.after?.status ?? ''}, ${event.after?.profile?.name ?? 'no permission profile'})`;
		case 'userUpdated': {
			const fields = Object.keys(changes) as TextField[];
			const shown = fields.map((f) => {
				const change = changes[f];
				const personal = (PERSONAL_FIELDS as readonly string[]).includes(f);
				return 'before' in change && !personal
					? `${labelOf(f)} ${String(change.before)} → ${String(change.after)}`
					: labelOf(f);
			});
			return `${who}: ${list(shown)} changed`;
		}
		case 'statusChanged': {
			const { before, after } = changes.status;
			if (after === null) return `${who} is no longer in the DocuSign account (was ${before})`;
			return `${who} was ${event.transition === 'changed' ? 'changed' : event.transition} (${before} → ${after})`;
		}
		case 'permissionProfileChanged': {
			const { before, after } = changes.permissionProfile as {
				before: Ref | null;
				after: Ref | null;
			};
			return `${who}: permission profile ${before?.name || 'none'} → ${after?.name || 'none'}`;
		}
		case 'groupMembershipChanged': {
			const { added, removed } = changes.groups as { added: string[]; removed: string[] };
			const parts = [
				...(added.length ? [`added to ${list(added)}`] : []),
				...(removed.length ? [`removed from ${list(removed)}`] : []),
			];
			return `${who} was ${parts.join(' and ')}`;
		}
	}
}
