import type { User } from './model';
import { statusMeaning } from './model';

/**
 * Sync Roster's reconciliation, with no I/O: which roster entries create, update or skip a user,
 * which DocuSign users the roster no longer lists, and whether the safeguards let the plan run.
 * The caller reads the directory once, hands it here, and sends the plan through the write engine.
 */

/** The DocuSign users a roster speaks for: which users missing from it are leavers. */
export interface RosterScope {
	/** All open users; users in `groupMemberIds`; or users whose email is in `domains`. */
	kind: 'all' | 'groups' | 'domains';
	/** Scope Groups: the user IDs (lower case) in the chosen groups, read from DocuSign. */
	groupMemberIds?: Set<string>;
	/** Scope Domains, lower case, without "@". */
	domains?: string[];
	/** Account administrators are out of scope (never written) unless this is on. */
	includeAdministrators: boolean;
	/** Emails (lower case) that are never written, whatever the roster says. */
	neverTouch: Set<string>;
	/** Users created at or after this time (epoch ms) are never leavers: another flow may have just added them. */
	newUsersSince: number;
}

export interface Safeguards {
	/** The most leavers one run may close. */
	maxCloses: number;
	/** The most leavers one run may close, as a share (0–1) of the in-scope open users; at least 1. */
	maxCloseShare: number;
	/** Whether leavers are closed (the leaver safeguards apply) or only reported. */
	closes: boolean;
}

export interface RosterEntry {
	itemIndex: number;
	/** The entry's email as given; matched case-insensitively. */
	email: string;
}

type SkipReason = 'administrator' | 'neverTouch' | 'closed' | 'disabled';

export interface RosterPlan<E extends RosterEntry> {
	/** Entries without a DocuSign user: create. */
	joiners: E[];
	/** Entries with their DocuSign user (open, or closed when reopening is on): update to the roster's state. */
	matched: Array<{ entry: E; user: User }>;
	/** Entries whose user the run must not write. */
	skipped: Array<{ entry: E; user: User; reason: SkipReason }>;
	/** In-scope open users no roster entry names. */
	leavers: User[];
	/** Open users missing from the roster but created since `newUsersSince`: left alone this run. */
	newlyCreated: User[];
	/** In-scope open users: the population the leaver share is measured against. */
	inScope: number;
	/** Set when a safeguard refuses the plan: nothing may be written. */
	refused?: { reason: 'emptyRoster' | 'tooManyLeavers' | 'rosterTooSmall'; message: string };
}

/** Under half of the in-scope population: a roster that small is a truncated export, not a company. */
export const MIN_ROSTER_SHARE = 0.5;

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const isOpen = (user: User) => statusMeaning(user.status).enabled;

/** Of several users with one email (older accounts allow it), the newest open one, else the newest. */
function preferred(users: User[]): User {
	const open = users.filter(isOpen);
	return (open.length ? open : users)[(open.length ? open : users).length - 1];
}

function protectedReason(user: User, scope: RosterScope): SkipReason | undefined {
	if (scope.neverTouch.has(user.email.toLowerCase())) return 'neverTouch';
	if (user.isAdmin && !scope.includeAdministrators) return 'administrator';
	return undefined;
}

function inScope(user: User, scope: RosterScope): boolean {
	if (!isOpen(user) || protectedReason(user, scope)) return false;
	if (scope.kind === 'groups') return !!scope.groupMemberIds?.has(user.id.toLowerCase());
	if (scope.kind === 'domains') return !!scope.domains?.includes(domainOf(user.email));
	return true;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/**
 * Plans the roster against the directory. `present` holds emails (lower case) that must count as
 * listed although their entry failed validation, so a typo in one row never closes that person.
 */
export function planRoster<E extends RosterEntry>(
	entries: E[],
	directory: User[],
	scope: RosterScope,
	safeguards: Safeguards,
	reopenClosed: boolean,
	present: Set<string> = new Set(),
): RosterPlan<E> {
	const byEmail = new Map<string, User[]>();
	for (const user of directory) {
		const key = user.email.toLowerCase();
		byEmail.set(key, [...(byEmail.get(key) ?? []), user]);
	}
	const plan: RosterPlan<E> = {
		joiners: [],
		matched: [],
		skipped: [],
		leavers: [],
		newlyCreated: [],
		inScope: 0,
	};
	const listed = new Set(present);
	for (const entry of entries) {
		const key = entry.email.toLowerCase();
		listed.add(key);
		const candidates = byEmail.get(key);
		if (!candidates) {
			plan.joiners.push(entry);
			continue;
		}
		const user = preferred(candidates);
		const reason =
			protectedReason(user, scope) ??
			(statusMeaning(user.status).closed && !reopenClosed ? 'closed' : undefined);
		if (reason) plan.skipped.push({ entry, user, reason });
		else if (!isOpen(user) && !statusMeaning(user.status).closed)
			plan.skipped.push({ entry, user, reason: 'disabled' });
		else plan.matched.push({ entry, user });
	}
	for (const user of directory) {
		if (!inScope(user, scope)) continue;
		plan.inScope++;
		if (listed.has(user.email.toLowerCase())) continue;
		const created = Date.parse(user.createdAt ?? '');
		if (Number.isFinite(created) && created >= scope.newUsersSince) plan.newlyCreated.push(user);
		else plan.leavers.push(user);
	}
	plan.refused = refusal(entries.length, plan, safeguards);
	return plan;
}

/** The safeguards, checked on the whole plan before anything is written. */
function refusal<E extends RosterEntry>(
	rosterSize: number,
	plan: RosterPlan<E>,
	{ maxCloses, maxCloseShare, closes }: Safeguards,
): RosterPlan<E>['refused'] {
	if (rosterSize === 0)
		return {
			reason: 'emptyRoster',
			message: `The roster has no valid entry, against ${plan.inScope} in-scope DocuSign users`,
		};
	if (!closes) return undefined;
	if (plan.inScope > 0 && rosterSize < plan.inScope * MIN_ROSTER_SHARE)
		return {
			reason: 'rosterTooSmall',
			message: `The roster lists ${rosterSize} people, under ${percent(MIN_ROSTER_SHARE)} of the ${plan.inScope} in-scope DocuSign users: it looks truncated`,
		};
	const allowed = Math.min(maxCloses, Math.max(1, Math.floor(plan.inScope * maxCloseShare)));
	if (plan.leavers.length > allowed)
		return {
			reason: 'tooManyLeavers',
			message: `The run would close ${plan.leavers.length} of ${plan.inScope} in-scope DocuSign users (${percent(plan.leavers.length / Math.max(1, plan.inScope))}), over the safeguard of ${allowed} (Max Closes ${maxCloses}, Max Close Share ${percent(maxCloseShare)})`,
		};
	return undefined;
}
