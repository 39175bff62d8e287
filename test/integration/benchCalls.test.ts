/**
 * The bench's API call counts as a test: every registered bench scenario (bench/callGroups.ts) runs at zero
 * latency against the simulator and must make exactly the calls, and the getNodeParameter reads, recorded in
 * bench/expected-calls.json; bench/*.md, docs/*.md and README.md must quote those figures. After an intended
 * change: `npm run bench:update`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	diffCounts,
	filesWithCallBlocks,
	readExpectations,
	refreshCallBlocks,
	UPDATE_COMMAND,
	type CallCount,
} from '../../bench/callCounts';
import { CALL_GROUPS } from '../../bench/callGroups';

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

describe('bench call counts (bench/expected-calls.json)', () => {
	for (const group of CALL_GROUPS) {
		it(`${group.name}: every figure as expected`, async () => {
			const counts = await group.run();
			counted.push(...counts);
			const diff = diffCounts(counts, expected);
			expect(diff ? `${diff}\nIntended? ${UPDATE_COMMAND}` : '').toBe('');
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
