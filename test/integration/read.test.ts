import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { callMethod, credentialFor, rl, runNode, useSimulator } from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const getUser = (user: { mode: string; value: string }) => ({
	resource: 'user',
	operation: 'get',
	user: rl(user.mode, user.value),
});

describe('account resolution', () => {
	test('an empty Account ID uses the default account, with one userinfo call per execution', async () => {
		const result = await runNode(sim, {
			parameters: getUser({ mode: 'id', value: SEED_USERS.activeSalesEngineer.userId }),
			items: [{}, {}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json[0]).toMatchObject({
			email: SEED_USERS.activeSalesEngineer.email,
			accountId: sim.defaultAccountId,
			status: 'Active',
			enabled: true,
		});
		expect(sim.count({ path: '/oauth/userinfo' })).toBe(1);
		expect(
			sim.log.every((e) => e.accountId === undefined || e.accountId === sim.defaultAccountId),
		).toBe(true);
	});

	test('a given Account ID picks that account', async () => {
		const sandbox = sim.accounts[1];
		const result = await runNode(sim, {
			parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
			credential: credentialFor(sim, { accountId: sandbox.accountId }),
		});
		expect(result.error).toBeUndefined();
		expect(
			sim.log
				.filter((e) => e.path.startsWith('/restapi'))
				.every((e) => e.accountId === sandbox.accountId),
		).toBe(true);
		expect(result.json.map((p) => p.name)).toContain('DocuSign Sender');
	});

	test('an Account ID the user does not have is an error that lists the accounts they have', async () => {
		const result = await runNode(sim, {
			parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
			credential: credentialFor(sim, { accountId: '00000000-0000-4000-8000-000000000000' }),
		});
		expect(result.error?.message).toContain(
			'has no account with the Account ID "00000000-0000-4000-8000-000000000000"',
		);
		for (const account of sim.accounts)
			expect(result.error?.description).toContain(account.accountId);
		expect(result.error?.description).toContain(sim.accounts[0].accountName);
	});

	test('a base_uri on another host is refused and gets no request', async () => {
		sim.setBaseUri(sim.defaultAccountId, 'http://127.0.0.2:9');
		const result = await runNode(sim, {
			parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
		});
		expect(result.error?.message).toContain(
			'Refused to send the access token to http://127.0.0.2:9',
		);
		expect(sim.count({ path: /^\/restapi/ })).toBe(0);
	});
});

describe('OAuth2 refresh through n8n', () => {
	test('an expired access token is refreshed, the request retried and the new token persisted', async () => {
		const credential = credentialFor(sim);
		const oldToken = (credential.oauthTokenData as { access_token: string }).access_token;
		sim.expireAccessTokens();
		const result = await runNode(sim, {
			parameters: getUser({ mode: 'email', value: SEED_USERS.pending.email }),
			credential,
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			email: SEED_USERS.pending.email,
			status: 'ActivationSent',
			activationPending: true,
		});
		expect(sim.log.slice(0, 3).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /oauth/userinfo 401',
			'POST /oauth/token 200',
			'GET /oauth/userinfo 200',
		]);
		const updates = result.credentialsHelper.tokenUpdates;
		expect(updates).toHaveLength(1);
		expect(updates[0].access_token).not.toBe(oldToken);
		expect(result.credentialsHelper.data.oauthTokenData).toMatchObject({
			access_token: updates[0].access_token,
		});
	});
});

describe('User > Get', () => {
	test('by email gives the simplified, normalised user', async () => {
		const result = await runNode(sim, {
			parameters: getUser({
				mode: 'email',
				value: SEED_USERS.activeSalesEngineer.email.toUpperCase(),
			}),
		});
		const user = result.json[0];
		expect(user).toMatchObject({
			id: SEED_USERS.activeSalesEngineer.userId,
			isAdmin: false,
			enabled: true,
		});
		expect((user.groups as Array<{ name: string }>).map((g) => g.name)).toEqual(
			expect.arrayContaining(['Sales', 'Engineering']),
		);
		expect(typeof user.createdAt).toBe('string');
		expect(user.createdAt).toMatch(/Z$/);
		expect(user.permissionProfile).toMatchObject({ name: 'DocuSign Sender' });
	});

	test("Simplify off returns DocuSign's raw object", async () => {
		const result = await runNode(sim, {
			parameters: {
				...getUser({ mode: 'id', value: SEED_USERS.adminAlan.userId }),
				simplify: false,
			},
		});
		expect(result.json[0]).toMatchObject({ userId: SEED_USERS.adminAlan.userId, isAdmin: 'True' });
	});

	test('an unknown ID and an unknown email give clear errors', async () => {
		const byId = await runNode(sim, {
			parameters: getUser({ mode: 'id', value: '11111111-2222-4333-8444-555555555555' }),
		});
		expect(byId.error?.message).toBe(
			'No DocuSign user has the ID "11111111-2222-4333-8444-555555555555" in this account (parameter "User to Get") [item 0]',
		);
		const byEmail = await runNode(sim, {
			parameters: getUser({ mode: 'email', value: 'nobody@acme.example' }),
		});
		expect(byEmail.error?.message).toBe(
			'No DocuSign user has the email "nobody@acme.example" in this account (parameter "User to Get") [item 0]',
		);
		expect(byEmail.error?.description).toContain('Check "User to Get"');
	});

	test('Continue On Fail: the bad item becomes an error item, the others succeed, all paired', async () => {
		const result = await runNode(sim, {
			parameters: getUser({ mode: 'email', value: '={{ $json.email }}' }),
			items: [
				{ email: SEED_USERS.adminAlan.email },
				{ email: 'nobody@acme.example' },
				{ email: SEED_USERS.pending.email },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[0].email).toBe(SEED_USERS.adminAlan.email);
		expect(result.json[1].error).toContain('No DocuSign user has the email "nobody@acme.example"');
		expect(result.json[2].email).toBe(SEED_USERS.pending.email);
	});
});

describe('User > Get Many', () => {
	test('Return All pages through every user with exactly one request per page', async () => {
		const total = sim.users().length;
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		});
		expect(result.json).toHaveLength(total);
		expect(new Set(result.json.map((u) => u.id)).size).toBe(total);
		expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(Math.ceil(total / 100));
	});

	test('across 3+ pages (250 more users), one request per page', async () => {
		sim.reset({ extraUsers: 250 });
		const total = sim.users().length;
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		});
		expect(result.json).toHaveLength(total);
		expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(Math.ceil(total / 100));
		expect(Math.ceil(total / 100)).toBeGreaterThanOrEqual(3);
	});

	test('Limit stops early: Limit 150 costs two requests, the second asking for 50', async () => {
		sim.reset({ extraUsers: 250 });
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 150 },
		});
		expect(result.json).toHaveLength(150);
		const pages = sim.log.filter((e) => e.method === 'GET' && /\/users$/.test(e.path));
		expect(pages.map((e) => e.query.count)).toEqual(['100', '50']);
	});

	test('filters: status, group and name reach DocuSign', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { status: ['Closed'], groups: ['Marketing'] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json.length).toBeGreaterThan(0);
		expect(result.json.every((u) => u.status === 'Closed')).toBe(true);
		expect(result.json.map((u) => u.email)).toContain(SEED_USERS.closed.email);
		const query = sim.log.find((e) => /\/users$/.test(e.path))!.query;
		expect(query.status).toBe('Closed');
		expect(query.group_id).toBe(sim.groupByName('Marketing')!.groupId);
	});
});

