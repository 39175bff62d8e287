/**
 * The DocuSign JWT credential in n8n's engine: the token is minted by the credential's
 * preAuthentication, saved and reused until shortly before it expires, minted again after a 401;
 * missing consent and a wrong key are errors that say what to do. Dropdowns, list searches and
 * the trigger work with it as with OAuth2.
 */
import { generateKeyPairSync } from 'node:crypto';

import type { IDataObject, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	callMethodWith,
	JWT_INTEGRATION_KEY,
	jwtCredentialFor,
	loadPackage,
	rl,
	runNode,
	testCredential,
	TestCredentialsHelper,
	TriggerUnderTest,
	useAuthentication,
	useSimulator,
} from '../support';

const { ADA, SEED_USERS } = seedData;

useAuthentication('jwt');

let sim!: Simulator;
useSimulator((s) => (sim = s));
afterEach(() => sim.jwt.grantConsent(JWT_INTEGRATION_KEY, ADA.userId));

const getUser = { resource: 'user', operation: 'get', user: rl('email', SEED_USERS.pending.email) };
const tokenRequests = () => sim.log.filter((e) => e.method === 'POST' && e.path === '/oauth/token');
const consentUrl = () =>
	`${sim.baseUrl}/oauth/auth?response_type=code&scope=signature%20impersonation&client_id=${JWT_INTEGRATION_KEY}&redirect_uri=https%3A%2F%2Fwww.docusign.com`;

async function sharedHelper(overrides: IDataObject = {}): Promise<TestCredentialsHelper> {
	return new TestCredentialsHelper(await loadPackage(), jwtCredentialFor(sim, overrides));
}

describe('token lifetime', () => {
	test('minted once, saved to the credential, and reused by the next runs until it expires', async () => {
		const helper = await sharedHelper();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(sim, { parameters: getUser, credentialsHelper: helper });
			expect(result.error).toBeUndefined();
			expect(result.json[0].email).toBe(SEED_USERS.pending.email);
		}
		expect(helper.preAuthentications).toEqual(['empty']);
		expect(tokenRequests()).toHaveLength(1);
		expect(tokenRequests()[0].status).toBe(200);
		expect(sim.jwt.minted).toEqual([
			{ iss: JWT_INTEGRATION_KEY, sub: ADA.userId, scope: 'signature impersonation' },
		]);
		expect(typeof helper.data.accessToken).toBe('string');
		const expiresInMs = Date.parse(String(helper.data.expiresAt)) - Date.now();
		expect(expiresInMs).toBeGreaterThan(50 * 60_000);
		expect(expiresInMs).toBeLessThanOrEqual(60 * 60_000);
		// The userinfo cache is keyed by the minted token: three runs, one userinfo call.
		expect(sim.count({ path: '/oauth/userinfo' })).toBe(1);
	});

	test('after DocuSign lets the token expire, the 401 mints a new one and the request is repeated', async () => {
		const helper = await sharedHelper();
		await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		const first = helper.data.accessToken;
		sim.tokens.expireAccessTokens();
		const result = await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		expect(result.error).toBeUndefined();
		expect(result.json[0].email).toBe(SEED_USERS.pending.email);
		expect(helper.preAuthentications).toEqual(['empty', 'expired']);
		expect(helper.data.accessToken).not.toBe(first);
		expect(tokenRequests().map((e) => e.status)).toEqual([200, 200]);
		// The expired token got exactly one 401 (the cached userinfo was dropped with it).
		expect(sim.log.filter((e) => e.status === 401)).toHaveLength(1);
	});

	test('a token within five minutes of its expiry is replaced before it is sent (no 401 needed)', async () => {
		const helper = await sharedHelper();
		await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		const first = helper.data.accessToken;
		helper.data = { ...helper.data, expiresAt: new Date(Date.now() + 2 * 60_000).toISOString() };
		const result = await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		expect(result.error).toBeUndefined();
		expect(helper.preAuthentications).toEqual(['empty', 'empty']);
		expect(helper.data.accessToken).not.toBe(first);
		expect(sim.log.filter((e) => e.status === 401)).toEqual([]);
		// One fresh token, then the rest of the run reuses it.
		expect(tokenRequests()).toHaveLength(2);
	});
});

