/**
 * DocuSign Trigger with Organization Admin Access (issue 25): polls read only the users the Admin API lists
 * as modified since the last poll, and a scheduled full reconciliation catches what that list leaves out.
 * What `last_modified_since` covers is undocumented, so every scenario runs under each value of the
 * simulator's `modifiedSince…` switches: no change may be lost, none reported twice, none invented, across
 * incremental polls, a failed poll, a restart and the reconciliation. Engine: n8n-core's PollContext.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DocuSignBehaviour, Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	adminCredentialFor,
	ALL_EVENTS,
	callLine,
	managementCallsOf,
	TriggerUnderTest,
	useSimulator,
} from '../support';

const { SEED_USERS } = seedData;
const NODE = 'node:DocuSign Trigger';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const adminTrigger = (parameters: IDataObject = {}) =>
	new TriggerUnderTest(sim, { events: ALL_EVENTS, ...parameters }, () => adminCredentialFor(sim));

const restapi = () => sim.log.filter((e) => e.path.startsWith('/restapi'));
const key = (i: IDataObject) => `${String(i.event)} ${String((i.user as IDataObject).email)}`;
const keys = (items: IDataObject[] | null) => (items ?? []).map(key).sort();

/** Moves the stored last full read back by two days, as if a day had passed (reconciliation due). */
function ageFullRead(t: TriggerUnderTest): void {
	const data = JSON.parse(t.savedStaticData);
	for (const state of Object.values(data[NODE].accounts) as IDataObject[])
		state.fa = new Date(Date.now() - 2 * 86_400_000).toISOString();
	t.savedStaticData = JSON.stringify(data);
}

/** A trigger that picks up where another left off: a new process with the saved static data. */
function restarted(t: TriggerUnderTest): TriggerUnderTest {
	const again = adminTrigger(t.parameters);
	again.savedStaticData = t.savedStaticData;
	return again;
}

describe('incremental polls', () => {
	it('a quiet poll costs one Admin call; a poll with changes one more per changed user', async () => {
		const t = adminTrigger();
		await t.poll();
		sim.clearLog();
		const quiet = await t.poll();
		expect(quiet.items).toBeNull();
		expect(quiet.calls).toBe(1);
		expect(managementCallsOf(sim)).toEqual([
			expect.objectContaining({
				method: 'GET',
				query: expect.objectContaining({
					account_id: sim.defaultAccountId,
					last_modified_since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
				}),
			}),
		]);

		await adminChanges(sim, [
			{ user: SEED_USERS.adminAlan.email, profile: 'DocuSign Viewer' },
			{ user: SEED_USERS.pending.email, addGroups: ['Finance'] },
		]);
		sim.clearLog();
		const changed = await t.poll();
		expect(keys(changed.items)).toEqual([
			'groupMembershipChanged priya.shah@acme.example',
			'permissionProfileChanged alan.turner@acme.example',
		]);
		for (const item of changed.items!) expect(item.detectedBy).toBe('modifiedList');
		// The modified-since list, then one GET /users/{id} per changed user; nothing else.
		expect(changed.calls).toBe(3);
		expect(restapi().map(callLine)).toEqual(
			expect.arrayContaining([
				`GET /users/${SEED_USERS.adminAlan.userId}`,
				`GET /users/${SEED_USERS.pending.userId}`,
			]),
		);
		// The next poll reads them again (a minute of overlap) and finds nothing new.
		expect((await t.poll()).items).toBeNull();
	});

	it('reads the whole account instead when more users changed than a full read costs', async () => {
		sim.reset({ extraUsers: 300 - 59 });
		const t = adminTrigger({ events: ['userUpdated'] });
		await t.poll();
		const users = sim.users().slice(0, 10);
		await adminChanges(
			sim,
			users.map((u) => ({ user: u.userId, set: { jobTitle: `Title ${u.userId.slice(0, 4)}` } })),
		);
		sim.clearLog();
		const { items, calls } = await t.poll();
		expect(items).toHaveLength(10);
		// A full read of 300 users is 3 pages: 10 single reads would cost more.
		expect(restapi().filter((e) => /\/users$/.test(e.path))).toHaveLength(3);
		expect(calls).toBeLessThanOrEqual(1 + 3);
	});

	it('without Organization Admin Access every poll reads the whole account and never calls the Admin API', async () => {
		const t = new TriggerUnderTest(sim, { events: ['statusChanged'] });
		await t.poll();
		await t.poll();
		expect(managementCallsOf(sim)).toHaveLength(0);
	});
});

