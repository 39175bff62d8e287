import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	callLine,
	createFromItems,
	customGroupsOf,
	joiner,
	rl,
	runNode,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const writes = () => writesOf(sim);

describe('Create', () => {
	test('3 items send exactly 1 POST /users, with profile and groups by name', async () => {
		const result = await runNode(sim, {
			items: [joiner(1), joiner(2), joiner(3)],
			parameters: createFromItems(),
		});
		expect(result.error).toBeUndefined();
		expect(writes().map(callLine)).toEqual(['POST /users']);
		expect(sim.count({ path: /permission_profiles$/ })).toBe(1);
		expect(sim.count({ path: /groups$/ })).toBe(1);
		for (const n of [1, 2, 3]) {
			const user = sim.userByEmail(`joiner${n}@acme.example`)!;
			expect(user.status).toBe('ActivationSent');
			expect(sim.userGroupNames(user.userId)).toEqual(
				expect.arrayContaining(['Sales', 'Engineering']),
			);
		}
		expect(result.json[0]).toMatchObject({
			action: 'create',
			changed: true,
			status: 'ActivationSent',
			activationPending: true,
			permissionProfile: { name: 'DocuSign Sender' },
		});
		expect((result.json[0].changes as IDataObject).groups).toEqual({
			added: ['Sales', 'Engineering'],
			removed: [],
		});
	});

	test('5 creates with 1 collision give 4 new users and 1 error item with the right pairedItem', async () => {
		const items = [
			joiner(1),
			joiner(2),
			joiner(3, { email: SEED_USERS.activeSalesEngineer.email }),
			joiner(4),
			joiner(5),
		];
		const before = sim.users().length;
		const result = await runNode(sim, {
			items,
			parameters: createFromItems(),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(sim.users().length).toBe(before + 4);
		expect(result.items.map((i) => i.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(result.json[2].error).toContain(
			`A DocuSign user with the email ${SEED_USERS.activeSalesEngineer.email} already exists`,
		);
		expect(result.json[2].error).toContain(SEED_USERS.activeSalesEngineer.userId);
		expect(result.json[2].description).toContain('Create or Update');
		expect(result.json.filter((j) => j.action === 'create')).toHaveLength(4);
		expect(sim.count({ method: 'POST', path: /\/users$/ })).toBe(1);
	});

	test('Batch Size splits the creates: 5 items with Batch Size 2 send 3 POSTs', async () => {
		await runNode(sim, {
			items: [1, 2, 3, 4, 5].map((n) => joiner(n)),
			parameters: createFromItems({ batchSize: 2 }),
		});
		expect(sim.count({ method: 'POST', path: /\/users$/ })).toBe(3);
		expect(
			writes()
				.filter((e) => e.method === 'POST')
				.map((e) => ((e.body as IDataObject).newUsers as unknown[]).length),
		).toEqual([2, 2, 1]);
	});

	test('Dry Run sends zero write requests and returns the plan', async () => {
		const result = await runNode(sim, {
			items: [joiner(1), joiner(2)],
			parameters: createFromItems({ dryRun: true }),
		});
		expect(writes()).toHaveLength(0);
		expect(result.json[0]).toMatchObject({
			action: 'create',
			changed: true,
			dryRun: true,
			email: 'joiner1@acme.example',
		});
		expect(sim.userByEmail('joiner1@acme.example')).toBeUndefined();
	});

	test('an unknown profile name is an error listing the valid names, and nothing is written', async () => {
		const result = await runNode(sim, {
			items: [joiner(1, { role: 'Wizard' })],
			parameters: createFromItems(),
		});
		expect(result.error?.message).toBe(
			'The parameter "Permission Profile Name or ID" names no permission profile of this account: "Wizard" [item 0]',
		);
		expect(result.error?.description).toContain('DocuSign Sender');
		expect(writes()).toHaveLength(0);
	});
});

describe('Create or Update', () => {
	test('creates the absent, updates the present, never duplicates', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const items = [
			joiner(1),
			{
				email: sofia.email,
				first: 'Sofia',
				last: 'Martinez',
				role: 'HR Sender',
				groups: 'Sales, Legal',
			},
		];
		const before = sim.users().length;
		const result = await runNode(sim, { items, parameters: upsertFromItems() });
		expect(result.error).toBeUndefined();
		expect(sim.users().length).toBe(before + 1);
		expect(result.json[0]).toMatchObject({ action: 'create', changed: true });
		expect(result.json[1]).toMatchObject({
			action: 'update',
			changed: true,
			permissionProfile: { name: 'HR Sender' },
		});
		expect((result.json[1].changes as IDataObject).groups).toEqual({
			added: ['Legal'],
			removed: [],
		});
		expect(sim.userGroupNames(sofia.userId)).toEqual(
			expect.arrayContaining(['Sales', 'Engineering', 'Legal']),
		);
		expect(sim.userById(sofia.userId)!.permissionProfileId).toBe(
			sim.profileByName('HR Sender')!.permissionProfileId,
		);

		sim.clearLog();
		const again = await runNode(sim, { items, parameters: upsertFromItems() });
		expect(again.json.map((j) => j.changed)).toEqual([false, false]);
		expect(writes()).toHaveLength(0);
		expect(sim.users().length).toBe(before + 1);
	});

	test('a closed user is reopened only with Reactivate Closed Users on', async () => {
		const chris = SEED_USERS.closed;
		const item = {
			email: chris.email,
			first: 'Chris',
			last: 'Walker',
			role: 'DocuSign Sender',
			groups: 'Marketing',
		};
		const off = await runNode(sim, {
			items: [item],
			parameters: upsertFromItems(),
			continueOnFail: true,
		});
		expect(off.json[0].error).toContain('is closed');
		expect(writes()).toHaveLength(0);
		const on = await runNode(sim, {
			items: [item],
			parameters: upsertFromItems({ reactivateClosedUsers: true }),
		});
		expect(on.error).toBeUndefined();
		expect(on.json[0]).toMatchObject({ action: 'update', changed: true, enabled: true });
		expect(sim.userById(chris.userId)!.status).not.toBe('Closed');
	});
});

describe('Update', () => {
	test('Groups = Replace leaves exactly the given custom groups; built-ins untouched', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', sofia.userId),
				updateFields: { jobTitle: 'Team Lead', permissionProfile: 'hr sender' },
				groupMode: 'replace',
				groups: ['Finance', 'Legal'],
			},
		});
		expect(result.error).toBeUndefined();
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Finance', 'Legal']);
		expect(sim.userGroupNames(sofia.userId)).toContain('Everyone');
		expect(result.json[0]).toMatchObject({
			action: 'update',
			changed: true,
			jobTitle: 'Team Lead',
		});
		expect(result.json[0].changes).toMatchObject({
			jobTitle: { after: 'Team Lead' },
			permissionProfile: { before: 'DocuSign Sender', after: 'HR Sender' },
			groups: {
				added: ['Finance', 'Legal'],
				removed: expect.arrayContaining(['Sales', 'Engineering']),
			},
		});
	});

	test('nothing different: no write request, changed false', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('email', sofia.email),
				updateFields: { firstName: 'Sofia' },
				groupMode: 'add',
				groups: ['Sales'],
			},
		});
		expect(result.json[0]).toMatchObject({ changed: false, changes: {} });
		expect(writes()).toHaveLength(0);
	});

	test('a per-user failure in a batch stops the run naming that item, not the first one of the batch', async () => {
		const ids = [
			SEED_USERS.activeSalesEngineer.userId,
			SEED_USERS.legalReviewer.userId,
			SEED_USERS.adminBarbara.userId,
		];
		sim.addFault({ method: 'PUT', path: '/users$', action: { failUsers: [ids[1]] } });
		const result = await runNode(sim, {
			items: ids.map((id) => ({ id })),
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', '={{ $json.id }}'),
				updateFields: { jobTitle: 'Batch' },
				groupMode: 'keep',
			},
		});
		expect(result.error?.message).toMatch(/\(UNSPECIFIED_ERROR\) \[item 1\]$/);
		expect(result.error?.description).toContain('Injected per-user failure');
		expect(sim.userById(ids[0])!.jobTitle).toBe('Batch');
		expect(sim.userById(ids[1])!.jobTitle).not.toBe('Batch');
	});

	test('updating a closed user is an error that points to Reactivate', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', SEED_USERS.closed.userId),
				updateFields: { jobTitle: 'x' },
				groupMode: 'keep',
			},
		});
		expect(result.error?.message).toContain('is closed');
		expect(result.error?.description).toContain('Reactivate operation');
		expect(writes()).toHaveLength(0);
	});

	test('Everyone in Groups is refused by name', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', SEED_USERS.activeSalesEngineer.userId),
				groupMode: 'add',
				groups: ['Everyone'],
			},
		});
		expect(result.error?.message).toBe(
			'The parameter "Group Names or IDs" is the built-in group "Everyone", whose members DocuSign manages itself [item 0]',
		);
		expect(writes()).toHaveLength(0);
	});
});

