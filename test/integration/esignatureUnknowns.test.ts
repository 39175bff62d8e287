/**
 * DocuSign's undocumented answers on the eSignature reopen and group paths (issue 22): each is a simulator
 * switch (test/simulator/README.md); the node must neither fail an item DocuSign served nor report what
 * DocuSign did not do.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DocuSignBehaviour, Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	activateUser,
	adminChanges,
	ALL_EVENTS,
	callLine,
	rl,
	runNode,
	TriggerUnderTest,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;
const chris = SEED_USERS.closed;
const sofia = SEED_USERS.activeSalesEngineer;

let sim!: Simulator;
useSimulator((s) => (sim = s));
afterEach(() =>
	sim.configure({
		behaviour: { updateOtherUser: 'allowed', groupUsersEcho: 'full', closedGroupMembers: 'listed' },
	}),
);
const set = (behaviour: Partial<DocuSignBehaviour>) => sim.configure({ behaviour });
const paths = () => writesOf(sim).map(callLine);

describe('Reopen when Users:update refuses another user', () => {
	test('Activate: PUT /users/{userId} refused, so the reopen goes through Users:updateList once and is verified', async () => {
		set({ updateOtherUser: 'refused' });
		const result = await runNode(sim, { parameters: activateUser(chris.userId) });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'activate',
			changed: true,
			via: 'esignature',
			status: 'ActivationSent',
		});
		expect(paths()).toEqual([`PUT /users/${chris.userId}`, 'PUT /users']);
		expect(writesOf(sim)[1].body).toEqual({
			users: [{ userId: chris.userId, userStatus: 'Active' }],
		});
		expect(sim.userById(chris.userId)!.status).toBe('ActivationSent');
	});

	test('Create or Update with Reactivate Closed Users reopens through Users:updateList too', async () => {
		set({ updateOtherUser: 'refused' });
		const result = await runNode(sim, {
			items: [
				{
					email: chris.email,
					first: 'Chris',
					last: 'Walker',
					role: 'DocuSign Sender',
					groups: 'Marketing',
				},
			],
			parameters: upsertFromItems({ reactivateClosedUsers: true }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			changes: { status: { before: 'Closed', after: 'ActivationSent' } },
		});
	});

	test('a reopen refused with USER_LACKS_MEMBERSHIP says so in words that fit a reopen', async () => {
		for (const path of ['/users/[^/]+$', '/users$'])
			sim.addFault({
				method: 'PUT',
				path,
				action: { status: 400, errorCode: 'USER_LACKS_MEMBERSHIP' },
			});
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(
			/DocuSign refused to reopen chris\.walker@acme\.example .*no valid membership in this account \(USER_LACKS_MEMBERSHIP\)/,
		);
		expect(String(result.json[0].description)).not.toMatch(/reopened with Activate first/);
		expect(String(result.json[0].description)).toMatch(/Reactivate/);
		expect(sim.userById(chris.userId)!.status).toBe('Closed');
	});
});

describe('Group Add / Remove Users: what DocuSign echoes', () => {
	const group = (operation: string, name: string) => ({
		resource: 'group',
		operation,
		group: rl('name', name),
		user: rl('id', '={{ $json.id }}'),
	});
	const items = () => [{ id: sofia.userId }, { id: SEED_USERS.legalReviewer.userId }];

	test.each(['empty', 'partial'] as const)(
		'echo %s: a user missing from the answer is confirmed by one read, and the item reports what the read shows',
		async (groupUsersEcho) => {
			set({ groupUsersEcho });
			const added = await runNode(sim, { items: items(), parameters: group('addUsers', 'Legal') });
			expect(added.error).toBeUndefined();
			expect(added.json.map((j) => j.changed)).toEqual([true, false]);
			for (const { id } of items()) expect(sim.userGroupNames(id)).toContain('Legal');
			sim.clearLog();
			const removed = await runNode(sim, {
				items: items(),
				parameters: group('removeUsers', 'Legal'),
			});
			expect(removed.error).toBeUndefined();
			expect(removed.json.map((j) => j.changed)).toEqual([true, true]);
			for (const { id } of items()) expect(sim.userGroupNames(id)).not.toContain('Legal');
		},
	);

	test('echo empty and the change not applied: the read shows it, and the item fails saying so', async () => {
		set({ groupUsersEcho: 'empty' });
		sim.addFault({
			method: 'PUT',
			path: '/groups/[^/]+/users$',
			action: { status: 200, body: {} },
		});
		const result = await runNode(sim, {
			items: [{ id: sofia.userId }],
			parameters: group('addUsers', 'Legal'),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(/not in the group Legal/);
		expect(sim.userGroupNames(sofia.userId)).not.toContain('Legal');
	});

	test('Update, Group Change Add, echo empty: reported from the confirming read', async () => {
		set({ groupUsersEcho: 'empty' });
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('email', sofia.email),
				groupMode: 'add',
				groups: ['Legal'],
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			changes: { groups: { added: ['Legal'], removed: [] } },
		});
	});
});

describe('Trigger: closed users in group member lists', () => {
	test.each(['listed', 'omitted'] as const)(
		'member lists %s closed users: a close is no group removal, a reopen no group additions',
		async (closedGroupMembers) => {
			set({ closedGroupMembers });
			const t = new TriggerUnderTest(sim, { events: ALL_EVENTS });
			await t.poll();
			await adminChanges(sim, [{ user: sofia.email, status: 'Closed' }]);
			const closed = await t.poll();
			expect(
				(closed.items ?? []).map((i) => `${String(i.event)} ${String(i.transition ?? '')}`),
			).toEqual(['statusChanged closed']);
			await adminChanges(sim, [{ user: sofia.email, status: 'Active' }]);
			const reopened = await t.poll();
			expect(
				(reopened.items ?? []).map((i) => `${String(i.event)} ${String(i.transition ?? '')}`),
			).toEqual(['statusChanged activated']);
			// A real change while closed still shows at the reopen.
			await adminChanges(sim, [{ user: sofia.email, status: 'Closed' }]);
			await t.poll();
			await adminChanges(sim, [
				{ user: sofia.email, removeGroups: ['Sales'] },
				{ user: sofia.email, status: 'Active' },
			]);
			const changed = await t.poll();
			const events = (changed.items ?? []) as IDataObject[];
			expect(events.map((i) => i.event).sort()).toEqual([
				'groupMembershipChanged',
				'statusChanged',
			]);
			expect(events.find((i) => i.event === 'groupMembershipChanged')!.changes).toMatchObject({
				groups: { added: [], removed: ['Sales'] },
			});
		},
	);
});
