/**
 * Issue 13: warm executions. Ten executions in a row with one credential, in n8n's engine, counting every
 * call the simulator saw: the first pays userinfo; the others their lookup and write, plus (issue 23) one
 * read of the profiles and of the groups a write targets, since a name may have moved to another object
 * within the cache time (test/integration/directoryRename.test.ts). The Directory Cache serves reads'
 * ID filters and the custom/built-in split of memberships; its TTL expires.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { DocuSignBehaviour, Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	callLine,
	createFromItems,
	credentialFor,
	joiner,
	rl,
	runNode,
	upsertFromItems,
	useSimulator,
} from '../support';

const { SEED_USERS } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;
const liam = SEED_USERS.legalReviewer;
const chris = SEED_USERS.closed;

/** Every call of the last execution, as "METHOD /path" under the account (userinfo as is). */
const callsOf = (sim: Simulator): string[] => sim.log.map(callLine);

async function execute(
	sim: Simulator,
	credential: ICredentialDataDecryptedObject,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
) {
	sim.clearLog();
	const result = await runNode(sim, { parameters, items, credential });
	expect(result.error).toBeUndefined();
	return { json: result.json, calls: callsOf(sim) };
}

/** The joiners here are in one group. */
const SALES = { groups: 'Sales' };

describe('ten executions of one item each, one credential', () => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s));

	test('Create: the first execution reads userinfo, profiles and groups; the other nine profiles, groups and POST', async () => {
		const credential = credentialFor(sim);
		const counts: number[] = [];
		for (let n = 1; n <= 10; n++) {
			const { json, calls } = await execute(sim, credential, createFromItems(), [joiner(n, SALES)]);
			expect(json[0]).toMatchObject({
				action: 'create',
				email: `joiner${n}@acme.example`,
				accountId: sim.defaultAccountId,
			});
			counts.push(calls.length);
			if (n === 1)
				expect(calls).toEqual([
					'GET /oauth/userinfo',
					'GET /permission_profiles',
					'GET /groups',
					'POST /users',
				]);
			else expect(calls).toEqual(['GET /permission_profiles', 'GET /groups', 'POST /users']);
		}
		expect(counts).toEqual([4, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		expect(sim.userGroupNames(sim.userByEmail('joiner10@acme.example')!.userId)).toContain('Sales');
	});

	test('a group created in DocuSign between executions is found: a write reads the groups it targets in its own run', async () => {
		const credential = credentialFor(sim);
		await execute(sim, credential, createFromItems(), [joiner(1, SALES)]);
		sim.addGroup('Onboarding');
		const next = await execute(sim, credential, createFromItems(), [
			joiner(2, { groups: 'Onboarding' }),
		]);
		expect(next.calls).toEqual(['GET /permission_profiles', 'GET /groups', 'POST /users']);
		expect(sim.userGroupNames(sim.userByEmail('joiner2@acme.example')!.userId)).toContain(
			'Onboarding',
		);
	});

	test('a name that is in no fresh read is still the parameter error, after one read', async () => {
		const credential = credentialFor(sim);
		await execute(sim, credential, createFromItems(), [joiner(1, SALES)]);
		sim.clearLog();
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [joiner(2, { groups: 'Nonexistent' })],
			credential,
		});
		expect(result.error?.message).toContain('names no group of this account: "Nonexistent"');
		expect(callsOf(sim)).toEqual(['GET /permission_profiles', 'GET /groups']);
		expect(sim.userByEmail('joiner2@acme.example')).toBeUndefined();
	});

	test('after the TTL the directory is read again; with 0 it is read on every execution (Suspend with Remove From Groups: the custom/built-in split)', async () => {
		const credential = credentialFor(sim);
		const leavers = [
			SEED_USERS.activeSalesEngineer,
			SEED_USERS.legalReviewer,
			SEED_USERS.adminBarbara,
			SEED_USERS.adminAlan,
			SEED_USERS.rehiredActive,
		];
		const suspend = (n: number, directoryCacheSeconds: number) => ({
			resource: 'user',
			operation: 'suspend',
			user: rl('id', leavers[n].userId),
			options: { removeFromGroups: true },
			requestSettings: { directoryCacheSeconds },
		});
		const close = (n: number) => [`GET /users/${leavers[n].userId}`, 'DELETE /users'];
		expect((await execute(sim, credential, suspend(0, 1))).calls).toEqual([
			'GET /oauth/userinfo',
			`GET /users/${leavers[0].userId}`,
			'GET /groups',
			'DELETE /users',
		]);
		expect((await execute(sim, credential, suspend(1, 1))).calls).toEqual(close(1));
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const [read, del] = close(2);
		expect((await execute(sim, credential, suspend(2, 1))).calls).toEqual([
			read,
			'GET /groups',
			del,
		]);
		for (const n of [3, 4]) {
			const [r, d] = close(n);
			expect((await execute(sim, credential, suspend(n, 0))).calls).toEqual([r, 'GET /groups', d]);
		}
	});

	test('a Directory Cache that is not a number from 0 to 3600 is a parameter error, nothing sent', async () => {
		sim.clearLog();
		const result = await runNode(sim, {
			parameters: createFromItems({ directoryCacheSeconds: '={{ "soon" }}' }),
			items: [joiner(1, SALES)],
		});
		expect(result.error?.message).toContain('Directory Cache (Seconds)');
		expect(sim.log.filter((e) => e.method !== 'GET')).toHaveLength(0);
	});

	test('Group Get Many and Permission Profile Get Many read fresh even when the directory is cached', async () => {
		const credential = credentialFor(sim);
		await execute(sim, credential, createFromItems(), [joiner(1, SALES)]);
		sim.addGroup('Fresh Group');
		const groups = await execute(sim, credential, {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
		});
		expect(groups.json.map((g) => g.name)).toContain('Fresh Group');
		expect(groups.calls).toEqual(['GET /groups']);
		const profiles = await execute(sim, credential, {
			resource: 'permissionProfile',
			operation: 'getAll',
			returnAll: true,
		});
		expect(profiles.calls).toEqual(['GET /permission_profiles']);
	});
});

