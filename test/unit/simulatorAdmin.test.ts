/** The simulator's Admin API: its own rate-limit window per organization, scopes from the token, Admin-style errors. */
import type { Simulator } from '../simulator';
import { seedData, startSimulator } from '../simulator';
import { adminChanges } from '../support';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator({ port: 0 })));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());
// configure() survives reset(): each test starts with DocuSign's default limits.
afterEach(() => sim.configure({ rateLimits: { hourlyLimit: 3000, burstLimit: 500 } }));

const get = async (path: string, token: string) => {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		headers: { Authorization: `Bearer ${token}` },
	});
	return {
		status: response.status,
		headers: response.headers,
		json: (await response.json()) as Record<string, unknown>,
	};
};
const list = `/Management/v2/organizations/${seedData.ORGANIZATION_ID}/users?email=${encodeURIComponent(seedData.ADA.email)}`;

test('the organization has its own burst window: over it a 429 in the Admin error shape, eSignature unaffected', async () => {
	sim.configure({ rateLimits: { burstLimit: 2 } });
	const token = sim.issueTokens({ scope: 'signature extended user_read' }).access_token;
	const first = await get(list, token);
	expect(first.status).toBe(200);
	expect(first.headers.get('x-burstlimit-remaining')).toBe('1');
	expect((await get(list, token)).status).toBe(200);
	const refused = await get(list, token);
	expect(refused).toMatchObject({
		status: 429,
		json: { error: 'BURST_APIINVOCATION_LIMIT_EXCEEDED' },
	});
	expect(
		(await get(`/restapi/v2.1/accounts/${seedData.DEFAULT_ACCOUNT_ID}/users?count=1`, token))
			.status,
	).toBe(200);
	expect(sim.contract.violations).toEqual([]);
});

test("a token without the route's scope gets 403 insufficient_scope; a wrong organization 404", async () => {
	const token = sim.issueTokens().access_token;
	expect(await get(list, token)).toMatchObject({
		status: 403,
		json: { error: 'insufficient_scope' },
	});
	const scoped = sim.issueTokens({ scope: 'user_read' }).access_token;
	expect(
		(
			await get(
				list.replace(seedData.ORGANIZATION_ID, '00000000-0000-4000-8000-000000000000'),
				scoped,
			)
		).status,
	).toBe(404);
	expect(sim.contract.violations).toEqual([]);
});

test('a user is visible through both APIs with the same ID and its membership ID', async () => {
	const token = sim.issueTokens({ scope: 'user_read' }).access_token;
	const { json } = await get(`${list}&account_id=${seedData.DEFAULT_ACCOUNT_ID}`, token);
	const ada = sim.userById(seedData.ADA.userId)!;
	expect(json.users).toEqual([
		expect.objectContaining({
			id: ada.userId,
			membership_id: ada.membershipId,
			membership_status: 'active',
			email: ada.email,
		}),
	]);
	expect(json.paging).toMatchObject({ total_set_size: 1, result_set_size: 1 });
});

