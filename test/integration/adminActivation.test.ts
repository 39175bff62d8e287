/**
 * Organization Admin Access (issue 12): Activate Immediately through the Admin API, the unclaimed
 * domain's refusal and fallback, reactivation through activateMembership or eSignature, and a
 * credential without the switch never reaching /Management.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	credentialFor,
	JWT_INTEGRATION_KEY,
	jwtCredentialFor,
	loadPackage,
	runNode,
	TestCredentialsHelper,
} from './harness';
import { createFromItems, rl, useSimulator } from './fixtures';
import { mintedFromOf } from '../../nodes/DocuSign/transport/jwtGrant';

const { ADA, SEED_USERS, ORGANIZATION_ID, DEFAULT_ACCOUNT_ID } = seedData;
const ADMIN_SCOPE = 'signature extended user_read user_write';

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** A credential with Organization Admin Access on, connected with the Admin scopes (unless `scope` says otherwise). */
const adminCredential = (scope = ADMIN_SCOPE, extra: IDataObject = {}) =>
	credentialFor(sim, {
		organizationAdminAccess: true,
		scope,
		oauthTokenData: sim.issueTokens({ scope }) as unknown as IDataObject,
		...extra,
	});

const joiner = (email: string, extra: IDataObject = {}) => ({
	email,
	first: 'Jo',
	last: email.split('@')[0],
	role: 'DocuSign Sender',
	groups: 'Sales, Engineering',
	...extra,
});
const management = () => sim.log.filter((e) => e.path.startsWith('/Management'));
const immediate = (extra: IDataObject = {}) =>
	createFromItems({ activation: 'immediate', ...extra });
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
			parameters: immediate(),
			credential: adminCredential(),
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
		const creates = management().filter((e) => e.method === 'POST');
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
			parameters: immediate(),
			credential: adminCredential(),
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
			parameters: immediate({ fallbackToEmail: true }),
			credential: adminCredential(),
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
				...immediate(),
				operation: 'upsert',
				permissionProfile: '={{ $json.role ?? "" }}',
				groups: '={{ $json.groups ?? [] }}',
			},
			credential: adminCredential(),
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
			parameters: immediate(),
			credential: adminCredential('signature extended'),
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
			parameters: immediate(),
		});
		expect(result.error?.message).toMatch(/needs Organization Admin Access/);
		expect(management()).toEqual([]);
		expect(sim.userByEmail('ivy.active@acme.example')).toBeUndefined();
	});

	test('the organization ID comes from the credential field when given', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.active@acme.example')],
			parameters: immediate(),
			credential: adminCredential(ADMIN_SCOPE, {
				organizationId: '00000000-0000-4000-8000-000000000000',
			}),
		});
		expect(result.error?.message).toMatch(/DocuSign could not create the active user|not_found/);
		expect(management()[0].path).toContain('/organizations/00000000-0000-4000-8000-000000000000/');
	});
});

describe('Activate with and without Organization Admin Access', () => {
	const activate = (userId: string) => ({
		resource: 'user',
		operation: 'activate',
		user: rl('id', userId),
		options: {},
	});

	test('with Admin access: activateMembership with the membership ID from the organization list (never the account ID)', async () => {
		const chris = SEED_USERS.closed;
		const membershipId = sim.userById(chris.userId)!.membershipId;
		const result = await runNode(sim, {
			parameters: activate(chris.userId),
			credential: adminCredential(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'activate',
			changed: true,
			via: 'admin',
			status: 'Active',
			changes: { status: { before: 'Closed', after: 'Active' } },
		});
		const posts = management().filter((e) => e.method === 'POST');
		expect(posts.map((e) => e.path)).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users/${chris.userId}/memberships/${membershipId}`,
		]);
		expect(posts[0].path).not.toContain(DEFAULT_ACCOUNT_ID);
		expect(posts[0].body).toEqual({ site_id: 1 });
		expect(
			management().some(
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
		const result = await runNode(sim, { parameters: activate(chris.userId) });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'activate', changed: true, via: 'esignature' });
		expect(management()).toEqual([]);
		expect(
			sim.log.filter((e) => e.method === 'PUT' && e.path.endsWith(`/users/${chris.userId}`)).length,
		).toBe(1);
	});

	test('an active user needs nothing on either path', async () => {
		const sofia = SEED_USERS.activeSalesEngineer;
		const result = await runNode(sim, {
			parameters: activate(sofia.userId),
			credential: adminCredential(),
		});
		expect(result.json[0]).toMatchObject({ changed: false });
		expect(management()).toEqual([]);
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
			parameters: immediate(),
			credential: jwtAdmin(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ status: 'Active', activation: 'immediate' });
		expect(sim.jwt.minted.map((m) => m.scope)).toEqual([JWT_ADMIN_SCOPE]);
		expect(management().filter((e) => e.method === 'POST')).toHaveLength(1);
	});

	test('consent given only for eSignature: the error carries the consent URL naming the Admin scopes', async () => {
		const result = await runNode(sim, {
			items: [joiner('ivy.jwt@acme.example')],
			parameters: immediate(),
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
			parameters: immediate(),
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
			parameters: immediate(),
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
			parameters: immediate(),
			credential: jwtAdmin(),
		});
		expect(refused.error?.message).toMatch(/Admin API refused the request \(HTTP 403\)/);
		expect(String(refused.error?.description)).toMatch(/DocuSign JWT credential/);
		expect(String(refused.error?.description)).toContain(JWT_ADMIN_SCOPE);
		expect(String(refused.error?.description)).not.toMatch(/Connect/);
	});
});
