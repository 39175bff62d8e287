/**
 * Organization Admin Access (issue 12): Activate Immediately through the Admin API, the unclaimed
 * domain's refusal and fallback, reactivation through activateMembership or eSignature, and a
 * credential without the switch never reaching /Management.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	activateUser,
	ADMIN_SCOPE,
	adminCredentialFor,
	createImmediately,
	joiner,
	JWT_INTEGRATION_KEY,
	jwtCredentialFor,
	loadPackage,
	managementCallsOf,
	rl,
	runNode,
	TestCredentialsHelper,
	useSimulator,
} from '../support';
import { mintedFromOf } from '../../nodes/DocuSign/transport/jwtGrant';

const { ADA, SEED_USERS, ORGANIZATION_ID, DEFAULT_ACCOUNT_ID } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** A credential with Organization Admin Access on, connected with the Admin scopes (unless `scope` says otherwise). */

const getPending = {
	resource: 'user',
	operation: 'get',
	user: rl('email', SEED_USERS.pending.email),
};

describe('Create with Activation: Activate Immediately', () => {
	test('joiners on the claimed domain come out Active, not pending, with profile and groups, one Admin request each', async () => {
		const emails = ['ivy.active@acme.example', 'ian.active@acme.example'];
		const result = await runNode(sim, {
			items: emails.map((e) => joiner(e)),
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		for (const [index, email] of emails.entries()) {
			expect(result.json[index]).toMatchObject({
				email,
				action: 'create',
				status: 'Active',
				activationPending: false,
				enabled: true,
				activation: 'immediate',
				permissionProfile: { name: 'DocuSign Sender' },
			});
			const user = sim.userByEmail(email)!;
			expect(user.status).toBe('Active');
			expect(user.permissionProfileId).toBe(
				sim.profileByName('DocuSign Sender')!.permissionProfileId,
			);
			expect(sim.userGroupNames(user.userId)).toEqual(
				expect.arrayContaining(['Sales', 'Engineering']),
			);
		}
		const creates = managementCallsOf(sim).filter((e) => e.method === 'POST');
		expect(creates.map((e) => e.path)).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users`,
			`/Management/v2/organizations/${ORGANIZATION_ID}/users`,
		]);
		expect(creates[0].body).toMatchObject({
			auto_activate_memberships: true,
			accounts: [
				{
					id: DEFAULT_ACCOUNT_ID,
					permission_profile: { id: expect.any(Number) },
					groups: [{ id: expect.any(Number) }, { id: expect.any(Number) }],
				},
			],
		});
		// No eSignature create, so no activation e-mail.
		expect(sim.log.filter((e) => e.method === 'POST' && e.path.startsWith('/restapi'))).toEqual([]);
	});

	test('an unclaimed domain fails its item clearly and creates nothing; the others carry on', async () => {
		const result = await runNode(sim, {
			items: [joiner('una@elsewhere.example'), joiner('ada.new@acme.example')],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(
			/cannot activate una@elsewhere\.example immediately: the domain elsewhere\.example is not claimed/,
		);
		expect(String(result.json[0].description)).toMatch(/Fall Back to Activation Email/);
		expect(sim.userByEmail('una@elsewhere.example')).toBeUndefined();
		expect(result.json[1]).toMatchObject({ status: 'Active', activation: 'immediate' });
	});

	test('Fall Back to Activation Email creates the unclaimed one through eSignature and says so', async () => {
		const result = await runNode(sim, {
			items: [joiner('una@elsewhere.example'), joiner('ada.new@acme.example')],
			parameters: createImmediately({ fallbackToEmail: true }),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			email: 'una@elsewhere.example',
			status: 'ActivationSent',
			activationPending: true,
			activation: 'email',
		});
		expect(result.json[1]).toMatchObject({
			email: 'ada.new@acme.example',
			status: 'Active',
			activation: 'immediate',
		});
		expect(sim.userByEmail('una@elsewhere.example')!.status).toBe('ActivationSent');
		expect(sim.log.filter((e) => e.method === 'POST' && e.path.startsWith('/restapi')).length).toBe(
			1,
		);
	});

	test('Create or Update creates absent users active and leaves existing ones on the eSignature path', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			items: [
				joiner('uma.new@acme.example'),
				{
					email: sofia.email,
					first: sofia.userName.split(' ')[0],
					last: sofia.userName.split(' ')[1],
				},
			],
			parameters: {
				...createImmediately(),
				operation: 'upsert',
				permissionProfile: '={{ $json.role ?? "" }}',
				groups: '={{ $json.groups ?? [] }}',
			},
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'create',
			status: 'Active',
			activation: 'immediate',
		});
		expect(result.json[1]).toMatchObject({ action: 'update' });
		expect(result.json[1].activation).toBeUndefined();
	});

	test('scope missing (switch on, credential not reconnected): a clear error to turn the switch on and reconnect', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.active@acme.example')],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim, 'signature extended'),
		});
		expect(result.error?.message).toMatch(
			/Admin API refused the request \(HTTP 403\).*no Organization Admin access/,
		);
		expect(String((result.error as { description?: string }).description)).toMatch(
			/Turn on Organization Admin Access in the DocuSign credential and reconnect it/,
		);
		expect(sim.userByEmail('ivy.active@acme.example')).toBeUndefined();
	});

	test('without Organization Admin Access, Activate Immediately fails clearly and nothing reaches /Management', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.active@acme.example')],
			parameters: createImmediately(),
		});
		expect(result.error?.message).toMatch(/needs Organization Admin Access/);
		expect(managementCallsOf(sim)).toEqual([]);
		expect(sim.userByEmail('ivy.active@acme.example')).toBeUndefined();
	});

	test('the organization ID comes from the credential field when given', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.active@acme.example')],
			parameters: createImmediately(),
			credential: adminCredentialFor(sim, ADMIN_SCOPE, {
				organizationId: '00000000-0000-4000-8000-000000000000',
			}),
		});
		expect(result.error?.message).toMatch(/DocuSign could not create the active user|not_found/);
		expect(managementCallsOf(sim)[0].path).toContain(
			'/organizations/00000000-0000-4000-8000-000000000000/',
		);
	});
});

describe('Activate with and without Organization Admin Access', () => {
	test('with Admin access: activateMembership with the membership ID from the organization list (never the account ID)', async () => {
		const chris = SEED_USERS.closed;
		const membershipId = sim.userById(chris.userId)!.membershipId;
		const result = await runNode(sim, {
			parameters: activateUser(chris.userId),
			credential: adminCredentialFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'activate',
			changed: true,
			via: 'admin',
			status: 'Active',
			changes: { status: { before: 'Closed', after: 'Active' } },
		});
		const posts = managementCallsOf(sim).filter((e) => e.method === 'POST');
		expect(posts.map((e) => e.path)).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users/${chris.userId}/memberships/${membershipId}`,
		]);
		expect(posts[0].path).not.toContain(DEFAULT_ACCOUNT_ID);
		expect(posts[0].body).toEqual({ site_id: 1 });
		expect(
			managementCallsOf(sim).some(
				(e) =>
					e.method === 'GET' &&
					e.query.email === chris.email &&
					e.query.account_id === DEFAULT_ACCOUNT_ID,
			),
		).toBe(true);
		expect(sim.log.filter((e) => e.method === 'PUT' && e.path.startsWith('/restapi'))).toEqual([]);
		expect(sim.userById(chris.userId)!.status).toBe('Active');
	});

	test('without Admin access: the eSignature path, reported as such, and no /Management request', async () => {
		const chris = SEED_USERS.closed;
		const result = await runNode(sim, { parameters: activateUser(chris.userId) });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'activate', changed: true, via: 'esignature' });
		expect(managementCallsOf(sim)).toEqual([]);
		expect(
			sim.log.filter((e) => e.method === 'PUT' && e.path.endsWith(`/users/${chris.userId}`)).length,
		).toBe(1);
	});

	test('an active user needs nothing on either path', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			parameters: activateUser(sofia.userId),
			credential: adminCredentialFor(sim),
		});
		expect(result.json[0]).toMatchObject({ changed: false });
		expect(managementCallsOf(sim)).toEqual([]);
	});
});

