/**
 * The DocuSign Trigger's bench scenarios, each a function that sets up the simulator, runs the polls it
 * needs through n8n-core's PollContext (test/support/trigger.ts) and returns the API call count
 * of the poll it measures, so a call-count check can hold them to their figures. `measurePoll` gives the
 * same poll with its wall time, items and the state's size, for bench/trigger.ts's table.
 */
import type { IDataObject } from 'n8n-workflow';

import { ADMIN_SCOPE, adminChanges, adminCredentialFor, TriggerUnderTest } from '../test/support';
import type { Simulator } from '../test/simulator';
import { seedData } from '../test/simulator';
import { summarizeLog } from './callLog';
import { endpointCounts, type Floor } from './callCounts';
import { countParameterReads } from './parameterTimer';

export const BENCH_USERS = 10_000;
/** The seed account alone: 59 users, 6 custom groups. */
const SEED_ACCOUNT_USERS = 59;

/** The trigger's default events (nodes/DocuSign/trigger/description.ts), and every event. */
export const DEFAULT_EVENTS = ['userCreated', 'statusChanged', 'permissionProfileChanged'];

export interface TriggerScenario {
	/** Organization Admin Access on the credential: incremental polls. */
	admin: boolean;
	events: string[];
	users?: number;
	personalData?: 'fingerprints' | 'values';
}

export interface PollFigures {
	calls: number;
	ms: number;
	items: number;
	/** The workflow's static data after the poll, as n8n saves it (bytes of JSON). */
	stateBytes: number;
	users: number;
}

/** Ten administrator edits spread over the account, the last on the last page, and a new user. */
function tenChanges(sim: Simulator): IDataObject[] {
	const users = sim.users();
	const at = (i: number) => users[Math.min(users.length - 1, i)].userId;
	return [
		{ user: at(10), set: { jobTitle: 'Bench Lead' } },
		{ user: at(1500), set: { company: 'Acme EU' } },
		{ user: at(3000), profile: 'HR Sender' },
		{ user: at(4500), addGroups: ['Finance'] },
		{
			user: at(6000),
			removeGroups: ['Sales', 'Engineering', 'Human Resources', 'Legal', 'Finance', 'Marketing'],
		},
		{ user: at(7500), status: 'Closed' },
		{ user: seedData.SEED_USERS.closed.userId, status: 'Active' },
		{ user: at(9000), set: { lastName: 'Renamed' } },
		{ user: at(9999), set: { email: 'moved.user@acme.example' } },
		{
			create: {
				userName: 'Bench Joiner',
				email: 'bench.joiner@acme.example',
				firstName: 'Bench',
				lastName: 'Joiner',
			},
		},
	];
}

function triggerFor(sim: Simulator, scenario: TriggerScenario): TriggerUnderTest {
	// A bench poll is measured on its own: the trigger's hourly share (Max API Calls per Hour) is lifted.
	const parameters: IDataObject = {
		events: scenario.events,
		options: {
			maxCallsPerHour: 3000,
			...(scenario.personalData ? { personalData: scenario.personalData } : {}),
		},
	};
	const credential = scenario.admin ? () => adminCredentialFor(sim) : undefined;
	return new TriggerUnderTest(sim, parameters, credential);
}

/**
 * One measured poll: the account is seeded, the trigger records its baseline, then (`changes`) ten
 * administrator edits are made and the next poll is measured; without changes, the quiet poll after the
 * baseline. Polls run minutes apart in n8n: each starts with a fresh burst window.
 */
export async function measurePoll(
	sim: Simulator,
	scenario: TriggerScenario,
	changes: boolean,
): Promise<PollFigures> {
	const users = scenario.users ?? BENCH_USERS;
	sim.reset({ extraUsers: users - SEED_ACCOUNT_USERS });
	const t = triggerFor(sim, scenario);
	sim.configure({ rateLimits: {} });
	await t.poll();
	if (changes) await adminChanges(sim, tenChanges(sim));
	sim.configure({ rateLimits: {} });
	const started = performance.now();
	const result = await t.poll();
	return {
		calls: result.calls,
		ms: performance.now() - started,
		items: result.items?.length ?? 0,
		stateBytes: Buffer.byteLength(t.savedStaticData),
		users: sim.users().length,
	};
}

/** API calls of a poll without changes. */
export async function quietPollCalls(sim: Simulator, scenario: TriggerScenario): Promise<number> {
	return (await measurePoll(sim, scenario, false)).calls;
}