describe('Activate and Suspend', () => {
	const op = (operation: string, userId: string, options: IDataObject = {}) => ({
		resource: 'user',
		operation,
		user: rl('id', userId),
		options,
	});

	test('Activate -> Suspend -> Activate leaves the user reopened with its groups', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const groupsBefore = sim.userGroupNames(sofia.userId).sort();
		const first = await runNode(sim, { parameters: op('activate', sofia.userId) });
		expect(first.json[0]).toMatchObject({ changed: false });
		expect(writes()).toHaveLength(0);

		const suspend = await runNode(sim, { parameters: op('suspend', sofia.userId) });
		expect(suspend.json[0]).toMatchObject({
			action: 'suspend',
			changed: true,
			status: 'Closed',
			changes: { status: { before: 'Active', after: 'Closed' } },
		});
		expect(sim.userById(sofia.userId)!.status).toBe('Closed');
		sim.clearLog();
		const again = await runNode(sim, { parameters: op('suspend', sofia.userId) });
		expect(again.json[0]).toMatchObject({ changed: false });
		expect(writes()).toHaveLength(0);

		const reopen = await runNode(sim, { parameters: op('activate', sofia.userId) });
		// By default the simulator follows DocuSign's blog (docs/sources.md#s16): a reopened user must accept a new activation e-mail.
		expect(sim.userById(sofia.userId)!.status).toBe('ActivationSent');
		expect(reopen.json[0]).toMatchObject({
			action: 'activate',
			changed: true,
			enabled: true,
			status: 'ActivationSent',
			activationPending: true,
		});
		expect(sim.userGroupNames(sofia.userId).sort()).toEqual(groupsBefore);
	});

	test('Suspend with Remove From Groups strips custom groups; suspends are batched', async () => {
		const ids = [SEED_USERS.activeSalesEngineer.userId, SEED_USERS.legalReviewer.userId];
		const result = await runNode(sim, {
			items: ids.map((id) => ({ id })),
			parameters: { ...op('suspend', '={{ $json.id }}'), options: { removeFromGroups: true } },
		});
		expect(result.error).toBeUndefined();
		expect(sim.count({ method: 'DELETE', path: /\/users$/ })).toBe(1);
		for (const id of ids) {
			expect(sim.userById(id)!.status).toBe('Closed');
			expect(customGroupsOf(sim, id)).toEqual([]);
		}
	});
});

