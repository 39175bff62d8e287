/**
 * Issue 13: "100 executions of one item each", the way HR events arrive (one webhook per joiner, mover or
 * leaver). Each scenario runs the node 100 times in n8n's engine with one credential against the simulator
 * (in-process, 100 ms per request) and counts the calls of each execution: cold (the first: userinfo and
 * the directory are read), warm (the other 99, mean), and the figure of the version before the directory
 * cache (measured from bench/warm-before.json, see below). Part of `npm run bench`; alone:
 * `npx tsx bench/warm.ts [--latency 100]` (needs `npm run build`). Writes bench/warm-results.md.
 *
 * "Before" figures: `DOCUSIGN_PACKAGE_DIR=<build of 751b050> npx tsx bench/warm.ts --record-before`
 * ran the same scenarios against the build before this change and wrote bench/warm-before.json.
 */
import '../test/setup-env.js';

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { credentialFor, customGroupsOf, runNode, upsertFromItems } from '../test/support';
import type { DocuSignBehaviour, Simulator } from '../test/simulator';
import { startSimulator } from '../test/simulator';
import { summarizeLog } from './callLog';
import {
	endpointCounts,
	figure,
	withCallSection,
	type BenchTable,
	type CallCount,
	type CallGroup,
	type Floor,
	type Variant,
} from './callCounts';
import { exitOnFailure, latencyArg, runAlone } from './alone';
import { countParameterReads } from './parameterTimer';

const EXECUTIONS = 100;
/**
 * The call-count check runs 10 executions per scenario: every warm execution must then cost the same (else
 * it fails), so their mean is the mean of executions 2–100 that the full bench measures and is held to.
 */
const CHECK_EXECUTIONS = 10;
const BEFORE_FILE = path.join(__dirname, 'warm-before.json');

interface Figures {
	cold: number;
	warm: number;
	totalCalls: number;
	wallMs: number;
}

/** One execution's calls by endpoint and parameter reads (warm: the mean of executions 2–100). */
interface Detail {
	byEndpoint: Record<string, number>;
	parameterReads: number;
}

interface Measured extends Figures {
	coldDetail: Detail;
	warmDetail: Detail;
}

interface WarmScenario {
	key: string;
	title: string;
	/** The node parameters and the one item of execution n (0-based). */
	execution(sim: Simulator, n: number): { parameters: IDataObject; item: IDataObject };
	/** What is wrong with the end state after `executions` executions, if anything. */
	verify(sim: Simulator, executions: number): string | undefined;
	/**
	 * What one execution must read and write: cold (nothing cached) or warm (userinfo cached). A write reads the
	 * profiles and groups it names in its own run (a name may have been renamed since the cache was filled).
	 */
	floor(sim: Simulator, variant: Variant, warm: boolean): Floor;
}

/** Adds up floor terms, leaving out those a warm execution has cached. */
function floorOf(warm: boolean, ...terms: Array<[number, string, 'cached'?]>): Floor {
	const paid = terms.filter(([, , cached]) => !(warm && cached));
	return {
		value: paid.reduce((sum, [n]) => sum + n, 0),
		formula: paid.map(([, words]) => words).join(' + '),
	};
}
const groupPages = (sim: Simulator): [number, string] => [
	Math.ceil(sim.store.defaultAccount.groups.length / 100),
	`ceil(${sim.store.defaultAccount.groups.length} groups/100)`,
];

const rlEmail = { __rl: true, mode: 'email', value: '={{ $json.email }}' };
const extraUsers = (sim: Simulator) => sim.users().filter((u) => /\.\d{5}@/.test(u.email));

