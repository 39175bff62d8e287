/**
 * The bench scenarios (a)–(f): the simulator seed, the node parameters and input items, the call
 * floor (what the operation must read and write, from DocuSign's batch (500) and page (100) sizes,
 * under each variant of the simulator), and a check of the end state.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { DocuSignBehaviour, FaultRule } from '../test/simulator';
import { LISTING_READS } from '../nodes/DocuSign/transport/paging';

import type { Floor, Variant } from './callCounts';
import type { StateAccount } from './simulator';
import type { Measurement } from './worker';
import { createFromItems, joiners, rl } from '../test/support/builders';

export type { Floor } from './callCounts';

const MAX_BATCH = 500;
const PAGE = 100;
const ceil = Math.ceil;

export interface Scenario {
	key: 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
	title: string;
	extraUsers: number;
	burstLimit: number;
	batchSize: number;
	/** Items the per-item figures are divided by (input items, or users returned for Get Many). */
	itemCount: number;
	/** Write calls per item when run one call per item (Batch Size 1); 0 = no per-item variant. */
	perItemWrites: number;
	items(account: StateAccount): IDataObject[];
	parameters(batchSize: number): INodeParameters;
	/** The floor under a variant (from the account before the run), and where it differs, the writes-only floor. */
	floors(account: StateAccount, variant: Variant): { floor: Floor; writesOnly?: Floor };
	/** The run is meant to fail (verify checks its error): (f), a list that does not hold. */
	failsByDesign?: boolean;
	/** What is wrong with the end state, if anything. */
	verify(after: StateAccount, items: IDataObject[], m: Measurement): string | undefined;
	/** Simulator behaviour switches for this scenario; unset = the evidence defaults. */
	behaviour?: Partial<DocuSignBehaviour>;
	/** Simulator faults installed after the reset (a hostile server). */
	faults?: FaultRule[];
}

const isExtra = (email: string) => /\.\d{5}@/.test(email);
const customGroups = (account: StateAccount) =>
	account.groups.filter((g) => g.type === 'CustomGroup').map((g) => g.name);

/** Adds up floor terms: each a count and the words that explain it. */
function floorOf(...terms: Array<[number, string]>): Floor {
	return {
		value: terms.reduce((sum, [n]) => sum + n, 0),
		formula: terms.map(([, words]) => words).join(' + '),
	};
}

/**
 * The user reads a write by ID needs (it reports before → after and fails an unknown ID on its own item):
 * the account's user list, or one GET /users/{id} per target, whichever is fewer.
 */
function userReads(account: StateAccount, targets: number): [number, string] {
	const pages = ceil(account.users.length / PAGE);
	return pages <= targets
		? [pages, `ceil(${account.users.length} users/100) list pages`]
		: [targets, `${targets} GET /users/{id}`];
}

/**
 * The memberships a write that may remove any custom group needs (Replace). DocuSign documents `groupList`
 * only on GET /users/{id}: under the documented API they cost one GET /users/{id} per target or the member
 * pages of every custom group, whichever is fewer (the group list is read anyway, for names → IDs); under
 * listGroupList the user list already carries them.
 */
export function membershipReads(
	account: StateAccount,
	targets: number,
	variant: Variant,
): Array<[number, string]> {
	if (variant === 'listGroupList') return [];
	const pages = customGroups(account).map((name) =>
		Math.max(1, ceil(account.users.filter((u) => u.groups.includes(name)).length / PAGE)),
	);
	const memberPages = pages.reduce((a, b) => a + b, 0);
	return memberPages <= targets
		? [[memberPages, `${pages.length} groups' member pages (${pages.join('+')})`]]
		: [[targets, `${targets} GET /users/{id} for the memberships`]];
}

function createParameters(batchSize: number): INodeParameters {
	return createFromItems({ batchSize }) as INodeParameters;
}

