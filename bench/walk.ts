/**
 * npx tsx bench/walk.ts — the walk of one Create or Update item through the built node (cold: fresh
 * caches, a new user, one group), in n8n's engine against the simulator.
 *
 * Method: every function and class method exported by a module under dist/nodes is wrapped as n8n
 * loads it; a call pushes its file on a stack, its return (for a promise: its settling) removes it.
 * The file on top of the stack is where control is. Counted from the node's execute to its return:
 * the files entered (distinct files control reaches) and the returns to a file already left (each
 * time control moves into a file it was in before). A call inside one file is not a move; a call
 * between files always goes through an export, so none is missed.
 */
import '../test/setup-env.js';

import Module from 'node:module';
import path from 'node:path';

import { startSimulator } from '../test/simulator';
import { runNode, upsertFromItems } from '../test/support';

const DIST_NODES = path.resolve(__dirname, '../dist/nodes');
const stack: Array<{ id: number; file: string }> = [];
const moves: string[] = [];
let nextId = 0;
let recording = false;

function where(): string | undefined {
	return stack[stack.length - 1]?.file;
}

function moveTo(file: string | undefined) {
	if (!recording || !file || moves[moves.length - 1] === file) return;
	moves.push(file);
}

function wrap(file: string, fn: (...args: unknown[]) => unknown) {
	return function (this: unknown, ...args: unknown[]) {
		if (file.endsWith('DocuSign.node.js') && fn.name === 'execute') recording = true;
		const id = nextId++;
		stack.push({ id, file });
		moveTo(file);
		const leave = () => {
			const at = stack.findIndex((entry) => entry.id === id);
			if (at >= 0) stack.splice(at, 1);
			moveTo(where());
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
	}
	return exports;
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
		const entered = new Set(moves);
		let returns = 0;
		const visited = new Set<string>();
		for (const file of moves) {
			if (visited.has(file)) returns++;
			visited.add(file);
		}
		console.log(moves.join('\n'));
		console.log(
			`\nfiles entered: ${entered.size}; returns to a file already left: ${returns}; moves: ${moves.length}`,
		);
	} finally {
		await sim.close();
	}
}

void main();
