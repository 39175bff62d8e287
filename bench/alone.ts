/**
 * A bench file run alone (`npx tsx bench/<file>.ts [--latency ms]`) writes its table and its docs
 * block; forked by `npm run bench` (bench/run.ts), it hands its figures back instead.
 */
import { writeCheckedTable, type BenchTable } from './callCounts';
import { writeRunBlock } from './docsBlocks';

/** The per-request latency the simulator adds: `--latency ms`, 100 by default. */
export function latencyArg(): number {
	const i = process.argv.indexOf('--latency');
	return i >= 0 ? Number(process.argv[i + 1]) : 100;
}

/** Runs a bench table and writes (or hands back) what it measured; a failure exits with code 1. */
export function runAlone(
	bench: (latencyMs: number) => Promise<BenchTable>,
	table: string,
	block: string,
): void {
	exitOnFailure(
		bench(latencyArg()).then((result) => {
			if (process.send) return void process.send(result, () => process.disconnect());
			writeCheckedTable(table, result.markdown, result.counts);
			writeRunBlock(block, result.summary);
		}),
	);
}

export function exitOnFailure(work: Promise<unknown>): void {
	work.catch((error: Error) => {
		console.error(error);
		process.exit(1);
	});
}
