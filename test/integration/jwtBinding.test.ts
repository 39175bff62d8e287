/**
 * The JWT credential's token is bound to what minted it. Editing User ID, Integration Key, Environment,
 * server or key makes the stored token unusable at once (before: up to an hour as the previous user, and
 * to the new server). Also: the token endpoint's 429/5xx is waited out within the run's wait budget; a
 * key DocuSign cannot use (encrypted, EC, Ed25519) is named; the assertion tolerates a DocuSign clock a
 * little behind n8n's, and a refusal of its times says to check the clock.
 */
import { generateKeyPairSync } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData, startSimulator } from '../simulator';
import {
	JWT_INTEGRATION_KEY,
	jwtCredentialFor,
	loadPackage,
	prepareJwtApp,
	rl,
	runNode,
	TestCredentialsHelper,
	useAuthentication,
	useSimulator,
} from '../support';

const { ADA, SEED_USERS } = seedData;

useAuthentication('jwt');

let sim!: Simulator;
useSimulator((s) => (sim = s));
afterEach(() => {
	sim.jwt.grantConsent(JWT_INTEGRATION_KEY, ADA.userId);
	sim.jwt.clockOffsetSec = 0;
});

const getUser = { resource: 'user', operation: 'get', user: rl('email', SEED_USERS.pending.email) };
const tokenRequests = (s: Simulator = sim) =>
	s.log.filter((e) => e.method === 'POST' && e.path === '/oauth/token');

async function helperFor(overrides: IDataObject = {}): Promise<TestCredentialsHelper> {
	return new TestCredentialsHelper(await loadPackage(), jwtCredentialFor(sim, overrides));
}

describe('the stored token is bound to what minted it', () => {
	test('after User ID is edited, the next run mints a token for the new user (and its consent is checked)', async () => {
		const helper = await helperFor();
		expect((await runNode(sim, { parameters: getUser, credentialsHelper: helper })).error).toBe(
			undefined,
		);
		const alan = SEED_USERS.adminAlan.userId;
		// The editor saves the new User ID and keeps the hidden token fields.
		helper.data = { ...helper.data, userId: alan };
		const refused = await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		expect(refused.error?.message).toContain(`may act as the user ${alan}`);
		sim.jwt.grantConsent(JWT_INTEGRATION_KEY, alan);
		const result = await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		expect(result.error).toBeUndefined();
		expect(sim.jwt.minted.map((m) => m.sub)).toEqual([ADA.userId, alan]);
	});

	test('after the server is changed, the old server’s token never reaches the new one', async () => {
		const other = await startSimulator();
		try {
			prepareJwtApp(other);
			const helper = await helperFor();
			await runNode(sim, { parameters: getUser, credentialsHelper: helper });
			helper.data = { ...helper.data, authServerUrl: other.baseUrl };
			const result = await runNode(other, { parameters: getUser, credentialsHelper: helper });
			expect(result.error).toBeUndefined();
			expect(tokenRequests(other)).toHaveLength(1);
			// Every bearer request the new server saw carried its own token.
			expect(other.log.filter((e) => e.authorization === 'bearer' && !e.tokenValid)).toEqual([]);
		} finally {
			await other.close();
		}
	});

	test('an unchanged credential keeps its token: one mint for three runs', async () => {
		const helper = await helperFor();
		for (let run = 0; run < 3; run++)
			expect((await runNode(sim, { parameters: getUser, credentialsHelper: helper })).error).toBe(
				undefined,
			);
		expect(tokenRequests()).toHaveLength(1);
		// The binding is a digest: neither the key nor the User ID in clear beside the token.
		expect(String(helper.data.mintedFrom)).toMatch(/^[0-9a-f]{64}$/);
	});

	test('after the private key is replaced (a new key pair of the same app), a new token is minted', async () => {
		const helper = await helperFor();
		await runNode(sim, { parameters: getUser, credentialsHelper: helper });
		const next = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'pem' },
		});
		sim.jwt.registerPublicKey(JWT_INTEGRATION_KEY, next.publicKey);
		helper.data = { ...helper.data, privateKey: next.privateKey };
		expect((await runNode(sim, { parameters: getUser, credentialsHelper: helper })).error).toBe(
			undefined,
		);
		expect(tokenRequests()).toHaveLength(2);
	});
});

describe('the token endpoint and the key', () => {
	test('a 429 from the token endpoint is waited out within the run’s wait budget, then the run goes on', async () => {
		sim.addFault({
			method: 'POST',
			path: '^/oauth/token$',
			action: {
				status: 429,
				body: { error: 'too_many_requests' },
				headers: { 'Retry-After': '1' },
			},
		});
		const result = await runNode(sim, { parameters: getUser });
		expect(result.error).toBeUndefined();
		expect(tokenRequests().map((e) => e.status)).toEqual([429, 200]);
	});

	test('a 503 from the token endpoint is retried; one that persists fails saying the token endpoint is unavailable', async () => {
		sim.addFault({ method: 'POST', path: '^/oauth/token$', times: 10, action: { status: 503 } });
		const result = await runNode(sim, { parameters: getUser });
		expect(result.error?.message).toMatch(/^DocuSign's token endpoint is unavailable \(HTTP 503\)/);
		expect(tokenRequests().length).toBeGreaterThan(1);
		expect(tokenRequests().length).toBeLessThanOrEqual(4);
	});

	test.each([
		[
			'an encrypted PEM',
			() =>
				generateKeyPairSync('rsa', {
					modulusLength: 2048,
					privateKeyEncoding: {
						type: 'pkcs8',
						format: 'pem',
						cipher: 'aes-256-cbc',
						passphrase: 'secret',
					},
					publicKeyEncoding: { type: 'spki', format: 'pem' },
				}).privateKey,
			/is encrypted/,
		],
		[
			'an EC key',
			() =>
				generateKeyPairSync('ec', {
					namedCurve: 'P-256',
					privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
					publicKeyEncoding: { type: 'spki', format: 'pem' },
				}).privateKey,
			/is an EC key/,
		],
		[
			'an Ed25519 key',
			() =>
				generateKeyPairSync('ed25519', {
					privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
					publicKeyEncoding: { type: 'spki', format: 'pem' },
				}).privateKey,
			/is an Ed25519 key/,
		],
	])(
		'%s: the message names the key type and that DocuSign needs RSA; nothing is sent, nothing retried',
		async (_name, key, type) => {
			const result = await runNode(sim, {
				parameters: getUser,
				credential: jwtCredentialFor(sim, { privateKey: key() }),
			});
			expect(result.error?.message).toMatch(type);
			expect(`${result.error?.message} ${result.error?.description}`).toMatch(/RSA/);
			expect(result.error?.message).not.toMatch(/connection|ECONNRESET/i);
			expect(sim.log).toEqual([]);
		},
	);
});

describe('clock skew', () => {
	test('DocuSign’s clock 30 s behind n8n’s (and no tolerance on its side): the assertion is still accepted', async () => {
		sim.jwt.clockOffsetSec = -30;
		sim.jwt.iatToleranceSec = 0;
		try {
			const result = await runNode(sim, { parameters: getUser });
			expect(result.error).toBeUndefined();
		} finally {
			sim.jwt.iatToleranceSec = undefined;
		}
	});

	test('a clock far off: DocuSign refuses the assertion’s times, and the error says to check the clock', async () => {
		sim.jwt.clockOffsetSec = -2 * 3600;
		const result = await runNode(sim, { parameters: getUser });
		expect(result.error?.message).toMatch(/clock/i);
		expect(result.error?.description).toMatch(/clock|NTP/i);
	});
});
