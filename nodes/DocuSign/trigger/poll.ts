/**
 * One poll: read what changed, compare it with the picture stored in the workflow's static data, emit one
 * item per change, store the new picture. With Organization Admin Access a poll reads only the users
 * DocuSign lists as modified since the last poll, and the whole account on the reconciliation schedule;
 * without it, every poll reads the whole account. The first poll of an account only records the picture.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { AUTHENTICATION } from '../parameters/authentication';
import { readWithoutItems } from '../parameters/spec';
import type { DocuSignContext, Session } from '../transport';
import { openSession } from '../transport';
import { LookupFailed, lookedUp, lookupEach } from '../users/lookup';
import type { Group, User } from '../users/model';
import { isClosedStatus, simplifyUser } from '../users/model';
import { toGroup } from '../users/directory';
import { callLogOf, spentInLastHour, withPoll } from './budget';
import type { Suspect } from './confirmRemovals';
import { confirmRemovals } from './confirmRemovals';
import type { DriftEvent, DriftFilters, Ref, Tracked } from './drift';
import { DRIFT_EVENTS, eventsOf, passesFilters, summaryOf } from './drift';
import { TEXT_FIELDS } from './fields';
import {
	listAllUsers,
	listCustomGroups,
	listModifiedSince,
	readMemberships,
	readOneUser,
} from './read';
import type { TriggerSettings } from './settings';
import { readSettings, resolveGroupFilter } from './settings';
import type { AccountPicture, TextKept } from './state';
import { clean, decodeState, encodeState } from './state';
import { fieldOf, SAMPLE_FIELD } from '../users/fields';

/** How far the modified-since window reaches back before the last poll: DocuSign's clock may lag ours. */
const OVERLAP_MS = 60_000;
/** Users missing from a full listing confirmed by ID per poll (the rest wait for the next full read). */
const MAX_CONFIRMS = 10;

type DetectedBy = 'fullRead' | 'modifiedList' | 'fullReconciliation';

interface Current {
	user: User;
	tracked: Tracked;
}

/** The poll's transport context: the poll function's own, counting the API calls it makes. */
function countingContext(n8n: IPollFunctions, counter: { calls: number }): DocuSignContext {
	const request = n8n.helpers.httpRequestWithAuthentication;
	const helpers = Object.create(n8n.helpers, {
		httpRequestWithAuthentication: {
			value: async function (this: never, ...args: Parameters<typeof request>) {
				counter.calls++;
				return await request.apply(this as never, args);
			},
		},
	}) as IPollFunctions['helpers'];
	return Object.create(n8n, { helpers: { value: helpers } }) as DocuSignContext;
}

function trackedOf(user: User, groups: Ref[] | undefined): Tracked {
	const text: Tracked['text'] = {};
	for (const field of TEXT_FIELDS) text[field] = clean(user[field]);
	return {
		id: user.id,
		status: clean(user.status),
		profile: user.permissionProfile
			? { id: clean(user.permissionProfile.id), name: clean(user.permissionProfile.name) }
			: null,
		...(groups ? { groups: groups.map((g) => ({ id: clean(g.id), name: clean(g.name) })) } : {}),
		text,
	};
}

/** The user's custom groups from a `groupList` (GET /users/{id}), limited to the watched scope; undefined without one. */
function groupsFromList(raw: IDataObject, scope: Set<string> | 'all'): Ref[] | undefined {
	if (!Array.isArray(raw.groupList)) return undefined;
	return (raw.groupList as IDataObject[])
		.map(toGroup)
		.filter((g) => !g.builtIn && (scope === 'all' || scope.has(g.id)))
		.map((g) => ({ id: g.id, name: g.name }));
}

const whoOf = (event: DriftEvent, current?: Current) => {
	const user = current?.user;
	const name = user?.userName || user?.email || event.before?.text?.userName || '';
	const email = user?.email ?? event.before?.text?.email ?? '';
	return name && email && name !== email ? `${name} (${email})` : name || email || event.key;
};

const NOTES: Partial<Record<DetectedBy, string>> = {
	fullReconciliation:
		"Found by the scheduled full reconciliation: DocuSign's list of users modified since the last poll did not report this change, so it happened at some time since the previous full read.",
};

function itemOf(
	event: DriftEvent,
	current: Current | undefined,
	accountId: string,
	detectedAt: string,
	detectedBy: DetectedBy,
	sample = false,
): IDataObject {
	const groups = event.after?.groups;
	const summary = summaryOf(event, whoOf(event, current));
	return {
		event: event.event,
		...(event.transition ? { transition: event.transition } : {}),
		summary: sample ? `Sample: ${summary}` : summary,
		user: current
			? { ...current.user, ...(groups ? { groups } : {}) }
			: { id: event.before?.id ?? event.key, accountId },
		changes: event.changes,
		accountId,
		detectedAt,
		detectedBy,
		...(NOTES[detectedBy] ? { note: NOTES[detectedBy] } : {}),
		...(sample ? { sample: true } : {}),
	};
}