const SCENARIOS: WarmScenario[] = [
	{
		key: 'upsert',
		title: 'Create or Update (a joiner: profile + 1 group)',
		execution: (_sim, n) => ({
			parameters: upsertFromItems(),
			item: {
				email: `hr.joiner${n}@acme.example`,
				first: `Joiner${n}`,
				last: 'Event',
				role: 'DocuSign Sender',
				groups: 'Sales',
			},
		}),
		verify: (sim, executions) => {
			const made = sim.users().filter((u) => /^hr\.joiner\d+@/.test(u.email));
			return made.length === executions &&
				made.every((u) => customGroupsOf(sim, u.userId).includes('Sales'))
				? undefined
				: `${made.length} joiners`;
		},
		floor: (sim, _variant, warm) =>
			floorOf(
				warm,
				[1, '1 userinfo', 'cached'],
				[1, '1 e-mail lookup'],
				[1, '1 profiles'],
				groupPages(sim),
				[1, '1 POST'],
			),
	},
	{
		key: 'update',
		title: 'Update (groups): a mover by email, Group Change = Replace with 1 group',
		execution: (sim, n) => {
			const user = extraUsers(sim)[n];
			const current = customGroupsOf(sim, user.userId)[0];
			return {
				parameters: {
					resource: 'user',
					operation: 'update',
					user: rlEmail,
					groupMode: 'replace',
					groups: '={{ $json.department }}',
				},
				item: { email: user.email, department: current === 'Legal' ? 'Finance' : 'Legal' },
			};
		},
		verify: (sim, executions) => {
			const moved = extraUsers(sim)
				.slice(0, executions)
				.filter((u) => customGroupsOf(sim, u.userId).length === 1);
			return moved.length === executions
				? undefined
				: `${moved.length} movers in exactly one group`;
		},
		// Replace may remove any custom group: the memberships, from one GET /users/{id} (fewer than the member lists).
		floor: (sim, variant, warm) =>
			floorOf(
				warm,
				[1, '1 userinfo', 'cached'],
				[1, '1 e-mail lookup'],
				groupPages(sim),
				variant === 'listGroupList'
					? [0, '0 memberships (in the list entry)']
					: [1, '1 GET /users/{id} for the memberships'],
				[1, '1 PUT'],
				[1, '1 DELETE'],
			),
	},
	{
		key: 'suspend',
		title: 'Suspend (a leaver by email)',
		execution: (sim, n) => ({
			parameters: { resource: 'user', operation: 'suspend', user: rlEmail },
			item: { email: extraUsers(sim)[n].email },
		}),
		verify: (sim, executions) => {
			const closed = extraUsers(sim)
				.slice(0, executions)
				.filter((u) => u.status === 'Closed').length;
			return closed === executions ? undefined : `${closed} closed`;
		},
		floor: (_sim, _variant, warm) =>
			floorOf(warm, [1, '1 userinfo', 'cached'], [1, '1 e-mail lookup'], [1, '1 DELETE']),
	},
];

