/**
 * One user's read fails (DocuSign refuses GET /users/{id} for that user, or never answers it): that
 * is that item's failure. Under Continue On Fail the other items carry on, each output paired with
 * its input and the failed item carrying `error`; without it, the run's error names the item.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminCredentialFor,
	createFromItems,
	createImmediately,
	joiner,
	rl,
	runNode,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;
const liam = SEED_USERS.legalReviewer;

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** Every read of this user by ID is refused (not a code the node retries or takes as "no such user"). */
const refuseReadsOf = (userId: string) =>
	sim.addFault({
		method: 'GET',
		path: `/users/${userId}$`,
		times: 100,
		action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
	});

const byId = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation,
	user: rl('id', '={{ $json.id }}'),
	...extra,
});

const items = [{ id: sofia.userId }, { id: liam.userId }];

describe('Get', () => {
	test('Continue On Fail: the user read fine comes out, the other carries the error; both paired', async () => {
		refuseReadsOf(liam.userId);
		const result = await runNode(sim, { items, parameters: byId('get'), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0]).toMatchObject({ id: sofia.userId });
		expect(result.json[0].error).toBeUndefined();
		expect(String(result.json[1].error)).toMatch(/\[item 1\]/);
	});

	test('without Continue On Fail: the error names the item whose read failed', async () => {
		refuseReadsOf(liam.userId);
		const result = await runNode(sim, { items, parameters: byId('get') });
		expect(result.error?.message).toMatch(/\[item 1\]$/);
	});
});

test('Close, Continue On Fail: the user read fine is closed, the other item fails alone', async () => {
	refuseReadsOf(liam.userId);
	const statusBefore = sim.userById(liam.userId)!.status;
	const result = await runNode(sim, { items, parameters: byId('suspend'), continueOnFail: true });
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.json[0]).toMatchObject({ action: 'suspend', changed: true });
	expect(sim.userById(sofia.userId)!.status).toBe('Closed');
	expect(String(result.json[1].error)).toMatch(/\[item 1\]/);
	expect(sim.userById(liam.userId)!.status).toBe(statusBefore);
});

test('Create or Update, Continue On Fail: a failed search by e-mail fails that item only; the other is updated', async () => {
	// The first of the two searches by e-mail is refused (the two go out together: either may be first).
	sim.addFault({
		method: 'GET',
		path: '/users$',
		action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
	});
	const result = await runNode(sim, {
		items: [sofia, liam].map((u) => ({
			email: u.email,
			first: 'Jo',
			last: 'Doe',
			role: 'DocuSign Sender',
			groups: 'Sales',
		})),
		parameters: {
			resource: 'user',
			operation: 'upsert',
			email: '={{ $json.email }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			permissionProfile: '={{ $json.role }}',
			groups: '={{ $json.groups }}',
			options: { groupSync: 'add' },
		},
		continueOnFail: true,
	});
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const failed = result.json.findIndex((j) => j.error !== undefined);
	expect(failed).toBeGreaterThanOrEqual(0);
	expect(String(result.json[failed].error)).toContain(`[item ${failed}]`);
	const other = result.json[1 - failed];
	expect(other.error).toBeUndefined();
	expect(other).toMatchObject({ action: 'update', email: [sofia, liam][1 - failed].email });
	expect(sim.count({ method: 'POST' })).toBe(0);
});

/** Every search by this e-mail after the first `skip` is refused (the write engine's re-reads look users up by e-mail). */
const refuseSearchesFor = (email: string, skip = 0) =>
	sim.addFault({
		method: 'GET',
		path: '/users$',
		query: { email: `^${email.replace(/[.+]/g, '\\$&')}$` },
		skip,
		times: 100,
		action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
	});

const writesFor = (userId: string) =>
	writesOf(sim).filter(
		(e) => JSON.stringify(e.body ?? '').includes(userId) || e.path.includes(userId),
	);