/** Each change touches one user with one kind of change, so what a switch hides is known exactly. */
const BEFORE_FAILURE = [
	{
		change: { user: SEED_USERS.activeSalesEngineer.email, set: { jobTitle: 'Sales Lead' } },
		kind: 'modifiedSinceProfile',
		event: 'userUpdated sofia.martinez@acme.example',
	},
	{
		change: { user: SEED_USERS.adminAlan.email, profile: 'DocuSign Viewer' },
		kind: 'modifiedSincePermissionProfile',
		event: 'permissionProfileChanged alan.turner@acme.example',
	},
	{
		change: { user: SEED_USERS.pending.email, addGroups: ['Finance'] },
		kind: 'modifiedSinceGroups',
		event: 'groupMembershipChanged priya.shah@acme.example',
	},
	{
		change: { user: SEED_USERS.rehiredActive.email, status: 'Closed' },
		kind: 'modifiedSinceStatus',
		event: 'statusChanged eve.johnson@acme.example',
	},
	{
		change: {
			create: {
				userName: 'Nora New',
				email: 'nora.new@acme.example',
				firstName: 'Nora',
				lastName: 'New',
			},
		},
		kind: 'modifiedSinceNewUsers',
		event: 'userCreated nora.new@acme.example',
	},
];
const WHILE_DOWN = [
	{
		change: { user: SEED_USERS.legalReviewer.email, set: { lastName: 'Brennan-Ode' } },
		kind: 'modifiedSinceProfile',
		event: 'userUpdated liam.brennan@acme.example',
	},
	{
		change: { user: SEED_USERS.closed.email, status: 'Active' },
		kind: 'modifiedSinceStatus',
		event: 'statusChanged chris.walker@acme.example',
	},
	{
		change: { user: SEED_USERS.adminBarbara.email, removeGroups: ['Finance'] },
		kind: 'modifiedSinceGroups',
		event: 'groupMembershipChanged barbara.lang@acme.example',
	},
	{
		change: { user: SEED_USERS.activationRequired.email, profile: 'HR Sender' },
		kind: 'modifiedSincePermissionProfile',
		event: 'permissionProfileChanged ravi.kumar@acme.example',
	},
];
type Switch = (typeof BEFORE_FAILURE)[number]['kind'];
const SWITCHES: Switch[] = [
	'modifiedSinceProfile',
	'modifiedSinceStatus',
	'modifiedSincePermissionProfile',
	'modifiedSinceGroups',
	'modifiedSinceNewUsers',
];
const VARIANTS: Array<[string, Partial<DocuSignBehaviour>]> = [
	['every kind of change listed (evidence default)', {}],
	...SWITCHES.map((s): [string, Partial<DocuSignBehaviour>] => [`${s} false`, { [s]: false }]),
	['nothing listed at all', Object.fromEntries(SWITCHES.map((s) => [s, false]))],
];

