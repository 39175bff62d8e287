/**
 * Fault matrix: every write operation against every failure DocuSign or the network can throw at
 * it, injected by the simulator at the operation's first write request. After each cell the
 * simulator's state is checked: the change is complete (or, where the run must stop, consistent),
 * no user lost, none created twice, no membership doubled. The suite prints the matrix.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultRule, Simulator } from '../simulator';
import { seedData, startSimulator } from '../simulator';
import type { RunResult } from '../support';
import {
	assertContractKept,
	credentialFor,
	customGroupsOf,
	recordContractStats,
	rl,
	runNode,
} from '../support';

const { SEED_USERS } = seedData;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface OperationCase {
	name: string;
	method: string;
	path: string;
	/** Puts the users in the state the operation starts from; returns the items. */
	setup(sim: Simulator): IDataObject[];
	parameters: IDataObject;
	/** The user that a partial batch failure hits (ID or email), and its item. */
	partial(items: IDataObject[]): { user: string; itemIndex: number };
	/** For one-request-per-user writes: the fault that fails only that user's request. */
	partialFault?: (items: IDataObject[]) => Omit<FaultRule, 'method'>;
	/** Asserts the operation's effect for the given items. */
	done(sim: Simulator, items: IDataObject[]): void;
}

const activeIds = [
	SEED_USERS.activeSalesEngineer.userId,
	SEED_USERS.legalReviewer.userId,
	SEED_USERS.adminBarbara.userId,
];
const joiners = (prefix: string) =>
	[1, 2, 3].map((n) => ({ email: `${prefix}${n}@acme.example`, first: `J${n}`, last: 'Fault' }));
const createLike = {
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	groups: ['Finance'].join(','),
};

const OPERATIONS: OperationCase[] = [
	{
		name: 'User > Create',
		method: 'POST',
		path: '/users$',
		setup: () => joiners('create'),
		parameters: {
			resource: 'user',
			operation: 'create',
			...createLike,
			groups: '={{ "Finance" }}',
		},
		partial: (items) => ({ user: String(items[1].email), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) {
				const user = sim.userByEmail(String(item.email))!;
				expect(user).toBeDefined();
				expect(customGroupsOf(sim, user.userId)).toEqual(['Finance']);
			}
		},
	},
	{
		name: 'User > Create or Update',
		method: 'POST',
		path: '/users$',
		setup: () => [
			...joiners('upsert').slice(0, 2),
			{ email: SEED_USERS.legalReviewer.email, first: 'Liam', last: 'Brennan' },
		],
		parameters: {
			resource: 'user',
			operation: 'upsert',
			...createLike,
			groups: '={{ "Finance" }}',
		},
		partial: (items) => ({ user: String(items[1].email), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items)
				expect(customGroupsOf(sim, sim.userByEmail(String(item.email))!.userId)).toContain(
					'Finance',
				);
		},
	},
	{
		name: 'User > Update',
		method: 'PUT',
		path: '/users$',
		setup: () => activeIds.map((id) => ({ id })),
		parameters: {
			resource: 'user',
			operation: 'update',
			user: rl('id', '={{ $json.id }}'),
			updateFields: { jobTitle: 'Fault Tester' },
			groupMode: 'replace',
			groups: ['Finance'],
		},
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) {
				expect(sim.userById(String(item.id))!.jobTitle).toBe('Fault Tester');
				expect(customGroupsOf(sim, String(item.id))).toEqual(['Finance']);
			}
		},
	},
	{
		name: 'User > Activate',
		method: 'PUT',
		// Reopen is Users:update, one request per user.
		path: '/users/[^/]+$',
		setup: () =>
			[
				SEED_USERS.closed.userId,
				SEED_USERS.closedNeverActive.userId,
				SEED_USERS.closedAdmin.userId,
			].map((id) => ({ id })),
		parameters: { resource: 'user', operation: 'activate', user: rl('id', '={{ $json.id }}') },
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		// DocuSign refuses this user's reopen: Users:update and the one Users:updateList retry after it.
		partialFault: (items) => ({
			method: 'PUT',
			path: `/users(/${String(items[1].id)})?$`,
			times: 2,
			action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
		}),
		done: (sim, items) => {
			for (const item of items) expect(sim.userById(String(item.id))!.status).not.toBe('Closed');
		},
	},
	{
		name: 'User > Suspend',
		method: 'DELETE',
		path: '/users$',
		setup: () => activeIds.map((id) => ({ id })),
		parameters: { resource: 'user', operation: 'suspend', user: rl('id', '={{ $json.id }}') },
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) expect(sim.userById(String(item.id))!.status).toBe('Closed');
		},
	},
	{
		name: 'User > Notify Delete',
		method: 'DELETE',
		path: '/users$',
		setup: () => activeIds.map((id) => ({ id })),
		parameters: { resource: 'user', operation: 'notifyDelete', user: rl('id', '={{ $json.id }}') },
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) expect(sim.userById(String(item.id))!.status).toBe('Closed');
		},
	},
	{
		name: 'Group > Add Users',
		method: 'PUT',
		path: '/groups/[^/]+/users$',
		setup: () => activeIds.map((id) => ({ id })),
		parameters: {
			resource: 'group',
			operation: 'addUsers',
			group: rl('name', 'Finance'),
			user: rl('id', '={{ $json.id }}'),
		},
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) expect(customGroupsOf(sim, String(item.id))).toContain('Finance');
		},
	},
	{
		name: 'Group > Remove Users',
		method: 'DELETE',
		path: '/groups/[^/]+/users$',
		setup: (sim) => {
			const sales = sim
				.groupMemberIds(sim.groupByName('Sales')!.groupId)
				.filter((id) => sim.userById(id)!.status === 'Active');
			return sales.slice(0, 3).map((id) => ({ id }));
		},
		parameters: {
			resource: 'group',
			operation: 'removeUsers',
			group: rl('name', 'Sales'),
			user: rl('id', '={{ $json.id }}'),
		},
		partial: (items) => ({ user: String(items[1].id), itemIndex: 1 }),
		done: (sim, items) => {
			for (const item of items) expect(customGroupsOf(sim, String(item.id))).not.toContain('Sales');
		},
	},
];

