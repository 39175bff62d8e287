/**
 * DocuSign's undocumented answers on the Admin paths (issue 22): each is a simulator switch
 * (test/simulator/README.md), and the node must neither fail an item DocuSign served nor report
 * what DocuSign did not do.
 */

import type { DocuSignBehaviour, Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	activateUser,
	adminCredentialFor,
	createImmediately,
	joiner,
	managementCallsOf,
	runNode,
	useSimulator,
} from '../support';

const { SEED_USERS, ORGANIZATION_ID } = seedData;
const chris = SEED_USERS.closed;

let sim!: Simulator;
useSimulator((s) => (sim = s));
afterEach(() => sim.configure({ behaviour: DEFAULTS }));
const DEFAULTS: Partial<DocuSignBehaviour> = {
	adminMembershipId: 'listed',
	adminClosedMemberships: 'listed',
	adminCreateRefusal: '400',
	adminCreateStatus: 'active',
	adminCreateExisting: 'refused',
};

const writes = () => sim.log.filter((e) => e.method !== 'GET');

describe('Admin reopen: where the membership ID comes from', () => {
	test('membership_id null in the organization list: taken from the profile, the user is reopened', async () => {
		sim.configure({ behaviour: { adminMembershipId: 'profileOnly' } });
		const membershipId = sim.userById(chris.userId)!.membershipId;
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'activate', changed: true, via: 'admin' });
		expect(
			managementCallsOf(sim)
				.filter((e) => e.method === 'POST')
				.map((e) => e.path),
		).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users/${chris.userId}/memberships/${membershipId}`,
		]);
		expect(sim.userById(chris.userId)!.status).toBe('Active');
	});

	test('no membership ID anywhere: the item fails clearly and nothing is written; the others carry on', async () => {
		sim.configure({ behaviour: { adminMembershipId: 'nowhere' } });
		const result = await runNode(sim, {
			items: [{ id: chris.userId }, { id: SEED_USERS.activeSalesEngineer.userId }],
			parameters: activateUser('={{ $json.id }}'),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(
			/DocuSign's Admin API names no membership ID for chris\.walker@acme\.example/,
		);
		expect(String(result.json[0].description)).toMatch(/Nothing was changed/);
		expect(result.json[1]).toMatchObject({ changed: false });
		expect(writes()).toEqual([]);
		expect(sim.userById(chris.userId)!.status).toBe('Closed');
	});

	test('closed memberships left out of the list by default: the lookup asks for them explicitly', async () => {
		sim.configure({ behaviour: { adminClosedMemberships: 'omitted' } });
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ changed: true, via: 'admin' });
		const lookups = managementCallsOf(sim).filter(
			(e) => e.method === 'GET' && e.path.endsWith('/users'),
		);
		expect(lookups.map((e) => e.query.membership_status)).toEqual(['closed']);
	});
});

describe('Activate Immediately: refusals read from the fields DocuSign sends', () => {
	test.each(['400', '403'] as const)(
		'an unclaimed domain refused with HTTP %s: the domain error (never "no Organization Admin access"); Fall Back creates it with an email',
		async (adminCreateRefusal) => {
			sim.configure({ behaviour: { adminCreateRefusal } });
			const failed = await runNode(sim, {
				items: [joiner('una@elsewhere.example', { groups: 'Sales' })],
				parameters: createImmediately(),
				credential: adminCredentialFor(sim),
				continueOnFail: true,
			});
			expect(String(failed.json[0].error)).toMatch(
				/cannot activate una@elsewhere\.example immediately: the domain elsewhere\.example is not claimed/,
			);
			expect(sim.userByEmail('una@elsewhere.example')).toBeUndefined();
			const fellBack = await runNode(sim, {
				items: [joiner('una@elsewhere.example', { groups: 'Sales' })],
				parameters: createImmediately({ fallbackToEmail: true }),
				credential: adminCredentialFor(sim),
			});
			expect(fellBack.error).toBeUndefined();
			expect(fellBack.json[0]).toMatchObject({ activation: 'email', status: 'ActivationSent' });
		},
	);

	test.each([400, 403])(
		'a refusal for another reason (HTTP %s, an organization policy) is reported as that and never falls back to an activation email',
		async (status) => {
			sim.addFault({
				method: 'POST',
				path: '/Management/.*/users$',
				action: {
					status,
					body: {
						error: 'organization_policy',
						error_description:
							'The organization does not allow automatic activation for this domain.',
					},
				},
			});
			const result = await runNode(sim, {
				items: [joiner('ivy.policy@acme.example', { groups: 'Sales' })],
				parameters: createImmediately({ fallbackToEmail: true }),
				credential: adminCredentialFor(sim),
				continueOnFail: true,
			});
			expect(String(result.json[0].error)).toMatch(
				/DocuSign refused to create ivy\.policy@acme\.example already active \(organization_policy\)/,
			);
			expect(String(result.json[0].error)).not.toMatch(/Organization Admin access/);
			expect(String(result.json[0].description)).toMatch(/no activation email was sent instead/);
			expect(String(result.json[0].description)).toContain(
				'The organization does not allow automatic activation for this domain.',
			);
			expect(sim.log.filter((e) => e.method === 'POST' && e.path.startsWith('/restapi'))).toEqual(
				[],
			);
			expect(sim.userByEmail('ivy.policy@acme.example')).toBeUndefined();
		},
	);

	test('a 400 whose text mentions a domain but whose code is not the domain refusal does not fall back', async () => {
		sim.addFault({
			method: 'POST',
			path: '/Management/.*/users$',
			action: {
				status: 400,
				body: { error: 'invalid_request', error_description: 'The domain field is malformed.' },
			},
		});
		const result = await runNode(sim, {
			items: [joiner('ivy.text@acme.example', { groups: 'Sales' })],
			parameters: createImmediately({ fallbackToEmail: true }),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(/invalid_request/);
		expect(String(result.json[0].error)).not.toMatch(/is not claimed/);
		expect(sim.userByEmail('ivy.text@acme.example')).toBeUndefined();
	});

	test('asked to be Active but left pending: reported pending, activation "immediate" (no email was asked for)', async () => {
		sim.configure({ behaviour: { adminCreateStatus: 'pending' } });
		const result = await runNode(sim, {
			items: [joiner('ivy.pending@acme.example', { groups: 'Sales' })],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'create',
			status: 'ActivationSent',
			activationPending: true,
			activation: 'immediate',
		});
	});
});

describe('Activate Immediately: unknown outcomes and existing users', () => {
	const adminCreates = () =>
		managementCallsOf(sim).filter((e) => e.method === 'POST' && e.path.endsWith('/users'));

	test('connection dropped after the create: reconciled by email through the Admin API, reported from the read, never sent twice', async () => {
		sim.addFault({ method: 'POST', path: '/Management/.*/users$', action: { drop: 'after' } });
		const result = await runNode(sim, {
			items: [joiner('ivy.dropped@acme.example', { groups: 'Sales' })],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'create', status: 'Active' });
		expect(adminCreates()).toHaveLength(1);
		expect(
			managementCallsOf(sim).some(
				(e) => e.method === 'GET' && e.query.email === 'ivy.dropped@acme.example',
			),
		).toBe(true);
		expect(sim.users().filter((u) => u.email === 'ivy.dropped@acme.example')).toHaveLength(1);
	});

	test.each([
		['a 503', { status: 503 }],
		['the connection dropped before the create', { drop: 'before' as const }],
	])('%s: the read finds nobody, so the create is sent once more', async (_name, action) => {
		sim.addFault({ method: 'POST', path: '/Management/.*/users$', action });
		const result = await runNode(sim, {
			items: [joiner('ivy.retry@acme.example', { groups: 'Sales' })],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'create', status: 'Active' });
		expect(adminCreates()).toHaveLength(2);
		expect(sim.users().filter((u) => u.email === 'ivy.retry@acme.example')).toHaveLength(1);
	});

	test('outcome unknown and the reconciling read fails too: the item says it may exist, nothing re-sent', async () => {
		sim.addFault({ method: 'POST', path: '/Management/.*/users$', action: { status: 503 } });
		sim.addFault({
			method: 'GET',
			path: '/Management/.*/users$',
			times: 10,
			action: { status: 503 },
		});
		const result = await runNode(sim, {
			items: [joiner('ivy.unknown@acme.example', { groups: 'Sales' })],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(
			/DocuSign may or may not have created ivy\.unknown@acme\.example/,
		);
		expect(adminCreates()).toHaveLength(1);
	});

	test.each(['refused', 'answered'] as const)(
		'a user the account already has is "exists", not "create" (Admin create answer: %s)',
		async (adminCreateExisting) => {
			sim.configure({ behaviour: { adminCreateExisting } });
			const sofia = SEED_USERS.activeSalesEngineer;
			const result = await runNode(sim, {
				items: [joiner(sofia.email, { groups: 'Sales' })],
				parameters: createImmediately(),
				credential: adminCredentialFor(sim),
			});
			expect(result.error).toBeUndefined();
			expect(result.json[0]).toMatchObject({
				action: 'exists',
				changed: false,
				id: sofia.userId,
				status: 'Active',
			});
			expect(result.json[0].activation).toBeUndefined();
			expect(adminCreates()).toEqual([]);
		},
	);

	// With adminCreateExisting 'answered' a user created in that window is indistinguishable from ours
	// (docs/known-limits.md); DocuSign's "already exists" answer is recognised.
	test('created by someone else between the look and the create: DocuSign\'s "already exists" is "exists", never a failure or "create"', async () => {
		sim.addFault({
			method: 'POST',
			path: '/Management/.*/users$',
			action: { concurrentCreate: { emails: ['ivy.race@acme.example'] } },
		});
		const result = await runNode(sim, {
			items: [joiner('ivy.race@acme.example', { groups: 'Sales' })],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'exists', changed: false });
		expect(sim.users().filter((u) => u.email === 'ivy.race@acme.example')).toHaveLength(1);
	});
});

describe("Admin calls and the account's hourly limit", () => {
	test("an Admin create counts against the account's hour: once eSignature calls used it up, the create is refused and nothing is created", async () => {
		const counted = () =>
			sim.log.filter(
				(e) =>
					(e.path.startsWith('/restapi') || e.path.startsWith('/Management')) && e.status !== 401,
			);
		try {
			// How many counted calls come before the Admin create in this scenario.
			const probe = await runNode(sim, {
				items: [joiner('ivy.hour@acme.example', { groups: 'Sales' })],
				parameters: createImmediately(),
				credential: adminCredentialFor(sim),
			});
			expect(probe.error).toBeUndefined();
			const before = counted().findIndex(
				(e) => e.method === 'POST' && e.path.startsWith('/Management'),
			);
			expect(before).toBeGreaterThan(0);
			sim.reset();
			sim.configure({ rateLimits: { hourlyLimit: before } });
			const result = await runNode(sim, {
				items: [joiner('ivy.hour@acme.example', { groups: 'Sales' })],
				parameters: createImmediately({ maxWaitSeconds: 1 }),
				credential: adminCredentialFor(sim),
				continueOnFail: true,
			});
			expect(String(result.json[0].error)).toMatch(/hourly API limit/);
			const creates = counted().filter(
				(e) => e.method === 'POST' && e.path.startsWith('/Management'),
			);
			expect(creates.map((e) => e.status)).toEqual([429]);
			expect(sim.userByEmail('ivy.hour@acme.example')).toBeUndefined();
		} finally {
			sim.configure({ rateLimits: { hourlyLimit: 3000 } });
		}
	});
});
