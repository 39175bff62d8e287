/**
 * The local DocuSign simulator itself: OAuth, paging, per-user errors, close/reopen, groups, rate limits, faults,
 * the behaviour switches; every answer is checked against DocuSign's OpenAPI (test/contract).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	DEFAULT_BEHAVIOUR,
	INVENTED_ERROR_CODES,
	Simulator,
	formatViolations,
	seedData,
	startSimulator,
} from '../simulator';
import { DOCUMENTED_ERROR_CODES } from '../simulator/unverified';

const { SEED_USERS } = seedData;

let sim: Simulator;
let api: string;
let auth: Record<string, string>;

beforeAll(async () => {
	sim = await startSimulator();
	api = `${sim.baseUrl}/restapi/v2.1/accounts/${sim.defaultAccountId}`;
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.reset();
	auth = {
		authorization: `Bearer ${sim.issueTokens().access_token}`,
		'content-type': 'application/json',
	};
});
afterEach(() => {
	sim.configure({ behaviour: DEFAULT_BEHAVIOUR });
	// Some tests send malformed requests on purpose; the simulator's answers must match the spec all the same.
	const answers = sim.contract.violations.filter((v) => v.kind === 'response');
	if (answers.length)
		throw new Error(
			`The simulator answered outside DocuSign's OpenAPI:\n${formatViolations(answers)}`,
		);
});

const call = async (
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: any; headers: Headers }> => {
	const response = await fetch(`${api}${path}`, {
		method,
		headers: auth,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		json: text ? JSON.parse(text) : undefined,
		headers: response.headers,
	};
};

const jsonOf = async (response: Response): Promise<any> => response.json();

const tokenRequest = (form: Record<string, string>, secret = sim.clientSecret) =>
	fetch(`${sim.baseUrl}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${sim.clientId}:${secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams(form).toString(),
	});

describe('OAuth', () => {
	it('runs the code flow with auto-consent, single-use codes and refresh-token rotation', async () => {
		const authorize = await fetch(
			`${sim.baseUrl}/oauth/auth?response_type=code&client_id=${sim.clientId}&redirect_uri=${encodeURIComponent('http://localhost:5678/cb')}&state=s1`,
			{ redirect: 'manual' },
		);
		expect(authorize.status).toBe(302);
		const location = new URL(authorize.headers.get('location') as string);
		expect(location.searchParams.get('state')).toBe('s1');
		const code = location.searchParams.get('code') as string;

		expect((await tokenRequest({ grant_type: 'authorization_code', code }, 'wrong')).status).toBe(
			401,
		);
		const first = await jsonOf(await tokenRequest({ grant_type: 'authorization_code', code }));
		expect(first).toMatchObject({
			token_type: 'Bearer',
			expires_in: 28800,
			scope: 'signature extended',
		});
		expect((await tokenRequest({ grant_type: 'authorization_code', code })).status).toBe(400);

		const second = await jsonOf(
			await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
		);
		expect(second.refresh_token).not.toBe(first.refresh_token);
		const reused = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		});
		expect(reused.status).toBe(400);
		expect((await jsonOf(reused)).error).toBe('invalid_grant');
	});

	it('reports Ada Admin with two accounts whose base_uri is the simulator', async () => {
		const response = await fetch(`${sim.baseUrl}/oauth/userinfo`, { headers: auth });
		const info = await jsonOf(response);
		expect(info.email).toBe(SEED_USERS.ada.email);
		expect(info.accounts).toHaveLength(2);
		expect(info.accounts[0]).toMatchObject({
			account_id: sim.defaultAccountId,
			is_default: true,
			base_uri: sim.baseUrl,
		});
	});

	it('answers 401 AUTHORIZATION_INVALID_TOKEN once tokens expire', async () => {
		sim.expireAccessTokens();
		const response = await call('GET', '/users');
		expect(response.status).toBe(401);
		expect(response.json.errorCode).toBe('AUTHORIZATION_INVALID_TOKEN');
	});
});

describe('users', () => {
	it('pages with string paging fields and a relative nextUri that keeps the filters', async () => {
		sim.reset({ extraUsers: 200 });
		auth.authorization = `Bearer ${sim.issueTokens().access_token}`;
		const seen: string[] = [];
		let path: string | undefined = '/users?status=Active&count=100';
		let pages = 0;
		while (path) {
			const page = await call('GET', path);
			pages++;
			expect(typeof page.json.totalSetSize).toBe('string');
			expect(page.json.users[0].isAdmin).toMatch(/^(True|False)$/);
			seen.push(...page.json.users.map((user: { userId: string }) => user.userId));
			path = page.json.nextUri
				? page.json.nextUri.replace(/^\/v2\.1\/accounts\/[^/]+/, '')
				: undefined;
			if (path) expect(path).toContain('status=Active');
		}
		expect(pages).toBe(3);
		expect(new Set(seen).size).toBe(sim.users().filter((user) => user.status === 'Active').length);
		expect((await call('GET', '/users?count=101')).json.errorCode).toBe(
			'INVALID_REQUEST_PARAMETER',
		);
	});

	it('creates users with per-user errorDetails inside the 201 and rejects unknown fields', async () => {
		const sales = sim.groupByName('Sales')!;
		const created = await call('POST', '/users', {
			newUsers: [
				{
					userName: 'Nora New',
					email: 'nora.new@acme.example',
					groupList: [{ groupId: sales.groupId }],
				},
				{ userName: 'Dup', email: SEED_USERS.activeSalesEngineer.email.toUpperCase() },
			],
		});
		expect(created.status).toBe(201);
		expect(created.json.newUsers[0]).toMatchObject({
			userStatus: 'ActivationSent',
			permissionProfileName: 'DocuSign Sender',
		});
		expect(created.json.newUsers[1]).toMatchObject({
			userId: SEED_USERS.activeSalesEngineer.userId,
			errorDetails: { errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' },
		});
		expect(sim.userGroupNames(created.json.newUsers[0].userId)).toEqual(['Everyone', 'Sales']);

		const misspelt = await call('POST', '/users', {
			newUsers: [{ userName: 'X', email: 'x@acme.example', firstNmae: 'X' }],
		});
		expect(misspelt.status).toBe(400);
		expect(misspelt.json.message).toContain('newUsers[0].firstNmae');
		expect(sim.userByEmail('x@acme.example')).toBeUndefined();
	});

	it('closes, and reopens to ActivationSent by default (docs/sources.md#s16), keeping the groups', async () => {
		const { closed, closedNeverActive, activeSalesEngineer } = SEED_USERS;
		const close = await call('DELETE', '/users?delete=Groups', {
			users: [{ userId: activeSalesEngineer.userId }],
		});
		expect(close.json.users[0].userStatus).toBe('closed');
		expect(sim.userGroupNames(activeSalesEngineer.userId)).toEqual(['Everyone']);

		const refused = await call('PUT', '/users', {
			users: [{ userId: closed.userId, jobTitle: 'Back' }],
		});
		expect(refused.json.users[0].errorDetails.errorCode).toBe('USER_LACKS_MEMBERSHIP');

		const bulk = await call('PUT', '/users', {
			users: [{ userId: closedNeverActive.userId, userStatus: 'Active' }],
		});
		expect(bulk.json.users[0].userStatus).toBe('ActivationSent');
		const single = await call('PUT', `/users/${closed.userId}`, { userStatus: 'Active' });
		expect(single.status).toBe(200);
		expect(single.json.userStatus).toBe('ActivationSent');
		expect(sim.userById(closed.userId)!.status).toBe('ActivationSent');
		expect(sim.userGroupNames(closed.userId)).toContain('Marketing');
	});

	it.each([
		['Active', 'Active'],
		['ActivationSent', 'ActivationSent'],
		['ignored', 'Closed'],
	] as const)(
		'reopenResult %s: Users:update leaves the closed user %s',
		async (reopenResult, after) => {
			sim.configure({ behaviour: { reopenResult } });
			const { closed } = SEED_USERS;
			const answer = await call('PUT', `/users/${closed.userId}`, { userStatus: 'Active' });
			expect(answer.status).toBe(200);
			expect(answer.json.userStatus).toBe(after);
			expect(sim.userById(closed.userId)!.status).toBe(after);
		},
	);

	it('distinguishes a malformed user ID from an unknown one', async () => {
		expect((await call('GET', '/users/nope')).json.errorCode).toBe('INVALID_USERID');
		expect((await call('GET', '/users/00000000-0000-4000-8000-000000000000')).json.errorCode).toBe(
			'USER_NOT_FOUND',
		);
	});
});

describe('behaviour switches (each unknown of DocuSign both ways)', () => {
	it('listNoMatch: an email filter without a match is a 400 USER_NOT_FOUND by default (docs/sources.md#s20), or an empty list', async () => {
		const miss = await call('GET', '/users?email=nobody%40acme.example');
		expect(miss.status).toBe(400);
		expect(miss.json.errorCode).toBe('USER_NOT_FOUND');
		expect((await call('GET', '/users?email_substring=zzzz')).status).toBe(200);

		sim.configure({ behaviour: { listNoMatch: 'errorAnyFilter' } });
		expect((await call('GET', '/users?email_substring=zzzz')).json.errorCode).toBe(
			'USER_NOT_FOUND',
		);
		expect((await call('GET', '/users?user_name_substring=zzzz')).status).toBe(400);

		sim.configure({ behaviour: { listNoMatch: 'empty' } });
		const empty = await call('GET', '/users?email=nobody%40acme.example');
		expect(empty.status).toBe(200);
		expect(empty.json).toMatchObject({ resultSetSize: '0', totalSetSize: '0' });
		expect(empty.json.users).toBeUndefined();
	});

	it('closedUserById: GET /users/{id} of a closed user answers the user, or 400 USER_LACKS_MEMBERSHIP', async () => {
		const { closed } = SEED_USERS;
		expect((await call('GET', `/users/${closed.userId}`)).json.userStatus).toBe('Closed');
		sim.configure({ behaviour: { closedUserById: 'USER_LACKS_MEMBERSHIP' } });
		const refused = await call('GET', `/users/${closed.userId}`);
		expect(refused.status).toBe(400);
		expect(refused.json.errorCode).toBe('USER_LACKS_MEMBERSHIP');
		expect((await call('GET', `/users/${SEED_USERS.activeSalesEngineer.userId}`)).status).toBe(200);
	});

	it('listGroupList: list entries carry no groupList by default (only GET /users/{id} is documented with it)', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const list = await call(
			'GET',
			`/users?email=${encodeURIComponent(sofia.email)}&additional_info=true`,
		);
		expect(list.json.users[0].groupList).toBeUndefined();
		expect(list.json.users[0].userSettings).toBeDefined();
		expect(
			(await call('GET', `/users/${sofia.userId}`)).json.groupList.map(
				(g: { groupName: string }) => g.groupName,
			),
		).toContain('Sales');
		sim.configure({ behaviour: { listGroupList: true } });
		const withGroups = await call(
			'GET',
			`/users?email=${encodeURIComponent(sofia.email)}&additional_info=true`,
		);
		expect(
			withGroups.json.users[0].groupList.map((g: { groupName: string }) => g.groupName),
		).toEqual(expect.arrayContaining(['Sales', 'Engineering']));
	});

	it('defaultStatusFilter: without status every status is listed, or the closed users are left out', async () => {
		const total = sim.users().length;
		const closedCount = sim.users().filter((u) => u.status === 'Closed').length;
		expect((await call('GET', '/users?count=1')).json.totalSetSize).toBe(String(total));
		sim.configure({ behaviour: { defaultStatusFilter: 'withoutClosed' } });
		expect((await call('GET', '/users?count=1')).json.totalSetSize).toBe(
			String(total - closedCount),
		);
		expect(
			(await call('GET', `/users?count=1&status=${encodeURIComponent('Active,Closed')}`)).json
				.totalSetSize,
		).toBe(
			String(sim.users().filter((u) => u.status === 'Active' || u.status === 'Closed').length),
		);
	});

	it('takes the switches at start and over the control API, and refuses unknown switches or values', async () => {
		const started = await startSimulator({
			behaviour: { reopenResult: 'ignored', listGroupList: true },
		});
		try {
			expect(started.config.behaviour).toEqual({
				...DEFAULT_BEHAVIOUR,
				reopenResult: 'ignored',
				listGroupList: true,
			});
		} finally {
			await started.close();
		}
		const set = await fetch(`${sim.baseUrl}/__control/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ behaviour: { closedUserById: 'USER_LACKS_MEMBERSHIP' } }),
		});
		expect((await jsonOf(set)).config.behaviour.closedUserById).toBe('USER_LACKS_MEMBERSHIP');
		expect(sim.config.behaviour.closedUserById).toBe('USER_LACKS_MEMBERSHIP');
		const bad = await fetch(`${sim.baseUrl}/__control/config`, {
			method: 'POST',
			body: JSON.stringify({ behaviour: { reopenResult: 'Open' } }),
		});
		expect(bad.status).toBe(400);
		expect((await jsonOf(bad)).error).toContain('reopenResult');
		const unknown = await fetch(`${sim.baseUrl}/__control/config`, {
			method: 'POST',
			body: JSON.stringify({ behaviour: { reopen: 'Active' } }),
		});
		expect((await jsonOf(unknown)).error).toContain("Unknown behaviour switch 'reopen'");
		expect(() =>
			sim.configure({ behaviour: { listGroupList: 'yes' as unknown as boolean } }),
		).toThrow('listGroupList');
	});
});

describe('error codes', () => {
	it('every code the simulator can send is documented or listed as invented, with what DocuSign sends instead', () => {
		const dir = path.join(__dirname, '../simulator');
		const files = [
			...readdirSync(dir),
			...readdirSync(path.join(dir, 'routes')).map((f) => `routes/${f}`),
		].filter((f) => f.endsWith('.ts'));
		const source = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
		const sent = new Set(
			[
				...source.matchAll(
					/(?:errorDetails\(|DsError\(\d+,|errorCode:|errorCode \?\?)\s*'([A-Z_]+)'/g,
				),
			].map((m) => m[1]),
		);
		expect(sent.size).toBeGreaterThan(15);
		for (const code of sent)
			expect([code, DOCUMENTED_ERROR_CODES.includes(code) || code in INVENTED_ERROR_CODES]).toEqual(
				[code, true],
			);
		for (const entry of Object.values(INVENTED_ERROR_CODES))
			expect(entry.docuSignSends).toBeTruthy();
	});
});

describe('the contract check (DocuSign OpenAPI)', () => {
	it('records requests outside the spec: unknown query, bad values, unknown body fields, wrong types', async () => {
		await call('GET', '/users?stauts=Active');
		await call('GET', '/users?status=Pending&count=500');
		await call('PUT', '/users', {
			users: [{ userId: SEED_USERS.pending.userId, jobTitel: 'X', company: 7 }],
		});
		const problems = sim.contract.violations
			.filter((v) => v.kind === 'request')
			.map((v) => v.problem);
		expect(problems).toEqual([
			expect.stringContaining("query parameter 'stauts' is not in the spec"),
			expect.stringContaining('query status="Pending" has \'Pending\''),
			expect.stringContaining('query count="500" must be a whole number from 1 to 100'),
			"body.users[0].jobTitel is not a field of the spec's object",
			expect.stringContaining('body.users[0].company is a number'),
		]);
		sim.contract.clear();
	});

	it('records answers outside the spec, and leaves crafted fault answers alone', async () => {
		const checker = sim.contract;
		const input = {
			method: 'GET',
			path: `/restapi/v2.1/accounts/${sim.defaultAccountId}/users`,
			query: {},
			body: undefined,
		};
		expect(
			checker.checkResponse(input, 200, {
				users: [{ userId: 'x', isAdmin: false }],
				totalSetSize: 3,
			}),
		).toHaveLength(2);
		expect(checker.checkResponse(input, 400, { errorCode: 'X', message: 'y' })).toHaveLength(0);
		checker.clear();
		sim.addFault({ path: '/users$', action: { status: 500, body: { anything: 1 } } });
		expect((await call('GET', '/users')).status).toBe(500);
		expect(checker.violations).toHaveLength(0);
	});

	it('checks every /restapi request and answer it serves', async () => {
		const before = {
			requests: sim.contract.requestsChecked,
			responses: sim.contract.responsesChecked,
		};
		await call('GET', '/groups');
		await call('GET', `/users/${SEED_USERS.ada.userId}`);
		await call('GET', '/permission_profiles?include=user_count');
		expect(sim.contract.requestsChecked - before.requests).toBe(3);
		expect(sim.contract.responsesChecked - before.responses).toBe(3);
		expect(sim.contract.violations).toEqual([]);
	});
});

describe('groups', () => {
	it('adds and removes members idempotently and refuses built-in groups', async () => {
		const legal = sim.groupByName('Legal')!;
		const { userId } = SEED_USERS.adminAlan;
		await call('PUT', `/groups/${legal.groupId}/users`, { users: [{ userId }, { userId }] });
		expect(sim.groupMemberIds(legal.groupId)).toContain(userId);
		await call('DELETE', `/groups/${legal.groupId}/users`, { users: [{ userId }] });
		expect(sim.groupMemberIds(legal.groupId)).not.toContain(userId);
		const everyone = sim.groupByName('Everyone')!;
		expect(
			(await call('PUT', `/groups/${everyone.groupId}/users`, { users: [{ userId }] })).status,
		).toBe(400);
	});
});

describe('rate limits and faults', () => {
	it('sends the limit headers and rejects over the burst limit without touching state', async () => {
		sim.configure({ rateLimits: { burstLimit: 2 } });
		const ok = await call('GET', '/groups');
		expect(ok.headers.get('x-ratelimit-limit')).toBe('3000');
		expect(ok.headers.get('x-burstlimit-remaining')).toBe('1');
		await call('GET', '/groups');
		const writes = sim.writeCount();
		const limited = await call('POST', '/users', {
			newUsers: [{ userName: 'L', email: 'l@acme.example' }],
		});
		expect(limited.status).toBe(429);
		expect(limited.json.errorCode).toBe('BURST_APIINVOCATION_LIMIT_EXCEEDED');
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(sim.writeCount()).toBe(writes);
		expect(sim.userByEmail('l@acme.example')).toBeUndefined();
		sim.configure({ rateLimits: { burstLimit: 500 } });
	});

	it('drops the connection after the state change and logs the fault', async () => {
		sim.addFault({ method: 'POST', path: '/users$', action: { drop: 'after' } });
		await expect(
			call('POST', '/users', { newUsers: [{ userName: 'D', email: 'd@acme.example' }] }),
		).rejects.toThrow();
		expect(sim.userByEmail('d@acme.example')?.status).toBe('ActivationSent');
		expect(sim.log.filter((entry) => entry.fault)).toHaveLength(1);
	});

	it('concurrentCreate: a rival creates the listed users first, with its own data; they meet "already exists"', async () => {
		const viewer = sim.profileByName('DocuSign Viewer')!.permissionProfileId;
		sim.addFault({
			method: 'POST',
			path: '/users$',
			action: {
				concurrentCreate: {
					emails: ['RACE@acme.example'],
					fields: { permissionProfileId: viewer },
				},
			},
		});
		const res = await call('POST', '/users', {
			newUsers: [
				{ userName: 'R', email: 'race@acme.example' },
				{ userName: 'S', email: 'solo@acme.example' },
			],
		});
		expect(
			res.json.newUsers.map(
				(u: { errorDetails?: { errorCode: string } }) => u.errorDetails?.errorCode ?? 'created',
			),
		).toEqual(['USER_ALREADY_EXISTS_IN_ACCOUNT', 'created']);
		const rival = sim.userByEmail('race@acme.example')!;
		expect(res.json.newUsers[0].userId).toBe(rival.userId);
		expect(rival.permissionProfileId).toBe(viewer);
		expect(sim.users().filter((u) => u.email.toLowerCase() === 'race@acme.example')).toHaveLength(
			1,
		);
		expect(sim.log.at(-1)!.fault).toContain('concurrent-create');
	});

	it('skips, then fails the given number of matches', async () => {
		sim.addFault({ path: '/users$', skip: 1, times: 1, action: { status: 503 } });
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/users?count=1')).status);
		expect(statuses).toEqual([200, 503, 200]);
		expect(sim.count({ status: 503 })).toBe(1);
	});
});