/** A made-up change of the first watched event on a real user, so Fetch Test Event has `changes` to map. */
function sampleEvent(settings: TriggerSettings, current: Current): DriftEvent {
	// Prefer an event with `changes` to map; User Created has none.
	const event =
		DRIFT_EVENTS.find((e) => e !== 'userCreated' && settings.events.has(e)) ?? 'userCreated';
	const after = current.tracked;
	const key = after.id.toLowerCase();
	const groups = (after.groups ?? current.user.groups).map((g) => g.name);
	const sample = current.user[SAMPLE_FIELD];
	const changes: Record<(typeof DRIFT_EVENTS)[number], IDataObject> = {
		userCreated: {},
		userUpdated: {
			[SAMPLE_FIELD]:
				settings.personalData === 'values'
					? {
							before: `(sample) previous ${fieldOf(SAMPLE_FIELD).label.toLowerCase()}`,
							after: sample,
						}
					: { after: sample },
		},
		statusChanged: { status: { before: 'ActivationSent', after: after.status } },
		permissionProfileChanged: { permissionProfile: { before: null, after: after.profile } },
		groupMembershipChanged: {
			groups: { added: groups.slice(0, 1), removed: [], before: groups.slice(1), after: groups },
		},
	};
	return {
		event,
		key,
		before: { ...after, status: 'ActivationSent', profile: null },
		after,
		changes: changes[event],
		...(event === 'statusChanged' ? { transition: 'activated' } : {}),
	};
}

interface Reading {
	current: Map<string, Current>;
	/** Users DocuSign no longer knows (confirmed by ID). */
	gone: Set<string>;
	/** Users whose own read failed: they keep their stored picture, nothing is reported for them. */
	unread: Set<string>;
	/** Whether the whole account was read. */
	full: boolean;
	/** Users the modified-since list reported (a full read with Organization Admin Access only). */
	listed?: Set<string>;
}

