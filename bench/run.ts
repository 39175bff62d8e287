/**
 * npm run bench [-- --latency 100] [--only a,c,trigger,warm,admin,roster] [--no-per-item] [--profile DIR]
 *
 * Runs the built node in n8n's engine (n8n-core WorkflowExecute) against the DocuSign simulator
 * in a child process, with injected latency and DocuSign's rate limits, and writes bench/results.md
 * (full runs only), bench/trigger-results.md, bench/warm-results.md, bench/admin-results.md and
 * bench/roster-results.md.
 * Every API call count measured must equal bench/expected-calls.json (else nothing is written):
 * `npm run bench:update` records new expectations first, then runs this.
 */
// n8n-core keeps an encryption key under N8N_USER_FOLDER: a temporary folder, as in the tests.
import '../test/setup-env.js';

import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { measureRun, type RunRecord } from './measure';
import {
	claimedTotalTable,
	duration,
	docsSummary,
	environmentLines,
	mainTable,
	pacingTable,
	verdicts,
	verdictTable,
	type Environment,
	type PerItemFigures,
	type ScenarioResult,
} from './report';
import { SCENARIOS, type Scenario } from './scenarios';
import { startSimulatorProcess, type SimControl } from './simulator';
import { notes } from './notes';
import { ADMIN_TABLE, adminActivationBench } from './adminActivation';
import {
	assertExpected,
	withCallSection,
	writeCheckedTable,
	type BenchTable,
	type CallCount,
} from './callCounts';
import { writeRunBlock } from './docsBlocks';
import { ROSTER_TABLE } from './roster';
import { GROUP_LIST_VARIANT_KEYS, scenarioCallCount } from './scenarioCalls';
import { TRIGGER_TABLE, triggerBench } from './trigger';
import { WARM_TABLE, warmBench } from './warm';

/** A per-item baseline estimated above this runs on a subset and is scaled linearly. */
const PER_ITEM_BUDGET_MS = 60_000;
const PER_ITEM_SUBSET = 200;

function parseArgs(argv: string[]) {
	const value = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const latencyMs = Number(value('latency') ?? 100);
	if (!Number.isFinite(latencyMs) || latencyMs < 0)
		throw new Error('--latency needs a number of milliseconds');
	const only = value('only')
		?.split(',')
		.map((s) => s.trim());
	const profile = value('profile');
	return {
		latencyMs,
		only,
		perItem: !argv.includes('--no-per-item'),
		profile: profile && path.resolve(profile),
	};
}

async function perItemBaseline(
	control: SimControl,
	scenario: Scenario,
	latencyMs: number,
): Promise<PerItemFigures> {
	const estimateMs = scenario.itemCount * scenario.perItemWrites * (latencyMs + 5);
	const subset = estimateMs > PER_ITEM_BUDGET_MS ? PER_ITEM_SUBSET : undefined;
	const record: RunRecord = await measureRun(control, {
		scenario,
		batchSize: 1,
		latencyMs,
		subset,
	});
	if (!subset) return { record, calls: record.log.calls, wallMs: record.measurement.wallMs };
	// Reads are fixed per run; writes grow with the items, and wall time with the calls.
	const reads = record.log.calls - record.log.writes;
	const calls = Math.round(reads + (record.log.writes * scenario.itemCount) / subset);
	return {
		record,
		calls,
		wallMs: (record.measurement.wallMs * calls) / record.log.calls,
		scaledFrom: subset,
	};
}

function progress(label: string, record: RunRecord): void {
	const m = record.measurement;
	console.log(
		`  ${label.padEnd(10)} ${String(record.log.calls).padStart(5)} calls  ${duration(m.wallMs).padStart(10)}  ` +
			`cpu ${(m.cpuMs / Math.max(record.items, m.outputItems)).toFixed(3)} ms/item  maxRSS ${(m.maxRss / 1e6).toFixed(0)} MB  ` +
			`failed ${m.failedItems}  429s ${record.log.rateLimited}${record.problem ? `  PROBLEM: ${record.problem}` : ''}${m.runError ? `  ERROR: ${m.runError}` : ''}`,
	);
}

/**
 * Runs a bench file in a process of its own, so that its peak RSS is its own and not what the benches
 * before it left in this process, and returns the figures it sends back.
 */