describe('Permission profiles and groups', () => {
	test('profiles come with user counts', async () => {
		const result = await runNode(sim, {
			parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
		});
		const names = result.json.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'Account Administrator',
				'DocuSign Sender',
				'DocuSign Viewer',
				'HR Sender',
			]),
		);
		expect(result.json.every((p) => typeof p.userCount === 'number')).toBe(true);
	});

	test('groups and their members', async () => {
		const groups = await runNode(sim, {
			parameters: { resource: 'group', operation: 'getAll', returnAll: true, filters: {} },
		});
		expect(groups.json.map((g) => g.name)).toEqual(
			expect.arrayContaining(['Everyone', 'Administrators', 'Sales']),
		);
		const members = await runNode(sim, {
			parameters: {
				resource: 'group',
				operation: 'getMembers',
				returnAll: true,
				group: rl('name', 'sales'),
			},
		});
		const expected = sim.groupMemberIds(sim.groupByName('Sales')!.groupId);
		expect(members.json.map((m) => m.id).sort()).toEqual([...expected].sort());
		// the same user shape as User > Get Many, plus the group
		const many = await runNode(sim, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: {} },
		});
		const manyById = new Map(many.json.map((u) => [u.id, u]));
		for (const member of members.json) {
			const { group, ...user } = member;
			expect(group).toEqual({ id: sim.groupByName('Sales')!.groupId, name: 'Sales' });
			expect(Object.keys(user).sort()).toEqual(Object.keys(many.json[0]).sort());
			if (manyById.has(user.id)) expect(user).toEqual(manyById.get(user.id));
		}
	});
});

