import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of nodes/DocuSign, read from the source: node files -> actions/ trigger/ methods/ ->
 * parameters/ -> users/ -> transport/. An arrow only points down, and no file reaches itself through its imports.
 */
const ROOT = resolve(__dirname, '../../nodes/DocuSign');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function resolveImport(from: string, spec: string): string | undefined {
	const base = resolve(dirname(from), spec);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this form of the specifier
		}
	}
	return undefined;
}

const files = sourceFiles(ROOT);
const rel = (path: string) => relative(ROOT, path);
const importsOf = new Map<string, string[]>(
	files.map((file) => {
		const text = readFileSync(file, 'utf8');
		const specs = [...text.matchAll(/from '(\.{1,2}\/[^']*)'/g)].map((m) => m[1]);
		const targets = specs.map((spec) => resolveImport(file, spec));
		return [file, targets.filter((t): t is string => t !== undefined)];
	}),
);
const layerOf = (file: string) => rel(file).split('/')[0];

describe('layering of nodes/DocuSign', () => {
	it('finds the layers it checks', () => {
		for (const layer of ['actions', 'trigger', 'methods', 'parameters', 'users', 'transport'])
			expect(files.some((f) => layerOf(f) === layer)).toBe(true);
	});

	it.each([
		['parameters', ['actions', 'trigger', 'methods']],
		['users', ['actions', 'trigger', 'methods', 'parameters']],
		['trigger', ['actions']],
		['methods', ['actions']],
		['transport', ['actions', 'trigger', 'methods', 'parameters', 'users']],
	])('nothing under %s/ imports from %j', (layer, above) => {
		const upward = files
			.filter((f) => layerOf(f) === layer)
			.flatMap((f) =>
				(importsOf.get(f) ?? [])
					.filter((t) => above.includes(layerOf(t)))
					.map((t) => `${rel(f)} -> ${rel(t)}`),
			);
		expect(upward).toEqual([]);
	});

	it.each(['users', 'transport'])('nothing under %s/ reads a node parameter', (layer) => {
		const readers = files
			.filter((f) => layerOf(f) === layer)
			.filter((f) => readFileSync(f, 'utf8').includes('getNodeParameter'))
			.map(rel);
		expect(readers).toEqual([]);
	});

	it("reads the action node's parameters in one place: the router (which operation, then all it reads)", () => {
		// Operations declare what they read (`reads`) and take the records the router hands them.
		const readers = files
			.filter((f) => layerOf(f) === 'actions')
			.filter((f) =>
				/\b(readParameters|readItemParameter|readRunParameter)\(/.test(readFileSync(f, 'utf8')),
			)
			.map(rel);
		expect(readers).toEqual(['actions/router.ts']);
		// Two calls: which operation (Resource, Operation), then all that operation reads (per run, per item).
		const router = readFileSync(join(ROOT, 'actions/router.ts'), 'utf8');
		expect(router.match(/\breadParameters\(/g)).toHaveLength(2);
	});

	it('builds a parameter error from users/errors.ts: parameters/ does not call into users/results.ts', () => {
		expect(
			files
				.filter((f) => layerOf(f) === 'parameters')
				.filter((f) => (importsOf.get(f) ?? []).map(rel).includes('users/results.ts'))
				.map(rel),
		).toEqual([]);
	});

	it('has no import cycle between files', () => {
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' -> '));
				return;
			}
			state.set(file, 'open');
			for (const target of importsOf.get(file) ?? []) visit(target, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of files) visit(file, []);
		expect(cycles).toEqual([]);
	});
});