function inOwnProcess<T>(file: string, latencyMs: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const child = fork(path.join(__dirname, file), ['--latency', String(latencyMs)], {
			execArgv: process.execArgv,
		});
		let result: T | undefined;
		child.once('message', (message) => (result = message as T));
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0 && result !== undefined
				? resolve(result)
				: reject(new Error(`bench/${file} exited with code ${code} and no figures`)),
		);
	});
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const loadAtStart = os.loadavg()[0];
	// Each worker writes a .cpuprofile there (open it in Chrome DevTools); figures include the profiler's cost.
	if (args.profile) process.env.BENCH_CPU_PROFILE_DIR = args.profile;
	const sim = await startSimulatorProcess(args.latencyMs);
	console.log(
		`DocuSign simulator (child process ${sim.child.pid}) at ${sim.control.address.baseUrl}, latency ${args.latencyMs} ms`,
	);
	const results: ScenarioResult[] = [];
	const tables: Array<{
		file: string;
		block: string;
		markdown: string;
		counts: CallCount[];
		summary: string;
	}> = [];
	try {
		for (const scenario of SCENARIOS.filter((s) => !args.only || args.only.includes(s.key))) {
			console.log(scenario.title);
			const batched = await measureRun(sim.control, {
				scenario,
				batchSize: scenario.batchSize,
				latencyMs: args.latencyMs,
			});
			progress('batched', batched);
			let perItem: PerItemFigures | undefined;
			if (args.perItem && scenario.perItemWrites > 0) {
				perItem = await perItemBaseline(sim.control, scenario, args.latencyMs);
				progress(perItem.scaledFrom ? `per-item*` : 'per-item', perItem.record);
			}
			const split =
				scenario.key === 'e' || scenario.key === 'f'
					? undefined
					: await measureRun(sim.control, {
							scenario,
							batchSize: scenario.batchSize,
							latencyMs: args.latencyMs,
							splitCpu: true,
						});
			if (split)
				console.log(
					`  cpu split  getNodeParameter ${(split.measurement.parameterMs / Math.max(split.items, split.measurement.outputItems)).toFixed(3)} ms/item of ${(split.measurement.cpuMs / Math.max(split.items, split.measurement.outputItems)).toFixed(3)}`,
				);
			// Memberships: without groupList in list entries (the evidence default) vs with it.
			let withGroupList: RunRecord | undefined;
			if (GROUP_LIST_VARIANT_KEYS.includes(scenario.key)) {
				withGroupList = await measureRun(sim.control, {
					scenario,
					batchSize: scenario.batchSize,
					latencyMs: args.latencyMs,
					behaviour: { listGroupList: true },
				});
				progress('groupList', withGroupList);
			}
			results.push({ scenario, batched, perItem, split, withGroupList });
		}
		// The trigger's polls (bench/trigger.ts), while the temporary n8n user folder still exists.
		if (!args.only || args.only.includes('trigger'))
			tables.push({
				file: TRIGGER_TABLE,
				block: 'trigger',
				...(await triggerBench(args.latencyMs)),
			});
		// 100 executions of one item each, cold vs warm (bench/warm.ts).
		if (!args.only || args.only.includes('warm'))
			tables.push({ file: WARM_TABLE, block: 'warm', ...(await warmBench(args.latencyMs)) });
		// Activate Immediately vs activation e-mail (bench/adminActivation.ts).
		if (!args.only || args.only.includes('admin'))
			tables.push({
				file: ADMIN_TABLE,
				block: 'admin',
				...(await adminActivationBench(args.latencyMs)),
			});
		// Sync Roster: 10,000 people against 10,000 users, next to Get Many + per-item writes (bench/roster.ts).
		if (!args.only || args.only.includes('roster'))
			tables.push({
				file: ROSTER_TABLE,
				block: 'roster',
				...(await inOwnProcess<BenchTable>('roster.ts', args.latencyMs)),
			});
	} finally {
		await sim.stop();
		const userFolder = process.env.N8N_USER_FOLDER ?? '';
		if (userFolder.startsWith(path.join(os.tmpdir(), 'n8n-docusign-test-')))
			rmSync(userFolder, { recursive: true, force: true });
	}

	const env: Environment = {
		date: new Date().toISOString(),
		latencyMs: args.latencyMs,
		n8nCore: (require('n8n-core/package.json') as { version: string }).version,
		n8nWorkflow: (require('n8n-workflow/package.json') as { version: string }).version,
		totalMs: Date.now() - started,
		loadAverage: [loadAtStart, os.loadavg()[0]],
	};
	const list = verdicts(results);
	const markdown = withCallSection(
		[
			"# Bench: n8n-nodes-docusign-users in n8n's engine against the DocuSign simulator",
			'',
			...environmentLines(env),
			'',
			'## Batched vs one call per item',
			'',
			mainTable(results),
			'',
			'## Pacing under a lowered burst limit',
			'',
			pacingTable(results),
			'',
			'## A server claiming a billion users',
			'',
			claimedTotalTable(results),
			'',
			'## Targets',
			'',
			verdictTable(list),
			'',
			...notes(results, args.latencyMs),
		].join('\n'),
		'results.md',
	);
	const scenarioCounts = results.flatMap((r) =>
		[r.batched, r.withGroupList]
			.filter((x) => x !== undefined)
			.map((x) => scenarioCallCount(r.scenario, x)),
	);
	// Every count first: a table is written only when the whole run counted what is expected.
	assertExpected([...scenarioCounts, ...tables.flatMap((t) => t.counts)]);
	const complete = results.length === SCENARIOS.length && args.perItem;
	if (complete) {
		writeCheckedTable(path.join(__dirname, 'results.md'), markdown, scenarioCounts);
		writeRunBlock('results', docsSummary(results, env));
	} else {
		console.log(`\n${markdown}`);
		console.log('\nPartial run (--only / --no-per-item): bench/results.md left as it was.');
	}
	for (const table of tables) {
		writeCheckedTable(table.file, table.markdown, table.counts);
		writeRunBlock(table.block, table.summary);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