describe('the write engine: one failed re-read fails only the item naming that user', () => {
	test('Create or Update, a user created meanwhile: the other raced item is updated, the one whose re-read failed fails alone, nothing written for it', async () => {
		const [first, second] = [joiner(1), joiner(2)];
		// A rival creates both between our lookup and our POST: both continue as updates from a re-read.
		sim.addFault({ method: 'POST', path: '/users$', action: { concurrentCreate: {} } });
		// The lookup before the POST reads joiner2 once; the re-read after it is refused.
		refuseSearchesFor(second.email as string, 1);
		const result = await runNode(sim, {
			items: [first, second],
			parameters: upsertFromItems({ groupSync: 'add' }),
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ email: first.email, action: 'update' });
		expect(String(result.json[1].error)).toMatch(/\[item 1\]$/);
		expect(writesFor(sim.userByEmail(second.email as string)!.userId)).toEqual([]);
	});

	test('Create, an unknown outcome: the user the reconciling read finds is `create`, the one whose read failed stays unknown and is not sent again', async () => {
		const [first, second] = [joiner(1), joiner(2)];
		sim.addFault({ method: 'POST', path: '/users$', action: { drop: 'after' } });
		refuseSearchesFor(second.email as string);
		const result = await runNode(sim, {
			items: [first, second],
			parameters: createFromItems(),
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ email: first.email, action: 'create' });
		expect(String(result.json[1].error)).toMatch(
			new RegExp(`^DocuSign may or may not have created ${second.email}.*\\[item 1\\]$`),
		);
		expect(writesOf(sim).filter((e) => e.method === 'POST')).toHaveLength(1);
	});

	describe('Create with Activate Immediately', () => {
		const createNew = async (items: IDataObject[]) =>
			await runNode(sim, {
				items,
				parameters: createImmediately(),
				credential: adminCredentialFor(sim),
				continueOnFail: true,
			});

		test('a failed existence check fails that item only; the other user is created', async () => {
			const [first, second] = [
				joiner('ivy.active@acme.example'),
				joiner('ian.active@acme.example'),
			];
			refuseSearchesFor(second.email as string);
			const result = await createNew([first, second]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(result.json[0].error).toBeUndefined();
			expect(result.json[0]).toMatchObject({
				email: first.email,
				action: 'create',
				status: 'Active',
			});
			expect(String(result.json[1].error)).toMatch(/\[item 1\]$/);
			expect(sim.userByEmail(second.email as string)).toBeUndefined();
		});

		test('existing users: the one read back is `exists`, the one whose read failed fails alone', async () => {
			// The existence check reads Liam once; reading him back for the output is refused.
			refuseSearchesFor(liam.email, 1);
			const result = await createNew([joiner(sofia.email), joiner(liam.email)]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(result.json[0].error).toBeUndefined();
			expect(result.json[0]).toMatchObject({ email: sofia.email, action: 'exists' });
			expect(String(result.json[1].error)).toMatch(
				new RegExp(
					`^DocuSign says a user with the email ${liam.email} already exists, but it could not be read.*\\[item 1\\]$`,
				),
			);
			expect(writesOf(sim)).toEqual([]);
		});

		test('created users: the one read back is `create`, the one whose read failed says it was created', async () => {
			const [first, second] = [
				joiner('ivy.active@acme.example'),
				joiner('ian.active@acme.example'),
			];
			// The two reads back go out together: either may be the one refused.
			sim.addFault({
				method: 'GET',
				path: '/restapi/.*/users/[^/]+$',
				action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
			});
			const result = await createNew([first, second]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const failed = result.json.findIndex((j) => j.error !== undefined);
			expect(failed).toBeGreaterThanOrEqual(0);
			const [failedEmail, otherEmail] =
				failed === 0 ? [first.email, second.email] : [second.email, first.email];
			expect(String(result.json[failed].error)).toMatch(
				new RegExp(
					`^DocuSign created ${String(failedEmail)} \\(user ID .*\\) but the user could not be read back.*\\[item ${failed}\\]$`,
				),
			);
			const other = result.json[1 - failed];
			expect(other.error).toBeUndefined();
			expect(other).toMatchObject({ email: otherEmail, action: 'create', activation: 'immediate' });
			expect(sim.userByEmail(String(failedEmail))).toBeDefined();
		});
	});

	test('Activate, a reopen answered without a status: the other user is reopened; the one whose re-read failed says its reopen was sent and its status is unknown', async () => {
		const chris = SEED_USERS.closed;
		const nina = SEED_USERS.closedNeverActive;
		// DocuSign answers Chris's reopen without a status (and leaves him as he was); reading him back is refused.
		sim.addFault({
			method: 'PUT',
			path: `/users/${chris.userId}$`,
			action: { status: 200, body: { userId: chris.userId } },
		});
		sim.addFault({
			method: 'GET',
			path: `/users/${chris.userId}$`,
			skip: 1,
			times: 100,
			action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
		});
		const result = await runNode(sim, {
			items: [{ id: nina.userId }, { id: chris.userId }],
			parameters: byId('activate', { options: {} }),
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ id: nina.userId, action: 'activate' });
		expect(String(result.json[1].error)).toMatch(
			new RegExp(
				`^DocuSign accepted the reopen of ${chris.email} \\(user ID ${chris.userId}\\) but reading the user back failed.*\\[item 1\\]$`,
			),
		);
		expect(String(result.json[1].description)).toMatch(/whether the user is open now is unknown/);
	});
});
