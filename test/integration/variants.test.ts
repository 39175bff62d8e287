/**
 * The lifecycle under every picture of DocuSign the evidence allows (issue 11): each unknown is a simulator switch
 * (test/simulator/README.md, "Behaviour switches"), and the node must give the same answers under each. Expected
 * everywhere: no "no match" becomes an error, no group removal is silently skipped, a closed user is found, every
 * request and answer matches DocuSign's OpenAPI (checked by useSimulator).
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import type { DocuSignBehaviour, Simulator } from '../simulator';
import {
	BEHAVIOUR_CHOICES,
	DEFAULT_BEHAVIOUR,
	PESSIMISTIC_BEHAVIOUR,
	seedData,
} from '../simulator';
import {
	activateUser,
	adminChanges,
	adminCredentialFor,
	assertContractKept,
	byUser,
	callLine,
	callMethod,
	createFromItems,
	customGroupsOf,
	joiner,
	managementCallsOf,
	rl,
	runNode,
	TriggerUnderTest,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS, ORGANIZATION_ID } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;
const chris = SEED_USERS.closed;

/** The variants that change what the node sees; the reopen variants are in the skipped block below. */
const VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['evidence defaults', {}],
	['groupList in list entries', { listGroupList: true }],
	['email miss as an empty list', { listNoMatch: 'empty' }],
	['every filtered miss as USER_NOT_FOUND', { listNoMatch: 'errorAnyFilter' }],
	['closed user by ID as USER_LACKS_MEMBERSHIP', { closedUserById: 'USER_LACKS_MEMBERSHIP' }],
	['default status filter without closed users', { defaultStatusFilter: 'withoutClosed' }],
	// Every switch at its hardest value, including the Admin, reopen and group switches of issue 22.
	['every pessimistic choice at once', PESSIMISTIC_BEHAVIOUR],
];

const byIdFromItems = rl('id', '={{ $json.id }}');
/** Three open users with custom groups: enough items for the lookup's one pass over the user list. */
const threeUsers = (sim: Simulator) =>
	[sofia, SEED_USERS.legalReviewer, SEED_USERS.pending].map((u) => ({
		id: u.userId,
		email: u.email,
		groups: customGroupsOf(sim, u.userId),
	}));