function verifyJoiners(after: StateAccount, count: number): string | undefined {
	const created = after.users.filter((u) => /^joiner\d+@/.test(u.email));
	const grouped = created.filter(
		(u) =>
			u.groups.includes('Sales') &&
			u.groups.includes('Engineering') &&
			u.permissionProfile === 'DocuSign Sender',
	);
	return created.length === count && grouped.length === count
		? undefined
		: `${created.length} created, ${grouped.length} with profile and both groups (want ${count})`;
}

const joinersScenario: Scenario = {
	key: 'a',
	title: '(a) 1,000 joiners: Create',
	extraUsers: 0,
	burstLimit: 500,
	batchSize: 500,
	itemCount: 1000,
	perItemWrites: 1,
	items: () => joiners(1000),
	parameters: createParameters,
	floors: (account) => ({
		floor: floorOf(
			[1, '1 userinfo'],
			[1, '1 profiles'],
			[ceil(account.groups.length / PAGE), `ceil(${account.groups.length} groups/100)`],
			[ceil(1000 / MAX_BATCH), 'ceil(1000/500) POSTs'],
		),
	}),
	verify: (after) => verifyJoiners(after, 1000),
};

const leaversScenario: Scenario = {
	key: 'b',
	title: '(b) 1,000 leavers: Suspend',
	extraUsers: 1000,
	burstLimit: 500,
	batchSize: 500,
	itemCount: 1000,
	perItemWrites: 1,
	items: (account) =>
		account.users
			.filter((u) => isExtra(u.email))
			.slice(0, 1000)
			.map((u) => ({ id: u.userId })),
	parameters: (batchSize) => ({
		resource: 'user',
		operation: 'suspend',
		user: rl('id', '={{ $json.id }}'),
		requestSettings: { batchSize },
	}),
	// Remove From Groups is off: no memberships needed, under either variant.
	floors: (account) => ({
		floor: floorOf([1, '1 userinfo'], userReads(account, 1000), [
			ceil(1000 / MAX_BATCH),
			'ceil(1000/500) DELETEs',
		]),
		writesOnly: floorOf([1, '1 userinfo'], [ceil(1000 / MAX_BATCH), 'ceil(1000/500) DELETEs']),
	}),
	verify: (after, items) => {
		const ids = new Set(items.map((i) => String(i.id)));
		const closed = after.users.filter((u) => ids.has(u.userId) && u.status === 'Closed').length;
		return closed === ids.size ? undefined : `${closed} of ${ids.size} closed`;
	},
};

const TOTAL_USERS = 10_000;
const SEED_USERS = 59;

const getManyScenario: Scenario = {
	key: 'c',
	title: '(c) Get Many, 10,000 users, Return All',
	extraUsers: TOTAL_USERS - SEED_USERS,
	burstLimit: 500,
	batchSize: 0,
	itemCount: TOTAL_USERS,
	perItemWrites: 0,
	items: () => [{}],
	parameters: () => ({
		resource: 'user',
		operation: 'getAll',
		returnAll: true,
		filters: {},
		simplify: true,
	}),
	floors: (account) => ({
		floor: floorOf(
			[1, '1 userinfo'],
			[ceil(account.users.length / PAGE), `ceil(${account.users.length} users/100) pages`],
		),
	}),
	verify: (after, _items, m) =>
		m.outputItems === after.users.length
			? undefined
			: `${m.outputItems} users returned of ${after.users.length}`,
};

const MOVERS = 200;

