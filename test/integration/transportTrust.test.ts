/**
 * The transport trusts nothing the server sends back (issue 10): redirects, paging bounds, delays,
 * error codes, and it reads /oauth/userinfo once per credential and token, not once per run.
 * Everything runs in n8n's engine against the simulator over real HTTP; a trap server on another
 * port stands for wherever a redirect would send the token.
 */

import type {
	IDataObject,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	callMethodWith,
	createFromItems,
	credentialFor,
	joiner,
	runNode,
	Trap,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;

/** Answers like a DocuSign with one user whose account lives on the trap itself. */
const trapDocuSign = (url: string) => ({
	accounts: [{ account_id: 'trap', is_default: true, account_name: 'Trap', base_uri: url }],
	users: [
		{ userId: 'trap-user', userName: 'Trap', email: 'trap@trap.example', userStatus: 'Active' },
	],
	newUsers: [{ userId: 'trap-user', email: 'trap@trap.example', userStatus: 'ActivationSent' }],
	totalSetSize: '1',
	resultSetSize: '1',
});

let sim!: Simulator;
useSimulator((s) => (sim = s));
const trap = new Trap(trapDocuSign);
beforeAll(async () => await trap.start());
afterAll(async () => await trap.close());
beforeEach(() => {
	trap.requests.length = 0;
});

const getAllUsers: INodeParameters = {
	resource: 'user',
	operation: 'getAll',
	returnAll: true,
	filters: {},
};
const userinfoCalls = () => sim.count({ method: 'GET', path: '/oauth/userinfo' });
const listCalls = () => sim.count({ method: 'GET', path: /\/users$/ });

describe('no redirects: a 3xx is refused, the token goes nowhere', () => {
	test('the trap records what it is sent (so "nothing" below means nothing)', async () => {
		await fetch(`${trap.url}/probe`, { headers: { authorization: 'Bearer probe' } });
		expect(trap.requests).toEqual([
			{ method: 'GET', url: '/probe', authorization: 'Bearer probe' },
		]);
	});

	const target = () => `${trap.url}/elsewhere?access_token=leaked-secret&code=123`;
	const refusal = (status: number) =>
		`DocuSign's answer was a redirect (HTTP ${status}) to ${trap.url}: a gateway or proxy between n8n and DocuSign is redirecting [item 0]`;

	test.each([302, 307])(
		'%i on /oauth/userinfo: the run fails naming the host only; the trap gets nothing',
		async (status) => {
			sim.addFault({
				method: 'GET',
				path: '^/oauth/userinfo$',
				action: { redirect: { status, location: target() } },
			});
			const result = await runNode(sim, { parameters: getAllUsers });
			expect(result.error?.message).toBe(refusal(status));
			expect(result.error?.description).toContain('never follows redirects');
			expect(JSON.stringify(result.error)).not.toContain('leaked-secret');
			expect(result.json).toEqual([]);
			expect(trap.requests).toEqual([]);
			expect(sim.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /oauth/userinfo']);
		},
	);

	test.each([302, 307])(
		'%i on a read (GET /users): not followed, not retried, no trap data as output',
		async (status) => {
			sim.addFault({
				method: 'GET',
				path: '/users$',
				action: { redirect: { status, location: target() } },
			});
			const result = await runNode(sim, { parameters: getAllUsers });
			expect(result.error?.message).toBe(refusal(status));
			expect(result.json).toEqual([]);
			expect(trap.requests).toEqual([]);
			expect(listCalls()).toBe(1);
		},
	);

	test.each([302, 307])(
		'%i on a write (POST /users): the item fails, the personal data stays home, sent once',
		async (status) => {
			sim.addFault({
				method: 'POST',
				path: '/users$',
				action: { redirect: { status, location: target() } },
			});
			const result = await runNode(sim, {
				parameters: createFromItems(),
				items: [
					{
						email: 'redirected@acme.example',
						first: 'Red',
						last: 'Irect',
						role: 'DocuSign Sender',
						groups: '',
					},
				],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(1);
			expect(result.json[0].error).toBe(refusal(status));
			expect(JSON.stringify(result.json)).not.toContain('trap');
			expect(trap.requests).toEqual([]);
			expect(writesOf(sim).filter((e) => e.method === 'POST')).toHaveLength(1);
			expect(sim.userByEmail('redirected@acme.example')).toBeUndefined();
		},
	);

	test('a redirect drops the cached userinfo: the next run asks DocuSign again', async () => {
		const credential = credentialFor(sim);
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error).toBeUndefined();
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { redirect: { status: 301, location: `${trap.url}/moved` } },
		});
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error?.message).toBe(
			refusal(301),
		);
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error).toBeUndefined();
		expect(userinfoCalls()).toBe(2);
		expect(trap.requests).toEqual([]);
	});
});

