/**
 * DocuSign Trigger: API calls per poll, wall time and state size for 10,000 users, through n8n-core's
 * PollContext (test/integration/pollHarness.ts) against the simulator with latency. Part of `npm run bench`;
 * alone: `npx tsx bench/trigger.ts [--latency 100]` (needs `npm run build`). Writes bench/trigger-results.md.
 */
import '../test/setup-env.js';

import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { adminChanges, TriggerUnderTest } from '../test/integration/pollHarness';
import type { Simulator } from '../test/simulator';
import { seedData, startSimulator } from '../test/simulator';
import { summarizeLog } from './callLog';
import {
	endpointCounts,
	withCallSection,
	writeCheckedTable,
	type CallCount,
	type CallGroup,
	type Floor,
} from './callCounts';
import { writeRunBlock } from './docsBlocks';
import { countParameterReads } from './parameterTimer';

const USERS = 10_000;
const ALL_EVENTS = [
	'userCreated',
	'userUpdated',
	'statusChanged',
	'permissionProfileChanged',
	'groupMembershipChanged',
];
const HOURLY_LIMIT = 3000;

interface Poll {
	calls: number;
	ms: number;
	items: number;
	floor: Floor;
	byEndpoint: Record<string, number>;
	parameterReads: number;
}

interface Row {
	key: string;
	label: string;
	users: number;
	baseline: Poll;
	unchanged: Poll;
	/** After ten administrator edits (the 10,000-user rows). */
	changed?: Poll;
	stateBytes: number;
}

/** The seed account alone: 59 users, 6 custom groups. */
const SMALL_ACCOUNT = 59;

const fmt = (n: number) => n.toLocaleString('en-US');
type Log = (line: string) => void;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = performance.now();
	const value = await work();
	return { value, ms: performance.now() - started };
}

/** Ten administrator edits spread over the account, the last on the last page. */
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

/**
 * The documented floor: every user page, and with memberships the group list and every custom group's member
 * pages; /oauth/userinfo on the first poll only (n8n keeps the process, the node keeps userinfo for an hour).
 */
function floorOf(sim: Simulator, withGroups: boolean, firstPoll: boolean, removals: number): Floor {
	const pages = Math.ceil(sim.users().length / 100);
	const userinfo: [number, string] = firstPoll ? [1, '1 userinfo'] : [0, '0 userinfo (cached)'];
	const terms: Array<[number, string]> = [userinfo, [pages, `${pages} user pages`]];
	if (withGroups) {
		const groups = seedData.CUSTOM_GROUP_NAMES.map(
			(name) => sim.groupMemberIds(sim.groupByName(name)!.groupId).length,
		);
		const memberPages = groups.reduce(
			(sum, members) => sum + Math.max(1, Math.ceil(members / 100)),
			0,
		);
		terms.push(
			[1, '1 groups'],
			[
				memberPages,
				`${memberPages} member pages (${groups.map(fmt).join(' + ')} members in ${groups.length} groups, 100 per page)`,
			],
		);
		// A membership that disappeared may be a list shifting while read: one GET /users/{id} confirms it.
		if (removals)
			terms.push([removals, `${removals} GET /users/{id} confirming a membership removal`]);
	}
	return {
		value: terms.reduce((sum, [n]) => sum + n, 0),
		formula: terms.map(([, words]) => words).join(' + '),
	};
}

async function measure(
	sim: Simulator,
	key: string,
	label: string,
	parameters: IDataObject,
	log: Log,
	users = USERS,
): Promise<Row> {
	sim.reset({ extraUsers: users - SMALL_ACCOUNT });
	const withGroups = (parameters.events as string[]).includes('groupMembershipChanged');
	const t = new TriggerUnderTest(sim, parameters);
	const reads = countParameterReads();
	// Polls run minutes apart in n8n: each one starts with a fresh 30-second burst window.
	let polls = 0;
	const poll = async (removals = 0): Promise<Poll> => {
		sim.configure({ rateLimits: {} });
		const floor = floorOf(sim, withGroups, polls++ === 0, removals);
		sim.clearLog();
		reads.reset();
		const { value, ms } = await timed(async () => await t.poll());
		return {
			calls: value.calls,
			ms,
			items: value.items?.length ?? 0,
			floor,
			byEndpoint: endpointCounts(summarizeLog(sim.log).byEndpoint),
			parameterReads: reads.read().calls,
		};
	};
	const baseline = await poll();
	const unchanged = await poll();
	let changed: Poll | undefined;
	if (users === USERS) {
		const changes = tenChanges(sim);
		await adminChanges(sim, changes);
		changed = await poll(changes.filter((c) => c.removeGroups).length);
	}
	const row: Row = {
		key,
		label,
		users,
		baseline,
		unchanged,
		changed,
		stateBytes: Buffer.byteLength(t.savedStaticData),
	};
	log(
		`  ${label}, ${fmt(users)} users: ${row.unchanged.calls} calls/poll, ${(row.unchanged.ms / 1000).toFixed(2)} s, state ${fmt(row.stateBytes)} bytes${changed ? `, ${changed.items} items for 10 changes` : ''}`,
	);
	return row;
}

/** Both watch settings, each polled three times: the baseline, an unchanged account, after ten changes. */
async function measureTrigger(latencyMs: number): Promise<Row[]> {
	const sim = await startSimulator({ latencyMs });
	try {
		// The call-count check (latency 0) stays quiet.
		const log: Log = latencyMs > 0 ? (line) => console.log(line) : () => undefined;
		log(`DocuSign Trigger, ${fmt(USERS)} users, latency ${latencyMs} ms`);
		return [
			await measure(
				sim,
				'allEvents',
				'All events (member lists of every custom group)',
				{ events: ALL_EVENTS },
				log,
			),
			await measure(
				sim,
				'noGroupEvents',
				'Without Group Membership Changed',
				{ events: ALL_EVENTS.filter((e) => e !== 'groupMembershipChanged') },
				log,
			),
			await measure(sim, 'smallAccount', 'All events', { events: ALL_EVENTS }, log, SMALL_ACCOUNT),
		];
	} finally {
		await sim.close();
	}
}

