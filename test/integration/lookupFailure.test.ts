/**
 * One user's read fails (DocuSign refuses GET /users/{id} for that user, or never answers it): that
 * is that item's failure. Under Continue On Fail the other items carry on, each output paired with
 * its input and the failed item carrying `error`; without it, the run's error names the item.
 */
import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { rl, runNode, useSimulator } from '../support';

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
