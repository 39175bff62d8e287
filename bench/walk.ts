/**
 * npx tsx bench/walk.ts — the walk of one Create or Update item through the built node (cold: fresh
 * caches, a new user, one group), in n8n's engine against the simulator.
 *
 * How control moves: every function and class method exported by a module under dist/nodes is
 * wrapped as n8n loads it; a call pushes its file on a stack, its return (for a promise: its
 * settling) removes it. The file on top of the stack is where control is. A call inside one file is
 * not a move; a call between files always goes through an export, so none is missed. Recorded from
 * the node's execute to its return. Two counts come from the same recording:
 *
 * - strict: files entered = the distinct files control reaches; returns = every move into a file
 *   control was in before (each request's trip through transport counts, every time).
 * - calibrated: files entered = the files whose run-time code is used on the walk, i.e. the
 *   strict files plus those whose exported tables (a constant, a class for new/instanceof, an
 *   operations map) are read, barrels' re-exports not counted; edges = each distinct "from file A
 *   into file B already left", made by a return or by a call, counted once however often the walk
 *   takes it. On 50b8064 (before the users/ layer) this count gives 23 files and 58 edges (the
 *   strict one 22 and 151).
 */
import '../test/setup-env.js';

import Module from 'node:module';
import path from 'node:path';

import { startSimulator } from '../test/simulator';
import { figuresOf } from './walkFigures';
import { runNode, upsertFromItems } from '../test/support';

const DIST_NODES = path.resolve(__dirname, '../dist/nodes');
const stack: Array<{ id: number; file: string }> = [];
const moves: string[] = [];
/** For each move: whether a call made it (into a callee) or a return (back to a caller). */
const kinds: Array<'call' | 'return'> = [];
let nextId = 0;
let recording = false;

function where(): string | undefined {
	return stack[stack.length - 1]?.file;
}

function moveTo(file: string | undefined, kind: 'call' | 'return') {
	if (!recording || !file || moves[moves.length - 1] === file) return;
	moves.push(file);
	kinds.push(kind);
}

function wrap(file: string, fn: (...args: unknown[]) => unknown) {
	return function (this: unknown, ...args: unknown[]) {
		if (file.endsWith('DocuSign.node.js') && fn.name === 'execute') recording = true;
		const id = nextId++;
		stack.push({ id, file });
		moveTo(file, 'call');
		const leave = () => {
			const at = stack.findIndex((entry) => entry.id === id);
			if (at >= 0) stack.splice(at, 1);
			moveTo(where(), 'return');
		};
		try {
			const result = fn.apply(this, args);
			if (result && typeof (result as Promise<unknown>).then === 'function') {
				return (result as Promise<unknown>).finally(leave);
			}
			leave();
			return result;
		} catch (error) {
			leave();
			throw error;
		}
	};
}

function instrument(file: string, exports: Record<string, unknown>) {
	const short = path.relative(DIST_NODES, file);
	for (const key of Object.keys(exports)) {
		const descriptor = Object.getOwnPropertyDescriptor(exports, key);
		const value = exports[key];
		if (typeof value !== 'function') continue;
		const proto = (value as { prototype?: object }).prototype;
		const methods = proto
			? Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor')
			: [];
		if (/^class\s/.test(Function.prototype.toString.call(value)) || methods.length) {
			for (const name of methods) {
				const method = Object.getOwnPropertyDescriptor(proto, name);
				if (typeof method?.value === 'function')
					Object.defineProperty(proto, name, { ...method, value: wrap(short, method.value) });
			}
			continue;
		}
		if (descriptor?.writable) exports[key] = wrap(short, value as (...args: unknown[]) => unknown);
	}
}

const seen = new Set<string>();
const watched = new Map<string, object>();
const tablesRead = new Set<string>();

/** Records the files whose exported tables (not functions, not barrels' getters) the walk reads. */
function watchTables(short: string, exports: object): object {
	return new Proxy(exports, {
		get(target, key, receiver) {
			const own = Object.getOwnPropertyDescriptor(target, key);
			const wrapped = own && 'value' in own && typeof own.value === 'function';
			const isClass = wrapped && /^class\s/.test(Function.prototype.toString.call(own.value));
			if (recording && own && 'value' in own && key !== '__esModule' && (!wrapped || isClass))
				tablesRead.add(short);
			return Reflect.get(target, key, receiver);
		},
	});
}
const moduleApi = Module as unknown as {
	_load: (request: string, parent: unknown, isMain: boolean) => unknown;
	_resolveFilename: (request: string, parent: unknown) => string;
};
const originalLoad = moduleApi._load;
moduleApi._load = function (request, parent, isMain) {
	const exports = originalLoad.call(this, request, parent, isMain);
	let file: string | undefined;
	try {
		file = moduleApi._resolveFilename(request, parent);
	} catch {
		return exports;
	}
	if (file.startsWith(DIST_NODES) && file.endsWith('.js') && !seen.has(file)) {
		seen.add(file);
		instrument(file, exports as Record<string, unknown>);
		watched.set(file, watchTables(path.relative(DIST_NODES, file), exports as object));
	}
	return watched.get(file) ?? exports;
};

async function main() {
	const sim = await startSimulator({ port: 0 });
	try {
		const result = await runNode(sim, {
			items: [
				{
					email: 'walk.through@acme.example',
					first: 'Walk',
					last: 'Through',
					role: 'DocuSign Sender',
					groups: 'Sales',
				},
			],
			parameters: upsertFromItems(),
		});
		recording = false;
		if (result.error) throw new Error(result.error.message);
		if (!sim.userByEmail('walk.through@acme.example')) throw new Error('no user created');
		const figures = figuresOf(moves, kinds, tablesRead);
		if (process.argv.includes('--json')) {
			console.log(JSON.stringify(figures));
			return;
		}
		if (process.argv.includes('--moves'))
			console.log(moves.map((file, i) => `${kinds[i] === 'call' ? '>' : '<'} ${file}`).join('\n'));
		if (process.argv.includes('--edges'))
			console.log(
				figures.edges
					.map(({ edge, by }) => `${by === 'return' ? 'return' : 'call  '} ${edge}`)
					.join('\n'),
			);
		console.log(
			[
				`strict: files entered ${figures.filesEntered}; returns to a file already left ${figures.returns} (moves ${moves.length})`,
				`calibrated: files with run-time code used ${figures.filesUsed} (tables only: ${figures.tablesOnly.join(', ') || 'none'}); distinct edges into a file already left ${figures.edges.length}`,
				`  of which: moves by a return ${figures.edges.filter((e) => e.by === 'return').length}, calls into a file already left ${figures.edges.filter((e) => e.by === 'call').length}`,
				`calls up a layer (a lower file calling back into a higher one): ${figures.upwardCalls.length ? figures.upwardCalls.join(', ') : 'none'}`,
				`files called from more than one file: ${
					Object.entries(figures.callersOf)
						.filter(([, callers]) => callers.length > 1)
						.map(([file, callers]) => `${file} (${callers.length})`)
						.join(', ') || 'none'
				}`,
			].join('\n'),
		);
	} finally {
		await sim.close();
	}
}

void main();