/** API calls of a poll after ten administrator edits. */
export async function tenChangesPollCalls(
	sim: Simulator,
	scenario: TriggerScenario,
): Promise<number> {
	return (await measurePoll(sim, scenario, true)).calls;
}

/**
 * API calls of the scheduled full reconciliation with Organization Admin Access (the last full read is
 * moved two days back, as if a day had passed), or of a poll without it (every poll reads everything).
 */
export async function fullReadCalls(sim: Simulator, scenario: TriggerScenario): Promise<number> {
	sim.reset({ extraUsers: (scenario.users ?? BENCH_USERS) - SEED_ACCOUNT_USERS });
	const t = triggerFor(sim, scenario);
	sim.configure({ rateLimits: {} });
	await t.poll();
	const data = JSON.parse(t.savedStaticData) as Record<
		string,
		{ accounts: Record<string, IDataObject> }
	>;
	for (const state of Object.values(data['node:DocuSign Trigger'].accounts))
		state.fa = new Date(Date.now() - 2 * 86_400_000).toISOString();
	t.savedStaticData = JSON.stringify(data);
	sim.configure({ rateLimits: {} });
	return (await t.poll()).calls;
}

/** Bytes of the stored state per user after the baseline poll. */
export async function stateBytesPerUser(
	sim: Simulator,
	scenario: TriggerScenario,
): Promise<number> {
	const figures = await measurePoll(sim, scenario, false);
	return figures.stateBytes / figures.users;
}

/** One poll's call-count figures: calls, calls by endpoint, getNodeParameter calls, and its floor. */
export interface PollCount {
	calls: number;
	ms: number;
	items: number;
	/** The poll's events, "event userId" sorted: a column's poll after ten changes is compared across access. */
	events: string[];
	byEndpoint: Record<string, number>;
	parameterReads: number;
	floor: Floor;
}

/** A column of the table, counted on one account: the quiet poll, the poll after ten changes, the full read. */
export interface ColumnCount {
	quiet: PollCount;
	changed: PollCount;
	full: PollCount;
}

function floorOf(terms: Array<[number, string]>): Floor {
	return {
		value: terms.reduce((sum, [n]) => sum + n, 0),
		formula: terms.map(([, words]) => words).join(' + '),
	};
}

/**
 * What a full read must fetch (userinfo is cached after the baseline poll): every user page, and with
 * group events the group list and every custom group's member pages.
 */
function fullReadTerms(sim: Simulator, scenario: TriggerScenario): Array<[number, string]> {
	const pages = Math.ceil(sim.users().length / 100);
	const terms: Array<[number, string]> = [[pages, `${pages} user pages`]];
	if (scenario.events.includes('groupMembershipChanged')) {
		const members = seedData.CUSTOM_GROUP_NAMES.map(
			(name) => sim.groupMemberIds(sim.groupByName(name)!.groupId).length,
		);
		const memberPages = members.reduce((sum, m) => sum + Math.max(1, Math.ceil(m / 100)), 0);
		terms.push(
			[1, '1 groups'],
			[memberPages, `${memberPages} member pages (${members.length} groups, 100 per page)`],
		);
	}
	return terms;
}

/**
 * The users the poll's modified-list request named (lower-case IDs): the same request (from the simulator's
 * log) asked again with a fresh token. The simulator's stamps do not move between the two asks.
 */
async function listedAsModified(sim: Simulator): Promise<string[]> {
	const asked = sim.log.find((e) => e.method === 'GET' && /^\/Management\/.*\/users$/.test(e.path));
	if (!asked) return [];
	const url = new URL(asked.path, sim.baseUrl);
	for (const [name, value] of Object.entries(asked.query)) url.searchParams.set(name, value);
	const token = sim.issueTokens({ scope: ADMIN_SCOPE }).access_token;
	const answer = (await (
		await fetch(url, { headers: { authorization: `Bearer ${token}` } })
	).json()) as { users?: Array<{ id?: string }> };
	return (answer.users ?? []).map((u) => String(u.id ?? '').toLowerCase());
}

/**
 * The fewest reads that return the given users: a user list page (GET /users, every status, as the account
 * orders its users) returns any 100 consecutive users, GET /users/{id} one; a user no list holds needs its own
 * read. Greedy over the sorted list positions: each page starts at the first user not yet covered.
 */
