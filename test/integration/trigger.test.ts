/**
 * DocuSign Trigger in n8n's engine (n8n-core PollContext), against the simulator over HTTP, with the
 * workflow's static data saved as JSON between polls. Changes come from the simulator's admin-changes
 * control endpoint, as an administrator would make them in DocuSign's web app.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	ALL_EVENTS,
	credentialFor,
	TriggerUnderTest,
	useSimulator,
} from '../support';
import { decodeState } from '../../nodes/DocuSign/trigger/state';

const { SEED_USERS, SANDBOX_ACCOUNT_ID } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const trigger = (parameters: IDataObject = {}) =>
	new TriggerUnderTest(sim, { events: ALL_EVENTS, ...parameters });
const summary = (items: IDataObject[] | null) =>
	(items ?? []).map((i) => `${String(i.event)} ${String((i.user as IDataObject).email)}`).sort();

describe('baseline', () => {
	it('records the account silently on the first poll, then an unchanged poll emits nothing', async () => {
		const t = trigger();
		const first = await t.poll();
		expect(first.items).toBeNull();
		expect(first.saved).toBe(true);
		const state = JSON.parse(t.savedStaticData)['node:DocuSign Trigger'].accounts[
			sim.defaultAccountId
		];
		expect(decodeState(state)!.users.size).toBe(sim.users().length);

		const second = await t.poll();
		expect(second.items).toBeNull();
		// 1 page of users + the group list + one member list per custom group (6); userinfo is cached from the first poll.
		expect(second.calls).toBe(1 + 1 + 6);
	});

	it('emits every current user on the first poll with Emit Existing Users on First Poll, and then nothing', async () => {
		const t = trigger({ options: { emitExistingOnFirstPoll: true } });
		const first = await t.poll();
		expect(first.items).toHaveLength(sim.users().length);
		expect(new Set(first.items!.map((i) => i.event))).toEqual(new Set(['existingUser']));
		expect((await t.poll()).items).toBeNull();
	});

	it('reads no member lists when neither group events nor a group filter need them', async () => {
		const t = trigger({ events: ['userUpdated'] });
		await t.poll();
		const second = await t.poll();
		expect(second.calls).toBe(1); // one page of users; userinfo is cached from the first poll
		expect(sim.log.filter((e) => e.path.includes('/groups'))).toHaveLength(0);
	});
});

describe('each change comes out exactly once, with before and after', () => {
	it('reports every kind of administrator change once, then nothing', async () => {
		const t = trigger({ options: { personalData: 'values' } });
		await t.poll();
		await adminChanges(sim, [
			{
				user: SEED_USERS.activeSalesEngineer.email,
				set: { jobTitle: 'Sales Lead', company: 'Acme EU' },
			},
			{
				user: SEED_USERS.legalReviewer.userId,
				set: {
					firstName: 'William',
					userName: 'William Brennan',
					email: 'william.brennan@acme.example',
				},
			},
			{ user: SEED_USERS.adminAlan.email, profile: 'DocuSign Viewer' },
			{ user: SEED_USERS.pending.email, addGroups: ['Finance'], removeGroups: ['Human Resources'] },
			{ user: SEED_USERS.rehiredActive.userId, status: 'Closed' },
			{ user: SEED_USERS.closed.email, status: 'Active' },
			{
				create: {
					userName: 'Mallory Shadow',
					email: 'mallory@acme.example',
					firstName: 'Mallory',
					lastName: 'Shadow',
					profile: 'Account Administrator',
					groups: ['Finance'],
				},
			},
		]);

		const { items } = await t.poll();
		expect(summary(items)).toEqual(
			[
				'groupMembershipChanged priya.shah@acme.example',
				'permissionProfileChanged alan.turner@acme.example',
				'statusChanged chris.walker@acme.example',
				'statusChanged eve.johnson@acme.example',
				'userCreated mallory@acme.example',
				'userUpdated sofia.martinez@acme.example',
				'userUpdated william.brennan@acme.example',
			].sort(),
		);
		const byEvent = (event: string, email: string) =>
			items!.find((i) => i.event === event && (i.user as IDataObject).email === email)!;
		expect(byEvent('userUpdated', 'sofia.martinez@acme.example').changes).toEqual({
			jobTitle: { before: 'Sales Engineer', after: 'Sales Lead' },
			company: { before: expect.any(String), after: 'Acme EU' },
		});
		expect(byEvent('userUpdated', 'william.brennan@acme.example').changes).toEqual({
			userName: { before: 'Liam Brennan', after: 'William Brennan' },
			firstName: { before: 'Liam', after: 'William' },
			email: { before: 'liam.brennan@acme.example', after: 'william.brennan@acme.example' },
		});
		expect(byEvent('permissionProfileChanged', 'alan.turner@acme.example').changes).toEqual({
			permissionProfile: {
				before: { id: '1665536', name: 'Account Administrator' },
				after: { id: '1665538', name: 'DocuSign Viewer' },
			},
		});
		expect(byEvent('groupMembershipChanged', 'priya.shah@acme.example').changes).toEqual({
			groups: {
				added: ['Finance'],
				removed: ['Human Resources'],
				before: ['Human Resources'],
				after: ['Finance'],
			},
		});
		const closed = byEvent('statusChanged', 'eve.johnson@acme.example');
		expect(closed).toMatchObject({
			transition: 'closed',
			changes: { status: { before: 'Active', after: 'Closed' } },
		});
		expect(byEvent('statusChanged', 'chris.walker@acme.example')).toMatchObject({
			transition: 'activated',
			changes: { status: { before: 'Closed', after: 'Active' } },
		});
		const created = byEvent('userCreated', 'mallory@acme.example');
		expect(created.user).toMatchObject({
			userName: 'Mallory Shadow',
			status: 'ActivationSent',
			permissionProfile: { name: 'Account Administrator' },
			groups: [{ id: sim.groupByName('Finance')!.groupId, name: 'Finance' }],
			isAdmin: true,
		});
		for (const item of items!)
			expect(item).toMatchObject({
				accountId: sim.defaultAccountId,
				detectedAt: expect.any(String),
			});

		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	it('reports one user with several kinds of change as one item per event', async () => {
		const t = trigger({ options: { personalData: 'values' } });
		await t.poll();
		await adminChanges(sim, [
			{
				user: SEED_USERS.activeSalesEngineer.email,
				set: { lastName: 'Martinez-Ruiz' },
				profile: 'HR Sender',
				removeGroups: ['Sales'],
				status: 'Closed',
			},
		]);
		const { items } = await t.poll();
		expect(items!.map((i) => i.event)).toEqual([
			'userUpdated',
			'statusChanged',
			'permissionProfileChanged',
			'groupMembershipChanged',
		]);
		expect(items![0].changes).toEqual({ lastName: { before: 'Martinez', after: 'Martinez-Ruiz' } });
	});

	it('finds a change on page 2 of 3 and reads all three pages on every poll', async () => {
		sim.reset({ extraUsers: 250 - 59 });
		const t = trigger({ events: ['userUpdated'] });
		await t.poll();
		const onPage2 = sim.users()[149];
		await adminChanges(sim, [
			{ user: onPage2.userId, set: { jobTitle: 'Moved to page-2 duties' } },
		]);
		sim.clearLog();
		const { items } = await t.poll();
		expect(items).toHaveLength(1);
		expect(items![0]).toMatchObject({
			event: 'userUpdated',
			user: { id: onPage2.userId },
			changes: { jobTitle: { after: 'Moved to page-2 duties' } },
		});
		const pages = sim.log
			.filter((e) => e.method === 'GET' && /\/users$/.test(e.path))
			.map((e) => e.query.start_position);
		expect(pages.sort()).toEqual(['0', '100', '200']);
		expect((await t.poll()).items).toBeNull();
	});

	it('keeps a user that is missing from one listing and reports nothing for it', async () => {
		const t = trigger();
		await t.poll();
		// The last page comes back short once (a listing that shifted under the poll).
		const last = sim.users().at(-1)!;
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { status: 200, body: { users: [], resultSetSize: '0', totalSetSize: '0' } },
		});
		expect((await t.poll()).items).toBeNull();
		await adminChanges(sim, [{ user: last.userId, set: { company: 'Still here' } }]);
		const { items } = await t.poll();
		expect(summary(items)).toEqual([`userUpdated ${last.email}`]);
	});
});

describe('filters', () => {
	const someChanges = () =>
		adminChanges(sim, [
			{ user: SEED_USERS.activeSalesEngineer.email, status: 'Closed' },
			{ user: SEED_USERS.pending.email, set: { jobTitle: 'HR Lead' } },
			{ user: SEED_USERS.adminBarbara.email, removeGroups: ['Finance'] },
			{ user: SEED_USERS.legalReviewer.email, profile: 'DocuSign Sender' },
		]);

	it('Events: only the chosen events', async () => {
		const t = trigger({ events: ['permissionProfileChanged'] });
		await t.poll();
		await someChanges();
		expect(summary((await t.poll()).items)).toEqual([
			'permissionProfileChanged liam.brennan@acme.example',
		]);
	});

	it('Status: users who were or are in the status', async () => {
		const t = trigger({ filters: { statuses: ['Closed', 'ActivationSent'] } });
		await t.poll();
		await someChanges();
		expect(summary((await t.poll()).items)).toEqual([
			'statusChanged sofia.martinez@acme.example',
			'userUpdated priya.shah@acme.example',
		]);
	});

	it('Group: users who were or are in the group, by name or ID, reading only that group without group events', async () => {
		const finance = sim.groupByName('Finance')!.groupId;
		const t = trigger({
			events: ['userUpdated', 'statusChanged', 'permissionProfileChanged'],
			filters: { groups: [finance] },
		});
		await t.poll();
		await adminChanges(sim, [
			{ user: SEED_USERS.adminBarbara.email, set: { jobTitle: 'CFO' } },
			{ user: SEED_USERS.activationRequired.email, status: 'Active' },
			{ user: SEED_USERS.legalReviewer.email, profile: 'DocuSign Sender' },
		]);
		sim.clearLog();
		expect(summary((await t.poll()).items)).toEqual([
			'statusChanged ravi.kumar@acme.example',
			'userUpdated barbara.lang@acme.example',
		]);
		expect(
			sim.log.filter((e) => /\/groups\/[^/]+\/users$/.test(e.path)).map((e) => e.path),
		).toEqual([expect.stringContaining(`/groups/${finance}/users`)]);

		const byName = trigger({ filters: { groups: '={{ "finance" }}' } });
		await byName.poll();
		await adminChanges(sim, [
			{ user: SEED_USERS.adminBarbara.email, removeGroups: ['Finance'] },
			{ user: SEED_USERS.pending.email, set: { company: 'X' } },
		]);
		expect(summary((await byName.poll()).items)).toEqual([
			'groupMembershipChanged barbara.lang@acme.example',
		]);
	});

	it('an unknown group or event is an error that names the parameter and lists the valid values', async () => {
		await expect(trigger({ filters: { groups: ['Salse'] } }).poll()).rejects.toMatchObject({
			message:
				'The parameter "Filters > Group Names or IDs" names no custom group of this account: "Salse"',
			description: expect.stringContaining('Sales, Engineering'),
		});
		await expect(trigger({ events: ['userDeleted'] }).poll()).rejects.toMatchObject({
			message: 'The parameter "Events" contains an unknown value: "userDeleted"',
		});
		await expect(trigger({ events: [] }).poll()).rejects.toMatchObject({
			message: 'The parameter "Events" is empty',
		});
		await expect(
			trigger({ options: { emitExistingOnFirstPoll: 'yes' } }).poll(),
		).rejects.toMatchObject({
			message: expect.stringContaining(
				'"Options > Emit Existing Users on First Poll" is "yes", not true or false',
			),
		});
	});

	it('the whole-number options take the shared number check: a fraction or a value out of range names the option and its range', async () => {
		await expect(trigger({ options: { reconcileHours: 1.5 } }).poll()).rejects.toMatchObject({
			message: expect.stringContaining(
				'"Options > Full Reconciliation Every (Hours)" is 1.5, outside 1 to 168',
			),
			description: 'Pick a whole number from 1 to 168.',
		});
		await expect(trigger({ options: { maxCallsPerHour: '=abc' } }).poll()).rejects.toMatchObject({
			message: expect.stringContaining('"Options > Max API Calls per Hour" is "abc", not a number'),
		});
		// An expression's text of digits is a number.
		await expect(
			trigger({ options: { maxCallsPerHour: '={{ "500" }}' } }).poll(),
		).resolves.toBeDefined();
	});

	it('of several wrong parameters, the first the editor shows is reported (Group Names or IDs before Status, Max API Calls before Personal Data)', async () => {
		await expect(
			trigger({ filters: { statuses: ['Bogus'], groups: [{ id: 1 }] } }).poll(),
		).rejects.toMatchObject({
			message: 'The parameter "Filters > Group Names or IDs" contains an object',
		});
		await expect(
			trigger({ options: { personalData: 'all', maxCallsPerHour: 1 } }).poll(),
		).rejects.toMatchObject({
			message: expect.stringContaining('"Options > Max API Calls per Hour"'),
		});
	});
});

describe('state', () => {
	it('keeps no names or e-mails by default: User Updated names the field and its new value', async () => {
		const t = trigger();
		await t.poll();
		const saved = t.savedStaticData;
		for (const user of sim.users()) {
			expect(saved).not.toContain(user.email.split('@')[0]);
			expect(saved).not.toContain(user.userName);
			if (user.jobTitle) expect(saved).not.toContain(user.jobTitle);
		}
		await adminChanges(sim, [
			{ user: SEED_USERS.activeSalesEngineer.email, set: { lastName: 'Martinez-Ruiz' } },
			{
				user: SEED_USERS.legalReviewer.email,
				set: { userName: 'Liam B.', jobTitle: 'Chief Counsel' },
			},
		]);
		const { items } = await t.poll();
		const changes = new Map(items!.map((i) => [(i.user as IDataObject).email, i.changes]));
		expect(changes).toEqual(
			new Map([
				[
					'liam.brennan@acme.example',
					{ userName: { after: 'Liam B.' }, jobTitle: { after: 'Chief Counsel' } },
				],
				['sofia.martinez@acme.example', { lastName: { after: 'Martinez-Ruiz' } }],
			]),
		);
		expect(
			items!.find((i) => (i.user as IDataObject).email === 'sofia.martinez@acme.example'),
		).toMatchObject({
			summary: 'Sofia Martinez (sofia.martinez@acme.example): last name changed',
		});
		expect((await t.poll()).items).toBeNull();
	});

	it('keeps no personal field at all without User Updated, and re-records them silently when it is turned on', async () => {
		const t = trigger({ events: ['statusChanged'] });
		await t.poll();
		const state = JSON.parse(t.savedStaticData)['node:DocuSign Trigger'].accounts[
			sim.defaultAccountId
		];
		// ID (22 characters) and one status-and-profile reference: nothing else per user.
		expect(state.u).toHaveLength(23 * sim.users().length);
		await adminChanges(sim, [{ user: SEED_USERS.adminAlan.email, set: { jobTitle: 'Chief' } }]);
		t.parameters = { events: ['statusChanged', 'userUpdated'] };
		expect((await t.poll()).items).toBeNull();
		await adminChanges(sim, [
			{ user: SEED_USERS.adminAlan.email, set: { jobTitle: 'Chief Architect' } },
		]);
		expect(summary((await t.poll()).items)).toEqual(['userUpdated alan.turner@acme.example']);
	});

	it('drops a user DocuSign no longer knows once it is reported as removed', async () => {
		const t = trigger({ events: ['statusChanged'] });
		await t.poll();
		const leaving = sim.users().at(-1)!;
		sim.forgetUser(leaving.userId);
		const { items } = await t.poll();
		expect(items).toEqual([
			expect.objectContaining({
				event: 'statusChanged',
				transition: 'removed',
				changes: { status: { before: leaving.status, after: null } },
				user: { id: leaving.userId, accountId: sim.defaultAccountId },
			}),
		]);
		const state = JSON.parse(t.savedStaticData)['node:DocuSign Trigger'].accounts[
			sim.defaultAccountId
		];
		expect(decodeState(state)!.users.size).toBe(sim.users().length);
		expect((await t.poll()).items).toBeNull();
	});

	it('is kept per account', async () => {
		const t = new TriggerUnderTest(sim, { events: ALL_EVENTS }, () =>
			credentialFor(sim, { accountId: SANDBOX_ACCOUNT_ID }),
		);
		const sandboxUser = sim.users(SANDBOX_ACCOUNT_ID)[1];
		await t.poll();
		await adminChanges(
			sim,
			[{ user: sandboxUser.userId, set: { jobTitle: 'Sandbox tester' } }],
			SANDBOX_ACCOUNT_ID,
		);
		await adminChanges(sim, [
			{ user: SEED_USERS.adminAlan.email, set: { jobTitle: 'Not watched' } },
		]);
		const { items } = await t.poll();
		expect(summary(items)).toEqual([`userUpdated ${sandboxUser.email}`]);
		expect(Object.keys(JSON.parse(t.savedStaticData)['node:DocuSign Trigger'].accounts)).toEqual([
			SANDBOX_ACCOUNT_ID,
		]);
	});

	it('watches the account the Account parameter names, with the credential of another', async () => {
		const t = trigger({
			events: ['userUpdated'],
			account: { __rl: true, mode: 'id', value: SANDBOX_ACCOUNT_ID },
		});
		await t.poll();
		const sandboxUser = sim.users(SANDBOX_ACCOUNT_ID)[1];
		await adminChanges(
			sim,
			[{ user: sandboxUser.userId, set: { jobTitle: 'Sandbox tester' } }],
			SANDBOX_ACCOUNT_ID,
		);
		expect(summary((await t.poll()).items)).toEqual([`userUpdated ${sandboxUser.email}`]);
		expect(Object.keys(JSON.parse(t.savedStaticData)['node:DocuSign Trigger'].accounts)).toEqual([
			SANDBOX_ACCOUNT_ID,
		]);
		await expect(
			trigger({ account: { __rl: true, mode: 'id', value: '12345' } }).poll(),
		).rejects.toMatchObject({
			message: 'The parameter "Account" "12345" is an account number, not an API Account ID',
			description: expect.stringContaining('Settings > Apps and Keys'),
		});
	});

	it('re-records memberships silently when the watched groups change (no false group events)', async () => {
		const t = trigger({ events: ['userUpdated'] });
		await t.poll();
		t.parameters = { events: ALL_EVENTS };
		expect((await t.poll()).items).toBeNull();
		await adminChanges(sim, [{ user: SEED_USERS.adminAlan.email, addGroups: ['Legal'] }]);
		expect(summary((await t.poll()).items)).toEqual([
			'groupMembershipChanged alan.turner@acme.example',
		]);
	});

	it('a failed poll keeps the last state, so the change comes out on the next good poll', async () => {
		const t = trigger();
		await t.poll();
		await adminChanges(sim, [{ user: SEED_USERS.adminAlan.email, profile: 'HR Sender' }]);
		sim.addFault({
			method: 'GET',
			path: '/groups/[^/]+/users$',
			times: 10,
			action: { status: 400, errorCode: 'INVALID_REQUEST_PARAMETER' },
		});
		await expect(t.poll()).rejects.toThrow();
		sim.clearFaults();
		expect(summary((await t.poll()).items)).toEqual([
			'permissionProfileChanged alan.turner@acme.example',
		]);
	});
});

describe('manual test run (Fetch Test Event)', () => {
	it('shows a sample on the baseline and writes no state; real changes once a state exists', async () => {
		const t = trigger();
		const manual = await t.poll('manual');
		expect(manual.items).toHaveLength(1);
		// A made-up change of the first watched event that has `changes` (User Updated here), on a real user.
		expect(manual.items![0]).toMatchObject({
			event: 'userUpdated',
			sample: true,
			summary: expect.stringMatching(/^Sample: .+: job title changed$/),
			user: { id: expect.any(String) },
			changes: { jobTitle: { after: expect.any(String) } },
		});
		expect(manual.calls).toBe(2); // userinfo and one user
		expect(manual.saved).toBe(false);

		expect((await t.poll()).items).toBeNull();
		await adminChanges(sim, [{ user: SEED_USERS.adminAlan.email, status: 'Closed' }]);
		expect(summary((await t.poll('manual')).items)).toEqual([
			'statusChanged alan.turner@acme.example',
		]);
		// The manual run did not consume it: the active workflow still gets it, once.
		expect(summary((await t.poll()).items)).toEqual(['statusChanged alan.turner@acme.example']);
		expect((await t.poll()).items).toBeNull();
	});
});

describe('token containment', () => {
	it("refuses an account whose base_uri is not the credential's host, before any user is read", async () => {
		sim.setBaseUri(sim.defaultAccountId, 'https://attacker.example');
		const t = trigger();
		await expect(t.poll()).rejects.toMatchObject({
			message:
				'Refused to send the access token to https://attacker.example: it is not a DocuSign API host',
		});
		expect(sim.log.map((e) => e.path)).toEqual(['/oauth/userinfo']);
		expect(t.savedStaticData).toBe('{}');
	});
});
