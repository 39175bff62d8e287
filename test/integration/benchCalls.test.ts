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
