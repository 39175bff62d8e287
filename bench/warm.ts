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

import { createFromItems } from '../test/integration/fixtures';
import { credentialFor, runNode } from '../test/integration/harness';
import type { DocuSignBehaviour, Simulator } from '../test/simulator';
import { startSimulator } from '../test/simulator';

const EXECUTIONS = 100;
const BEFORE_FILE = path.join(__dirname, 'warm-before.json');

interface Figures {
	cold: number;
	warm: number;
	totalCalls: number;
	wallMs: number;
}

interface WarmScenario {
	key: string;
	title: string;
	/** The node parameters and the one item of execution n (0-based). */
	execution(sim: Simulator, n: number): { parameters: IDataObject; item: IDataObject };
	verify(sim: Simulator): string | undefined;
}

const rlEmail = { __rl: true, mode: 'email', value: '={{ $json.email }}' };
const extraUsers = (sim: Simulator) => sim.users().filter((u) => /\.\d{5}@/.test(u.email));
const customGroupsOf = (sim: Simulator, userId: string) =>
	sim.userGroupNames(userId).filter((g) => !['Everyone', 'Administrators'].includes(g));

const SCENARIOS: WarmScenario[] = [
	{
		key: 'upsert',
		title: 'Create or Update (a joiner: profile + 1 group)',
		execution: (_sim, n) => ({
			parameters: { ...createFromItems(), operation: 'upsert' },
			item: {
				email: `hr.joiner${n}@acme.example`,
				first: `Joiner${n}`,
				last: 'Event',
				role: 'DocuSign Sender',
				groups: 'Sales',
			},
		}),
		verify: (sim) => {
			const made = sim.users().filter((u) => /^hr\.joiner\d+@/.test(u.email));
			return made.length === EXECUTIONS &&
				made.every((u) => customGroupsOf(sim, u.userId).includes('Sales'))
				? undefined
				: `${made.length} joiners`;
		},
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
		verify: (sim) => {
			const moved = extraUsers(sim)
				.slice(0, EXECUTIONS)
				.filter((u) => customGroupsOf(sim, u.userId).length === 1);
			return moved.length === EXECUTIONS
				? undefined
				: `${moved.length} movers in exactly one group`;
		},
	},
	{
		key: 'suspend',
		title: 'Suspend (a leaver by email)',
		execution: (sim, n) => ({
			parameters: { resource: 'user', operation: 'suspend', user: rlEmail },
			item: { email: extraUsers(sim)[n].email },
		}),
		verify: (sim) => {
			const closed = extraUsers(sim)
				.slice(0, EXECUTIONS)
				.filter((u) => u.status === 'Closed').length;
			return closed === EXECUTIONS ? undefined : `${closed} closed`;
		},
	},
];

async function measure(sim: Simulator, scenario: WarmScenario): Promise<Figures> {
	sim.reset({ extraUsers: 2 * EXECUTIONS });
	const credential = credentialFor(sim);
	// The movers' and leavers' inputs are taken before the runs change the account.
	const executions = Array.from({ length: EXECUTIONS }, (_, n) => scenario.execution(sim, n));
	const calls: number[] = [];
	const started = Date.now();
	for (const { parameters, item } of executions) {
		sim.clearLog();
		const result = await runNode(sim, { parameters, items: [item], credential });
		if (result.error) throw new Error(`${scenario.title}: ${result.error.message}`);
		calls.push(sim.log.length);
	}
	const wallMs = Date.now() - started;
	const problem = scenario.verify(sim);
	if (problem) throw new Error(`${scenario.title}: wrong end state: ${problem}`);
	const warm = calls.slice(1);
	return {
		cold: calls[0],
		warm: warm.reduce((a, b) => a + b, 0) / warm.length,
		totalCalls: calls.reduce((a, b) => a + b, 0),
		wallMs,
	};
}

async function measureAll(
	latencyMs: number,
	behaviour: Partial<DocuSignBehaviour>,
): Promise<Record<string, Figures>> {
	const sim = await startSimulator({
		port: 0,
		latencyMs,
		behaviour,
		seed: { extraUsers: 2 * EXECUTIONS },
	});
	try {
		const figures: Record<string, Figures> = {};
		for (const scenario of SCENARIOS) {
			figures[scenario.key] = await measure(sim, scenario);
			console.log(
				`${scenario.title} (${JSON.stringify(behaviour)}): ${JSON.stringify(figures[scenario.key])}`,
			);
		}
		return figures;
	} finally {
		await sim.close();
	}
}

const VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['evidence defaults (list entries without groupList)', {}],
	['groupList in list entries (listGroupList)', { listGroupList: true }],
];

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export async function warmBench(latencyMs: number): Promise<string> {
	const lines = [
		'# Warm executions: 100 executions of one item each',
		'',
		`Generated by \`npm run bench\` (bench/warm.ts). The node in n8n's engine, one credential, simulator in-process at ${latencyMs} ms per request.`,
		'Calls per execution, including `/oauth/userinfo`. *Cold*: the first execution (nothing cached). *Warm*: the mean of executions 2–100',
		'(Directory Cache 300 s). *Before*: the same scenario on the build before the directory cache (commit 751b050; userinfo was already',
		'cached there), from bench/warm-before.json.',
		'',
	];
	for (const [label, behaviour] of VARIANTS) {
		const after = await measureAll(latencyMs, behaviour);
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
			lines.push(
				`| ${scenario.title} | ${a.cold} | ${fmt(a.warm)} | ${b ? fmt(b.warm) : 'n/a'} | ${a.totalCalls} (${b ? b.totalCalls : 'n/a'}) | ${(a.wallMs / 1000).toFixed(1)} s (${b ? `${(b.wallMs / 1000).toFixed(1)} s` : 'n/a'}) |`,
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
	const markdown = lines.join('\n');
	writeFileSync(path.join(__dirname, 'warm-results.md'), markdown);
	return markdown;
}

async function recordBefore(latencyMs: number): Promise<void> {
	const figures: Record<string, Record<string, Figures>> = {};
	for (const [label, behaviour] of VARIANTS)
		figures[label] = await measureAll(latencyMs, behaviour);
	writeFileSync(BEFORE_FILE, `${JSON.stringify(figures, null, '\t')}\n`);
}

if (require.main === module) {
	const i = process.argv.indexOf('--latency');
	const latencyMs = i >= 0 ? Number(process.argv[i + 1]) : 100;
	(process.argv.includes('--record-before')
		? recordBefore(latencyMs).then(() => `Wrote ${BEFORE_FILE}`)
		: warmBench(latencyMs).then((md) => `\n${md}\nWrote bench/warm-results.md`)
	)
		.then((text) => console.log(text))
		.catch((error: Error) => {
			console.error(error);
			process.exit(1);
		});
}
