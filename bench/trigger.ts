/**
 * DocuSign Trigger: API calls per poll, with and without Organization Admin Access, wall time, and the size of
 * the stored state, through n8n-core's PollContext against the simulator with latency. The scenarios are in
 * bench/triggerScenarios.ts; their call counts are checked by `npm run bench:calls` (triggerCalls). Part of
 * `npm run bench`; alone:
 * `npx tsx bench/trigger.ts [--latency 100]` (needs `npm run build`). Writes bench/trigger-results.md.
 */
import '../test/setup-env.js';

import path from 'node:path';

import { startSimulator } from '../test/simulator';
import { ALL_EVENTS } from '../test/support';
import {
	figure,
	withCallSection,
	type BenchTable,
	type CallCount,
	type CallGroup,
} from './callCounts';
import { runAlone } from './alone';
import type { ColumnCount, PollCount, PollFigures, TriggerScenario } from './triggerScenarios';
import { BENCH_USERS, countColumn, DEFAULT_EVENTS, measurePoll } from './triggerScenarios';

const HOURLY_LIMIT = 3000;
const BUDGET = HOURLY_LIMIT / 10;
/** Measured before incremental polls (bench/trigger-results.md of 2026-12-01), 10,000 users. */
const BEFORE = {
	allEvents: { quiet: 204, changed: 205, bytesPerUser: 81 },
	withoutGroups: { quiet: 101, changed: 102, bytesPerUser: 80 },
};

const fmt = (n: number) => n.toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Column = ColumnCount;

/**
 * Calls an hour with Poll Times every minute, within the trigger's share (Max API Calls per Hour): with
 * Admin access 60 quiet polls and a 24th of the daily reconciliation; without it as many full reads as fit.
 */
export function perHour(id: string, admin: boolean): string {
	if (admin) return figure(`round(60 * ${id}.quiet.calls + ${id}.full.calls / 24)`);
	return `${figure(`floor(${BUDGET} / ${id}.quiet.calls) * ${id}.quiet.calls`)} (${figure(`floor(${BUDGET} / ${id}.quiet.calls)`)} of 60 polls run)`;
}

const COLUMNS = [
	['defaultEvents', 'default events', DEFAULT_EVENTS],
	['allEvents', 'all events', ALL_EVENTS],
] as const;

/** The four columns (events × Admin access), each counted on a fresh 10,000-user account. */
async function countColumns(
	sim: Awaited<ReturnType<typeof startSimulator>>,
	log: (line: string) => void,
): Promise<Array<{ id: string; key: string; column: Column }>> {
	const out: Array<{ id: string; key: string; column: Column }> = [];
	for (const [eventsId, eventsLabel, events] of COLUMNS) {
		for (const admin of [false, true]) {
			const column = await countColumn(sim, { admin, events: [...events] });
			const key = `${eventsLabel}, ${admin ? 'with' : 'without'} Admin access`;
			out.push({ id: `trigger.${eventsId}.${admin ? 'admin' : 'noAdmin'}`, key, column });
			log(
				`  ${key}: quiet ${column.quiet.calls}, 10 changes ${column.changed.calls}, full read ${column.full.calls}`,
			);
		}
	}
	// The modified list must find what a full read finds: an incremental poll that misses a change is a bug.
	for (const [eventsId] of COLUMNS) {
		const [full, incremental] = out.filter((c) => c.id.startsWith(`trigger.${eventsId}.`));
		const missed = full.column.changed.events.filter(
			(e) => !incremental.column.changed.events.includes(e),
		);
		const extra = incremental.column.changed.events.filter(
			(e) => !full.column.changed.events.includes(e),
		);
		if (missed.length || extra.length)
			throw new Error(
				`${incremental.key}: the poll after 10 changes differs from the full read's: missed [${missed.join(', ')}], extra [${extra.join(', ')}]`,
			);
	}
	return out;
}

const POLLS = [
	['quiet', 'quiet poll'],
	['changed', 'poll after 10 changes'],
	['full', 'full read (the scheduled reconciliation)'],
] as const;

function triggerCounts(columns: Array<{ id: string; key: string; column: Column }>): CallCount[] {
	return columns.flatMap(({ id, key, column }) =>
		POLLS.filter(([poll]) => poll !== 'full' || key.includes('with Admin')).map(
			([poll, words]): CallCount => {
				const figures: PollCount = column[poll];
				return {
					id: `${id}.${poll}`,
					table: 'trigger-results.md',
					scenario: `${fmt(BENCH_USERS)} users, ${key}: ${words}`,
					variant: 'documented API',
					calls: figures.calls,
					byEndpoint: figures.byEndpoint,
					floor: figures.floor,
					parameterReads: figures.parameterReads,
					items: 1,
					itemNoun: 'poll',
				};
			},
		),
	);
}

/** The four columns at zero latency, for `npm run bench:calls`. */
export const triggerCalls: CallGroup = {
	name: 'bench/trigger.ts',
	async run() {
		const sim = await startSimulator({ latencyMs: 0 });
		try {
			return triggerCounts(await countColumns(sim, () => undefined));
		} finally {
			await sim.close();
		}
	},
};

export const TRIGGER_TABLE = path.join(__dirname, 'trigger-results.md');