export async function pollDrift(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const started = Date.now();
	const counter = { calls: 0 };
	const n8n = countingContext(this, counter);
	const session = await openSession.call(
		n8n,
		readWithoutItems(this, AUTHENTICATION),
		{},
		settings.accountId,
	);
	const { accountId } = session.account;
	const manual = this.getMode() === 'manual';
	const staticData = this.getWorkflowStaticData('node');
	const accounts = (staticData.accounts ?? {}) as IDataObject;
	const stored = decodeState(accounts[accountId]);
	const detectedAt = new Date(started).toISOString();
	const admin = !!session.admin?.organizationId;
	const log = callLogOf(staticData.calls);
	const saveLog = () => {
		if (!manual) staticData.calls = withPoll(log, started, counter.calls);
	};

	if (!stored && manual) {
		// Fetch Test Event before the first poll: one user is enough for a sample.
		const raw = await readOneUser(n8n, session);
		if (!raw) return null;
		const user = simplifyUser(raw, accountId);
		const current = { user, tracked: trackedOf(user, undefined) };
		const event = sampleEvent(settings, current);
		return [
			this.helpers.returnJsonArray([
				itemOf(event, current, accountId, detectedAt, 'fullRead', true),
			]),
		];
	}

	const watchGroups = settings.events.has('groupMembershipChanged');
	let filterIds = new Set<string>();
	let customGroups: Group[] | undefined;
	if (settings.groups.length) {
		customGroups = await listCustomGroups(n8n, session);
		filterIds = resolveGroupFilter(this, customGroups, settings.groups);
	}
	const groupScope = watchGroups ? 'all' : [...filterIds].sort().join(',');
	const text: TextKept = settings.events.has('userUpdated') ? settings.personalData : '';

	// A full read when there is nothing to compare with, without Admin access, when what is kept changes, or when due.
	const due =
		!stored ||
		!admin ||
		!stored.cursor ||
		stored.text !== text ||
		stored.groupScope !== groupScope ||
		started - Date.parse(stored.fullAt || '1970-01-01T00:00:00Z') >=
			settings.reconcileHours * 3_600_000;
	const canIncrement =
		!!stored &&
		admin &&
		!!stored.cursor &&
		stored.text === text &&
		stored.groupScope === groupScope;
	let incremental = !due;
	if (stored && !manual) {
		const spent = spentInLastHour(log, started) + counter.calls;
		const fits = (calls: number) => spent + calls <= settings.maxCallsPerHour;
		if (!fits(incremental ? 1 : stored.fullCalls)) {
			// Over the trigger's hourly share: postpone the full read, or skip the poll.
			if (!incremental && canIncrement && fits(1)) incremental = true;
			else {
				saveLog();
				return null;
			}
		}
	}

	let reading: Reading | undefined;
	if (incremental && stored) {
		reading = await readModified(n8n, session, stored, groupScope, filterIds, watchGroups);
	}
	if (!reading) {
		reading = await readAll(n8n, session, {
			stored,
			// After a modified-since list too long to read user by user, it is not asked for again.
			classify: admin && !incremental,
			groupScope,
			watchGroups,
			filterIds,
			customGroups,
		});
	}
	const { current, gone } = reading;

	// Groups a read could not tell keep their stored picture (never a change from not knowing).
	// UNVERIFIED whether member lists show closed users: when they show none, a closed user keeps its
	// stored groups, so a close is never group removals nor a reopen group additions.
	const listsShowClosed = [...current.values()].some(
		(c) => isClosedStatus(c.tracked.status) && !!c.tracked.groups?.length,
	);
	for (const [key, c] of current) {
		const before = stored?.users.get(key);
		const closedUnlisted = !listsShowClosed && isClosedStatus(c.tracked.status);
		if (groupScope && (!c.tracked.groups || closedUnlisted) && before?.groups)
			c.tracked.groups = before.groups;
	}

	let events: DriftEvent[] = [];
	if (stored) {
		const compareGroups = !!groupScope && stored.groupScope === groupScope;
		for (const [key, c] of current)
			events.push(...eventsOf(key, stored.users.get(key), c.tracked, compareGroups));
		for (const key of gone) events.push(...eventsOf(key, stored.users.get(key), null, false));
	} else if (settings.emitExistingOnFirstPoll) {
		events = [...current].map(([key, c]) => ({
			event: 'existingUser' as const,
			key,
			before: null,
			after: c.tracked,
			changes: {},
		}));
	}

	if (!manual) {
		const users = new Map(stored?.users ?? []);
		for (const [key, c] of current) users.set(key, c.tracked);
		// Gone users are dropped once reported; users missing from a listing but not confirmed gone stay.
		for (const key of gone) users.delete(key);
		const picture: AccountPicture = {
			users,
			groupScope,
			text,
			// An incremental read that missed a user starts the next one where this one started, so its change is not lost.
			cursor: stored && !reading.full && reading.unread.size ? stored.cursor : detectedAt,
			fullAt: reading.full ? detectedAt : (stored?.fullAt ?? detectedAt),
			fullCalls: reading.full ? counter.calls : (stored?.fullCalls ?? counter.calls),
		};
		staticData.accounts = { ...accounts, [accountId]: encodeState(picture) };
		saveLog();
	}

	const filters: DriftFilters = {
		events: settings.events,
		statuses: settings.statuses,
		groupIds: filterIds,
	};
	const detectedBy = (event: DriftEvent): DetectedBy => {
		if (!reading.full) return 'modifiedList';
		if (!reading.listed) return 'fullRead';
		return reading.listed.has(event.key) ? 'modifiedList' : 'fullReconciliation';
	};
	const passing = events.filter((e) => passesFilters(e, filters));
	if (!passing.length && manual) {
		// Fetch Test Event without a real change: a sample on a user the filters let through.
		const candidate = [...current.values()].find((c) =>
			passesFilters(
				{ event: 'existingUser', key: '', before: null, after: c.tracked, changes: {} },
				filters,
			),
		);
		if (!candidate) return null;
		const event = sampleEvent(settings, candidate);
		return [
			this.helpers.returnJsonArray([
				itemOf(event, candidate, accountId, detectedAt, detectedBy(event), true),
			]),
		];
	}
	if (!passing.length) return null;
	return [
		this.helpers.returnJsonArray(
			passing.map((e) => itemOf(e, current.get(e.key), accountId, detectedAt, detectedBy(e))),
		),
	];
}

/** Users whose stored groups (among those read) include one this read did not show. */
function suspectsOf(
	rawUsers: IDataObject[],
	stored: Map<string, Tracked>,
	memberships: Map<string, Group[]>,
	read: Group[],
): Suspect[] {
	const scope = new Set(read.map((g) => g.id));
	const suspects: Suspect[] = [];
	for (const raw of rawUsers) {
		const userId = String(raw.userId ?? '');
		if (!userId) continue;
		const before = stored.get(userId.toLowerCase())?.groups ?? [];
		const now = new Set((memberships.get(userId.toLowerCase()) ?? []).map((g) => g.id));
		const missing = before.filter((g) => scope.has(g.id) && !now.has(g.id)).map((g) => g.id);
		if (missing.length) suspects.push({ userId, missing });
	}
	return suspects;
}

