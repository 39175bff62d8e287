/** The simulator's admin-changes control endpoint: an administrator's edits in DocuSign's web app, between polls. */
import { Simulator, seedData, startSimulator } from '../simulator';

const { SEED_USERS, SANDBOX_ACCOUNT_ID } = seedData;

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const post = async (body: unknown) => {
	const response = await fetch(`${sim.baseUrl}/__control/admin-changes`, {
		method: 'POST',
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as any };
};

const usersApi = async (query: string) => {
	const token = sim.issueTokens().access_token;
	const response = await fetch(
		`${sim.baseUrl}/restapi/v2.1/accounts/${sim.defaultAccountId}/users?${query}`,
		{ headers: { authorization: `Bearer ${token}` } },
	);
	return (await response.json()) as any;
};

it('changes fields, e-mail, profile, groups and status, and the API shows the result', async () => {
	const { status, json } = await post({
		changes: [
			{
				user: SEED_USERS.activeSalesEngineer.email,
				set: { jobTitle: 'Sales Lead', email: 'sofia@acme.example' },
				profile: 'HR Sender',
				addGroups: ['Finance'],
				removeGroups: ['Sales'],
			},
			{ user: SEED_USERS.adminAlan.userId, status: 'Closed' },
		],
	});
	expect(status).toBe(200);
	expect(json.users[0]).toMatchObject({
		email: 'sofia@acme.example',
		permissionProfile: 'HR Sender',
		groups: ['Engineering', 'Finance'],
	});
	const sofia = sim.userById(SEED_USERS.activeSalesEngineer.userId)!;
	expect(sim.userByEmail('sofia@acme.example')?.userId).toBe(sofia.userId);
	expect(sim.userByEmail(SEED_USERS.activeSalesEngineer.email)).toBeUndefined();
	const listed = await usersApi('email=sofia%40acme.example&additional_info=true');
	expect(listed.users[0]).toMatchObject({
		jobTitle: 'Sales Lead',
		permissionProfileName: 'HR Sender',
	});
	expect(sim.userById(SEED_USERS.adminAlan.userId)!.status).toBe('Closed');
	expect(sim.writeCount()).toBe(0);
	expect(sim.log).toHaveLength(1);
});

it('creates a user as the web app does (pending unless a status is given)', async () => {
	const { json } = await post({
		create: {
			userName: 'New Person',
			email: 'new.person@acme.example',
			firstName: 'New',
			lastName: 'Person',
			groups: ['Legal'],
		},
	});
	expect(json.users[0]).toMatchObject({
		status: 'ActivationSent',
		permissionProfile: 'DocuSign Sender',
		groups: ['Legal'],
	});
	const active = await post({
		create: { userName: 'Active Person', email: 'active.person@acme.example', status: 'Active' },
	});
	expect(active.json.users[0].status).toBe('Active');
});

it('works in another account', async () => {
	const sandboxUser = sim.users(SANDBOX_ACCOUNT_ID)[0];
	await post({
		accountId: SANDBOX_ACCOUNT_ID,
		changes: [{ user: sandboxUser.userId, set: { company: 'Sandbox Co' } }],
	});
	expect(sim.userById(sandboxUser.userId, SANDBOX_ACCOUNT_ID)!.company).toBe('Sandbox Co');
});

it.each([
	[
		{ changes: [{ user: 'nobody@acme.example', status: 'Closed' }] },
		'No user "nobody@acme.example"',
	],
	[{ changes: [{ user: SEED_USERS.adminAlan.email, addGroups: ['Everyone'] }] }, 'built-in group'],
	[
		{ changes: [{ user: SEED_USERS.adminAlan.email, profile: 'Boss' }] },
		'No permission profile "Boss"',
	],
	[
		{ changes: [{ user: SEED_USERS.adminAlan.email, status: 'Suspended' }] },
		'Unknown status "Suspended"',
	],
	[
		{ changes: [{ user: SEED_USERS.adminAlan.email, set: { isAdmin: 'True' } }] },
		'changes[1].set.isAdmin cannot be set',
	],
	[
		{ changes: [{ user: SEED_USERS.adminAlan.email, set: { jobTitle: 3 } }] },
		'changes[1].set.jobTitle must be text',
	],
	[{ changes: [{ set: { jobTitle: 'x' } }] }, 'needs "user"'],
])('refuses %j and changes nothing', async (body, message) => {
	const before = JSON.stringify(sim.users().map((u) => ({ ...u, groupIds: [...u.groupIds] })));
	const { status, json } = await post({
		changes: [
			{ user: SEED_USERS.pending.email, set: { jobTitle: 'Applied?' } },
			...(body as any).changes,
		],
	});
	expect(status).toBe(400);
	expect(json.error).toContain(message);
	expect(JSON.stringify(sim.users().map((u) => ({ ...u, groupIds: [...u.groupIds] })))).toBe(
		before,
	);
});