describe('paging is bounded by the node, not by what the server claims', () => {
	const accountUsers = () => sim.users().length;

	test('totalSetSize "1000000000": an error saying the list did not hold, after a handful of requests (no ten million windows)', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 1000,
			action: { page: { totalSetSize: '1000000000' } },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		// Empty pages before the claimed total: the list is not taken as complete (read three times, then an error).
		expect(result.error?.message).toBe(
			"DocuSign's list changed each of the 3 times it was read, while trying to list the users [item 0]",
		);
		expect(result.error?.description).toContain('was empty while DocuSign counted 300000');
		// Three reads: each the first page, then one window of pages in flight that came back empty.
		expect(listCalls()).toBe(15);
	});

	test('a claimed billion with a new user on every page: the clamp and the page cap bound it at 3,000 requests', async () => {
		const saved = { ...sim.config.rateLimits };
		sim.configure({ rateLimits: { burstLimit: 100_000, hourlyLimit: 100_000 } });
		try {
			sim.addFault({
				method: 'GET',
				path: '/users$',
				times: 10_000,
				action: { page: { totalSetSize: '1000000000', fabricateUsers: 1 } },
			});
			const result = await runNode(sim, { parameters: getAllUsers });
			expect(result.error?.message).toBe(
				"DocuSign's paging did not end after 3000 pages while trying to list the users [item 0]",
			);
			expect(listCalls()).toBe(3000);
		} finally {
			sim.configure({ rateLimits: saved });
		}
	}, 120_000);

	test('no total and a nextUri on every page: stops at the first page that brings nothing', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 1000,
			action: { page: { omitTotal: true, endlessNextUri: true } },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(accountUsers());
		expect(listCalls()).toBe(2);
	});

	test('a nextUri whose start_position does not advance: one request, no loop', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 1000,
			action: { page: { omitTotal: true, stuckStartPosition: true } },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(accountUsers());
		expect(listCalls()).toBe(1);
	});

	test('a server that answers every page with the first one: the repeats are dropped, the listing ends', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 1000,
			action: { page: { omitTotal: true, stuckStartPosition: true, endlessNextUri: true } },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		expect(new Set(result.json.map((u) => u.id)).size).toBe(accountUsers());
		expect(result.json).toHaveLength(accountUsers());
		expect(listCalls()).toBe(2);
	});

	test('an endless account (a new user on every page, nextUri forever): an error after the hard cap of 3,000 requests', async () => {
		// DocuSign's burst limit would pace 3,000 requests over three minutes; lift it for this test.
		const saved = { ...sim.config.rateLimits };
		sim.configure({ rateLimits: { burstLimit: 100_000, hourlyLimit: 100_000 } });
		try {
			sim.addFault({
				method: 'GET',
				path: '/users$',
				times: 10_000,
				action: { page: { omitTotal: true, endlessNextUri: true, fabricateUsers: 1 } },
			});
			const result = await runNode(sim, { parameters: getAllUsers });
			expect(result.error?.message).toBe(
				"DocuSign's paging did not end after 3000 pages while trying to list the users [item 0]",
			);
			expect(result.error?.description).toContain('at most 300000 entries');
			expect(listCalls()).toBe(3000);
		} finally {
			sim.configure({ rateLimits: saved });
		}
	}, 120_000);
});