describe.each(VARIANTS)('Lifecycle under the variant: %s', (_name, behaviour) => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s), { behaviour });
	const writes = () => writesOf(sim);

	test('the simulator runs the variant, and a contract violation fails the test', () => {
		expect(sim.config.behaviour).toEqual({ ...DEFAULT_BEHAVIOUR, ...behaviour });
		sim.contract.checkRequest({
			method: 'GET',
			path: `/restapi/v2.1/accounts/${sim.defaultAccountId}/users`,
			query: { stauts: 'Active' },
			body: undefined,
		});
		expect(() => assertContractKept(sim)).toThrow("query parameter 'stauts' is not in the spec");
		expect(sim.contract.violations).toEqual([]);
	});

	test('Create: new users come out pending, as DocuSign answers', async () => {
		const items = [1, 2].map((n) => ({
			email: `variant${n}@acme.example`,
			first: `Variant${n}`,
			last: 'Joiner',
			role: 'DocuSign Sender',
			groups: 'Sales',
		}));
		const result = await runNode(sim, { items, parameters: createFromItems() });
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.status)).toEqual(['ActivationSent', 'ActivationSent']);
		expect(customGroupsOf(sim, sim.userByEmail('variant1@acme.example')!.userId)).toEqual([
			'Sales',
		]);
	});

	test('Create or Update with an existing user: only the missing group is added, nothing reported twice', async () => {
		const items = [
			{
				email: sofia.email,
				first: 'Sofia',
				last: 'Martinez',
				role: 'DocuSign Sender',
				groups: 'Sales, Legal',
			},
		];
		const result = await runNode(sim, {
			items,
			parameters: upsertFromItems(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'update',
			changed: true,
			changes: { groups: { added: ['Legal'], removed: [] } },
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Engineering', 'Legal', 'Sales']);
		expect(writes().map((e) => e.method)).toEqual(['PUT']);
	});

	test('Create or Update with a closed user: found (never a second user), and refused while reactivation is off', async () => {
		const before = sim.users().length;
		const items = [
			{
				email: chris.email,
				first: 'Chris',
				last: 'Walker',
				role: 'DocuSign Sender',
				groups: 'Marketing',
			},
		];
		const result = await runNode(sim, {
			items,
			parameters: upsertFromItems(),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain(
			`The user ${chris.email} (ID ${chris.userId}) is closed`,
		);
		expect(sim.users().length).toBe(before);
		expect(writes()).toHaveLength(0);
	});

	test('Update, Group Change = Replace: every group not named is removed, for one user and for three', async () => {
		const one = await runNode(sim, {
			parameters: byUser('update', rl('email', sofia.email), {
				groupMode: 'replace',
				groups: ['Legal'],
			}),
		});
		expect(one.error).toBeUndefined();
		expect(one.json[0].changes).toMatchObject({
			groups: { added: ['Legal'], removed: expect.arrayContaining(['Sales', 'Engineering']) },
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Legal']);

		sim.reset();
		const items = threeUsers(sim);
		const three = await runNode(sim, {
			items,
			parameters: byUser('update', byIdFromItems, { groupMode: 'replace', groups: ['Finance'] }),
		});
		expect(three.error).toBeUndefined();
		items.forEach((item, i) => {
			expect(customGroupsOf(sim, item.id)).toEqual(['Finance']);
			const groups = (three.json[i].changes as IDataObject).groups as {
				added: string[];
				removed: string[];
			};
			expect(groups.added).toEqual(['Finance']);
			expect([...groups.removed].sort()).toEqual(item.groups.filter((g) => g !== 'Finance'));
		});
	});

	test('Update, Group Change = Remove: the named group is removed and reported', async () => {
		const result = await runNode(sim, {
			parameters: byUser('update', rl('email', sofia.email), {
				groupMode: 'remove',
				groups: ['Sales'],
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			changed: true,
			changes: { groups: { added: [], removed: ['Sales'] } },
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Engineering']);
	});

	test('Suspend closes the user', async () => {
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('email', sofia.email), { options: {} }),
		});
		expect(result.json[0]).toMatchObject({ action: 'suspend', changed: true, status: 'Closed' });
		expect(sim.userById(sofia.userId)!.status).toBe('Closed');
	});

	test('Activate by ID and by email finds the closed user and reports the status DocuSign answers', async () => {
		const byId = await runNode(sim, {
			parameters: activateUser(chris.userId),
		});
		expect(byId.error).toBeUndefined();
		expect(byId.json[0]).toMatchObject({
			action: 'activate',
			changed: true,
			id: chris.userId,
			status: sim.userById(chris.userId)!.status,
		});
		expect(sim.userById(chris.userId)!.status).not.toBe('Closed');

		sim.reset();
		const byEmail = await runNode(sim, {
			parameters: byUser('activate', rl('email', chris.email), { options: {} }),
		});
		expect(byEmail.error).toBeUndefined();
		expect(byEmail.json[0]).toMatchObject({ action: 'activate', changed: true, id: chris.userId });
		expect(sim.userById(chris.userId)!.status).not.toBe('Closed');
	});

	test('Activate by ID for three users (one pass over the list) finds the closed ones too', async () => {
		const items = [chris, SEED_USERS.closedNeverActive, sofia].map((u) => ({ id: u.userId }));
		const result = await runNode(sim, {
			items,
			parameters: byUser('activate', byIdFromItems, { options: {} }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.changed)).toEqual([true, true, false]);
		for (const { id } of items) expect(sim.userById(id)!.status).not.toBe('Closed');
	});

	test('Get Many with the Email filter: a miss is no items, a hit is the user', async () => {
		const miss = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { email: 'nobody@acme.example' },
			},
		});
		expect(miss.error).toBeUndefined();
		expect(miss.items).toHaveLength(0);
		const names = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { userNameContains: 'zzzz' },
			},
		});
		expect(names.error).toBeUndefined();
		expect(names.items).toHaveLength(0);
		const hit = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { email: sofia.email },
			},
		});
		expect(hit.json.map((j) => j.id)).toEqual([sofia.userId]);
	});

	test('Get by email of nobody is a "no such user" item error, not a DocuSign error', async () => {
		const result = await runNode(sim, {
			parameters: byUser('get', rl('email', 'nobody@acme.example')),
			continueOnFail: true,
		});
		expect(result.json[0].error).toBe(
			'No DocuSign user has the email "nobody@acme.example" in this account (parameter "User to Get") [item 0]',
		);
	});

	test('the user picker: a search without a match is an empty list, a closed user is offered', async () => {
		for (const filter of ['nobody@', 'zzzz']) {
			const none = await callMethod<INodeListSearchResult>(
				sim,
				'listSearch',
				'searchUsers',
				filter,
			);
			expect(none).toEqual({ results: [], paginationToken: undefined });
		}
		const closed = await callMethod<INodeListSearchResult>(
			sim,
			'listSearch',
			'searchUsers',
			'chris.walker@',
		);
		expect(closed.results.map((r) => r.value)).toEqual([chris.userId]);
	});

	test('Group > Remove Users: members leave, a non-member costs nothing, no removal is skipped', async () => {
		const nonMember = SEED_USERS.adminAlan;
		expect(customGroupsOf(sim, nonMember.userId)).not.toContain('Sales');
		const items = [
			{ id: sofia.userId },
			{ id: nonMember.userId },
			{ id: SEED_USERS.legalReviewer.userId },
		];
		const salesBefore = items.map((i) => customGroupsOf(sim, i.id).includes('Sales'));
		const result = await runNode(sim, {
			items,
			parameters: {
				resource: 'group',
				operation: 'removeUsers',
				group: rl('name', 'Sales'),
				user: byIdFromItems,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.changed)).toEqual(salesBefore);
		for (const { id } of items) expect(customGroupsOf(sim, id)).not.toContain('Sales');
		expect(writes().map((e) => e.method)).toEqual(['DELETE']);
	});
});