/** The warm cost of each one-item write, under both pictures of DocuSign's user list. */
const VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['evidence defaults (no groupList in list entries)', {}],
	['groupList in list entries', { listGroupList: true }],
];

describe.each(VARIANTS)('warm one-item writes under: %s', (_name, behaviour) => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s), { behaviour });
	const upsert = (item: IDataObject, options: IDataObject = {}) => ({
		parameters: upsertFromItems(options),
		item,
	});

	/** One warm-up execution (Get Many of one user fills userinfo; a Create fills the directory), then the measured one. */
	async function warm(parameters: IDataObject, items: IDataObject[] = [{}]) {
		const credential = credentialFor(sim);
		await execute(sim, credential, createFromItems({ dryRun: true }), [joiner(99, SALES)]);
		return await execute(sim, credential, parameters, items);
	}

	test('Create or Update of an unchanged user: the profile and group reads and the lookup, no write', async () => {
		const { parameters, item } = upsert({
			email: sofia.email,
			first: 'Sofia',
			last: 'Martinez',
			role: 'DocuSign Sender',
			groups: 'Sales',
		});
		const { json, calls } = await warm(parameters, [item]);
		expect(json[0]).toMatchObject({
			action: 'update',
			changed: false,
			accountId: sim.defaultAccountId,
		});
		expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		// Profiles and groups as DocuSign holds them in this run (issue 23), then the lookup.
		expect(calls.length).toBe(behaviour.listGroupList ? 3 : 4);
	});

	test('Create or Update with a changed job title and no groups: profiles + lookup + write = 3', async () => {
		const { parameters, item } = upsert({
			email: sofia.email,
			first: 'Sofia',
			last: 'Martinez',
			role: 'DocuSign Sender',
			groups: '',
		});
		const { json, calls } = await warm(
			{ ...parameters, additionalFields: { jobTitle: 'Principal Engineer' } },
			[item],
		);
		expect(json[0].changes).toMatchObject({ jobTitle: { after: 'Principal Engineer' } });
		expect(calls).toEqual(['GET /permission_profiles', 'GET /users', 'PUT /users']);
	});

	test('Create or Update adding a group: the group is added once and reported truly', async () => {
		const { parameters, item } = upsert({
			email: sofia.email,
			first: 'Sofia',
			last: 'Martinez',
			role: 'DocuSign Sender',
			groups: 'Legal',
		});
		const { json, calls } = await warm(parameters, [item]);
		expect(json[0].changes).toEqual({ groups: { added: ['Legal'], removed: [] } });
		expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([
			`PUT /groups/${sim.groupByName('Legal')!.groupId}/users`,
		]);
		// Profiles and groups of this run, the lookup, and the user's memberships: in the list entry, or
		// one GET /users/{id} (never every group's member list).
		expect(calls.length).toBe(behaviour.listGroupList ? 4 : 5);
		expect(calls.some((c) => /\/groups\/[^/]+\/users$/.test(c) && c.startsWith('GET'))).toBe(false);
	});

	test('Update by ID, Group Change = Replace: the user and the groups read + the group writes; every unnamed group is removed', async () => {
		const { json, calls } = await warm({
			resource: 'user',
			operation: 'update',
			user: rl('id', liam.userId),
			groupMode: 'replace',
			groups: ['Sales'],
		});
		const removed = (json[0].changes as { groups: { removed: string[] } }).groups.removed;
		expect(removed.length).toBeGreaterThan(0);
		expect(calls[0]).toBe(`GET /users/${liam.userId}`);
		expect(calls.filter((c) => c.startsWith('GET'))).toEqual([
			`GET /users/${liam.userId}`,
			'GET /groups',
		]);
		expect(
			sim.userGroupNames(liam.userId).filter((g) => !['Everyone', 'Administrators'].includes(g)),
		).toEqual(['Sales']);
	});

	test('Update by email, job title only: lookup + write = 2', async () => {
		const { calls } = await warm({
			resource: 'user',
			operation: 'update',
			user: rl('email', liam.email),
			updateFields: { jobTitle: 'Head of Legal Operations' },
		});
		expect(calls).toEqual(['GET /users', 'PUT /users']);
	});

	test('Suspend by ID and by email: lookup + DELETE = 2', async () => {
		const byId = await warm({
			resource: 'user',
			operation: 'suspend',
			user: rl('id', sofia.userId),
		});
		expect(byId.calls).toEqual([`GET /users/${sofia.userId}`, 'DELETE /users']);
		sim.reset();
		const byEmail = await warm({
			resource: 'user',
			operation: 'suspend',
			user: rl('email', liam.email),
		});
		expect(byEmail.calls).toEqual(['GET /users', 'DELETE /users']);
	});

	test('Suspend by email with Remove From Groups: the removed groups are reported, from one extra read at most', async () => {
		const before = sim
			.userGroupNames(liam.userId)
			.filter((g) => !['Everyone', 'Administrators'].includes(g));
		const { json, calls } = await warm({
			resource: 'user',
			operation: 'suspend',
			user: rl('email', liam.email),
			options: { removeFromGroups: true },
		});
		expect((json[0].changes as { groups: { removed: string[] } }).groups.removed.sort()).toEqual(
			before.sort(),
		);
		expect(calls.length).toBe(behaviour.listGroupList ? 2 : 3);
	});

	test('Replace after a group was created and the user put into it between executions: the cached directory does not hide it', async () => {
		const credential = credentialFor(sim);
		await execute(sim, credential, createFromItems({ dryRun: true }), [joiner(99, SALES)]);
		sim.addGroup('Project X');
		for (const locator of [rl('id', liam.userId), rl('email', liam.email)]) {
			await adminChanges(sim, [{ user: liam.email, addGroups: ['Project X'] }]);
			const { json } = await execute(sim, credential, {
				resource: 'user',
				operation: 'update',
				user: locator,
				groupMode: 'replace',
				groups: ['Sales'],
			});
			expect((json[0].changes as { groups: { removed: string[] } }).groups.removed).toContain(
				'Project X',
			);
			expect(
				sim.userGroupNames(liam.userId).filter((g) => !['Everyone', 'Administrators'].includes(g)),
			).toEqual(['Sales']);
		}
	});

	test('Activate by email: lookup + reopen = 2', async () => {
		const { calls } = await warm({
			resource: 'user',
			operation: 'activate',
			user: rl('email', chris.email),
		});
		expect(calls).toEqual(['GET /users', `PUT /users/${chris.userId}`]);
	});
});
