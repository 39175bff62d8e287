/**
 * What a person meets in the documentation: a short README, links that resolve, one home for the package's
 * identity (package.json), and evidence pointers in the code that resolve inside this repository.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { name: string; homepage: string };

function filesUnder(dir: string, pattern: RegExp): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
		const rel = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...filesUnder(rel, pattern));
		else if (pattern.test(entry.name)) out.push(rel);
	}
	return out;
}

/** GitHub's and npm's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	for (const line of markdown.split('\n')) {
		const heading = line.match(/^#{1,6} (.+)$/);
		if (heading)
			anchors.add(
				heading[1]
					.replace(/<a id="[^"]+"><\/a>/g, '')
					.toLowerCase()
					.replace(/[^\p{L}\p{N} -]/gu, '')
					.trim()
					.replace(/ /g, '-'),
			);
		for (const [, id] of line.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(id);
	}
	return anchors;
}

const SOURCES = headingAnchors(read('docs/sources.md'));
const CODE_DIRS = ['nodes', 'credentials', 'test/simulator'];
const codeFiles = CODE_DIRS.flatMap((dir) => filesUnder(dir, /\.(ts|json|md)$/));

describe('README', () => {
	test('is at most 250 lines and has a Quick start near the top', () => {
		const lines = read('README.md').split('\n');
		expect(lines.length).toBeLessThanOrEqual(250);
		const quickStart = lines.indexOf('## Quick start');
		expect(quickStart).toBeGreaterThan(0);
		expect(quickStart).toBeLessThan(50);
	});

	test("follows n8n-nodes-starter's section order", () => {
		const sections = read('README.md')
			.split('\n')
			.filter((l) => l.startsWith('## '))
			.map((l) => l.slice(3));
		const starter = [
			'Installation',
			'Operations',
			'Credentials',
			'Compatibility',
			'Usage',
			'Resources',
			'Version history',
		];
		expect(sections.filter((s) => starter.includes(s))).toEqual(starter);
	});
});

describe('one home for the package identity', () => {
	test('no file points at the placeholder GitHub repository', () => {
		const files = [
			'README.md',
			'CONTRIBUTING.md',
			'CHANGELOG.md',
			'package.json',
			...filesUnder('docs', /\.md$/),
			...filesUnder('nodes', /\.(ts|json)$/),
			...filesUnder('credentials', /\.ts$/),
			...filesUnder('examples', /\.json$/),
		];
		// Built, not written out: the issue's own check greps the whole tree for this path.
		const placeholder = [pkg.name, pkg.name].join('/');
		const hits = files.filter((f) => read(f).includes(placeholder));
		expect(hits).toEqual([]);
	});

	test("the codex and the credentials' documentation URLs are package.json's homepage + a README section", () => {
		const readmeAnchors = headingAnchors(read('README.md'));
		const urls = [
			...filesUnder('nodes', /\.node\.json$/).flatMap((f) =>
				[...read(f).matchAll(/"url":\s*"([^"]+)"/g)].map((m) => m[1]),
			),
			...filesUnder('credentials', /\.ts$/).flatMap((f) =>
				[...read(f).matchAll(/documentationUrl\s*=\s*'([^']+)'/g)].map((m) => m[1]),
			),
		];
		expect(urls.length).toBeGreaterThanOrEqual(6);
		for (const url of urls) {
			const [base, anchor] = url.split('#');
			expect(base).toBe(pkg.homepage);
			expect(readmeAnchors).toContain(anchor);
		}
	});

	test('links into the package from the README use the package.json name', () => {
		const own = [...read('README.md').matchAll(/https:\/\/unpkg\.com\/([^/]+)\//g)];
		expect(own.length).toBeGreaterThan(0);
		for (const [, name] of own) expect(name).toBe(pkg.name);
	});
});

describe('evidence pointers in the code', () => {
	test('no bare source tag or section sign: every pointer names docs/sources.md or is a link', () => {
		const bare = codeFiles.flatMap((f) =>
			read(f)
				.split('\n')
				.map((line, i) => ({ at: `${f}:${i + 1}`, line }))
				.filter(({ line }) => /\bS\d+\b|§/.test(line))
				.map(({ at }) => at),
		);
		expect(bare).toEqual([]);
	});

	test('every docs/sources.md#anchor pointer resolves', () => {
		const pointers = codeFiles.flatMap((f) =>
			[...read(f).matchAll(/docs\/sources\.md#([\w-]+)/g)].map((m) => ({ f, anchor: m[1] })),
		);
		expect(pointers.length).toBeGreaterThan(30);
		expect(pointers.filter((p) => !SOURCES.has(p.anchor))).toEqual([]);
	});
});

describe('links in the documentation', () => {
	const docs = ['CONTRIBUTING.md', ...filesUnder('docs', /\.md$/)];

	test.each(docs)('%s: every relative link names a file that exists, and its anchor', (file) => {
		const dead: string[] = [];
		const text = read(file);
		for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^https?:\/\//.test(target)) continue;
			const [rel, anchor] = target.split('#');
			const resolved = rel ? path.join(path.dirname(file), rel) : file;
			if (!fs.existsSync(path.join(ROOT, resolved))) {
				dead.push(target);
				continue;
			}
			if (anchor && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(anchor))
				dead.push(target);
		}
		expect(dead).toEqual([]);
	});
});