/**
 * Current pictures of the given users by ID (one read each at most); the IDs DocuSign does not know
 * are gone. A user whose own read failed is `unread`: neither changed nor gone, it keeps its stored picture.
 */
async function readUsers(
	n8n: DocuSignContext,
	session: Session,
	ids: string[],
	groupScope: string,
	filterIds: Set<string>,
	watchGroups: boolean,
): Promise<{ current: Map<string, Current>; gone: Set<string>; unread: Set<string> }> {
	const scope: Set<string> | 'all' = watchGroups ? 'all' : filterIds;
	const found = await lookupEach(
		{ n8n, session },
		ids.map((value) => ({ by: 'id' as const, value })),
		{ groupIds: watchGroups ? undefined : groupScope ? [...filterIds] : [] },
	);
	const current = new Map<string, Current>();
	const gone = new Set<string>();
	const unread = new Set<string>();
	for (const id of ids) {
		const raw = lookedUp(found, { by: 'id', value: id });
		if (raw instanceof LookupFailed) {
			unread.add(id);
			continue;
		}
		if (!raw) {
			gone.add(id);
			continue;
		}
		const user = simplifyUser(raw, session.account.accountId);
		const groups = groupScope ? groupsFromList(raw, scope) : undefined;
		current.set(id, { user, tracked: trackedOf(user, groups) });
	}
	return { current, gone, unread };
}

/** An incremental read; undefined when more users changed than a full read costs (read everything instead). */
async function readModified(
	n8n: DocuSignContext,
	session: Session,
	stored: AccountPicture,
	groupScope: string,
	filterIds: Set<string>,
	watchGroups: boolean,
): Promise<Reading | undefined> {
	const since = new Date(Date.parse(stored.cursor) - OVERLAP_MS).toISOString();
	const ids = await listModifiedSince(n8n, session, since, Math.max(1, stored.fullCalls - 1));
	if (ids === 'tooMany') return undefined;
	const read = await readUsers(n8n, session, ids, groupScope, filterIds, watchGroups);
	return { ...read, full: false };
}

async function readAll(
	n8n: DocuSignContext,
	session: Session,
	options: {
		stored?: AccountPicture;
		/** Ask the modified-since list too, to tell which changes only this full read finds. */
		classify: boolean;
		groupScope: string;
		watchGroups: boolean;
		filterIds: Set<string>;
		customGroups?: Group[];
	},
): Promise<Reading> {
	const { stored, groupScope, watchGroups, filterIds } = options;
	// With Admin access, what the modified-since list reports tells which changes only a full read finds.
	let listed: Set<string> | undefined;
	if (options.classify && stored?.cursor) {
		const since = new Date(Date.parse(stored.cursor) - OVERLAP_MS).toISOString();
		const ids = await listModifiedSince(n8n, session, since, Number.MAX_SAFE_INTEGER);
		if (ids !== 'tooMany') listed = new Set(ids);
	}
	const rawUsers = await listAllUsers(n8n, session);
	let memberships: Map<string, Group[]> | undefined;
	if (groupScope) {
		const groups = options.customGroups ?? (await listCustomGroups(n8n, session));
		const read = watchGroups ? groups : groups.filter((g) => filterIds.has(g.id));
		memberships = await readMemberships(n8n, session, read);
		// A membership gone from a member list is confirmed before it is reported removed.
		if (stored?.groupScope === groupScope)
			await confirmRemovals(
				n8n,
				session,
				read,
				memberships,
				suspectsOf(rawUsers, stored.users, memberships, read),
			);
	}
	const current = new Map<string, Current>();
	for (const raw of rawUsers) {
		const user = simplifyUser(raw, session.account.accountId);
		if (!user.id) continue;
		const key = user.id.toLowerCase();
		const groups = memberships ? (memberships.get(key) ?? []) : undefined;
		current.set(key, { user, tracked: trackedOf(user, groups) });
	}
	// A stored user missing from the listing (a page that shifted, or gone): confirmed by ID, a few per poll.
	const missing = [...(stored?.users.keys() ?? [])].filter((key) => !current.has(key));
	let gone = new Set<string>();
	let unread = new Set<string>();
	if (missing.length) {
		const confirmed = await readUsers(
			n8n,
			session,
			missing.slice(0, MAX_CONFIRMS),
			groupScope,
			filterIds,
			watchGroups,
		);
		for (const [key, c] of confirmed.current) current.set(key, c);
		({ gone, unread } = confirmed);
	}
	return { current, gone, unread, full: true, listed };
}
