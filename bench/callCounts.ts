/**
 * API call counts are deterministic (wall times are not), so they are tested: every bench file registers its
 * scenarios here as a CallGroup whose run() measures them at zero latency and returns one CallCount per
 * figure. bench/expected-calls.json holds the committed counts; `npm run bench:calls` (and the jest test
 * test/integration/benchCalls.test.ts) fails with a diff when a count, a floor or the parameter reads change,
 * and the call figures in bench/*.md, docs/*.md and README.md are rendered from that file (refreshCallBlocks).
 *
 * Regenerate the expectations and every table: `npm run bench:update`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { callsPerHour, fullReadCalls } from '../nodes/DocuSign/trigger/cost';

/** The picture of DocuSign a figure was counted under. */
export type Variant = 'documented API' | 'listGroupList';

/** What an operation must read and write, with the formula that gives the figure. */
export interface Floor {
	value: number;
	formula: string;
}

export interface CallCount {
	/** Unique and stable, e.g. "results.d.listGroupList": the key in expected-calls.json. */
	id: string;
	/** The bench/*.md file whose "API calls" section shows it. */
	table: string;
	scenario: string;
	variant: Variant;
	calls: number;
	/** Calls per endpoint (IDs as {id}), sorted: requests in flight together log in any order. */
	byEndpoint: Record<string, number>;
	floor: Floor;
	/** n8n getNodeParameter calls the node made (outermost), and the items they are divided by. */
	parameterReads: number;
	items: number;
	/** What an item is here, e.g. "input item", "poll", "execution". */
	itemNoun: string;
}

/** What each bench table hands bench/run.ts: its Markdown, its call figures and a line for the docs. */
export interface BenchTable {
	markdown: string;
	counts: CallCount[];
	summary: string;
}

/** A bench file's scenarios: run() counts them all at zero latency. */
export interface CallGroup {
	name: string;
	run(): Promise<CallCount[]>;
}

export const EXPECTED_FILE = path.join(__dirname, 'expected-calls.json');

export type Expectations = Record<string, Omit<CallCount, 'id'>>;

export function readExpectations(): Expectations {
	try {
		return JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as Expectations;
	} catch {
		return {};
	}
}

export function writeExpectations(counts: CallCount[]): void {
	const sorted = [...counts].sort((a, b) => a.id.localeCompare(b.id));
	const out: Expectations = {};
	for (const { id, ...rest } of sorted) out[id] = rest;
	writeFileSync(EXPECTED_FILE, `${JSON.stringify(out, null, '\t')}\n`);
}