describe('Pickers in the editor (listSearch and loadOptions through n8n-core)', () => {
	test('From List for users: searchable by name or email, paged with a token', async () => {
		sim.reset({ extraUsers: 30 });
		const first = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchUsers');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchUsers',
			undefined,
			first.paginationToken,
		);
		expect(second.results.length).toBe(sim.users().length - 50);
		expect(second.paginationToken).toBeUndefined();
		const byEmail = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchUsers',
			'chris.walker@',
		);
		expect(byEmail.results).toEqual([
			{
				name: `Chris Walker <${SEED_USERS.closed.email}> (closed)`,
				value: SEED_USERS.closed.userId,
			},
		]);
		expect(sim.log.filter((e) => /\/users$/.test(e.path)).at(-1)!.query.email_substring).toBe(
			'chris.walker@',
		);
	});

	test('groups: the group picker searches; group sync offers custom groups only', async () => {
		const sales = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchGroups', 'Sal');
		expect(sales.results.map((r) => r.name)).toEqual(['Sales']);
		const every = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchGroups');
		expect(every.results.map((r) => r.name)).toEqual(
			expect.arrayContaining(['Everyone', 'Administrators']),
		);
		// Add Users / Remove Users: DocuSign manages the built-in groups, so the picker does not offer them
		const customOnly = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchCustomGroups',
		);
		expect(customOnly.results.map((r) => r.name).sort()).toEqual([
			'Engineering',
			'Finance',
			'Human Resources',
			'Legal',
			'Marketing',
			'Sales',
		]);
		const custom = await callMethod<INodePropertyOptions[]>(sim, 'loadOptions', 'getCustomGroups');
		expect(custom.map((o) => o.name)).toEqual([
			'Engineering',
			'Finance',
			'Human Resources',
			'Legal',
			'Marketing',
			'Sales',
		]);
		const all = await callMethod<INodePropertyOptions[]>(sim, 'loadOptions', 'getAllGroups');
		expect(all.map((o) => o.name)).toEqual(
			expect.arrayContaining(['Everyone', 'Administrators', 'Sales']),
		);
	});

	test('permission profiles by name, with their IDs as values', async () => {
		const profiles = await callMethod<INodePropertyOptions[]>(
			sim,
			'loadOptions',
			'getPermissionProfiles',
		);
		expect(profiles).toContainEqual({
			name: 'HR Sender',
			value: sim.profileByName('HR Sender')!.permissionProfileId,
		});
		expect(profiles.map((p) => p.name)).toEqual(
			[...profiles.map((p) => p.name)].sort((a, b) => a.localeCompare(b)),
		);
	});
});
