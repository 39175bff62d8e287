/**
 * The bench's API call counts as a test: every registered bench scenario (bench/callGroups.ts) runs at zero
 * latency against the simulator and must make exactly the calls, and the getNodeParameter reads, recorded in
 * bench/expected-calls.json; bench/*.md, docs/*.md and README.md must quote those figures. After an intended
 * change: `npm run bench:update`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	belowFloor,
	diffCounts,
	evaluateFigure,
	filesWithCallBlocks,
	readExpectations,
	refreshCallBlocks,
	UPDATE_COMMAND,
	type CallCount,
} from '../../bench/callCounts';
import { CALL_GROUPS } from '../../bench/callGroups';
import { readsCovering } from '../../bench/triggerScenarios';
import { fullReadCalls } from '../../nodes/DocuSign/trigger/cost';

const expected = readExpectations();
const counted: CallCount[] = [];

describe('the check itself', () => {
	const [id, figure] = Object.entries(expected)[0];
	const count: CallCount = { id, ...figure };

	it('names the scenario, the field and both figures when a count changes', () => {
		expect(diffCounts([count], expected)).toBe('');
		const more = { ...count, calls: count.calls + 1 };
		expect(diffCounts([more], expected)).toBe(
			`~ ${id} calls: expected ${count.calls}, now ${count.calls + 1}`,
		);
		const reads = { ...count, parameterReads: count.parameterReads * 2 };
		expect(diffCounts([reads], expected)).toContain(`~ ${id} parameterReads:`);
	});

	it('reports a new scenario, and with every group run a vanished one', () => {
		expect(diffCounts([{ ...count, id: 'new.one' }], { [id]: figure })).toBe(
			`+ new.one: not in bench/expected-calls.json (${count.calls} calls)`,
		);
		expect(diffCounts([], { [id]: figure }, true)).toBe(
			`- ${id}: expected, but no bench scenario counts it any more`,
		);
	});

	it('sees a quoted figure that no longer matches the expectations', () => {
		const block = `<!-- api-calls: docs ${id} -->\n<!-- /api-calls -->`;
		const fresh = refreshCallBlocks(block, expected);
		expect(fresh).toContain(`**${count.calls.toLocaleString('en-US')}**`);
		const edited = fresh.replace(
			`**${count.calls.toLocaleString('en-US')}**`,
			`**${count.calls + 1}**`,
		);
		expect(refreshCallBlocks(edited, expected)).toBe(fresh);
		expect(refreshCallBlocks(fresh, { [id]: { ...figure, calls: count.calls + 1 } })).not.toBe(
			fresh,
		);
	});
});

describe('figures derived from the expectations', () => {
	const [id, figure] = Object.entries(expected)[0];

	it('computes a figure expression from expectation fields', () => {
		expect(evaluateFigure(`60 * ${id}.calls + ${id}.floor / 24`, expected)).toBe(
			60 * figure.calls + figure.floor.value / 24,
		);
		expect(evaluateFigure(`floor(300 / ${id}.calls) * (2 - 1)`, expected)).toBe(
			Math.floor(300 / figure.calls),
		);
		expect(evaluateFigure(`round(${id}.reads, 1)`, expected)).toBe(
			Math.round((figure.parameterReads / figure.items) * 10) / 10,
		);
	});

	it('refuses an unknown scenario, field or token, so a figure cannot silently go stale', () => {
		expect(() => evaluateFigure('no.such.scenario.calls', expected)).toThrow(
			'"no.such.scenario" is not in bench/expected-calls.json',
		);
		expect(() => evaluateFigure(`${id}.wallTime`, expected)).toThrow('the field is one of');
		expect(() => evaluateFigure(`${id}.calls; 1`, expected)).toThrow('unexpected ";"');
		expect(() =>
			refreshCallBlocks('<!-- api-calls: figure gone.calls -->1<!-- /api-calls -->', expected),
		).toThrow('"gone" is not in bench/expected-calls.json');
	});

	it('renders an inline figure in place, with fixed decimals on request', () => {
		const block = `<!-- api-calls: figure:2 ${id}.calls / 4 -->?<!-- /api-calls -->`;
		expect(refreshCallBlocks(`x ${block} y`, expected)).toBe(
			`x <!-- api-calls: figure:2 ${id}.calls / 4 -->${(figure.calls / 4).toFixed(2)}<!-- /api-calls --> y`,
		);
	});
});

describe('floors', () => {
	it('no expected figure makes fewer calls than its floor (calls / floor >= 1.00)', () => {
		expect(belowFloor(Object.entries(expected).map(([id, e]) => ({ id, ...e })))).toEqual([]);
	});

	it('names a figure below its floor', () => {
		expect(
			belowFloor([{ id: 'x', calls: 10, floor: { value: 11, formula: '1 + 10 reads' } }]),
		).toEqual(['x: 10 calls, below its floor 1 + 10 reads = 11']);
	});

	it('a trigger poll reads listed users by the fewest pages or single reads', () => {
		// 100 consecutive users share one page; a user no list holds is read alone.
		expect(readsCovering([])).toBe(0);
		expect(readsCovering([10, 40, 109])).toBe(1);
		expect(readsCovering([10, 40, 110])).toBe(2);
		expect(readsCovering([9999, 10000, 1500, -1])).toBe(3);
	});
});

describe("the trigger's cost model (the editor's notice, docs/trigger.md's cost table)", () => {
	it('gives the counted full read of 10,000 users', () => {
		expect(fullReadCalls(10_000, false)).toBe(
			expected['trigger.defaultEvents.noAdmin.quiet'].calls,
		);
	});
});

describe('bench call counts (bench/expected-calls.json)', () => {
	for (const group of CALL_GROUPS) {
		it(`${group.name}: every figure as expected`, async () => {
			const counts = await group.run();
			counted.push(...counts);
			const diff = diffCounts(counts, expected);
			expect(diff ? `${diff}\nIntended? ${UPDATE_COMMAND}` : '').toBe('');
			expect(belowFloor(counts)).toEqual([]);
		}, 600_000);
	}

	it('no expectation is left without its scenario', () => {
		expect(counted.length).toBeGreaterThan(0);
		const countedIds = new Set(counted.map((c) => c.id));
		expect(Object.keys(expected).filter((id) => !countedIds.has(id))).toEqual([]);
	});

	it('bench/*.md, docs/*.md and README.md quote the expected figures', () => {
		const files = filesWithCallBlocks();
		const tables = new Set(Object.values(expected).map((e) => e.table));
		expect([...tables].filter((t) => !files.some((f) => path.basename(f) === t))).toEqual([]);
		for (const file of files) {
			const markdown = readFileSync(file, 'utf8');
			const stale = refreshCallBlocks(markdown, expected) !== markdown;
			expect({ file: path.relative(process.cwd(), file), stale }).toEqual({
				file: path.relative(process.cwd(), file),
				stale: false,
			});
		}
	});
});
