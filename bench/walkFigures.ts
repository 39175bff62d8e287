/**
 * The figures of one recorded walk through the built node (bench/walk.ts records it): which files
 * control reached, each distinct move back into a file already left, and the two shapes a tree must
 * not have: a call up a layer (a callback) and a file called from more than one file.
 */

/** The layers, top first: a call may go down or stay in its layer; a call up is a callback. */
export const LAYERS = ['node', 'actions', 'parameters', 'users', 'transport'];
export function layerOf(file: string): number {
	const top = file.replace(/^DocuSign\//, '').split('/')[0];
	if (top.endsWith('.js')) return 0;
	return Math.max(1, LAYERS.indexOf(['trigger', 'methods'].includes(top) ? 'actions' : top));
}

/** The figures of one recorded walk (moves: the file control moved to, kinds: what moved it). */
export function figuresOf(
	moves: string[],
	kinds: Array<'call' | 'return'>,
	tables: Set<string> = new Set(),
) {
	const entered = new Set(moves);
	let returns = 0;
	const edges = new Map<string, 'call' | 'return'>();
	const visited = new Set<string>();
	const callers = new Map<string, Set<string>>();
	const upward = new Set<string>();
	moves.forEach((file, i) => {
		const from = moves[i - 1];
		if (kinds[i] === 'call' && from) {
			callers.set(file, (callers.get(file) ?? new Set()).add(from));
			if (layerOf(file) < layerOf(from)) upward.add(`${from} -> ${file}`);
		}
		if (visited.has(file)) {
			returns++;
			const edge = `${from} -> ${file}`;
			if (!edges.has(edge)) edges.set(edge, kinds[i]);
		}
		visited.add(file);
	});
	const used = new Set([...entered, ...tables]);
	return {
		filesEntered: entered.size,
		returns,
		filesUsed: used.size,
		tablesOnly: [...used].filter((f) => !entered.has(f)),
		edges: [...edges].sort().map(([edge, by]) => ({ edge, by })),
		upwardCalls: [...upward].sort(),
		callersOf: Object.fromEntries([...callers].map(([file, from]) => [file, [...from].sort()])),
	};
}

export type WalkFigures = ReturnType<typeof figuresOf>;
