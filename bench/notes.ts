/** The explanations under the tables in results.md, with the run's own figures. */
import { maxInFlight } from '../nodes/DocuSign/transport/pacing';
import type { ScenarioResult } from './report';

const PAGES_IN_FLIGHT = maxInFlight('pages');

export function notes(results: ScenarioResult[], latencyMs: number): string[] {
	const get = (key: string) => results.find((r) => r.scenario.key === key);
	const lines = ['## How it was measured', ''];
	lines.push(
		'- The simulator runs as a child process (`tsx test/simulator/cli.ts`); the bench drives it only through `/__control/*` (reset with `extraUsers`, config, tokens, log, state). Every run starts from a fresh simulator state (reset: new seed, empty log, fresh rate-limit windows).',
		"- Every measured run is a fresh forked worker process (`bench/worker.ts`) that first does one warm-up execution (Permission Profile > Get Many, which loads the package as a running n8n has it loaded), then runs the workflow Start → DocuSign once through `test/support/harness.ts` `runNode` (n8n-core `WorkflowExecute`, real HTTP, n8n's own OAuth2 signing). So peak RSS and CPU are the node + n8n engine of that one run; maxRSS is the worker's high-water mark (warm-up included), next to the 20 ms RSS samples (`process.memoryUsage.rss()`, the same figure as `memoryUsage().rss`).",
		"- API calls = every `/oauth` and `/restapi` request in the simulator log during the run (userinfo included; control requests are not logged). CPU per item = `process.cpuUsage()` delta of the run (user + system) / items (for Get Many: / users returned). The CPU split comes from a repeat of the batched run in which n8n-core's `_getNodeParameter` is wrapped and its CPU time summed (`bench/parameterTimer.ts`; the readings cost ~4 µs per call, so the headline figure comes from the unwrapped run).",
		'- Per-item = the same node and items with Request Settings > Batch Size 1, measured in the same bench run. Items run with Continue On Fail on, so a failure shows as a failed item instead of stopping the run; the end state is checked in the simulator after every full run.',
		'',
	);
	const b = get('b');
	if (b) {
		const floor = b.batched.floors.floor;
		const w = b.batched.floors.writesOnly!;
		lines.push(
			'## Why (b) cannot meet "≤ 3 calls"',
			'',
			`The writes-only floor is ${w.formula} = ${w.value}. The node first reads the users it is asked to suspend (\`loadTargets\` → \`lookupEach\`): for more than 2 users it pages through the account's user list (${floor.formula.split(' + ')[1]}) whenever that is cheaper than one GET per user, so that an already closed user costs no write, an unknown ID fails its own item instead of the batch, and the output shows each user before → after. With the read pass the floor is ${floor.formula} = ${floor.value}; the run made ${b.batched.log.calls}. The read pass is adaptive: it lists the account only when that costs fewer calls than one GET per user (a handful of leavers in a 10,000-user account cost one GET each, not 100 pages); only a "blind" DELETE of the given IDs could reach 3 calls, at the price of the before → after output and per-item not-found errors.`,
			'',
		);
	}
	const withGroupList = results.filter((r) => r.withGroupList);
	if (withGroupList.length) {
		lines.push(
			'## Group memberships when list entries carry no `groupList`',
			'',
			"DocuSign documents `groupList` only on GET /users/{id}; the user list may not carry it (simulator switch `listGroupList`, off by default). The lookup then reads the members of the account's custom groups (`GET /groups/{groupId}/users`, all pages) so that a Replace or Remove never works from an empty set. Calls per scenario:",
			'',
			'| Scenario | without groupList in list entries (default) | with groupList in list entries |',
			'|---|---|---|',
			...withGroupList.map((r) => {
				const count = (pattern: RegExp) =>
					r.batched.log.byEndpoint
						.filter(([endpoint]) => pattern.test(endpoint))
						.reduce((sum, [, n]) => sum + n, 0);
				const members = count(/^GET \/groups\/[^/]+\/users$/);
				return `| ${r.scenario.title} | ${r.batched.log.calls} (of which ${count(/^GET \/groups$/)} GET /groups, ${members} GET /groups/{groupId}/users) | ${r.withGroupList!.log.calls} |`;
			}),
			'',
		);
	}
	const c = get('c');
	if (c) {
		lines.push(
			'## (c) has no per-item baseline',
			'',
			'Get Many has no Batch Size: DocuSign pages are at most 100 users and the node always asks for 100, so the page floor is also the only way to list. One GET per user would be 10,000 calls, more than the 3,000/hour limit.',
			'',
		);
	}
	lines.push(...cpuNotes(results), ...wallNotes(results, latencyMs));
	return lines;
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

function cpuNotes(results: ScenarioResult[]): string[] {
	const split = results.filter((r) => r.split && r.scenario.key !== 'c');
	if (!split.length) return [];
	const shares = split.map((r) => {
		const m = r.split!.measurement;
		return `(${r.scenario.key}) ${pct(m.parameterMs, m.cpuMs)} (${m.parameterCalls.toLocaleString('en-US')} calls for ${r.split!.items.toLocaleString('en-US')} items)`;
	});
	const perRequest = results
		.filter((r) => r.perItem && !r.perItem.scaledFrom)
		.map((r) => {
			const extraCpu = r.perItem!.record.measurement.cpuMs - r.batched.measurement.cpuMs;
			const extraCalls = r.perItem!.record.log.calls - r.batched.log.calls;
			return `(${r.scenario.key}) ${(extraCpu / extraCalls).toFixed(1)} ms`;
		});
	return [
		'## Where the CPU per item goes',
		'',
		`- Share of the CPU spent in n8n's \`getNodeParameter\` in the split runs: ${shares.join(', ')}. Each \`={{ $json.x }}\` parameter is one expression evaluation per item, and n8n builds a WorkflowDataProxy and luxon \`DateTime.now()\` context for each (CPU profile of (a): \`initializeGlobalContext\`, luxon \`partsOffset\` and \`resolveSimpleParameterValue\` are the top self-time entries). (a) reads 5 expressions per item (email, first and last name, role, groups), which alone is several times the 0.2 ms/item budget. The node's own code (validation, name → ID resolution, bodies, diffing, output) is measured separately from a V8 CPU profile of the split run (self time of functions in \`dist/nodes\`, \`bench/nodeCpu.ts\`): that is the "node's own CPU per item" row and the figure the 0.2 ms target is checked against.`,
		`- Each extra HTTP request costs about ${perRequest.join(', ')} of CPU in the bench process (per-item CPU − batched CPU, divided by the extra calls): n8n's \`httpRequestWithAuthentication\` (axios, OAuth2 signing) — batching saves CPU as well as calls.`,
		"- CPU figures vary by ±30% between runs on this shared 2-core VM (see the load average); compare shares within one run, not the split run's absolute figures with the headline run.",
		'',
	];
}

function wallNotes(results: ScenarioResult[], latencyMs: number): string[] {
	const lines: string[] = [];
	for (const r of results.filter((x) => ['b', 'c', 'd'].includes(x.scenario.key))) {
		const pages =
			r.batched.log.byEndpoint.find(([endpoint]) => endpoint === 'GET /users')?.[1] ?? 0;
		const rounds = pages ? 1 + Math.ceil((pages - 1) / PAGES_IN_FLIGHT) : 0;
		lines.push(
			`- (${r.scenario.key}) ${pages} pages of GET /users: the first alone (it tells the total), the rest ${PAGES_IN_FLIGHT} at a time, so ${rounds} round trips ≥ ${((rounds * latencyMs) / 1000).toFixed(1)} s of the ${(r.batched.measurement.wallMs / 1000).toFixed(1)} s wall time at ${latencyMs} ms latency (one after another they would take ≥ ${((pages * latencyMs) / 1000).toFixed(1)} s).`,
		);
	}
	return lines.length ? ['## Wall time', '', ...lines, ''] : [];
}
