/**
 * npm run bench:calls [-- --update] [--only <group name part>]
 *
 * Counts the API calls (and getNodeParameter calls) of every registered bench scenario (bench/callGroups.ts)
 * at zero latency, in this process, without the per-item baselines, and compares them with
 * bench/expected-calls.json: exit 1 with one line per difference. --update writes the counts as the new
 * expectations and re-renders the call figures of bench/*.md, docs/*.md and README.md from them (the
 * measured figures around them need a full `npm run bench`; `npm run bench:update` does both).
 * Needs `npm run build` (the built node is what runs).
 */
import '../test/setup-env.js';

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	belowFloor,
	diffCounts,
	filesWithCallBlocks,
	readExpectations,
	refreshCallBlocks,
	UPDATE_COMMAND,
	withCallSection,
	writeExpectations,
	type CallCount,
} from './callCounts';
import { CALL_GROUPS } from './callGroups';

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const update = argv.includes('--update');
	const onlyAt = argv.indexOf('--only');
	const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
	if (update && only) throw new Error('--update records every group: leave out --only');
	const started = Date.now();
	const counts: CallCount[] = [];
	for (const group of CALL_GROUPS.filter((g) => !only || g.name.includes(only))) {
		const groupStarted = Date.now();
		const groupCounts = await group.run();
		counts.push(...groupCounts);
		console.log(
			`${group.name}: ${groupCounts.length} figures in ${((Date.now() - groupStarted) / 1000).toFixed(1)} s`,
		);
		for (const c of groupCounts)
			console.log(
				`  ${c.id.padEnd(40)} ${String(c.calls).padStart(6)} calls  floor ${String(c.floor.value).padStart(5)}  ${(c.parameterReads / c.items).toFixed(2)} getNodeParameter/${c.itemNoun}`,
			);
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const wrongFloors = belowFloor(counts);
	if (wrongFloors.length) {
		console.error(
			`\nCalls below their floor (the floor or the code is wrong):\n${wrongFloors.join('\n')}`,
		);
		process.exit(1);
	}
	if (update) {
		writeExpectations(counts);
		const tables = [...new Set(counts.map((c) => c.table))];
		for (const table of tables) {
			const file = path.join(__dirname, table);
			const markdown = existsSync(file) ? readFileSync(file, 'utf8') : `# ${table}\n`;
			writeFileSync(file, withCallSection(markdown, table));
		}
		const files = filesWithCallBlocks();
		for (const file of files) writeFileSync(file, refreshCallBlocks(readFileSync(file, 'utf8')));
		console.log(
			`\nWrote bench/expected-calls.json (${counts.length} figures) in ${seconds} s, and the call figures of ${files.map((f) => path.relative(path.join(__dirname, '..'), f)).join(', ')}.`,
		);
		return;
	}
	const diff = diffCounts(counts, readExpectations(), !only);
	if (diff) {
		console.error(
			`\nAPI call counts differ from bench/expected-calls.json:\n${diff}\n\nIf the change is intended, regenerate the expectations and every table: ${UPDATE_COMMAND}`,
		);
		process.exit(1);
	}
	console.log(
		`\n${counts.length} figures as expected, in ${seconds} s (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores).`,
	);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