describe('Organization Admin Access with the JWT credential', () => {
	const JWT_ADMIN_SCOPE = 'signature impersonation user_read user_write';
	const jwtAdmin = (extra: IDataObject = {}) =>
		jwtCredentialFor(sim, { organizationAdminAccess: true, ...extra });
	const consentFor = (scope: string) =>
		sim.jwt.grantConsent(JWT_INTEGRATION_KEY, ADA.userId, scope);
	afterEach(() => sim.jwt.revokeConsent(JWT_INTEGRATION_KEY, ADA.userId));
	afterEach(() => consentFor('signature impersonation'));

	test('the switch on: the token is minted with the Admin scopes and Activate Immediately creates the user Active', async () => {
		consentFor(JWT_ADMIN_SCOPE);
		const result = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: createImmediately(),
			credential: jwtAdmin(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ status: 'Active', activation: 'immediate' });
		expect(sim.jwt.minted.map((m) => m.scope)).toEqual([JWT_ADMIN_SCOPE]);
		expect(managementCallsOf(sim).filter((e) => e.method === 'POST')).toHaveLength(1);
	});

	test('consent given only for eSignature: the error carries the consent URL naming the Admin scopes', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: createImmediately(),
			credential: jwtAdmin(),
		});
		expect(result.error?.message).toContain(
			`/oauth/auth?response_type=code&scope=signature%20impersonation%20user_read%20user_write&client_id=${JWT_INTEGRATION_KEY}`,
		);
		expect(sim.userByEmail('ivy.jwt@acme.example')).toBeUndefined();
	});

	test('a token minted before the switch was turned on is replaced by one with the Admin scopes', async () => {
		consentFor(JWT_ADMIN_SCOPE);
		const helper = new TestCredentialsHelper(await loadPackage(), jwtCredentialFor(sim));
		expect(
			(await runNode(sim, { parameters: getPending, credentialsHelper: helper })).error,
		).toBeUndefined();
		helper.data = { ...helper.data, organizationAdminAccess: true };
		const result = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: createImmediately(),
			credentialsHelper: helper,
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ status: 'Active' });
		expect(sim.jwt.minted.map((m) => m.scope)).toEqual([
			'signature impersonation',
			JWT_ADMIN_SCOPE,
		]);
		// The scopes are part of the token's binding (issue 23 folded mintedScope into mintedFrom).
		expect(helper.data.mintedFrom).toBe(mintedFromOf(helper.data as never));
	});

	test('Admin errors speak of the JWT credential: no "click Connect"', async () => {
		const off = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: createImmediately(),
			credential: jwtCredentialFor(sim),
		});
		expect(off.error?.message).toMatch(/needs Organization Admin Access/);
		expect(String(off.error?.description)).toMatch(/DocuSign JWT credential/);
		expect(String(off.error?.description)).not.toMatch(/Connect/);

		consentFor(JWT_ADMIN_SCOPE);
		sim.addFault({
			method: 'POST',
			path: '/Management/.*/users$',
			action: { status: 403, body: { error: 'insufficient_scope' } },
		});
		const refused = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: createImmediately(),
			credential: jwtAdmin(),
		});
		expect(refused.error?.message).toMatch(/Admin API refused the request \(HTTP 403\)/);
		expect(String(refused.error?.description)).toMatch(/DocuSign JWT credential/);
		expect(String(refused.error?.description)).toContain(JWT_ADMIN_SCOPE);
		expect(String(refused.error?.description)).not.toMatch(/Connect/);
	});
});
