/**
 * One poll: read the account, compare it with the picture stored in the workflow's static data, emit one
 * item per change, store the new picture. The first poll of an account only records the picture.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { DriftEvent, DriftFilters } from './drift';
import { diffUsers, passesFilters } from './drift';
import { WATCHED_FIELDS } from '../users/fields';
import type { Tracked, WatchedText } from './fingerprint';
import { clean, compactId, decodeState, encodeState } from './fingerprint';
import type { Group, User } from '../users/model';
import { simplifyUser } from '../users/normalize';
import type { DocuSignContext } from '../transport';
import { credentialTypeOf } from '../parameters/authentication';
import { openSession } from '../transport';
import type { Suspect } from './confirmRemovals';
import { confirmRemovals } from './confirmRemovals';
import { listAllUsers, listCustomGroups, readMemberships } from './read';
import { readSettings, resolveGroupFilter } from './settings';

/**
 * The transport is typed for execute and load-options contexts; a poll context has the same three things
 * it uses (getNode, getCredentials, helpers.httpRequestWithAuthentication).
 */
const transportContext = (fn: IPollFunctions) => fn as unknown as DocuSignContext;

interface CurrentUser {
	user: User;
	tracked: Tracked;
}

function trackedOf(user: User, groups: Group[] | undefined): Tracked {
	const text = Object.fromEntries(
		WATCHED_FIELDS.map(({ key }) => [key, clean(user[key])]),
	) as WatchedText;
	return {
		...text,
		status: clean(user.status),
		profile: user.permissionProfile
			? { id: clean(user.permissionProfile.id), name: clean(user.permissionProfile.name) }
			: null,
		...(groups ? { groups: groups.map((g) => ({ id: clean(g.id), name: clean(g.name) })) } : {}),
	};
}

function itemOf(
	event: DriftEvent,
	current: CurrentUser,
	accountId: string,
	detectedAt: string,
	sample = false,
): IDataObject {
	const { groups } = event.after;
	return {
		event: event.event,
		...(event.transition ? { transition: event.transition } : {}),
		// With memberships read, the user's groups are the custom groups from the member lists.
		user: { ...current.user, ...(groups ? { groups } : {}) },
		changes: event.changes,
		accountId,
		detectedAt,
		...(sample ? { sample: true } : {}),
	};
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
		const before = stored.get(compactId(userId.toLowerCase()))?.groups ?? [];
		const now = new Set((memberships.get(userId.toLowerCase()) ?? []).map((g) => g.id));
		const missing = before.filter((g) => scope.has(g.id) && !now.has(g.id)).map((g) => g.id);
		if (missing.length) suspects.push({ userId, missing });
	}
	return suspects;
}

export async function pollDrift(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const ctx = transportContext(this);
	const session = await openSession.call(ctx, credentialTypeOf.call(this));
	const { accountId } = session.account;

	const rawUsers = await listAllUsers(ctx, session);
	const watchGroups = settings.events.has('groupMembershipChanged');
	let groupScope = '';
	let filterIds = new Set<string>();
	let memberships: Map<string, Group[]> | undefined;
	const staticData = this.getWorkflowStaticData('node');
	const accounts = (staticData.accounts ?? {}) as IDataObject;
	const stored = decodeState(accounts[accountId]);
	if (watchGroups || settings.groups.length) {
		const groups = await listCustomGroups(ctx, session);
		filterIds = resolveGroupFilter(this, groups, settings.groups);
		// Without group events, only the filter's groups need their member lists read.
		const read = watchGroups ? groups : groups.filter((g) => filterIds.has(g.id));
		groupScope = watchGroups ? 'all' : [...filterIds].sort().join(',');
		memberships = await readMemberships(ctx, session, read);
		if (stored?.groupScope === groupScope)
			await confirmRemovals(
				ctx,
				session,
				read,
				memberships,
				suspectsOf(rawUsers, stored.users, memberships, read),
			);
	}

	const current = new Map<string, CurrentUser>();
	for (const raw of rawUsers) {
		const user = simplifyUser(raw, accountId);
		if (!user.id) continue;
		const groups = memberships ? (memberships.get(user.id.toLowerCase()) ?? []) : undefined;
		current.set(compactId(user.id.toLowerCase()), { user, tracked: trackedOf(user, groups) });
	}
	const now = new Map([...current].map(([key, c]) => [key, c.tracked]));

	const detectedAt = new Date().toISOString();

	let events: DriftEvent[];
	if (stored) {
		// Memberships compare only when the last poll read the same groups.
		events = diffUsers(stored.users, now, !!groupScope && stored.groupScope === groupScope);
		// A user missing from this listing keeps its picture: DocuSign never deletes users.
		for (const [key, user] of stored.users) if (!now.has(key)) now.set(key, user);
	} else {
		events = settings.emitExistingOnFirstPoll
			? [...now].map(([key, after]) => ({
					event: 'existingUser' as const,
					key,
					before: null,
					after,
					changes: {},
				}))
			: [];
	}

	const manual = this.getMode() === 'manual';
	// A test run from the editor shows what would come out, and leaves the stored picture alone.
	if (!manual)
		staticData.accounts = { ...accounts, [accountId]: encodeState(now, groupScope, detectedAt) };

	const filters: DriftFilters = {
		events: settings.events,
		statuses: settings.statuses,
		groupIds: filterIds,
	};
	const passing = events.filter((e) => passesFilters(e, filters));
	if (!passing.length && manual) {
		const sample = [...current]
			.map(([key, c]) => ({
				event: 'existingUser' as const,
				key,
				before: null,
				after: c.tracked,
				changes: {},
			}))
			.find((e) => passesFilters(e, filters));
		if (sample)
			return [
				this.helpers.returnJsonArray([
					itemOf(sample, current.get(sample.key)!, accountId, detectedAt, true),
				]),
			];
	}
	if (!passing.length) return null;
	return [
		this.helpers.returnJsonArray(
			passing.map((e) => itemOf(e, current.get(e.key)!, accountId, detectedAt)),
		),
	];
}