async function measure(sim: Simulator, scenario: WarmScenario, count: number): Promise<Measured> {
	sim.reset({ extraUsers: 2 * EXECUTIONS });
	const credential = credentialFor(sim);
	// The movers' and leavers' inputs are taken before the runs change the account.
	const executions = Array.from({ length: count }, (_, n) => scenario.execution(sim, n));
	const reads = countParameterReads();
	const calls: number[] = [];
	const details: Detail[] = [];
	const started = Date.now();
	for (const { parameters, item } of executions) {
		sim.clearLog();
		reads.reset();
		const result = await runNode(sim, { parameters, items: [item], credential });
		if (result.error) throw new Error(`${scenario.title}: ${result.error.message}`);
		calls.push(sim.log.length);
		details.push({
			byEndpoint: endpointCounts(summarizeLog(sim.log).byEndpoint),
			parameterReads: reads.read().calls,
		});
	}
	const wallMs = Date.now() - started;
	const problem = scenario.verify(sim, count);
	if (problem) throw new Error(`${scenario.title}: wrong end state: ${problem}`);
	const warm = calls.slice(1);
	const uneven = details.slice(1).find((d) => JSON.stringify(d) !== JSON.stringify(details[1]));
	if (count < EXECUTIONS && uneven)
		throw new Error(
			`${scenario.title}: warm executions differ (${JSON.stringify(details[1])} vs ${JSON.stringify(uneven)}): their mean depends on how many run, so only the full bench (${EXECUTIONS} executions) can count it`,
		);
	return {
		cold: calls[0],
		warm: mean(warm),
		totalCalls: calls.reduce((a, b) => a + b, 0),
		wallMs,
		coldDetail: details[0],
		warmDetail: meanDetail(details.slice(1)),
	};
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function meanDetail(details: Detail[]): Detail {
	const endpoints = new Set(details.flatMap((d) => Object.keys(d.byEndpoint)));
	return {
		byEndpoint: endpointCounts(
			[...endpoints].map((e) => [e, mean(details.map((d) => d.byEndpoint[e] ?? 0))]),
		),
		parameterReads: mean(details.map((d) => d.parameterReads)),
	};
}

interface VariantFigures {
	label: string;
	variant: Variant;
	figures: Record<string, Measured>;
	/** Floors from a fresh seed (what the first execution meets). */
	floors: Record<string, { cold: Floor; warm: Floor }>;
}

async function measureAll(
	latencyMs: number,
	label: string,
	behaviour: Partial<DocuSignBehaviour>,
	executions = EXECUTIONS,
): Promise<VariantFigures> {
	const sim = await startSimulator({
		port: 0,
		latencyMs,
		behaviour,
		seed: { extraUsers: 2 * EXECUTIONS },
	});
	const variant: Variant = behaviour.listGroupList ? 'listGroupList' : 'documented API';
	try {
		const figures: Record<string, Measured> = {};
		const floors: VariantFigures['floors'] = {};
		for (const scenario of SCENARIOS) {
			sim.reset({ extraUsers: 2 * EXECUTIONS });
			floors[scenario.key] = {
				cold: scenario.floor(sim, variant, false),
				warm: scenario.floor(sim, variant, true),
			};
			figures[scenario.key] = await measure(sim, scenario, executions);
			const { cold, warm, totalCalls, wallMs } = figures[scenario.key];
			if (latencyMs > 0)
				console.log(
					`${scenario.title} (${JSON.stringify(behaviour)}): ${JSON.stringify({ cold, warm, totalCalls, wallMs })}`,
				);
		}
		return { label, variant, figures, floors };
	} finally {
		await sim.close();
	}
}

function warmCounts(all: VariantFigures[]): CallCount[] {
	return all.flatMap(({ variant, figures, floors }) =>
		SCENARIOS.flatMap((scenario) =>
			(['cold', 'warm'] as const).map(
				(which): CallCount => ({
					id: `warm.${scenario.key}.${variant === 'listGroupList' ? 'listGroupList' : 'documented'}.${which}`,
					table: 'warm-results.md',
					scenario: `${scenario.title}: ${which === 'cold' ? 'cold (the first execution)' : `warm (mean of executions 2–${EXECUTIONS})`}`,
					variant,
					calls: figures[scenario.key][which],
					byEndpoint:
						figures[scenario.key][which === 'cold' ? 'coldDetail' : 'warmDetail'].byEndpoint,
					floor: floors[scenario.key][which],
					parameterReads:
						figures[scenario.key][which === 'cold' ? 'coldDetail' : 'warmDetail'].parameterReads,
					items: 1,
					itemNoun: 'execution',
				}),
			),
		),
	);
}

const VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['evidence defaults (list entries without groupList)', {}],
	['groupList in list entries (listGroupList)', { listGroupList: true }],
];

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

async function measureVariants(
	latencyMs: number,
	executions = EXECUTIONS,
): Promise<VariantFigures[]> {
	const all: VariantFigures[] = [];
	for (const [label, behaviour] of VARIANTS)
		all.push(await measureAll(latencyMs, label, behaviour, executions));
	return all;
}