describe.each(VARIANTS)('under the variant: %s', (_name, behaviour) => {
	beforeEach(() =>
		sim.configure({
			behaviour: { ...Object.fromEntries(SWITCHES.map((s) => [s, true])), ...behaviour },
		}),
	);
	afterAll(() => sim.configure({ behaviour: Object.fromEntries(SWITCHES.map((s) => [s, true])) }));
	const listed = (kind: Switch) => (behaviour as Record<string, unknown>)[kind] !== false;

	it('no change is lost, reported twice or invented across incremental polls, a failed poll, a restart and the reconciliation', async () => {
		const t = adminTrigger();
		expect((await t.poll()).items).toBeNull();

		// Incremental poll: exactly the changes the modified-since list reports.
		await adminChanges(
			sim,
			BEFORE_FAILURE.map((c) => c.change as IDataObject),
		);
		const first = await t.poll();
		expect(keys(first.items)).toEqual(
			BEFORE_FAILURE.filter((c) => listed(c.kind as Switch))
				.map((c) => c.event)
				.sort(),
		);

		// A failed poll changes nothing stored.
		const saved = t.savedStaticData;
		await adminChanges(
			sim,
			WHILE_DOWN.map((c) => c.change as IDataObject),
		);
		sim.addFault({
			method: 'GET',
			path: '/Management/v2/organizations/[^/]+/users$',
			action: { status: 400, errorCode: 'INVALID_REQUEST_PARAMETER' },
		});
		await expect(t.poll()).rejects.toThrow();
		sim.clearFaults();
		expect(t.savedStaticData).toBe(saved);

		// A restart: a new process with the saved state reports what changed meanwhile, once.
		const again = restarted(t);
		const second = await again.poll();
		expect(keys(second.items)).toEqual(
			WHILE_DOWN.filter((c) => listed(c.kind as Switch))
				.map((c) => c.event)
				.sort(),
		);
		expect((await again.poll()).items).toBeNull();

		// The reconciliation finds the rest, once, and says so.
		ageFullRead(again);
		const reconciled = await again.poll();
		const missed = [...BEFORE_FAILURE, ...WHILE_DOWN].filter((c) => !listed(c.kind as Switch));
		expect(keys(reconciled.items)).toEqual(missed.map((c) => c.event).sort());
		for (const item of reconciled.items ?? [])
			expect(item).toMatchObject({
				detectedBy: 'fullReconciliation',
				note: expect.stringContaining('scheduled full reconciliation'),
			});

		// Every change exactly once over the whole run; then quiet, incremental and full alike.
		const all = [...keys(first.items), ...keys(second.items), ...keys(reconciled.items)].sort();
		expect(all).toEqual([...BEFORE_FAILURE, ...WHILE_DOWN].map((c) => c.event).sort());
		expect((await again.poll()).items).toBeNull();
		ageFullRead(again);
		expect((await again.poll()).items).toBeNull();
	});
});

describe('DocuSign answering a closed user by ID with USER_LACKS_MEMBERSHIP', () => {
	beforeEach(() => sim.configure({ behaviour: { closedUserById: 'USER_LACKS_MEMBERSHIP' } }));
	afterAll(() => sim.configure({ behaviour: { closedUserById: 'user' } }));

	it('a closed user is found among the closed users and reported once, with no false group change', async () => {
		const t = adminTrigger();
		await t.poll();
		await adminChanges(sim, [{ user: SEED_USERS.rehiredActive.email, status: 'Closed' }]);
		expect(keys((await t.poll()).items)).toEqual(['statusChanged eve.johnson@acme.example']);
		// Read again within the overlap: nothing new.
		expect((await t.poll()).items).toBeNull();
	});
});

describe('call budget', () => {
	it('skips polls that would take the trigger over Max API Calls per Hour, calling nothing', async () => {
		sim.reset({ extraUsers: 300 - 59 });
		const t = new TriggerUnderTest(sim, {
			events: ['statusChanged'],
			options: { maxCallsPerHour: 10 },
		});
		const calls: number[] = [];
		for (let i = 0; i < 6; i++) calls.push((await t.poll()).calls);
		// userinfo + 3 pages, then 3 pages twice (10 in the hour), then skipped polls that make no call.
		expect(calls).toEqual([4, 3, 3, 0, 0, 0]);
		const spent = JSON.parse(t.savedStaticData)[NODE].calls as Array<[number, number]>;
		expect(spent.reduce((sum, [, n]) => sum + n, 0)).toBeLessThanOrEqual(10);
	});

	it('with Admin access postpones a due reconciliation it cannot afford, and keeps polling incrementally', async () => {
		sim.reset({ extraUsers: 600 - 59 });
		const t = adminTrigger({ events: ['statusChanged'], options: { maxCallsPerHour: 10 } });
		expect((await t.poll()).calls).toBe(7); // userinfo + 6 pages
		ageFullRead(t);
		await adminChanges(sim, [{ user: SEED_USERS.adminAlan.email, status: 'Closed' }]);
		sim.clearLog();
		const { items, calls } = await t.poll();
		expect(keys(items)).toEqual(['statusChanged alan.turner@acme.example']);
		expect(calls).toBe(2); // the modified-since list and one user: the 6-page full read did not fit
	});
});