test("Admin calls count against the account's hourly window (every app of the account shares it), the burst window stays the organization's", async () => {
	sim.configure({ rateLimits: { hourlyLimit: 3, burstLimit: 100 } });
	const token = sim.issueTokens({ scope: 'signature extended user_read' }).access_token;
	const esignature = `/restapi/v2.1/accounts/${seedData.DEFAULT_ACCOUNT_ID}/users?count=1`;
	expect((await get(esignature, token)).status).toBe(200);
	const admin = await get(`${list}&account_id=${seedData.DEFAULT_ACCOUNT_ID}`, token);
	expect(admin.status).toBe(200);
	expect(admin.headers.get('x-ratelimit-remaining')).toBe('1');
	// Its own burst window: the account's burst count (1 call) is not the organization's (1 call).
	expect(admin.headers.get('x-burstlimit-remaining')).toBe('99');
	expect((await get(esignature, token)).status).toBe(200);
	expect(await get(`${list}&account_id=${seedData.DEFAULT_ACCOUNT_ID}`, token)).toMatchObject({
		status: 429,
		json: { error: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' },
	});
	// The other account's hour is untouched.
	expect((await get(`${list}&account_id=${seedData.SANDBOX_ACCOUNT_ID}`, token)).status).toBe(200);
});

describe('Admin switches', () => {
	const token = () => sim.issueTokens({ scope: 'user_read' }).access_token;
	const closed = seedData.SEED_USERS.closed;
	const byEmail = (email: string, extra = '') =>
		`/Management/v2/organizations/${seedData.ORGANIZATION_ID}/users?email=${encodeURIComponent(email)}&account_id=${seedData.DEFAULT_ACCOUNT_ID}${extra}`;
	const profile = (email: string) =>
		`/Management/v2/organizations/${seedData.ORGANIZATION_ID}/users/profile?email=${encodeURIComponent(email)}`;
	afterEach(() =>
		sim.configure({ behaviour: { adminMembershipId: 'listed', adminClosedMemberships: 'listed' } }),
	);

	test('adminMembershipId: listed / profileOnly / nowhere', async () => {
		const membershipId = sim.userById(closed.userId)!.membershipId;
		for (const [value, listed, inProfile] of [
			['listed', membershipId, membershipId],
			['profileOnly', null, membershipId],
			['nowhere', null, undefined],
		] as const) {
			sim.configure({ behaviour: { adminMembershipId: value } });
			const list = (await get(byEmail(closed.email), token())).json.users as Array<
				Record<string, unknown>
			>;
			expect(list[0].membership_id).toBe(listed);
			const users = (await get(profile(closed.email), token())).json.users as Array<{
				memberships: Array<Record<string, unknown>>;
			}>;
			expect(users[0].memberships[0].id).toBe(inProfile);
		}
	});

	test('adminClosedMemberships omitted: a closed membership is listed only when membership_status asks for it', async () => {
		sim.configure({ behaviour: { adminClosedMemberships: 'omitted' } });
		expect((await get(byEmail(closed.email), token())).json.users).toEqual([]);
		const asked = (await get(byEmail(closed.email, '&membership_status=closed'), token())).json
			.users as unknown[];
		expect(asked).toHaveLength(1);
		expect(sim.contract.violations).toEqual([]);
	});
});

describe('last_modified_since', () => {
	beforeEach(() => sim.configure({ rateLimits: { burstLimit: 500 } }));
	const since = (iso: string, extra = '') =>
		`/Management/v2/organizations/${seedData.ORGANIZATION_ID}/users?account_id=${seedData.DEFAULT_ACCOUNT_ID}&last_modified_since=${encodeURIComponent(iso)}${extra}`;
	const { SEED_USERS } = seedData;
	const edits = [
		{ user: SEED_USERS.activeSalesEngineer.email, set: { jobTitle: 'Lead' } },
		{ user: SEED_USERS.adminAlan.email, status: 'Closed' },
		{ user: SEED_USERS.legalReviewer.email, profile: 'DocuSign Viewer' },
		{ user: SEED_USERS.pending.email, addGroups: ['Finance'] },
		{ create: { userName: 'New One', email: 'new.one@acme.example' } },
	];
	const emails = async (token: string, from: string) =>
		((await get(since(from), token)).json.users as Array<{ email: string }>)
			.map((u) => u.email)
			.sort();

	test('lists the users changed since the time, one switch per kind of change', async () => {
		const token = sim.issueTokens({ scope: 'user_read' }).access_token;
		const from = new Date(Date.now() - 1000).toISOString();
		expect(await emails(token, from)).toEqual([]);
		await adminChanges(sim, edits);
		const all = [
			'alan.turner@acme.example',
			'liam.brennan@acme.example',
			'new.one@acme.example',
			'priya.shah@acme.example',
			'sofia.martinez@acme.example',
		];
		expect(await emails(token, from)).toEqual(all);
		const off: Array<[string, string]> = [
			['modifiedSinceProfile', 'sofia.martinez@acme.example'],
			['modifiedSinceStatus', 'alan.turner@acme.example'],
			['modifiedSincePermissionProfile', 'liam.brennan@acme.example'],
			['modifiedSinceGroups', 'priya.shah@acme.example'],
			['modifiedSinceNewUsers', 'new.one@acme.example'],
		];
		for (const [name, hidden] of off) {
			sim.configure({ behaviour: { [name]: false } });
			expect(await emails(token, from)).toEqual(all.filter((e) => e !== hidden));
			sim.configure({ behaviour: { [name]: true } });
		}
		// Later than every change: nobody.
		expect(await emails(token, new Date(Date.now() + 1000).toISOString())).toEqual([]);
		expect(sim.contract.violations).toEqual([]);
	});

	test('refuses a date it cannot read, and the filter without an account or domain', async () => {
		const token = sim.issueTokens({ scope: 'user_read' }).access_token;
		expect((await get(since('yesterday'), token)).status).toBe(400);
		const noAccount = `/Management/v2/organizations/${seedData.ORGANIZATION_ID}/users?email=${encodeURIComponent(seedData.ADA.email)}&last_modified_since=2026-01-01T00:00:00Z`;
		expect((await get(noAccount, token)).status).toBe(400);
	});
});