describe('errors that say what to do', () => {
	test('missing consent: the error names the user who must open the exact consent URL; nothing is retried', async () => {
		sim.jwt.revokeConsent(JWT_INTEGRATION_KEY, ADA.userId);
		const result = await runNode(sim, { parameters: getUser });
		expect(result.error?.message).toBe(
			`DocuSign needs consent before this integration key may act as the user ${ADA.userId}. That user must open this URL once and click Accept: ${consentUrl()} [item 0]`,
		);
		expect(result.error?.description).toContain(
			`The DocuSign user ${ADA.userId} (the credential's User ID) must sign in and open ${consentUrl()} once`,
		);
		expect(tokenRequests().map((e) => e.status)).toEqual([400]);
		expect(
			sim.log.filter((e) => e.path.startsWith('/restapi') || e.path === '/oauth/userinfo'),
		).toEqual([]);
	});

	test('missing consent under Continue On Fail: every item carries the consent URL', async () => {
		sim.jwt.revokeConsent(JWT_INTEGRATION_KEY, ADA.userId);
		const result = await runNode(sim, {
			parameters: getUser,
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(result.json).toHaveLength(2);
		for (const json of result.json) expect(String(json.description)).toContain(consentUrl());
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("the credential's Test button reports the consent URL, and OK once consent is given", async () => {
		sim.jwt.revokeConsent(JWT_INTEGRATION_KEY, ADA.userId);
		const refused = await testCredential(jwtCredentialFor(sim));
		expect(refused.status).toBe('Error');
		expect(refused.message).toContain(
			`That user must open this URL once and click Accept: ${consentUrl()}`,
		);
		sim.jwt.grantConsent(JWT_INTEGRATION_KEY, ADA.userId);
		expect(await testCredential(jwtCredentialFor(sim))).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
	});

	test('a private key of another key pair: DocuSign refuses the signature, the error says which key to paste', async () => {
		const other = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'pem' },
		});
		const result = await runNode(sim, {
			parameters: getUser,
			credential: jwtCredentialFor(sim, { privateKey: other.privateKey }),
		});
		expect(result.error?.message).toBe(
			'DocuSign rejected the JWT signature: the RSA Private Key does not belong to this integration key [item 0]',
		);
		expect(result.error?.description).toContain('Apps and Keys');
		expect(tokenRequests().map((e) => e.status)).toEqual([400]);
		expect(
			await testCredential(jwtCredentialFor(sim, { privateKey: other.privateKey })),
		).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('does not belong to this integration key'),
		});
	});

	test('a pasted key with literal \\n works; a key that is not PEM is refused before anything is sent', async () => {
		const escaped = String(jwtCredentialFor(sim).privateKey).replace(/\n/g, '\\n');
		expect(
			(
				await runNode(sim, {
					parameters: getUser,
					credential: jwtCredentialFor(sim, { privateKey: escaped }),
				})
			).error,
		).toBeUndefined();
		sim.reset();
		const result = await runNode(sim, {
			parameters: getUser,
			credential: jwtCredentialFor(sim, { privateKey: 'MIIEowIBAAKCAQEA-not-a-key' }),
		});
		expect(result.error?.message).toBe(
			"The credential's RSA Private Key is not a PEM private key [item 0]",
		);
		expect(sim.log).toEqual([]);
	});

	test('a User ID DocuSign does not know, and an integration key without a registered key pair', async () => {
		const user = await runNode(sim, {
			parameters: getUser,
			credential: jwtCredentialFor(sim, { userId: '00000000-0000-4000-8000-000000000000' }),
		});
		expect(user.error?.message).toBe(
			"DocuSign does not know the credential's User ID (user_not_found) [item 0]",
		);
		const issuer = await runNode(sim, {
			parameters: getUser,
			credential: jwtCredentialFor(sim, { integrationKey: '11111111-2222-4333-8444-555555555555' }),
		});
		expect(issuer.error?.message).toBe(
			"DocuSign does not know the credential's Integration Key (issuer_not_found) [item 0]",
		);
	});

	test('an Authentication value from nowhere is a parameter error, not a silent OAuth2', async () => {
		const result = await runNode(sim, {
			parameters: { ...getUser, authentication: 'saml' },
			credential: jwtCredentialFor(sim),
		});
		expect(result.error?.message).toMatch(/Authentication/);
		expect(sim.log).toEqual([]);
	});
});

describe('dropdowns, list searches and the trigger with the JWT credential', () => {
	test('permission profiles and groups load, users and groups are searchable', async () => {
		const credential = jwtCredentialFor(sim);
		const profiles = await callMethodWith<INodePropertyOptions[]>(
			credential,
			'loadOptions',
			'getPermissionProfiles',
		);
		expect(profiles.map((p) => p.name)).toContain('DocuSign Sender');
		const groups = await callMethodWith<INodePropertyOptions[]>(
			credential,
			'loadOptions',
			'getCustomGroups',
		);
		expect(groups.map((g) => g.name)).toContain('Sales');
		const users = await callMethodWith<INodeListSearchResult>(
			credential,
			'listSearch',
			'searchUsers',
			SEED_USERS.pending.email,
		);
		expect(users.results.map((u) => u.value)).toContain(SEED_USERS.pending.userId);
		const found = await callMethodWith<INodeListSearchResult>(
			credential,
			'listSearch',
			'searchGroups',
			'Sal',
		);
		expect(found.results.map((g) => g.name)).toContain('Sales');
		expect(sim.jwt.minted.length).toBeGreaterThanOrEqual(1);
	});

	test('the trigger polls with it: baseline, then a change made in DocuSign', async () => {
		const trigger = new TriggerUnderTest(sim, { events: ['userUpdated'] }, () =>
			jwtCredentialFor(sim),
		);
		expect((await trigger.poll()).items).toBeNull();
		await adminChanges(sim, [
			{ user: SEED_USERS.adminAlan.email, set: { jobTitle: 'Chief Robot' } },
		]);
		const { items } = await trigger.poll();
		expect(
			items?.map((i) => `${String(i.event)} ${String((i.user as IDataObject).email)}`),
		).toEqual([`userUpdated ${SEED_USERS.adminAlan.email}`]);
		expect(sim.jwt.minted).toHaveLength(1);
	});
});