type Expectation = 'completed after retry' | 'error for that item' | 'run fails with a fix';

interface FaultCase {
	name: string;
	expect: Expectation;
	rule?: (op: OperationCase, items: IDataObject[]) => Omit<FaultRule, 'method' | 'path'>;
	before?: (sim: Simulator) => void;
	options?: IDataObject;
	/** Time for a delayed request to land in the simulator after the run gave up on it. */
	settleMs?: number;
	continueOnFail?: boolean;
	message?: RegExp;
}

const FAULTS: FaultCase[] = [
	{
		name: '429 burst',
		expect: 'completed after retry',
		rule: () => ({
			action: {
				status: 429,
				errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'Retry-After': '1' },
			},
		}),
	},
	{
		name: '429 hourly, reset in 2 s',
		expect: 'completed after retry',
		rule: () => ({
			action: {
				status: 429,
				errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
				headers: {
					'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 2),
					'X-RateLimit-Remaining': '0',
				},
			},
		}),
	},
	{
		name: '429 hourly, reset past Max Wait',
		expect: 'run fails with a fix',
		options: { maxWaitSeconds: 1 },
		rule: () => ({
			action: {
				status: 429,
				errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 3600) },
			},
		}),
		message: /hourly API limit for this account is used up until .*Z/,
	},
	{
		name: '400 rate-limit code',
		expect: 'completed after retry',
		rule: () => ({
			action: {
				status: 400,
				errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'Retry-After': '1' },
			},
		}),
	},
	{ name: '500', expect: 'completed after retry', rule: () => ({ action: { status: 500 } }) },
	{ name: '502', expect: 'completed after retry', rule: () => ({ action: { status: 502 } }) },
	{ name: '503', expect: 'completed after retry', rule: () => ({ action: { status: 503 } }) },
	{
		name: 'connection dropped after the write',
		expect: 'completed after retry',
		rule: () => ({ action: { drop: 'after' } }),
	},
	{
		name: 'connection dropped before the write',
		expect: 'completed after retry',
		rule: () => ({ action: { drop: 'before' } }),
	},
	{
		name: 'latency past the timeout',
		expect: 'completed after retry',
		options: { timeoutSeconds: 1 },
		settleMs: 2000,
		rule: () => ({ action: { delayMs: 2500 } }),
	},
	{
		name: 'token expired mid-batch',
		expect: 'completed after retry',
		rule: () => ({ action: { expireTokens: true } }),
	},
	{
		name: 'refresh token revoked',
		expect: 'run fails with a fix',
		before: (sim) => sim.revokeRefreshTokens(),
		rule: () => ({ action: { expireTokens: true } }),
		message: /needs to be reconnected/,
	},
	{
		name: 'partial batch failure',
		expect: 'error for that item',
		continueOnFail: true,
		rule: (op, items) =>
			op.partialFault?.(items) ?? { action: { failUsers: [op.partial(items).user] } },
	},
];