describe.each([
	['ActivationSent', 'ActivationSent'],
	['Active', 'Active'],
] as const)('Reopen under the variant reopenResult %s', (reopenResult, expected) => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s), { behaviour: { reopenResult } });

	test('Activate reports the status DocuSign answers, through PUT /users/{userId}', async () => {
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			status: expected,
			enabled: true,
			activationPending: expected !== 'Active',
			changes: { status: { before: 'Closed', after: expected } },
		});
		expect(writesOf(sim).map(callLine)).toEqual([`PUT /users/${chris.userId}`]);
	});

	test('Create or Update with Reactivate Closed Users reports the status DocuSign answers', async () => {
		const items = [
			{
				email: chris.email,
				first: 'Chris',
				last: 'Walker',
				role: 'DocuSign Sender',
				groups: 'Marketing',
			},
		];
		const result = await runNode(sim, {
			items,
			parameters: upsertFromItems({ reactivateClosedUsers: true }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			status: expected,
			changes: { status: { before: 'Closed', after: expected } },
		});
		expect(sim.userById(chris.userId)!.status).toBe(expected);
	});
});

describe('Reopen under the variant reopenResult ignored (DocuSign leaves the user Closed)', () => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s), { behaviour: { reopenResult: 'ignored' } });

	test('Activate fails that item with an error naming the problem; the others carry on', async () => {
		const items = [{ id: chris.userId }, { id: sofia.userId }];
		const result = await runNode(sim, {
			items,
			parameters: byUser('activate', byIdFromItems, { options: {} }),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain('did not reopen');
		expect(String(result.json[0].description)).toMatch(/DocuSign Admin/);
		expect(result.json[1]).toMatchObject({ changed: false, status: 'Active' });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.userById(chris.userId)!.status).toBe('Closed');
	});

	test('Create or Update with Reactivate Closed Users fails the item, never reports it reopened', async () => {
		const items = [
			{
				email: chris.email,
				first: 'Chris',
				last: 'Walker',
				role: 'DocuSign Sender',
				groups: 'Marketing',
			},
		];
		const result = await runNode(sim, {
			items,
			parameters: upsertFromItems({ reactivateClosedUsers: true }),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain('did not reopen');
		expect(result.json[0].status).toBeUndefined();
	});
});

/**
 * Issue 22: the Admin, reopen and group unknowns. Every value of each of these switches, the defaults and
 * every pessimistic value at once; under each, Activate Immediately, the Admin reopen, the eSignature
 * reopen, Add / Remove Users and the trigger report only what DocuSign did.
 */
const ISSUE_22_SWITCHES = [
	'adminMembershipId',
	'adminClosedMemberships',
	'adminCreateRefusal',
	'adminCreateStatus',
	'adminCreateExisting',
	'updateOtherUser',
	'groupUsersEcho',
	'closedGroupMembers',
] as const;
const ADMIN_VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['evidence defaults', {}],
	...ISSUE_22_SWITCHES.flatMap((name) =>
		(BEHAVIOUR_CHOICES[name] as readonly string[])
			.filter((value) => value !== DEFAULT_BEHAVIOUR[name])
			.map((value): [string, Partial<DocuSignBehaviour>] => [
				`${name} = ${value}`,
				{ [name]: value } as Partial<DocuSignBehaviour>,
			]),
	),
	['every pessimistic choice at once', PESSIMISTIC_BEHAVIOUR],
];
const TRIGGER_EVENTS = ['statusChanged', 'groupMembershipChanged'];