describe('one wait budget per run (Max Rate-Limit Wait)', () => {
	const burst = (retryAfter: string, times: number) => ({
		status: 429,
		errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED',
		headers: { 'Retry-After': retryAfter },
		times,
	});
	const rateLimitFault = (path: string, method: string, b: ReturnType<typeof burst>) =>
		sim.addFault({
			method,
			path,
			times: b.times,
			action: { status: b.status, errorCode: b.errorCode, headers: b.headers },
		});
	const span = (entries: Array<{ at: number }>) => entries[entries.length - 1].at - entries[0].at;

	// Read operations have no Max Rate-Limit Wait option (they use the 300 s default), so a write shows the budget.
	const NO_GROUPS = { groups: '' };

	test('repeated rejections of one request: the total waiting stays within the budget, then a reset-time error', async () => {
		rateLimitFault('/users$', 'POST', burst('1', 20));
		const result = await runNode(sim, {
			parameters: createFromItems({ maxWaitSeconds: 3 }),
			items: [joiner('budget.one@acme.example', NO_GROUPS)],
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(
			/^DocuSign's burst API limit for this account is used up until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
		);
		// An account-wide failure says so (issue 23).
		expect(result.json[0].description).toBe(
			'This run may wait at most 3 s for rate limits (Max Rate-Limit Wait) and has waited 3 s. Run the workflow again after that time, or raise Request Settings > Max Rate-Limit Wait.\n\nThis concerns the whole DocuSign account, not one item, so the run stopped.',
		);
		// Three waits of one second fit into three seconds; the fourth would not (per-wait limits allowed six).
		const posts = sim.log.filter((e) => e.method === 'POST' && /\/users$/.test(e.path));
		// The request count bounds the waiting (three waits of 1 s); wall time is only checked from below,
		// since a loaded machine may add any amount of processing time on top.
		expect(posts).toHaveLength(4);
		expect(span(posts)).toBeGreaterThanOrEqual(2900);
		expect(sim.userByEmail('budget.one@acme.example')).toBeUndefined();
	});

	test('the budget spans the run: two batches that each need a 2 s wait under a 3 s budget', async () => {
		// The first batch's POST is rejected once, then the second batch's first POST.
		rateLimitFault('/users$', 'POST', burst('2', 1));
		sim.addFault({
			method: 'POST',
			path: '/users$',
			skip: 1,
			times: 1,
			action: {
				status: 429,
				errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'Retry-After': '2' },
			},
		});
		const result = await runNode(sim, {
			parameters: createFromItems({ batchSize: 1, maxWaitSeconds: 3 }),
			items: [
				joiner('budget.one@acme.example', NO_GROUPS),
				joiner('budget.two@acme.example', NO_GROUPS),
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'create', email: 'budget.one@acme.example' });
		expect(String(result.json[1].error)).toMatch(
			/^DocuSign's burst API limit for this account is used up until .+Z$/,
		);
		expect(result.json[1].description).toContain('has waited 2 s');
		expect(sim.userByEmail('budget.one@acme.example')).toBeDefined();
		expect(sim.userByEmail('budget.two@acme.example')).toBeUndefined();
		expect(sim.count({ method: 'POST', path: /\/users$/ })).toBe(3);
	});

	test('Retry-After: 99999999999999 is clamped to the hour: a valid reset time, no "Invalid time value", one request', async () => {
		rateLimitFault('/users$', 'GET', burst('99999999999999', 5));
		const before = Date.now();
		const result = await runNode(sim, { parameters: getAllUsers });
		const until = /used up until (\S+Z)/.exec(String(result.error?.message))?.[1];
		expect(until).toBeDefined();
		const reset = Date.parse(until!);
		expect(reset).toBeGreaterThan(before + 3_500_000);
		expect(reset).toBeLessThanOrEqual(Date.now() + 3_601_000);
		expect(listCalls()).toBe(1);
	});

	test('an absurd X-RateLimit-Reset with no calls left: pacing is clamped too', async () => {
		sim.addFault({
			method: 'GET',
			path: '/groups$',
			action: { headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '99999999999999' } },
		});
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'create',
				email: 'paced@acme.example',
				firstName: 'P',
				lastName: 'Aced',
				groups: 'Sales',
			},
		});
		expect(String(result.error?.message ?? result.json[0]?.error)).toMatch(
			/^DocuSign's hourly API limit for this account is used up until \d{4}-.+Z$/,
		);
		expect(sim.userByEmail('paced@acme.example')).toBeUndefined();
	});
});

describe('error codes are looked up as own properties only', () => {
	test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
		'a 400 with errorCode "%s" on POST /users is sent once and reads sanely',
		async (code) => {
			sim.addFault({
				method: 'POST',
				path: '/users$',
				times: 10,
				action: { status: 400, errorCode: code },
			});
			const result = await runNode(sim, {
				parameters: createFromItems(),
				items: [
					{
						email: 'hostile@acme.example',
						first: 'Host',
						last: 'Ile',
						role: 'DocuSign Sender',
						groups: '',
					},
				],
				continueOnFail: true,
			});
			expect(result.json[0].error).toBe(`DocuSign could not create the users (${code}) [item 0]`);
			expect(result.json[0].description).toBe(
				`Check the parameters of this item; DocuSign said why in the error code above. DocuSign says: "Injected ${code}."`,
			);
			expect(result.json[0].errorCode).toBe(code);
			expect(sim.count({ method: 'POST', path: /\/users$/ })).toBe(1);
		},
	);

	test('the same on a read: not taken for a rate limit, not retried', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 10,
			action: { status: 400, errorCode: 'toString' },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error?.message).toBe('DocuSign could not list the users (toString) [item 0]');
		expect(listCalls()).toBe(1);
	});
});