describe('Notify Delete', () => {
	test("suspends first and addresses the account's active administrators", async () => {
		const liam = SEED_USERS.legalReviewer;
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'notifyDelete',
				user: rl('email', liam.email),
				options: { reason: 'Left on 2026-11-30' },
			},
		});
		expect(result.error).toBeUndefined();
		const out = result.json[0];
		const admins = sim
			.users()
			.filter(
				(u) => u.status === 'Active' && sim.userGroupNames(u.userId).includes('Administrators'),
			)
			.map((u) => u.email);
		expect((out.recipients as string[]).sort()).toEqual(admins.sort());
		expect(out.recipients).not.toContain(SEED_USERS.closedAdmin.email);
		expect(out).toMatchObject({
			action: 'notifyDelete',
			suspended: true,
			changed: true,
			reason: 'Left on 2026-11-30',
			status: 'Closed',
		});
		expect(out.subject).toContain(liam.email);
		expect(out.message).toContain('Left on 2026-11-30');
		expect(out.messageHtml).toContain('<table>');
		expect(out.erasureNote).toContain('24 hours');
		expect(String(out.adminUrl)).toContain(liam.userId);
		expect(new Date(String(out.requestedAt)).toISOString()).toBe(out.requestedAt);
		expect(sim.userById(liam.userId)!.status).toBe('Closed');
	});

	test('Close User First off and given recipients: nothing is written', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'notifyDelete',
				user: rl('id', SEED_USERS.legalReviewer.userId),
				options: { suspendFirst: false, recipients: 'dpo@acme.example, it@acme.example' },
			},
		});
		expect(result.json[0]).toMatchObject({
			suspended: false,
			changed: false,
			recipients: ['dpo@acme.example', 'it@acme.example'],
		});
		expect(writes()).toHaveLength(0);
	});
});

describe('Group membership', () => {
	test('Add Users and Remove Users batch one request per group; members already in cost nothing', async () => {
		const ids = [
			SEED_USERS.legalReviewer.userId,
			SEED_USERS.pending.userId,
			SEED_USERS.activeSalesEngineer.userId,
		];
		const add = await runNode(sim, {
			items: ids.map((id) => ({ id })),
			parameters: {
				resource: 'group',
				operation: 'addUsers',
				group: rl('name', 'Sales'),
				user: rl('id', '={{ $json.id }}'),
			},
		});
		expect(add.error).toBeUndefined();
		expect(add.json.map((j) => j.changed)).toEqual([true, true, false]);
		expect(sim.count({ method: 'PUT', path: /\/groups\/[^/]+\/users$/ })).toBe(1);
		for (const id of ids) expect(sim.userGroupNames(id)).toContain('Sales');

		sim.clearLog();
		const remove = await runNode(sim, {
			items: ids.map((id) => ({ id })),
			parameters: {
				resource: 'group',
				operation: 'removeUsers',
				group: rl('name', 'Sales'),
				user: rl('id', '={{ $json.id }}'),
			},
		});
		expect(remove.json.map((j) => j.changed)).toEqual([true, true, true]);
		expect(sim.count({ method: 'DELETE', path: /\/groups\/[^/]+\/users$/ })).toBe(1);
		for (const id of ids) expect(sim.userGroupNames(id)).not.toContain('Sales');
	});

	test('built-in groups are refused', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'group',
				operation: 'addUsers',
				group: rl('name', 'Administrators'),
				user: rl('id', SEED_USERS.pending.userId),
			},
		});
		expect(result.error?.message).toContain('built-in group "Administrators"');
		expect(writes()).toHaveLength(0);
	});
});
