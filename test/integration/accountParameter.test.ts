/**
 * Issue 13: the node's Account parameter. One credential (one OAuth login) writes into two accounts; the
 * picker lists the connected user's accounts by name; a wrong ID lists them by name and ID; an Account from
 * an expression is one value per run (a differing value is the per-run parameter error, nothing sent).
 */
import type { INodeListSearchResult } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import {
	callMethod,
	callMethodIn,
	createFromItems,
	credentialFor,
	joiner,
	rl,
	runNode,
	useSimulator,
} from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const SALES = { groups: 'Sales' };

describe('Account parameter', () => {
	test('one credential writes into two accounts; each output says where; userinfo is read once', async () => {
		const [main, sandbox] = sim.accounts;
		const credential = credentialFor(sim);
		const intoSandbox = await runNode(sim, {
			parameters: { ...createFromItems(), account: rl('list', sandbox.accountId) },
			items: [joiner('multi1@acme.example', SALES)],
			credential,
		});
		const intoMain = await runNode(sim, {
			parameters: { ...createFromItems(), account: rl('id', main.accountId) },
			items: [joiner('multi2@acme.example', SALES)],
			credential,
		});
		expect(intoSandbox.error).toBeUndefined();
		expect(intoMain.error).toBeUndefined();
		expect(intoSandbox.json[0]).toMatchObject({ action: 'create', accountId: sandbox.accountId });
		expect(intoMain.json[0]).toMatchObject({ action: 'create', accountId: main.accountId });
		expect(sim.userByEmail('multi1@acme.example', sandbox.accountId)).toBeDefined();
		expect(sim.userByEmail('multi1@acme.example', main.accountId)).toBeUndefined();
		expect(sim.userByEmail('multi2@acme.example', main.accountId)).toBeDefined();
		// The group Sales was resolved in each account's own directory (the IDs differ).
		const groupWrites = sim.log
			.filter((e) => e.method === 'POST')
			.map((e) => ({ accountId: e.accountId, body: JSON.stringify(e.body) }));
		expect(groupWrites[0]).toMatchObject({ accountId: sandbox.accountId });
		expect(groupWrites[0].body).toContain(sim.groupByName('Sales', sandbox.accountId)!.groupId);
		expect(groupWrites[1].body).toContain(sim.groupByName('Sales', main.accountId)!.groupId);
		expect(sim.count({ path: '/oauth/userinfo' })).toBe(1);
	});

	test('an Account from an expression: each run its own account; differing values within a run fail, nothing written', async () => {
		const [, sandbox] = sim.accounts;
		const parameters = { ...createFromItems(), account: rl('id', '={{ $json.account }}') };
		const one = await runNode(sim, {
			parameters,
			items: [{ ...joiner('expr1@acme.example', SALES), account: sandbox.accountId }],
		});
		expect(one.json[0]).toMatchObject({ accountId: sandbox.accountId });
		const mixed = await runNode(sim, {
			parameters,
			items: [
				{ ...joiner('expr2@acme.example', SALES), account: sandbox.accountId },
				{ ...joiner('expr3@acme.example', SALES), account: sim.defaultAccountId },
			],
		});
		expect(mixed.error?.message).toContain('Account');
		expect(mixed.error?.message).toContain('in item 0');
		expect(sim.userByEmail('expr2@acme.example', sandbox.accountId)).toBeUndefined();
	});

	test('an ID the user has no account with is an error listing the accounts by name and ID', async () => {
		const wrong = '00000000-0000-4000-8000-000000000000';
		const result = await runNode(sim, {
			parameters: { ...createFromItems(), account: rl('id', wrong) },
			items: [joiner('wrong@acme.example', SALES)],
		});
		expect(result.error?.message).toContain(
			`no account with the ID "${wrong}" (parameter "Account")`,
		);
		for (const account of sim.accounts)
			expect(result.error?.description).toContain(`${account.accountName} (${account.accountId})`);
		expect(sim.log.filter((e) => e.path.startsWith('/restapi'))).toHaveLength(0);
	});

	test('an account number instead of an API Account ID is a parameter error naming Account', async () => {
		const result = await runNode(sim, {
			parameters: { ...createFromItems(), account: rl('id', '={{ "12345678" }}') },
		});
		expect(result.error?.message).toContain('Account');
		expect(result.error?.message).toContain('account number');
		expect(sim.log).toHaveLength(0);
	});

	test("empty Account = the credential's Account ID (as before)", async () => {
		const [, sandbox] = sim.accounts;
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credential: credentialFor(sim, { accountId: sandbox.accountId }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json.every((u) => u.accountId === sandbox.accountId)).toBe(true);
	});

	test('the picker lists the connected user accounts by name, searchable by name or ID', async () => {
		const all = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchAccounts');
		expect(all.results.map((r) => r.value).sort()).toEqual(
			sim.accounts.map((a) => a.accountId).sort(),
		);
		const main = sim.accounts[0];
		expect(all.results.find((r) => r.value === main.accountId)?.name).toBe(
			`${main.accountName} (default)`,
		);
		const sandbox = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchAccounts',
			'sandbox',
		);
		expect(sandbox.results.map((r) => r.value)).toEqual([sim.accounts[1].accountId]);
		const byId = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchAccounts',
			sim.accounts[1].accountId.slice(0, 8),
		);
		expect(byId.results.map((r) => r.value)).toEqual([sim.accounts[1].accountId]);
	});

	test("dropdowns and list searches work in the node's Account", async () => {
		const [, sandbox] = sim.accounts;
		const credential = credentialFor(sim);
		sim.clearLog();
		const inSandbox = { account: rl('list', sandbox.accountId) };
		const groups = await callMethodIn<Array<{ value: string }>>(
			credential,
			inSandbox,
			'loadOptions',
			'getCustomGroups',
		);
		expect(groups.map((g) => g.value)).toContain(
			sim.groupByName('Sales', sandbox.accountId)!.groupId,
		);
		await callMethodIn(credential, inSandbox, 'listSearch', 'searchUsers');
		const accountCalls = sim.log.filter((e) => e.path.startsWith('/restapi'));
		expect(accountCalls.length).toBe(2);
		expect(accountCalls.every((e) => e.accountId === sandbox.accountId)).toBe(true);
	});
});
