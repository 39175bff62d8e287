/** Turns the measured runs into the markdown table, the target verdicts and results.md. */
import os from 'node:os';

import { figure } from './callCounts';
import type { RunRecord } from './measure';
import { PAGES_IN_FLIGHT_AFTER_END, type Scenario } from './scenarios';

export interface PerItemFigures {
	record: RunRecord;
	/** Calls and wall time for all the scenario's items (scaled when measured on a subset). */
	calls: number;
	wallMs: number;
	scaledFrom?: number;
}

export interface ScenarioResult {
	scenario: Scenario;
	batched: RunRecord;
	perItem?: PerItemFigures;
	/** The batched run again with getNodeParameter timed. */
	split?: RunRecord;
	/** The batched run again with groupList in the list entries (simulator switch listGroupList). */
	withGroupList?: RunRecord;
}

export interface Environment {
	date: string;
	latencyMs: number;
	n8nCore: string;
	n8nWorkflow: string;
	totalMs?: number;
	loadAverage: number[];
}

/** MB = 10^6 bytes, as in the 300 MB target. */
const mib = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

export function duration(ms: number): string {
	if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
	if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
	return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const peakRss = (r: RunRecord) => Math.max(r.measurement.maxRss, r.measurement.sampledPeakRss);
/** Items a run's CPU is divided by: its input items, or for Get Many the users it returned. */
const itemsOf = (r: RunRecord, s: Scenario) =>
	s.key === 'c' || s.key === 'f' ? r.measurement.outputItems || 1 : r.items;
const cpuPerItem = (r: RunRecord, s: Scenario) => r.measurement.cpuMs / itemsOf(r, s);
/** From the split run's V8 profile: self time in the package's own code, per item. */
const nodeOwnPerItem = (r: ScenarioResult) =>
	r.split?.measurement.nodeOwnMs === undefined
		? undefined
		: r.split.measurement.nodeOwnMs / itemsOf(r.split, r.scenario);
const health = (r: RunRecord) =>
	[
		`${r.measurement.failedItems} failed`,
		r.log.rateLimited ? `${r.log.rateLimited}× 429` : '',
		r.measurement.runError ? `run error: ${r.measurement.runError}` : '',
		r.problem ? `end state WRONG: ${r.problem}` : 'end state checked',
	]
		.filter(Boolean)
		.join('; ');

export interface Verdict {
	target: string;
	figure: string;
	met: boolean;
}

export function verdicts(results: ScenarioResult[]): Verdict[] {
	const out: Verdict[] = [];
	for (const r of results) {
		const { scenario: s, batched: b, perItem } = r;
		const calls = b.log.calls;
		const floor = b.floors.floor.value;
		const clean = s.failsByDesign
			? !b.problem
			: b.measurement.failedItems === 0 && !b.problem && !b.measurement.runError;
		out.push({
			target: s.failsByDesign
				? `${s.key}: fails with the intended error, end state correct`
				: `${s.key}: all items succeed, end state correct`,
			figure: health(b),
			met: clean,
		});
		if (s.key === 'a') {
			out.push({
				target: 'a: calls ≤ 1.1 × floor',
				figure: `${calls} ≤ ${fixed(1.1 * floor, 1)}`,
				met: calls <= 1.1 * floor,
			});
			if (perItem) {
				const ratio = perItem.wallMs / b.measurement.wallMs;
				out.push({
					target: 'a: ≥ 50× faster than per-item',
					figure: `${fixed(ratio, 0)}×`,
					met: ratio >= 50,
				});
			}
		}
		if (s.key === 'b')
			out.push({
				target: 'b: ≤ 3 calls',
				figure: `${calls} calls (floor with the read pass: ${floor})`,
				met: calls <= 3,
			});
		if (s.key === 'c') {
			out.push({
				target: 'c: calls = page floor',
				figure: `${calls} = ${floor}`,
				met: calls === floor,
			});
			out.push({
				target: 'c: peak RSS < 300 MB',
				figure: mib(peakRss(b)),
				met: peakRss(b) < 300 * 1e6,
			});
		}
		if (s.key === 'f') {
			const c = results.find((x) => x.scenario.key === 'c');
			const ceiling = floor + 2 * (PAGES_IN_FLIGHT_AFTER_END - 1);
			out.push({
				target: `f: calls ≤ floor + 2 × ${PAGES_IN_FLIGHT_AFTER_END - 1} (per read at most one window of pages in flight past the end; no request per claimed user)`,
				figure: `${calls} ≤ ${ceiling}`,
				met: calls <= ceiling,
			});
			if (c) {
				const ratio = peakRss(b) / peakRss(c.batched);
				out.push({
					target: 'f: peak RSS within 10% of (c), the same users with an honest total',
					figure: `${mib(peakRss(b))} vs ${mib(peakRss(c.batched))} (${fixed(ratio)}×)`,
					met: ratio <= 1.1,
				});
			}
		}
		if (s.key !== 'e' && s.key !== 'f') {
			const own = nodeOwnPerItem(r);
			if (own !== undefined)
				out.push({
					target: `${s.key}: the node's own CPU time per item < 0.2 ms`,
					figure: `${fixed(own, 3)} ms (node + engine: ${fixed(cpuPerItem(b, s), 3)} ms)`,
					met: own < 0.2,
				});
		}
		if (s.key === 'e') {
			out.push({
				target: 'e: failed items = 0',
				figure: String(b.measurement.failedItems),
				met: b.measurement.failedItems === 0,
			});
			out.push({
				target: 'e: 429 rejections = 0',
				figure: String(b.log.rateLimited),
				met: b.log.rateLimited === 0,
			});
		}
	}
	return out;
}

/** The expectation ID of a scenario's figure (bench/scenarioCalls.ts). */
const idOf = (r: ScenarioResult, variant: 'documented' | 'listGroupList' = 'documented') =>
	`results.${r.scenario.key}.${variant}`;

function row(label: string, cells: string[]): string {
	return `| ${label} | ${cells.join(' | ')} |`;
}

export function mainTable(results: ScenarioResult[]): string {
	const cols = results.filter((r) => r.scenario.key !== 'e' && r.scenario.key !== 'f');
	const cell = (f: (r: ScenarioResult) => string) => cols.map(f);
	const perItem = (f: (p: PerItemFigures, r: ScenarioResult) => string, none = 'n/a') =>
		cell((r) => (r.perItem ? f(r.perItem, r) : none));
	const scaled = (p: PerItemFigures) =>
		p.scaledFrom ? ` (scaled from ${p.scaledFrom} items)` : '';
	return [
		row(
			'',
			cols.map((r) => `**${r.scenario.title}**`),
		),
		row(
			'---',
			cols.map(() => '---'),
		),
		row(
			'Items',
			cell(
				(r) =>
					`${r.scenario.itemCount.toLocaleString('en-US')}${r.scenario.key === 'c' ? ' users returned' : ''}`,
			),
		),
		row(
			'Batch Size',
			cell((r) => (r.scenario.batchSize ? String(r.scenario.batchSize) : '— (pages of 100)')),
		),
		row(
			'**API calls** (simulator log; generated from bench/expected-calls.json)',
			cell((r) => `**${figure(`${idOf(r)}.calls`)}**`),
		),
		row(
			'Floor (its formula: API calls and floors, above)',
			cell((r) => `**${figure(`${idOf(r)}.floor`)}**`),
		),
		row(
			'API calls when list entries carry `groupList` (listGroupList, undocumented)',
			cell((r) =>
				r.withGroupList
					? `${figure(`${idOf(r, 'listGroupList')}.calls`)} (floor ${figure(`${idOf(r, 'listGroupList')}.floor`)})`
					: 'not run (no memberships involved)',
			),
		),
		row(
			'getNodeParameter calls per input item',
			cell(
				(r) =>
					`${figure(`${idOf(r)}.reads`, 2)} (${figure(`${idOf(r)}.parameterReads`)} for ${figure(`${idOf(r)}.items`)})`,
			),
		),
		row(
			'Writes-only floor',
			cell((r) =>
				r.batched.floors.writesOnly
					? `${r.batched.floors.writesOnly.formula} = **${r.batched.floors.writesOnly.value}**`
					: 'same',
			),
		),
		row(
			'**Calls / floor**',
			cell((r) => {
				const main = `**${figure(`${idOf(r)}.calls / ${idOf(r)}.floor`, 2)}**`;
				const w = r.batched.floors.writesOnly;
				return w ? `${main} (${figure(`${idOf(r)}.calls / ${w.value}`, 2)} vs writes-only)` : main;
			}),
		),
		row(
			'**Wall time**',
			cell((r) => `**${duration(r.batched.measurement.wallMs)}**`),
		),
		row(
			'Peak RSS of the bench process (maxRSS / 20 ms samples; before run)',
			cell(
				(r) =>
					`${mib(r.batched.measurement.maxRss)} / ${mib(r.batched.measurement.sampledPeakRss)}; ${mib(r.batched.measurement.baselineRss)}`,
			),
		),
		row(
			'**CPU per item** (node + engine)',
			cell(
				(r) =>
					`**${fixed(cpuPerItem(r.batched, r.scenario), 3)} ms** (${fixed(r.batched.measurement.cpuMs, 0)} ms total)`,
			),
		),
		row(
			'CPU split (same run repeated with getNodeParameter timed): n8n resolving parameters / the rest',
			cell((r) => {
				if (!r.split) return 'not run';
				const m = r.split.measurement;
				const n = itemsOf(r.split, r.scenario);
				return `${fixed(m.parameterMs / n, 3)} / ${fixed((m.cpuMs - m.parameterMs) / n, 3)} ms per item (${m.parameterCalls.toLocaleString('en-US')} getNodeParameter calls)`;
			}),
		),
		row(
			"**Node's own CPU per item** (V8 profile self time in dist/nodes, split run)",
			cell((r) => {
				const own = nodeOwnPerItem(r);
				return own === undefined
					? 'not run'
					: `**${fixed(own, 3)} ms** (${fixed(r.split!.measurement.nodeOwnMs!, 0)} ms total)`;
			}),
		),
		row(
			'Outcome',
			cell((r) => health(r.batched)),
		),
		row(
			'Per-item (Batch Size 1): API calls',
			cell((r) =>
				r.perItem
					? `${r.perItem.calls}${scaled(r.perItem)}`
					: r.scenario.key === 'c'
						? 'n/a: Get Many has no Batch Size; one GET per user would be 10,000 calls, over the 3,000/h limit'
						: 'not run',
			),
		),
		row(
			'Per-item: wall time',
			perItem((p) => `${duration(p.wallMs)}${scaled(p)}`),
		),
		row(
			'Per-item: CPU per item; peak RSS',
			perItem(
				(p, r) => `${fixed(cpuPerItem(p.record, r.scenario), 3)} ms; ${mib(peakRss(p.record))}`,
			),
		),
		row(
			'Per-item: outcome',
			perItem((p) => health(p.record)),
		),
		row(
			'**Speed ratio** (per-item wall / batched wall)',
			perItem((p, r) => `**${fixed(p.wallMs / r.batched.measurement.wallMs, 1)}×**`),
		),
		row(
			'**Call ratio** (per-item calls / batched calls)',
			perItem((p, r) => `**${figure(`${p.calls} / ${idOf(r)}.calls`, 1)}×**`),
		),
	].join('\n');
}

export function pacingTable(results: ScenarioResult[]): string {
	const e = results.find((r) => r.scenario.key === 'e');
	if (!e) return '';
	const b = e.batched;
	return [
		`| ${e.scenario.title} | |`,
		'|---|---|',
		`| API calls | ${figure(`${idOf(e)}.calls`)} (by endpoint and the floor's formula: API calls and floors, above) |`,
		`| Floor | ${figure(`${idOf(e)}.floor`)} |`,
		`| Wall time | ${duration(b.measurement.wallMs)} (${figure(`${idOf(e)}.floor - 1`)} rate-limited calls at 50 per 30 s need ≥ ${figure(`ceil((${idOf(e)}.floor - 1) / 50) - 1`)} window waits) |`,
		`| **Failed items** | **${b.measurement.failedItems}**${b.measurement.firstFailure ? ` (first: ${b.measurement.firstFailure})` : ''} |`,
		`| **429 rejections in the simulator log** | **${b.log.rateLimited}** |`,
		`| CPU per item; peak RSS | ${fixed(cpuPerItem(b, e.scenario), 3)} ms; ${mib(peakRss(b))} |`,
		`| Outcome | ${health(b)} |`,
	].join('\n');
}

/** (f) next to (c): the same 10,000 users, once with an honest total and once claiming a billion. */
export function claimedTotalTable(results: ScenarioResult[]): string {
	const pair = ['c', 'f']
		.map((key) => results.find((r) => r.scenario.key === key))
		.filter((r): r is ScenarioResult => !!r);
	if (!pair.length) return '';
	const cells = (f: (r: RunRecord) => string) => pair.map((r) => f(r.batched));
	return [
		row(
			'',
			pair.map((r) => `**${r.scenario.title}**`),
		),
		row(
			'---',
			pair.map(() => '---'),
		),
		row(
			'Users returned',
			cells((b) => b.measurement.outputItems.toLocaleString('en-US')),
		),
		row(
			'**API calls**',
			pair.map((r) => `**${figure(`${idOf(r)}.calls`)}**`),
		),
		row(
			'**Peak RSS** (maxRSS / 20 ms samples; before run)',
			cells(
				(b) =>
					`**${mib(peakRss(b))}** (${mib(b.measurement.maxRss)} / ${mib(b.measurement.sampledPeakRss)}; ${mib(b.measurement.baselineRss)})`,
			),
		),
		row(
			'Wall time',
			cells((b) => duration(b.measurement.wallMs)),
		),
		row('Outcome', cells(health)),
	].join('\n');
}

export function verdictTable(list: Verdict[]): string {
	return [
		'| Target | Figure | |',
		'|---|---|---|',
		...list.map((v) => `| ${v.target} | ${v.figure} | ${v.met ? 'MET' : '**NOT MET**'} |`),
	].join('\n');
}

export function environmentLines(env: Environment): string[] {
	const cpu = os.cpus();
	return [
		`- Date: ${env.date}`,
		`- Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`,
		`- n8n-core ${env.n8nCore}, n8n-workflow ${env.n8nWorkflow} (WorkflowExecute, the built node from dist/)`,
		`- Simulator latency: ${env.latencyMs} ms per /oauth and /restapi request; limits 3,000/hour and burst 500 per 30 s ((e): burst 50 per 30 s)`,
		`- Load average (1 min) at start / end: ${env.loadAverage.map((l) => l.toFixed(2)).join(' / ')} on ${cpu.length} cores (other work on the machine inflates wall times, not API calls)`,
		...(env.totalMs ? [`- Total bench time: ${duration(env.totalMs)}`] : []),
	];
}

/** The measured figures the documentation quotes (docs/scale.md), from this run. */
export function docsSummary(results: ScenarioResult[], env: Environment): string {
	const lines = [
		`Measured by the last full \`npm run bench\` (${env.date.slice(0, 10)}, ${env.latencyMs} ms per request, load average ${env.loadAverage.map((l) => l.toFixed(1)).join(' → ')} on ${os.cpus().length} cores; wall and CPU figures vary with the load, call counts do not):`,
		'',
		"| Scenario | Wall time | Batch Size 1 (one call per item) | Node's own CPU / item | Peak RSS |",
		'|---|---|---|---|---|',
	];
	for (const r of results) {
		const b = r.batched;
		const own = nodeOwnPerItem(r);
		const p = r.perItem;
		const perItem = p
			? `${p.calls.toLocaleString('en-US')} calls, ${duration(p.wallMs)} (${fixed(p.wallMs / b.measurement.wallMs, 0)}× slower${p.scaledFrom ? `; scaled from ${p.scaledFrom} items` : ''})`
			: '–';
		const extra =
			r.scenario.key === 'e'
				? ` (paced; ${b.measurement.failedItems} failed items, ${b.log.rateLimited} rate-limit rejections)`
				: '';
		lines.push(
			`| ${r.scenario.title} | ${duration(b.measurement.wallMs)}${extra} | ${perItem} | ${own === undefined ? '–' : `${fixed(own, 3)} ms`} | ${mib(peakRss(b))} |`,
		);
	}
	return lines.join('\n');
}
