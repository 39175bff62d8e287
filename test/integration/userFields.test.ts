/**
 * The attributes of users/fields.ts end to end, through Middle Name and Suffix (one row each):
 * Create, Create or Update, Update, the outputs, the audit `changes` and the trigger, against the
 * simulator over HTTP in n8n's engine.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	adminCredentialFor,
	createFromItems,
	joiner,
	managementCallsOf,
	rl,
	runNode,
	TriggerUnderTest,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** Item fields for Middle Name and Suffix (createNamed reads them). */
const NAMED = { middle: 'Quincy', suffix: 'Jr' };
/** Create with Middle Name and Suffix from the item, under Additional Fields. */
const createNamed = (options: IDataObject = {}) => ({
	...createFromItems(options),
	permissionProfile: '',
	groups: '',
	additionalFields: { middleName: '={{ $json.middle }}', suffixName: '={{ $json.suffix }}' },
});

describe('Middle Name and Suffix', () => {
	test('Create sends them to DocuSign, and the output and its changes carry them', async () => {
		const result = await runNode(sim, {
			items: [joiner(1, NAMED), joiner(2, NAMED)],
			parameters: createNamed(),
		});
		expect(result.error).toBeUndefined();
		const post = writesOf(sim).find((e) => e.method === 'POST')!;
		expect((post.body as { newUsers: IDataObject[] }).newUsers[0]).toMatchObject({
			middleName: 'Quincy',
			suffixName: 'Jr',
		});
		for (const n of [1, 2]) {
			const user = sim.userByEmail(`joiner${n}@acme.example`)!;
			expect(user).toMatchObject({ middleName: 'Quincy', suffixName: 'Jr' });
		}
		expect(result.json[0]).toMatchObject({ middleName: 'Quincy', suffixName: 'Jr' });
		expect(result.json[0].changes).toMatchObject({
			middleName: { before: null, after: 'Quincy' },
			suffixName: { before: null, after: 'Jr' },
		});
	});

	test('a Suffix over 50 characters fails its item with the parameter named, and nothing is written for it', async () => {
		const result = await runNode(sim, {
			items: [joiner(1, { ...NAMED, suffix: 'x'.repeat(51) }), joiner(2, NAMED)],
			parameters: createNamed(),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain('Additional Fields > Suffix');
		expect(result.json[0].error).toContain('[item 0]');
		expect(sim.userByEmail('joiner1@acme.example')).toBeUndefined();
		expect(sim.userByEmail('joiner2@acme.example')).toMatchObject({ suffixName: 'Jr' });
	});

	test('Update sets, changes and clears them; Get shows them', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const update = (updateFields: IDataObject) =>
			runNode(sim, {
				parameters: {
					resource: 'user',
					operation: 'update',
					user: rl('id', sofia.userId),
					updateFields,
				},
			});
		const set = await update({ middleName: 'Ana', suffixName: 'PhD' });
		expect(set.error).toBeUndefined();
		expect(set.json[0]).toMatchObject({ changed: true, middleName: 'Ana', suffixName: 'PhD' });
		expect(set.json[0].changes).toEqual({
			middleName: { before: '', after: 'Ana' },
			suffixName: { before: '', after: 'PhD' },
		});
		expect(sim.userById(sofia.userId)).toMatchObject({ middleName: 'Ana', suffixName: 'PhD' });

		const cleared = await update({ suffixName: '' });
		expect(cleared.json[0].changes).toEqual({ suffixName: { before: 'PhD', after: '' } });
		expect(sim.userById(sofia.userId)).toMatchObject({ middleName: 'Ana', suffixName: '' });

		const read = await runNode(sim, {
			parameters: { resource: 'user', operation: 'get', user: rl('id', sofia.userId) },
		});
		expect(read.json[0]).toMatchObject({ middleName: 'Ana', suffixName: '' });
	});

	test('Create or Update changes the Middle Name of an existing user and reports only that', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			items: [
				{
					email: sofia.email,
					first: sim.userById(sofia.userId)!.firstName,
					last: sim.userById(sofia.userId)!.lastName,
					middle: 'Lucia',
					suffix: '',
				},
			],
			parameters: { ...createNamed(), operation: 'upsert' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'update', middleName: 'Lucia' });
		expect(result.json[0].changes).toEqual({ middleName: { before: '', after: 'Lucia' } });
		expect(sim.userById(sofia.userId)!.middleName).toBe('Lucia');
	});

	test('with Activate Immediately they fail the item before any write: the Admin API has no such fields', async () => {
		const result = await runNode(sim, {
			items: [joiner(1, NAMED)],
			parameters: createNamed({ activation: 'immediate' }),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain('Additional Fields > Middle Name');
		expect(result.json[0].description).toContain('Admin API');
		expect(writesOf(sim)).toEqual([]);
		expect(managementCallsOf(sim)).toEqual([]);
	});

	test('the trigger reports a Middle Name or Suffix change as User Updated, with before and after', async () => {
		// Previous Values: the state keeps the personal fields' values (the default keeps fingerprints).
		const t = new TriggerUnderTest(sim, {
			events: ['userUpdated'],
			options: { personalData: 'values' },
		});
		await t.poll();
		await adminChanges(sim, [
			{
				user: SEED_USERS.activeSalesEngineer.email,
				set: { middleName: 'Rosa', suffixName: 'III' },
			},
		]);
		const { items } = await t.poll();
		expect(items).toHaveLength(1);
		expect(items![0]).toMatchObject({
			event: 'userUpdated',
			changes: {
				middleName: { before: '', after: 'Rosa' },
				suffixName: { before: '', after: 'III' },
			},
		});
		expect((await t.poll()).items).toBeNull();
	});

	test('a trigger state stored before Middle Name was watched gives no event for it until re-recorded', async () => {
		const t = new TriggerUnderTest(sim, {
			events: ['userUpdated'],
			options: { personalData: 'values' },
		});
		await t.poll();
		await adminChanges(sim, [
			{ user: SEED_USERS.activeSalesEngineer.email, set: { middleName: 'Rosa' } },
		]);
		// The state as the trigger wrote it before Middle Name was watched: not in its field list.
		const saved = JSON.parse(t.savedStaticData);
		const state = saved['node:DocuSign Trigger'].accounts[sim.defaultAccountId];
		const at = state.f.indexOf('middleName');
		state.f.splice(at, 1);
		state.k = state.k.map((values: string) =>
			values
				.split('\t')
				.filter((_: string, i: number) => i !== at)
				.join('\t'),
		);
		t.savedStaticData = JSON.stringify(saved);
		expect((await t.poll()).items).toBeNull();
		await adminChanges(sim, [
			{ user: SEED_USERS.activeSalesEngineer.email, set: { middleName: 'Rosalind' } },
		]);
		const { items } = await t.poll();
		expect(items![0]).toMatchObject({
			changes: { middleName: { before: 'Rosa', after: 'Rosalind' } },
		});
	});
});
