/**
 * The shape of one Create or Update item's path through the built node (npm run bench:walk), held so
 * that it does not grow back: no lower file calls back up into a higher one, and the file and edge
 * counts stay at or below the figures the last refactor reached. The counting itself is tested first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { figuresOf, type WalkFigures } from '../../bench/walkFigures';

/**
 * The figures the last refactor reached; lower them when the path gets shorter, never raise them.
 * Edges 61 -> 64 once, for a step every request takes: the run's one bound on requests in flight
 * (request.ts takes and gives back a slot of InFlightGate in concurrency.ts, now pacing.ts, which lookup.ts's
 * windowsOf then enters as a file already left). 64 -> 60: the registry hands the directory and
 * userInput.ts checked names, so users/validate.ts has one caller. 60 -> 59: the router takes the
 * operation from the RESOURCES table itself (resources.ts is read as data, no function of it runs).
 * 59 -> 57: createUsers.ts returns each batch's outcomes as data and the engine (writes/index.ts)
 * records them, so the eSignature create path has one file that records. 30 files, 57 -> 29, 55: the
 * rate limiter and the concurrency policy are one file (transport/pacing.ts); -> 28, 53: the directory
 * cache lives in users/directory.ts; -> 27, 52: what a write reports (DocuSign's answers matched, the
 * output) is one file, users/writes/report.ts; -> 26, 50: the userinfo cache lives in transport/account.ts,
 * which resolves the account from userinfo; -> 25: the router holds the operations map (resources.ts);
 * -> 24, 48: the credential type names are transport/types.ts's (read as data) and the JWT renewal is
 * jwtGrant.ts's, entered only by a JWT run, so an OAuth2 request enters no file to learn it renews nothing.
 */
const MOST_FILES_USED = 24;
const MOST_EDGES = 48;

const call = 'call' as const;
const ret = 'return' as const;

describe('how a walk is counted', () => {
	it('counts a tree as one return edge per file below the top, with no callback', () => {
		const figures = figuresOf(
			[
				'DocuSign.node.js',
				'actions/router.js',
				'users/lookup.js',
				'transport/request.js',
				'users/lookup.js',
				'actions/router.js',
				'DocuSign.node.js',
			],
			[call, call, call, call, ret, ret, ret],
		);
		expect(figures.filesEntered).toBe(4);
		expect(figures.edges.map((e) => e.edge)).toEqual([
			'actions/router.js -> DocuSign.node.js',
			'transport/request.js -> users/lookup.js',
			'users/lookup.js -> actions/router.js',
		]);
		expect(figures.upwardCalls).toEqual([]);
		expect(Object.values(figures.callersOf).every((c) => c.length === 1)).toBe(true);
	});

	it('names a call up a layer, a second caller, and a repeated call as an edge of its own', () => {
		const figures = figuresOf(
			[
				'actions/router.js',
				'users/writes/index.js',
				'transport/request.js',
				'users/writes/index.js',
				'actions/router.js',
				'transport/request.js',
				'actions/router.js',
				'users/writes/index.js',
				'actions/parameters.js',
				'users/writes/index.js',
			],
			[call, call, call, ret, ret, call, ret, call, call, ret],
		);
		expect(figures.upwardCalls).toEqual(['users/writes/index.js -> actions/parameters.js']);
		expect(figures.callersOf['transport/request.js']).toEqual([
			'actions/router.js',
			'users/writes/index.js',
		]);
		expect(figures.edges).toContainEqual({
			edge: 'actions/router.js -> users/writes/index.js',
			by: 'call',
		});
	});
});

describe('the walk of one Create or Update item (cold, one group)', () => {
	let figures: WalkFigures;
	beforeAll(() => {
		const root = path.resolve(__dirname, '../..');
		const out = execFileSync(
			process.execPath,
			[require.resolve('tsx/cli'), 'bench/walk.ts', '--json'],
			{
				cwd: root,
				encoding: 'utf8',
				timeout: 120_000,
			},
		);
		figures = JSON.parse(out.trim().split('\n').pop()!) as WalkFigures;
	}, 130_000);

	it('never calls back up a layer', () => {
		expect(figures.upwardCalls).toEqual([]);
	});

	it(`uses at most ${MOST_FILES_USED} files and moves back along at most ${MOST_EDGES} distinct edges`, () => {
		expect(figures.filesUsed).toBeLessThanOrEqual(MOST_FILES_USED);
		expect(figures.edges.length).toBeLessThanOrEqual(MOST_EDGES);
	});
});