/** "GET /groups/8427752/users" → "GET /groups/{id}/users", as callLog.endpointOf does for GUIDs. */
export function endpointCounts(endpoints: Iterable<[string, number]>): Record<string, number> {
	const counts = new Map<string, number>();
	for (const [endpoint, n] of endpoints) {
		const key = endpoint.replace(/\/\d+(?=\/|$)/g, '/{id}');
		counts.set(key, (counts.get(key) ?? 0) + n);
	}
	return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const COMPARED = ['calls', 'byEndpoint', 'floor', 'parameterReads', 'items'] as const;

/**
 * One line per difference, "" when the counts are the expected ones. With `complete` (every group ran), an
 * expectation that no scenario counted any more is a difference too.
 */
export function diffCounts(counts: CallCount[], expected: Expectations, complete = false): string {
	const lines: string[] = [];
	const seen = new Set<string>();
	for (const count of counts) {
		seen.add(count.id);
		const want = expected[count.id];
		if (!want) {
			lines.push(`+ ${count.id}: not in bench/expected-calls.json (${count.calls} calls)`);
			continue;
		}
		for (const field of COMPARED) {
			const now = JSON.stringify(count[field]);
			const before = JSON.stringify(want[field]);
			if (now !== before) lines.push(`~ ${count.id} ${field}: expected ${before}, now ${now}`);
		}
	}
	for (const id of Object.keys(expected))
		if (complete && !seen.has(id))
			lines.push(`- ${id}: expected, but no bench scenario counts it any more`);
	return lines.join('\n');
}

/**
 * Figures that make fewer calls than their floor: a floor counts what the operation must read and write,
 * so below it the floor's formula (or the code, which skipped a read it needs) is wrong.
 */
export function belowFloor(counts: Array<Pick<CallCount, 'id' | 'calls' | 'floor'>>): string[] {
	return counts
		.filter((c) => c.calls < c.floor.value)
		.map((c) => `${c.id}: ${c.calls} calls, below its floor ${c.floor.formula} = ${c.floor.value}`);
}

export const UPDATE_COMMAND = 'npm run bench:update';

/** Throws the diff when counts measured by a full bench run differ from the committed expectations. */
export function assertExpected(counts: CallCount[]): void {
	const diff = diffCounts(counts, readExpectations());
	if (diff)
		throw new Error(
			`API call counts differ from bench/expected-calls.json (tables not written):\n${diff}\n` +
				`If the change is intended, regenerate the expectations and every table: ${UPDATE_COMMAND}`,
		);
}

/** Writes a bench/*.md whose run counted exactly the expected calls. */
export function writeCheckedTable(file: string, markdown: string, counts: CallCount[]): void {
	assertExpected(counts);
	writeFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
	console.log(`\n${markdown}\nWrote ${path.relative(path.join(__dirname, '..'), file)}`);
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const fmt = (n: number) =>
	Number.isInteger(n)
		? n.toLocaleString('en-US')
		: n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A call count's ratio to its floor; below 1.00 the floor is wrong, and the table says so. */
export function perFloor(count: Pick<CallCount, 'calls' | 'floor'>): string {
	const ratio = count.calls / count.floor.value;
	return ratio < 1
		? `**${fixed(ratio)}: the floor is wrong** (fewer calls than it counts)`
		: `**${fixed(ratio)}**`;
}

/**
 * Generated blocks: `<!-- api-calls: <selector> -->` … `<!-- /api-calls -->` in bench/*.md, docs/*.md,
 * README.md and CHANGELOG.md, rendered from the expectations. The selector is a bench table's file name (the full section:
 * every figure of that table, with endpoints) or `docs` and a comma-separated list of expectation IDs (a
 * compact table for the documentation), `figure <expression>` (one number in a sentence or a cell) or
 * `trigger-cost` (the trigger's cost per account size).
 */
const BLOCK = /<!-- api-calls: ([^>]*?) -->[\s\S]*?<!-- \/api-calls -->/g;
const open = (selector: string) => `<!-- api-calls: ${selector} -->`;
const CLOSE = '<!-- /api-calls -->';

const callsPerItem = (e: Omit<CallCount, 'id'>) =>
	`${fixed(e.parameterReads / e.items)} per ${e.itemNoun}`;

/** The "API calls and floors" section of one bench/*.md: every figure of that table. */
function tableSection(table: string, expected: Expectations): string {
	const rows = Object.values(expected).filter((e) => e.table === table);
	return [
		'## API calls and floors',
		'',
		"Counted at zero latency by `npm run bench:calls` (also part of `npm test`), which fails when a figure here changes; this section is generated from [bench/expected-calls.json](expected-calls.json). *Documented API*: the simulator's defaults, which follow what DocuSign documents (list entries carry no `groupList`). *listGroupList*: the simulator switch under which user lists carry each user's groups, which DocuSign does not document. The floor is what the operation must read and write; calls / floor below 1.00 would mean the floor is wrong.",
		'',
		'| Scenario | Variant | **API calls** | Calls by endpoint | Floor | **Calls / floor** | getNodeParameter calls |',
		'|---|---|---|---|---|---|---|',
		...rows.map(
			(e) =>
				`| ${e.scenario} | ${e.variant} | **${fmt(e.calls)}** | ${Object.entries(e.byEndpoint)
					.map(([endpoint, n]) => `${fmt(n)}× ${endpoint}`)
					.join(
						', ',
					)} | ${e.floor.formula} = **${fmt(e.floor.value)}** | ${perFloor(e)} | ${fmt(e.parameterReads)} = ${callsPerItem(e)} |`,
		),
	].join('\n');
}

/** A compact table of the given figures, for the documentation. */
function docsTable(ids: string[], expected: Expectations): string {
	return [
		'| Scenario | API calls | Floor (what the operation must read and write) | Calls / floor | getNodeParameter calls |',
		'|---|---|---|---|---|',
		...ids.map((id) => {
			const e = expected[id];
			if (!e) throw new Error(`api-calls docs: "${id}" is not in bench/expected-calls.json`);
			const variant =
				e.variant === 'listGroupList'
					? ' — with `groupList` in list entries (simulator switch listGroupList; DocuSign does not document it)'
					: '';
			return `| ${e.scenario}${variant} | **${fmt(e.calls)}** | ${e.floor.formula} = ${fmt(e.floor.value)} | ${perFloor(e)} | ${callsPerItem(e)} |`;
		}),
	].join('\n');
}

/**
 * The value of a figure field of one expectation: `<id>.calls`, `.floor`, `.parameterReads`, `.reads`
 * (getNodeParameter calls per item), `.items`.
 */
function fieldValue(ref: string, expected: Expectations): number {
	const at = ref.lastIndexOf('.');
	const [id, field] = [ref.slice(0, at), ref.slice(at + 1)];
	const e = expected[id];
	if (!e) throw new Error(`api-calls figure: "${id}" is not in bench/expected-calls.json`);
	const values: Record<string, number> = {
		calls: e.calls,
		floor: e.floor.value,
		parameterReads: e.parameterReads,
		reads: e.parameterReads / e.items,
		items: e.items,
	};
	if (!(field in values))
		throw new Error(
			`api-calls figure: "${ref}": the field is one of ${Object.keys(values).join(', ')}`,
		);
	return values[field];
}

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
	ceil: Math.ceil,
	floor: Math.floor,
	min: Math.min,
	max: Math.max,
	round: (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits,
};

/**
 * Evaluates a figure expression: numbers, `+ - * / ( )`, the functions above and expectation fields
 * (`results.e.documented.calls`). A small parser, so a document can hold no code.
 */
export function evaluateFigure(expression: string, expected: Expectations): number {
	const tokens = expression.match(/\d+(?:\.\d+)?|[A-Za-z_][\w.-]*|[-+*/(),]|\S/g) ?? [];
	let at = 0;
	const peek = () => tokens[at];
	const take = (want?: string) => {
		const token = tokens[at++];
		if (want !== undefined && token !== want)
			throw new Error(
				`api-calls figure "${expression}": expected "${want}", found "${token ?? 'the end'}"`,
			);
		return token;
	};
	const sum = (): number => {
		let value = product();
		while (peek() === '+' || peek() === '-')
			value = take() === '+' ? value + product() : value - product();
		return value;
	};
	const product = (): number => {
		let value = unary();
		while (peek() === '*' || peek() === '/')
			value = take() === '*' ? value * unary() : value / unary();
		return value;
	};
	const unary = (): number => (peek() === '-' ? (take(), -unary()) : atom());
	const atom = (): number => {
		const token = take();
		if (token === '(') {
			const value = sum();
			take(')');
			return value;
		}
		if (token !== undefined && /^\d/.test(token)) return Number(token);
		if (token !== undefined && FUNCTIONS[token] && peek() === '(') {
			take('(');
			const args = [sum()];
			while (peek() === ',') (take(), args.push(sum()));
			take(')');
			return FUNCTIONS[token](...args);
		}
		if (token !== undefined && token.includes('.')) return fieldValue(token, expected);
		throw new Error(`api-calls figure "${expression}": unexpected "${token ?? 'the end'}"`);
	};
	const value = sum();
	if (at < tokens.length)
		throw new Error(`api-calls figure "${expression}": unexpected "${peek()}"`);
	return value;
}

/**
 * An inline generated figure for a sentence or a table cell: `<!-- api-calls: figure <expression> -->`,
 * the value, `<!-- /api-calls -->` (`figure:2` prints two decimals). Bench generators write call figures
 * this way, so that `npm run bench:update` (and `npm test`'s check) keep them equal to the expectations.
 */
export function figure(expression: string, digits?: number, expected = readExpectations()): string {
	return renderBlock(`figure${digits === undefined ? '' : `:${digits}`} ${expression}`, expected);
}

/**
 * What one full read costs per account size and poll interval (without Admin access), from the trigger's
 * own cost model (nodes/DocuSign/trigger/cost.ts, which the editor's notice shows); benchCalls.test.ts
 * holds that model to the counted 10,000-user poll.
 */
function triggerCostTable(): string {
	const sizes = [1_000, 10_000, 50_000];
	const intervals: Array<[number, string]> = [
		[1, 'Every minute'],
		[15, 'Every 15 minutes'],
		[60, 'Every hour'],
	];
	return [
		`| Users | Calls per poll | ${intervals.map(([, label]) => label).join(' | ')} |`,
		`|---|---|${intervals.map(() => '---|').join('')}`,
		...sizes.map((users) => {
			const calls = fullReadCalls(users, false);
			return `| ${fmt(users)} | ${fmt(calls)} | ${intervals.map(([minutes]) => `${fmt(callsPerHour(calls, minutes))} / h`).join(' | ')} |`;
		}),
	].join('\n');
}

function renderBlock(selector: string, expected: Expectations): string {
	const [kind, list] = selector.split(/\s+/, 2);
	const inline = /^figure(?::(\d))?$/.exec(kind);
	if (inline) {
		const value = evaluateFigure(selector.slice(kind.length).trim(), expected);
		const text = inline[1] === undefined ? fmt(value) : fixed(value, Number(inline[1]));
		return `${open(selector)}${text}${CLOSE}`;
	}
	const body =
		kind === 'trigger-cost'
			? triggerCostTable()
			: kind === 'docs'
				? docsTable(
						(list ?? '')
							.split(',')
							.map((id) => id.trim())
							.filter(Boolean),
						expected,
					)
				: tableSection(kind, expected);
	return `${open(selector)}\n${body}\n${CLOSE}`;
}

/** The markdown with every api-calls block rendered afresh from the expectations. */
export function refreshCallBlocks(
	markdown: string,
	expected: Expectations = readExpectations(),
): string {
	return markdown.replace(BLOCK, (_block, selector: string) =>
		renderBlock(selector.trim(), expected),
	);
}

/**
 * A bench/*.md with its "API calls and floors" section: rendered in place of the old one, else put before
 * the first "## " heading.
 */
export function withCallSection(
	markdown: string,
	table: string,
	expected = readExpectations(),
): string {
	if (markdown.includes(open(table))) return refreshCallBlocks(markdown, expected);
	const section = renderBlock(table, expected);
	const heading = markdown.search(/^## /m);
	return heading < 0
		? `${markdown.trimEnd()}\n\n${section}\n`
		: `${markdown.slice(0, heading)}${section}\n\n${markdown.slice(heading)}`;
}

/** Files that may hold api-calls blocks: the bench tables, the documentation, the README, the changelog. */
export function filesWithCallBlocks(root = path.join(__dirname, '..')): string[] {
	const inDir = (dir: string) => {
		try {
			return readdirSync(path.join(root, dir))
				.filter((f) => f.endsWith('.md'))
				.map((f) => path.join(root, dir, f));
		} catch {
			return [];
		}
	};
	return [
		path.join(root, 'README.md'),
		path.join(root, 'CHANGELOG.md'),
		...inDir('bench'),
		...inDir('docs'),
	].filter((file) => readFileSync(file, 'utf8').includes('<!-- api-calls: '));
}