describe('/oauth/userinfo is read once per credential and token', () => {
	test('a workflow run ten times in a row: one userinfo call', async () => {
		const credential = credentialFor(sim);
		for (let run = 0; run < 10; run++) {
			const result = await runNode(sim, {
				parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
				credential,
			});
			expect(result.error).toBeUndefined();
		}
		expect(userinfoCalls()).toBe(1);
		expect(sim.count({ method: 'GET', path: /\/permission_profiles$/ })).toBe(10);
	});

	test('list searches and dropdowns share the cache with the runs', async () => {
		const credential = credentialFor(sim);
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error).toBeUndefined();
		const users = await callMethodWith<INodeListSearchResult>(
			credential,
			'listSearch',
			'searchUsers',
			'ada',
		);
		expect(users.results.length).toBeGreaterThan(0);
		await callMethodWith<INodeListSearchResult>(credential, 'listSearch', 'searchUsers', 'adam');
		await callMethodWith<INodeListSearchResult>(credential, 'listSearch', 'searchGroups', 'Sal');
		const groups = await callMethodWith<INodePropertyOptions[]>(
			credential,
			'loadOptions',
			'getCustomGroups',
		);
		expect(groups.map((g) => g.name)).toContain('Sales');
		expect(userinfoCalls()).toBe(1);
	});

	test('a new token (another credential, or a refresh) is a new cache key: a new call', async () => {
		const credential = credentialFor(sim);
		await runNode(sim, { parameters: getAllUsers, credential });
		await runNode(sim, {
			parameters: getAllUsers,
			credential: { ...credential, oauthTokenData: sim.issueTokens({}) as unknown as IDataObject },
		});
		await runNode(sim, { parameters: getAllUsers, credential });
		expect(userinfoCalls()).toBe(2);
	});

	test('a 401 drops the entry: the next run reads userinfo again', async () => {
		const credential = credentialFor(sim);
		await runNode(sim, { parameters: getAllUsers, credential });
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 5,
			action: { status: 401, errorCode: 'AUTHORIZATION_INVALID_TOKEN' },
		});
		const failed = await runNode(sim, { parameters: getAllUsers, credential });
		expect(failed.error?.message).toBe(
			'DocuSign refused the access token (AUTHORIZATION_INVALID_TOKEN) [item 0]',
		);
		sim.clearFaults();
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error).toBeUndefined();
		expect(userinfoCalls()).toBe(2);
	});

	test('an account that has gone (ACCOUNT_LACKS_PERMISSIONS) drops the entry', async () => {
		const credential = credentialFor(sim);
		await runNode(sim, { parameters: getAllUsers, credential });
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { status: 400, errorCode: 'ACCOUNT_LACKS_PERMISSIONS' },
		});
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error?.message).toContain(
			'ACCOUNT_LACKS_PERMISSIONS',
		);
		expect((await runNode(sim, { parameters: getAllUsers, credential })).error).toBeUndefined();
		expect(userinfoCalls()).toBe(2);
	});

	test.each([
		[
			'a 429',
			{
				status: 429,
				errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'Retry-After': '1' },
			},
		],
		['a 503', { status: 503 }],
		['a dropped connection', { drop: 'before' as const }],
	])('userinfo is retried like any read after %s', async (_name, action) => {
		sim.addFault({ method: 'GET', path: '^/oauth/userinfo$', action });
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		expect(result.json.length).toBeGreaterThan(0);
		expect(userinfoCalls()).toBe(2);
	});

	test('userinfo is bound by the Timeout option', async () => {
		sim.addFault({
			method: 'GET',
			path: '^/oauth/userinfo$',
			times: 10,
			action: { delayMs: 2500 },
		});
		const result = await runNode(sim, {
			parameters: createFromItems({ timeoutSeconds: 1 }),
			items: [
				{
					email: 'slow@acme.example',
					first: 'Slow',
					last: 'Server',
					role: 'DocuSign Sender',
					groups: '',
				},
			],
			continueOnFail: true,
		});
		expect(result.json[0].error).toBe(
			'DocuSign did not answer in time while trying to read the accounts of the connected user [item 0]',
		);
		expect(userinfoCalls()).toBe(4);
	}, 30_000);
});

describe('cleartext only on loopback', () => {
	test('a Custom environment with http on a non-loopback host is a credential error; nothing is sent', async () => {
		const credential = credentialFor(sim, { authServerUrl: 'http://docusign-gateway.example.com' });
		const result = await runNode(sim, { parameters: getAllUsers, credential });
		expect(result.error?.message).toBe(
			"The credential's Authorization Server URL uses http on a host that is not loopback [item 0]",
		);
		expect(result.error?.description).toContain('private API gateway (https) or local testing');
		expect(sim.log).toEqual([]);
	});

	test('http on 127.0.0.1 (the simulator) is accepted', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'get',
				user: { __rl: true, mode: 'email', value: SEED_USERS.ada.email },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].email).toBe(SEED_USERS.ada.email);
	});
});
