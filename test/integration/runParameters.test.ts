/**
 * Resource, Operation and Authentication are read through the registry like every other per-run
 * parameter (actions/router.ts, parameters/authentication.ts): a value that differs across items,
 * or is none of the choices, is a parameter error naming the parameter, and nothing is sent. The
 * editor's dropdowns read Account and Authentication through the same specs (methods/session.ts).
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
const twoJoiners = (extra: Array<Record<string, string>>) =>
	extra.map((e, i) => ({ ...joiner(`run${i}@acme.example`, SALES), ...e }));

describe('run-scoped node parameters', () => {
	test('an Authentication that is neither OAuth2 nor JWT fails every item naming it, nothing sent', async () => {
		const result = await runNode(sim, {
			parameters: { ...createFromItems(), authentication: 'basic' },
			items: twoJoiners([{}, {}]),
			continueOnFail: true,
		});
		expect(result.json).toHaveLength(2);
		for (const item of result.json)
			expect(JSON.stringify(item.error)).toContain(
				'The parameter \\"Authentication\\" has an unknown value: \\"basic\\"',
			);
		expect(sim.log).toHaveLength(0);
	});

	test('Authentication takes no expression (noDataExpression): its text is refused, naming it', async () => {
		const result = await runNode(sim, {
			parameters: { ...createFromItems(), authentication: '={{ $json.auth }}' },
			items: twoJoiners([{ auth: 'jwt' }]),
		});
		expect(result.error?.message).toContain(
			'The parameter "Authentication" has an unknown value: "{{ $json.auth }}"',
		);
		expect(sim.log).toHaveLength(0);
	});

	test('an unknown Operation is a parameter error on every item under Continue On Fail', async () => {
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'purge' },
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(result.json).toHaveLength(2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(JSON.stringify(result.json[1].error)).toMatch(/Operation.*purge.*not one of its values/);
		expect(sim.log).toHaveLength(0);
	});

	test('an unknown Resource is a parameter error naming Resource', async () => {
		const result = await runNode(sim, { parameters: { resource: 'envelope', operation: 'get' } });
		expect(result.error?.message).toMatch(/"Resource" is "envelope", not one of its values/);
		expect(sim.log).toHaveLength(0);
	});

	test("Filters > Type is checked before any request: an expression's unknown type is a parameter error", async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'group',
				operation: 'getAll',
				returnAll: true,
				filters: { groupType: '={{ "Custom" }}' },
			},
		});
		expect(result.error?.message).toMatch(/"Filters > Type" is "Custom", not one of its values/);
		expect(sim.log.filter((e) => e.path.includes('/groups'))).toHaveLength(0);
		const custom = await runNode(sim, {
			parameters: {
				resource: 'group',
				operation: 'getAll',
				returnAll: true,
				filters: { groupType: 'CustomGroup' },
			},
		});
		expect(custom.error).toBeUndefined();
		expect(custom.json.length).toBeGreaterThan(0);
		expect(custom.json.every((g) => g.type === 'CustomGroup')).toBe(true);
	});
});

describe("the editor's dropdowns read Account and Authentication through their specs", () => {
	test("an account number in Account: the dropdown opens in the credential's account", async () => {
		sim.clearLog();
		await callMethodIn(
			credentialFor(sim),
			{ account: rl('id', '12345') },
			'listSearch',
			'searchUsers',
		);
		const calls = sim.log.filter((e) => e.path.startsWith('/restapi'));
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((e) => e.accountId === sim.defaultAccountId)).toBe(true);
	});

	test('an unknown Authentication is an error naming it, and nothing is sent', async () => {
		sim.clearLog();
		await expect(
			callMethodIn(credentialFor(sim), { authentication: 'basic' }, 'listSearch', 'searchUsers'),
		).rejects.toMatchObject({
			message: 'The parameter "Authentication" has an unknown value: "basic"',
		});
		expect(sim.log).toHaveLength(0);
		const accounts = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchAccounts');
		expect(accounts.results.length).toBe(sim.accounts.length);
	});
});