const moversScenario: Scenario = {
	key: 'd',
	title: '(d) 200 movers: Update, groups Replace',
	// Extra users are spread over the 6 custom groups in turn, so 1,200 give 200 in Sales.
	extraUsers: 1200,
	burstLimit: 500,
	batchSize: 500,
	itemCount: MOVERS,
	perItemWrites: 2,
	items: (account) =>
		account.users
			.filter(
				(u) =>
					isExtra(u.email) &&
					u.status === 'Active' &&
					u.groups.includes('Sales') &&
					u.groups.filter((g) => customGroups(account).includes(g)).length === 1,
			)
			.slice(0, MOVERS)
			.map((u) => ({ id: u.userId })),
	parameters: (batchSize) => ({
		resource: 'user',
		operation: 'update',
		user: rl('id', '={{ $json.id }}'),
		updateFields: {},
		groupMode: 'replace',
		groups: ['Engineering'],
		requestSettings: { batchSize },
	}),
	floors: (account, variant) => ({
		floor: floorOf(
			[1, '1 userinfo'],
			userReads(account, MOVERS),
			[1, '1 groups'],
			...membershipReads(account, MOVERS, variant),
			[ceil(MOVERS / MAX_BATCH), 'ceil(200/500) PUT Engineering'],
			[ceil(MOVERS / MAX_BATCH), 'ceil(200/500) DELETE Sales'],
		),
		writesOnly: floorOf([1, '1 userinfo'], [1, '1 groups'], [1, '1 PUT'], [1, '1 DELETE']),
	}),
	verify: (after, items) => {
		const ids = new Set(items.map((i) => String(i.id)));
		const custom = customGroups(after);
		const moved = after.users.filter(
			(u) =>
				ids.has(u.userId) && u.groups.filter((g) => custom.includes(g)).join() === 'Engineering',
		).length;
		return moved === ids.size && ids.size === MOVERS
			? undefined
			: `${moved} of ${ids.size} moved to exactly Engineering`;
	},
};

const pacingScenario: Scenario = {
	key: 'e',
	title: '(e) Pacing: 2,000 creates, Batch Size 10, burst limit 50/30 s',
	extraUsers: 0,
	burstLimit: 50,
	batchSize: 10,
	itemCount: 2000,
	perItemWrites: 0,
	items: () => joiners(2000),
	parameters: createParameters,
	floors: (account) => ({
		floor: floorOf(
			[1, '1 userinfo'],
			[1, '1 profiles'],
			[ceil(account.groups.length / PAGE), `ceil(${account.groups.length} groups/100)`],
			[ceil(2000 / 10), 'ceil(2000/10) POSTs'],
		),
	}),
	verify: (after) => verifyJoiners(after, 2000),
};

export const CLAIMED_TOTAL = '1000000000';

/**
 * (c) again, but every page claims a billion users: memory stays that of (c). The empty pages before the
 * claimed total mean the list did not hold, so it is read three times and the run fails saying so.
 */
const claimedTotalScenario: Scenario = {
	...getManyScenario,
	key: 'f',
	title:
		'(f) Get Many, 10,000 users, every page claiming totalSetSize 1,000,000,000 (read three times, then a clear error)',
	failsByDesign: true,
	faults: [
		{
			method: 'GET',
			path: '/users$',
			times: 1_000_000,
			action: { page: { totalSetSize: CLAIMED_TOTAL } },
		},
	],
	// The list ends (an empty page) before the total it claims: it has shifted, so it is read again (twice), then fails.
	floors: (account) => ({
		floor: floorOf(
			[1, '1 userinfo'],
			[
				LISTING_READS *
					(ceil(account.users.length / PAGE) + (account.users.length % PAGE === 0 ? 1 : 0)),
				`${LISTING_READS} reads x (ceil(${account.users.length} users/100) pages${account.users.length % PAGE === 0 ? ' + 1 empty page, the one that shows the list ended before its claimed total' : ''})`,
			],
		),
	}),
	// Continue On Fail (as every bench run): the error comes out on the one item.
	verify: (_after, _items, m) =>
		(m.runError ?? m.firstFailure)?.startsWith(
			`DocuSign's list changed each of the ${LISTING_READS} times it was read`,
		)
			? undefined
			: `expected the shifted-list error, got ${m.runError ?? m.firstFailure ?? `${m.outputItems} users`}`,
};

/** Each read of (f) may request at most one window of pages in flight past the end before the empty page stops it. */
export const PAGES_IN_FLIGHT_AFTER_END = 4;

export const SCENARIOS: Scenario[] = [
	joinersScenario,
	leaversScenario,
	getManyScenario,
	moversScenario,
	pacingScenario,
	claimedTotalScenario,
];
