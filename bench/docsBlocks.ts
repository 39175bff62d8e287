/**
 * Measured figures in the documentation come from the last full `npm run bench`: each bench writes its summary
 * into the `<!-- bench-run: <name> -->` … `<!-- /bench-run -->` blocks of docs/*.md and README.md. (Call
 * counts are quoted from bench/expected-calls.json instead, in api-calls blocks that `npm test` checks.)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

const documents = () => [
	path.join(ROOT, 'README.md'),
	...readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => path.join(ROOT, 'docs', f)),
];

/** Replaces every bench-run block called `name` with `body`; returns the files it changed. */
export function writeRunBlock(name: string, body: string): string[] {
	const block = new RegExp(`<!-- bench-run: ${name} -->[\\s\\S]*?<!-- /bench-run -->`, 'g');
	const changed: string[] = [];
	for (const file of documents()) {
		const markdown = readFileSync(file, 'utf8');
		const next = markdown.replace(
			block,
			`<!-- bench-run: ${name} -->\n${body.trim()}\n<!-- /bench-run -->`,
		);
		if (next !== markdown) {
			writeFileSync(file, next);
			changed.push(path.relative(ROOT, file));
		}
	}
	if (changed.length) console.log(`Wrote the ${name} figures into ${changed.join(', ')}`);
	return changed;
}