const matrix = new Map<string, Map<string, string>>();
let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterEach(() => assertContractKept(sim));
afterAll(async () => {
	recordContractStats(sim);
	await sim.close();
	const faults = FAULTS.map((f) => f.name);
	const lines = [
		`| operation | ${faults.join(' | ')} |`,
		`|---|${faults.map(() => '---').join('|')}|`,
	];
	let passed = 0;
	for (const op of OPERATIONS) {
		const row = faults.map((f) => matrix.get(op.name)?.get(f) ?? 'not run');
		passed += row.filter((cell) => cell.startsWith('PASS')).length;
		lines.push(`| ${op.name} | ${row.join(' | ')} |`);
	}
	console.log(
		`Fault matrix: ${passed} of ${OPERATIONS.length * FAULTS.length} cells pass\n${lines.join('\n')}`,
	);
});

function checkInvariants(sim: Simulator, seededIds: string[]) {
	const users = sim.users();
	const ids = new Set(users.map((u) => u.userId));
	for (const id of seededIds) expect(ids.has(id)).toBe(true);
	const openEmails = users.filter((u) => u.status !== 'Closed').map((u) => u.email.toLowerCase());
	expect(new Set(openEmails).size).toBe(openEmails.length);
	for (const group of ['Sales', 'Finance', 'Legal', 'Engineering']) {
		const members = sim.groupMemberIds(sim.groupByName(group)!.groupId);
		expect(new Set(members).size).toBe(members.length);
	}
}

describe.each(OPERATIONS)('$name', (op) => {
	test.each(FAULTS)('$name', async (fault) => {
		sim.reset();
		const seededIds = sim.users().map((u) => u.userId);
		const items = op.setup(sim);
		const credential = credentialFor(sim);
		fault.before?.(sim);
		if (fault.rule) sim.addFault({ method: op.method, path: op.path, ...fault.rule(op, items) });
		const result: RunResult = await runNode(sim, {
			items,
			parameters: { ...op.parameters, requestSettings: { ...fault.options } },
			continueOnFail: fault.continueOnFail,
			credential,
		});
		if (fault.settleMs) await sleep(fault.settleMs);

		const faulted = sim.log.filter((e) => e.fault).length;
		expect(faulted).toBeGreaterThan(0);
		if (fault.expect === 'completed after retry') {
			expect(result.error).toBeUndefined();
			expect(result.json.filter((j) => j.error)).toEqual([]);
			op.done(sim, items);
		} else if (fault.expect === 'error for that item') {
			const { itemIndex } = op.partial(items);
			expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(String(result.json[itemIndex].error)).toContain('[item 1]');
			const others = items.filter((_, i) => i !== itemIndex);
			op.done(sim, others);
		} else {
			expect(result.error?.message).toMatch(fault.message!);
			expect(result.error?.description).toBeTruthy();
		}
		checkInvariants(sim, seededIds);
		const row = matrix.get(op.name) ?? new Map<string, string>();
		row.set(
			fault.name,
			`PASS: ${fault.expect} (${sim.log.filter((e) => e.path.startsWith('/restapi')).length} calls)`,
		);
		matrix.set(op.name, row);
	});
});