export async function triggerBench(latencyMs: number): Promise<BenchTable> {
	const sim = await startSimulator({ latencyMs });
	const columns = new Map<string, Column>();
	const sizes: Array<{ label: string; figures: PollFigures }> = [];
	let counted: Array<{ id: string; key: string; column: Column }> = [];
	try {
		console.log(`DocuSign Trigger, ${fmt(BENCH_USERS)} users, latency ${latencyMs} ms`);
		counted = await countColumns(sim, (line) => console.log(line));
		for (const { key, column } of counted) columns.set(key, column);
		for (const [label, scenario] of [
			['10,000 users, default events', { admin: false, events: DEFAULT_EVENTS }],
			[
				'10,000 users, all events, Personal Data in State: Fingerprints Only (default)',
				{ admin: false, events: ALL_EVENTS },
			],
			[
				'10,000 users, all events, Personal Data in State: Previous Values',
				{ admin: false, events: ALL_EVENTS, personalData: 'values' },
			],
			['50,000 users, default events', { admin: false, events: DEFAULT_EVENTS, users: 50_000 }],
			[
				'50,000 users, default events + User Updated, Fingerprints Only (default)',
				{ admin: false, events: [...DEFAULT_EVENTS, 'userUpdated'], users: 50_000 },
			],
		] as Array<[string, TriggerScenario]>) {
			const figures = await measurePoll(sim, { ...scenario, admin: false }, false);
			sizes.push({ label, figures });
			console.log(`  state, ${label}: ${fmt(figures.stateBytes)} bytes`);
		}
	} finally {
		await sim.close();
	}
	const keys = counted.map((c) => c.key);
	const idOf = new Map(counted.map((c) => [c.key, c.id]));
	const row = (label: string, cell: (c: Column, key: string) => string) =>
		`| ${label} | ${keys.map((k) => cell(columns.get(k)!, k)).join(' | ')} |`;
	/** A call figure of this column, generated from the expectations (the same data the check holds). */
	const calls = (key: string, poll: 'quiet' | 'changed' | 'full') =>
		figure(
			`${idOf.get(key)}.${poll === 'full' && !key.includes('with Admin') ? 'quiet' : poll}.calls`,
		);
	const lines = [
		'# Bench: DocuSign Trigger (polling drift detection)',
		'',
		`- Date: ${new Date().toISOString()}; Node ${process.version}; n8n-core PollContext, the built node from dist/`,
		`- ${fmt(BENCH_USERS)} users in the account (each generated user in one of 6 custom groups), ${latencyMs} ms latency per request; the workflow's static data is saved as JSON between polls, as n8n's database holds it. Scenarios: \`bench/triggerScenarios.ts\` (each returns its call count).`,
		'- Default events: User Created, Status Changed, Permission Profile Changed. All events add User Updated and Group Membership Changed.',
		'- Poll after 10 changes: ten administrator edits (title, company, profile, group add, removal from every group, close, reopen, rename, e-mail, a new user), then one poll.',
		'- With Organization Admin Access a poll reads the users DocuSign lists as modified since the last poll (one Admin call), then those users (a list page where several share one, else one by one); the full reconciliation (default once a day) reads everything and the modified list once more.',
		'',
		'## API calls per poll',
		'',
		"Call figures are generated from bench/expected-calls.json (the section above); wall times and items are this run's.",
		'',
		`| | ${keys.map((k) => `**${k}**`).join(' | ')} |`,
		`| --- | ${keys.map(() => '---').join(' | ')} |`,
		row('**Quiet poll**', (c, k) => `**${calls(k, 'quiet')}** (${s(c.quiet.ms)})`),
		row(
			'**Poll after 10 changes**',
			(c, k) => `**${calls(k, 'changed')}** (${s(c.changed.ms)}, ${c.changed.items} items)`,
		),
		row(
			'Full read (without Admin access: every poll; with it: the daily reconciliation)',
			(_c, k) => calls(k, 'full'),
		),
		row(`Calls per hour, polling every minute, Max API Calls per Hour ${BUDGET}`, (_c, k) =>
			perHour(idOf.get(k)!, k.includes('with Admin')),
		),
		'',
		`Before incremental polls (the code of 2026-12-01, every event on by default): ${BEFORE.allEvents.quiet} calls per quiet poll and ${BEFORE.allEvents.changed} after 10 changes with all events, ${BEFORE.withoutGroups.quiet} / ${BEFORE.withoutGroups.changed} without Group Membership Changed; every minute that was ${fmt(BEFORE.allEvents.quiet * 60)} calls an hour against DocuSign's ${fmt(HOURLY_LIMIT)}.`,
		'',
		'## State in the workflow (static data)',
		'',
		'| Account and settings | Bytes | Per user |',
		'| --- | --- | --- |',
		...sizes.map(
			({ label, figures }) =>
				`| ${label} | ${fmt(figures.stateBytes)} | ${(figures.stateBytes / figures.users).toFixed(1)} |`,
		),
		'',
		`Before: ${BEFORE.allEvents.bytesPerUser} bytes per user with names, e-mails, titles and groups of every user (4.2 MB at 50,000 users).`,
		'',
	];
	const markdown = withCallSection(lines.join('\n'), 'trigger-results.md');
	const summary = `Wall time of a quiet poll at ${latencyMs} ms per request (last full \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}; it varies with the machine's load): ${keys.map((k) => `${k} ${s(columns.get(k)!.quiet.ms)}`).join(', ')}.`;
	return { markdown, counts: triggerCounts(counted), summary };
}

if (require.main === module) runAlone(triggerBench, TRIGGER_TABLE, 'trigger');