/** 10 executions of each scenario under both variants at zero latency, for `npm run bench:calls`. */
export const warmCalls: CallGroup = {
	name: 'bench/warm.ts',
	run: async () => warmCounts(await measureVariants(0, CHECK_EXECUTIONS)),
};

export async function warmBench(latencyMs: number): Promise<BenchTable> {
	const all = await measureVariants(latencyMs);
	const lines = [
		'# Warm executions: 100 executions of one item each',
		'',
		`Generated by \`npm run bench\` (bench/warm.ts). The node in n8n's engine, one credential, simulator in-process at ${latencyMs} ms per request.`,
		'Calls per execution, including `/oauth/userinfo`. *Cold*: the first execution (nothing cached). *Warm*: the mean of executions 2–100',
		'(Directory Cache 300 s). *Before*: the same scenario on the build before the directory cache (commit 751b050; userinfo was already',
		'cached there), from bench/warm-before.json.',
		'',
	];
	for (const { label, variant, figures: after } of all) {
		const before = existsSync(BEFORE_FILE)
			? (JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) as Record<string, Record<string, Figures>>)
			: {};
		lines.push(
			`## ${label}`,
			'',
			'| Scenario | Cold | Warm | Before (warm) | Calls for 100 executions (before) | Wall time for 100 executions (before) |',
			'|---|---|---|---|---|---|',
		);
		for (const scenario of SCENARIOS) {
			const a = after[scenario.key];
			const b = before[label]?.[scenario.key];
			// Call figures from the expectations (the check's data), so the table cannot disagree with them.
			const id = `warm.${scenario.key}.${variant === 'listGroupList' ? 'listGroupList' : 'documented'}`;
			lines.push(
				`| ${scenario.title} | ${figure(`${id}.cold.calls`)} | ${figure(`${id}.warm.calls`)} | ${b ? fmt(b.warm) : 'n/a'} | ${figure(`${id}.cold.calls + ${EXECUTIONS - 1} * ${id}.warm.calls`)} (${b ? b.totalCalls : 'n/a'}) | ${(a.wallMs / 1000).toFixed(1)} s (${b ? `${(b.wallMs / 1000).toFixed(1)} s` : 'n/a'}) |`,
			);
		}
		lines.push('');
	}
	lines.push(
		'- Create or Update of a joiner: the e-mail lookup + the POST. Update (groups) by e-mail: the lookup, one `GET /users/{id}` for the',
		"  memberships when the list entry has no `groupList` (never every group's member list), the group PUT and DELETE.",
		'- Suspend by e-mail: the lookup + the DELETE; no memberships are read (Remove From Groups is off).',
		'- Wall time is the 100 executions in this process, each a full n8n WorkflowExecute; on a loaded machine most of it is not DocuSign calls.',
		'',
	);
	const markdown = withCallSection(lines.join('\n'), 'warm-results.md');
	const documented = all[0].figures;
	const summary = `Wall time for the 100 executions at ${latencyMs} ms per request (last full \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}; most of it is n8n's engine and the machine's load, not DocuSign calls): ${SCENARIOS.map((sc) => `${sc.title.split(' (')[0].split(':')[0]} ${(documented[sc.key].wallMs / 1000).toFixed(0)} s`).join(', ')}.`;
	return { markdown, counts: warmCounts(all), summary };
}

export const WARM_TABLE = path.join(__dirname, 'warm-results.md');

async function recordBefore(latencyMs: number): Promise<void> {
	const figures: Record<string, Record<string, Figures>> = {};
	for (const [label, behaviour] of VARIANTS)
		figures[label] = (await measureAll(latencyMs, label, behaviour)).figures;
	writeFileSync(BEFORE_FILE, `${JSON.stringify(figures, null, '\t')}\n`);
}

if (require.main === module) {
	if (!process.argv.includes('--record-before')) runAlone(warmBench, WARM_TABLE, 'warm');
	else exitOnFailure(recordBefore(latencyArg()).then(() => console.log(`Wrote ${BEFORE_FILE}`)));
}