describe.each(ADMIN_VARIANTS)('Admin, reopen and group paths under the variant: %s', (_n, b) => {
	let sim!: Simulator;
	useSimulator((s) => (sim = s), { behaviour: b });
	const behaviour = { ...DEFAULT_BEHAVIOUR, ...b };
	const VERA = { first: 'Vera', last: 'Variant', groups: 'Sales' };

	test('Activate Immediately: a joiner as DocuSign leaves it, an existing user "exists", an unclaimed domain falls back only when asked', async () => {
		const result = await runNode(sim, {
			items: [
				joiner('vera.variant@acme.example', VERA),
				joiner(sofia.email, VERA),
				joiner('una.variant@elsewhere.example', VERA),
			],
			parameters: createFromItems({ activation: 'immediate', fallbackToEmail: true }),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		const pending = behaviour.adminCreateStatus === 'pending';
		expect(result.json[0]).toMatchObject({
			action: 'create',
			activation: 'immediate',
			status: pending ? 'ActivationSent' : 'Active',
			activationPending: pending,
		});
		expect(sim.userByEmail('vera.variant@acme.example')!.status).toBe(result.json[0].status);
		expect(result.json[1]).toMatchObject({ action: 'exists', changed: false, id: sofia.userId });
		expect(result.json[2]).toMatchObject({ action: 'create', activation: 'email' });
		expect(sim.users().filter((u) => u.email === sofia.email)).toHaveLength(1);
	});

	test('Activate with Organization Admin Access: reopened through activateMembership, or a clear failure with nothing written', async () => {
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		if (behaviour.adminMembershipId === 'nowhere') {
			expect(String(result.json[0].error)).toMatch(/names no membership ID/);
			expect(sim.log.filter((e) => e.method !== 'GET')).toEqual([]);
			expect(sim.userById(chris.userId)!.status).toBe('Closed');
			return;
		}
		expect(result.json[0]).toMatchObject({ changed: true, via: 'admin', status: 'Active' });
		const membershipId = sim.userById(chris.userId)!.membershipId;
		expect(
			managementCallsOf(sim)
				.filter((e) => e.method === 'POST')
				.map((e) => e.path),
		).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users/${chris.userId}/memberships/${membershipId}`,
		]);
	});

	test('Activate through eSignature: reopened (Users:update, or Users:updateList when refused) and reported as DocuSign shows it', async () => {
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			changed: true,
			via: 'esignature',
			status: sim.userById(chris.userId)!.status,
		});
		expect(sim.userById(chris.userId)!.status).not.toBe('Closed');
	});

	test('Group > Add Users and Remove Users: the members end as asked, each item reports what happened', async () => {
		const items = [{ id: sofia.userId }, { id: SEED_USERS.legalReviewer.userId }];
		const group = (operation: string) => ({
			resource: 'group',
			operation,
			group: rl('name', 'Legal'),
			user: byIdFromItems,
		});
		const added = await runNode(sim, { items, parameters: group('addUsers') });
		expect(added.error).toBeUndefined();
		expect(added.json.map((j) => j.changed)).toEqual([true, false]);
		for (const { id } of items) expect(customGroupsOf(sim, id)).toContain('Legal');
		const removed = await runNode(sim, { items, parameters: group('removeUsers') });
		expect(removed.error).toBeUndefined();
		expect(removed.json.map((j) => j.changed)).toEqual([true, true]);
		for (const { id } of items) expect(customGroupsOf(sim, id)).not.toContain('Legal');
	});

	test('Trigger: a close and a reopen are status changes only, never group removals or additions', async () => {
		const t = new TriggerUnderTest(sim, { events: TRIGGER_EVENTS });
		await t.poll();
		const events = async () =>
			((await t.poll()).items ?? []).map((i) => `${String(i.event)} ${String(i.transition)}`);
		await adminChanges(sim, [{ user: sofia.email, status: 'Closed' }]);
		expect(await events()).toEqual(['statusChanged closed']);
		await adminChanges(sim, [{ user: sofia.email, status: 'Active' }]);
		expect(await events()).toEqual(['statusChanged activated']);
	});
});