const POLLS = [
	['baseline', 'first poll (baseline)'],
	['unchanged', 'unchanged account'],
	['changed', 'after 10 changes'],
] as const;

function triggerCounts(rows: Row[]): CallCount[] {
	return rows.flatMap((row) =>
		POLLS.filter(([poll]) => row[poll]).map(([poll, words]): CallCount => {
			const figures = row[poll]!;
			return {
				id: `trigger.${row.key}.${poll}`,
				table: 'trigger-results.md',
				scenario: `${row.label}, ${fmt(row.users)} users: ${words}`,
				variant: 'documented API',
				calls: figures.calls,
				byEndpoint: figures.byEndpoint,
				floor: figures.floor,
				parameterReads: figures.parameterReads,
				items: 1,
				itemNoun: 'poll',
			};
		}),
	);
}

/** The trigger's polls at zero latency, for `npm run bench:calls`. */
export const triggerCalls: CallGroup = {
	name: 'bench/trigger.ts',
	run: async () => triggerCounts(await measureTrigger(0)),
};

export async function triggerBench(
	latencyMs: number,
): Promise<{ markdown: string; counts: CallCount[]; summary: string }> {
	const all = await measureTrigger(latencyMs);
	const rows = all.filter((r) => r.users === USERS);
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	const lines = [
		'# Bench: DocuSign Trigger (polling drift detection)',
		'',
		`- Date: ${new Date().toISOString()}; Node ${process.version}; n8n-core PollContext, the built node from dist/`,
		`- ${fmt(USERS)} users in the account (${fmt(USERS - 59)} generated, each in one custom group), ${latencyMs} ms latency per request; the workflow's static data is saved as JSON between polls, as n8n's database holds it`,
		"- Changed poll: ten administrator edits through the simulator's `/__control/admin-changes` (title, company, profile, group add, group removal, close, reopen, rename, e-mail, a new user)",
		'',
		`## Per poll (${latencyMs} ms latency)`,
		'',
		'| | ' + rows.map((r) => `**${r.label}**`).join(' | ') + ' |',
		'| --- | ' + rows.map(() => '---').join(' | ') + ' |',
		'| **API calls per poll** | ' + rows.map((r) => `**${r.unchanged.calls}**`).join(' | ') + ' |',
		'| Floor | ' +
			rows.map((r) => `${r.unchanged.floor.formula} = **${r.unchanged.floor.value}**`).join(' | ') +
			' |',
		'| Baseline poll (first) | ' +
			rows.map((r) => `${r.baseline.calls} calls, ${s(r.baseline.ms)}`).join(' | ') +
			' |',
		'| Unchanged poll | ' +
			rows
				.map((r) => `${r.unchanged.calls} calls, ${s(r.unchanged.ms)}, ${r.unchanged.items} items`)
				.join(' | ') +
			' |',
		'| Poll after 10 changes | ' +
			rows
				.map((r) => `${r.changed!.calls} calls, ${s(r.changed!.ms)}, ${r.changed!.items} items`)
				.join(' | ') +
			' |',
		'| State in static data | ' +
			rows
				.map(
					(r) => `${fmt(r.stateBytes)} bytes = ${(r.stateBytes / USERS).toFixed(0)} bytes per user`,
				)
				.join(' | ') +
			' |',
		`| Polls per hour within DocuSign's ${fmt(HOURLY_LIMIT)} calls/hour (whole budget) | ` +
			rows
				.map(
					(r) =>
						`${Math.floor(HOURLY_LIMIT / r.unchanged.calls)} (every ${Math.ceil(60 / Math.floor(HOURLY_LIMIT / r.unchanged.calls))} min or slower)`,
				)
				.join(' | ') +
			' |',
		'| Admin API `last_modified_since` | n/a: needs Organization Admin Access (issue 12), not in this version | n/a |',
		'',
		'- Items after 10 changes: one per change with every event on; without Group Membership Changed the two group edits are not watched. The changed poll reads one page more: the new user is the 10,001st.',
		"- Group memberships come from `GET /groups/{id}/users`, the documented source; a user list's `groupList` (`additional_info=true`) would make them free, but DocuSign does not document it for lists.",
		`- Wall time is the poll in the bench process, simulator in-process (${latencyMs} ms per request; user pages and member pages four at a time, two groups at a time).`,
		'',
	];
	const markdown = withCallSection(lines.join('\n'), 'trigger-results.md');
	const summary = [
		`Wall time per poll, ${fmt(USERS)} users, ${latencyMs} ms per request (last full \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}; it varies with the machine's load): ${rows.map((r) => `${r.label.toLowerCase()} ${s(r.unchanged.ms)}`).join(', ')}. State in static data: ${rows.map((r) => `${(r.stateBytes / USERS).toFixed(0)} bytes per user`).join(' / ')}.`,
	].join('\n');
	return { markdown, counts: triggerCounts(all), summary };
}

export const TRIGGER_TABLE = path.join(__dirname, 'trigger-results.md');

if (require.main === module) {
	const i = process.argv.indexOf('--latency');
	triggerBench(i >= 0 ? Number(process.argv[i + 1]) : 100)
		.then(({ markdown, counts, summary }) => {
			writeCheckedTable(TRIGGER_TABLE, markdown, counts);
			writeRunBlock('trigger', summary);
		})
		.catch((error: Error) => {
			console.error(error);
			process.exit(1);
		});
}