export function readsCovering(positions: number[], pageSize = 100): number {
	const listed = positions.filter((p) => p >= 0).sort((a, b) => a - b);
	let reads = positions.length - listed.length;
	let coveredTo = -1;
	for (const p of listed)
		if (p > coveredTo) {
			reads++;
			coveredTo = p + pageSize - 1;
		}
	return reads;
}

/**
 * What an incremental poll must read after the modified list named `ids`. Without group events: the named
 * users, by pages or one by one, whichever is fewer (readsCovering). With them: each user's groups too, which
 * only GET /users/{id} carries (list entries have no groupList), unless the group list and every member page
 * cost less.
 */
function modifiedReadTerms(
	sim: Simulator,
	scenario: TriggerScenario,
	ids: string[],
): Array<[number, string]> {
	const order = new Map(sim.users().map((u, i) => [u.userId.toLowerCase(), i]));
	const reads = readsCovering(ids.map((id) => order.get(id) ?? -1));
	const terms: Array<[number, string]> = [[1, '1 modified list']];
	if (!scenario.events.includes('groupMembershipChanged')) {
		terms.push([
			reads,
			`${reads} reads covering the ${ids.length} users it names (a list page holds 100 consecutive users, GET /users/{id} one)`,
		]);
		return terms;
	}
	const memberReads = fullReadTerms(sim, scenario)
		.slice(1)
		.reduce((sum, [n]) => sum + n, 0);
	if (ids.length <= reads + memberReads)
		terms.push([
			ids.length,
			`${ids.length} GET /users/{id}, one per user it names (only they carry the groups; the ${reads + memberReads} reads of the users' pages, the group list and every member page cost more)`,
		]);
	else
		terms.push(
			[reads, `${reads} reads covering the ${ids.length} users it names`],
			[memberReads, `${memberReads} reads of the group list and every member page`],
		);
	return terms;
}

/**
 * The call counts of one column at the simulator's current latency: the baseline poll, a quiet poll, ten
 * administrator edits and a poll, then (with Admin access) the scheduled full reconciliation.
 */
export async function countColumn(sim: Simulator, scenario: TriggerScenario): Promise<ColumnCount> {
	sim.reset({ extraUsers: (scenario.users ?? BENCH_USERS) - SEED_ACCOUNT_USERS });
	const t = triggerFor(sim, scenario);
	const reads = countParameterReads();
	const poll = async (floor: Floor): Promise<PollCount> => {
		sim.configure({ rateLimits: {} });
		sim.clearLog();
		reads.reset();
		const started = performance.now();
		const { calls, items } = await t.poll();
		return {
			calls,
			ms: performance.now() - started,
			items: items?.length ?? 0,
			events: (items ?? [])
				.map(
					(item) => `${String(item.event)} ${String((item.user as IDataObject).id).toLowerCase()}`,
				)
				.sort(),
			byEndpoint: endpointCounts(summarizeLog(sim.log).byEndpoint),
			parameterReads: reads.read().calls,
			floor,
		};
	};
	const groups = scenario.events.includes('groupMembershipChanged');
	await poll(floorOf([]));
	const quiet = await poll(
		floorOf(
			scenario.admin ? [[1, '1 modified list (nobody modified)']] : fullReadTerms(sim, scenario),
		),
	);
	const changes = tenChanges(sim);
	await adminChanges(sim, changes);
	const removals = groups ? changes.filter((c) => c.removeGroups).length : 0;
	// With Admin access the floor depends on the list's answer: filled in after the poll.
	const changed = await poll(
		floorOf(
			scenario.admin
				? []
				: [
						...fullReadTerms(sim, scenario),
						...(removals
							? ([
									[removals, `${removals} GET /users/{id} confirming a membership removal`],
								] as Array<[number, string]>)
							: []),
					],
		),
	);
	// With Admin access a membership removal needs no confirming read: GET /users/{id} carries the groups.
	if (scenario.admin)
		changed.floor = floorOf(modifiedReadTerms(sim, scenario, await listedAsModified(sim)));
	let full = quiet;
	if (scenario.admin) {
		const data = JSON.parse(t.savedStaticData) as Record<
			string,
			{ accounts: Record<string, IDataObject> }
		>;
		for (const state of Object.values(data['node:DocuSign Trigger'].accounts))
			state.fa = new Date(Date.now() - 2 * 86_400_000).toISOString();
		t.savedStaticData = JSON.stringify(data);
		full = await poll(floorOf([[1, '1 modified list'], ...fullReadTerms(sim, scenario)]));
	}
	return { quiet, changed, full };
}
