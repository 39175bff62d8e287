/**
 * The bearer token goes to the resolved DocuSign base URI and the auth server only, and no secret
 * (access token, refresh token, client secret) ever shows up in output items or errors.
 */

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData, startSimulator } from '../simulator';
import type { RunResult } from '../support';
import {
	assertContractKept,
	credentialFor,
	JWT_INTEGRATION_KEY,
	jwtCredentialFor,
	recordContractStats,
	rl,
	runNode,
	Trap,
} from '../support';

const { SEED_USERS } = seedData;

/** Answers like an empty DocuSign. */
const emptyDocuSign = () => ({
	users: [],
	permissionProfiles: [],
	groups: [],
	resultSetSize: '0',
	totalSetSize: '0',
});

let sim: Simulator;
let trap: Trap;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	trap = new Trap(emptyDocuSign);
	await trap.start();
});
afterAll(async () => {
	recordContractStats(sim);
	await trap.close();
	await sim.close();
});
afterEach(() => assertContractKept(sim));
beforeEach(() => {
	sim.reset();
	trap.requests.length = 0;
});

const listProfiles: INodeParameters = {
	resource: 'permissionProfile',
	operation: 'getAll',
	returnAll: true,
};
const sandbox = () => sim.accounts[1];

describe('(a) the bearer token goes nowhere but DocuSign and the auth server', () => {
	test('the trap itself works: a direct request is recorded with its Authorization header', async () => {
		await fetch(`${trap.url}/restapi/v2.1/accounts/x/users`, {
			headers: { authorization: 'Bearer probe' },
		});
		expect(trap.requests).toEqual([
			{ method: 'GET', url: '/restapi/v2.1/accounts/x/users', authorization: 'Bearer probe' },
		]);
	});

	test('a base_uri pointing at another host (same IP, other port) is refused; the trap gets nothing', async () => {
		sim.setBaseUri(sim.defaultAccountId, trap.url);
		const result = await runNode(sim, { parameters: listProfiles });
		expect(result.error?.message).toBe(
			`Refused to send the access token to ${trap.url}: it is not a DocuSign API host`,
		);
		// An account-wide failure says so (issue 23).
		expect(result.error?.description).toBe(
			'For a Custom environment the API must be served from the same origin as the Authorization Server URL.\n\nThis concerns the whole DocuSign account, not one item, so the run stopped.',
		);
		expect(trap.requests).toEqual([]);
		expect(sim.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /oauth/userinfo']);
	});

	test('the same for a write operation, with a path prefix on the base_uri', async () => {
		sim.setBaseUri(sim.defaultAccountId, `${trap.url}/proxy`);
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'create',
				email: 'leak@acme.example',
				firstName: 'Lea',
				lastName: 'K',
			},
		});
		expect(result.error?.message).toBe(
			`Refused to send the access token to ${trap.url}/proxy: it is not a DocuSign API host`,
		);
		expect(trap.requests).toEqual([]);
		expect(sim.userByEmail('leak@acme.example')).toBeUndefined();
	});

	test('the second account chosen by Account ID, with its base_uri at the trap, is refused', async () => {
		sim.setBaseUri(sandbox().accountId, trap.url);
		const result = await runNode(sim, {
			parameters: listProfiles,
			credential: credentialFor(sim, { accountId: sandbox().accountId }),
		});
		expect(result.error?.message).toBe(
			`Refused to send the access token to ${trap.url}: it is not a DocuSign API host`,
		);
		expect(trap.requests).toEqual([]);
		expect(sim.count({ path: /^\/restapi/ })).toBe(0);
	});

	test('a trapped second account does not leak when the credential uses the default account', async () => {
		sim.setBaseUri(sandbox().accountId, trap.url);
		const result = await runNode(sim, { parameters: listProfiles });
		expect(result.error).toBeUndefined();
		expect(result.json.length).toBeGreaterThan(0);
		expect(trap.requests).toEqual([]);
		expect(
			sim.log
				.filter((e) => e.path.startsWith('/restapi'))
				.every((e) => e.accountId === sim.defaultAccountId),
		).toBe(true);
	});

	test('Continue On Fail: every item is an error item, the trap still gets nothing', async () => {
		sim.setBaseUri(sim.defaultAccountId, trap.url);
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation: 'get', user: rl('id', '={{ $json.id }}') },
			items: [{ id: SEED_USERS.activeSalesEngineer.userId }, { id: SEED_USERS.adminAlan.userId }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const json of result.json)
			expect(json.error).toContain(`Refused to send the access token to ${trap.url}`);
		expect(trap.requests).toEqual([]);
	});

	test('every bearer request of a normal run went to the simulator, i.e. the auth server origin', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'get',
				user: rl('email', SEED_USERS.pending.email),
			},
		});
		expect(result.error).toBeUndefined();
		const bearer = sim.log.filter((e) => e.authorization === 'bearer');
		expect(bearer.length).toBeGreaterThanOrEqual(2);
		const simHost = new URL(sim.baseUrl).host;
		expect([...new Set(bearer.map((e) => e.host))]).toEqual([simHost]);
		expect(trap.requests).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------

/** Every string reachable from a value, own non-enumerable properties (message, stack, cause) included. */
function strings(
	value: unknown,
	seen = new WeakSet<object>(),
	depth = 0,
	out: string[] = [],
): string[] {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
	else if (value && typeof value === 'object' && depth < 12 && !seen.has(value)) {
		seen.add(value);
		for (const key of Object.getOwnPropertyNames(value)) {
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			if (typeof child !== 'function') strings(child, seen, depth + 1, out);
		}
	}
	return out;
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, v: unknown) => {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			return v;
		}) ?? ''
	);
}

interface Secrets {
	[label: string]: string;
}

function secretsOf(credential: ICredentialDataDecryptedObject, result?: RunResult): Secrets {
	const tokens = credential.oauthTokenData as IDataObject;
	const secrets: Secrets = {
		'access token': String(tokens.access_token),
		'refresh token': String(tokens.refresh_token),
		'client secret': sim.clientSecret,
		'client credentials (Basic)': Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString(
			'base64',
		),
	};
	// Tokens n8n obtained by refreshing during the run count too.
	result?.credentialsHelper.tokenUpdates.forEach((update, i) => {
		secrets[`refreshed access token ${i}`] = String(update.access_token);
		secrets[`refreshed refresh token ${i}`] = String(update.refresh_token);
	});
	for (const [label, secret] of Object.entries(secrets)) {
		if (!secret || secret === 'undefined' || secret.length < 8)
			throw new Error(`unusable secret for the search: ${label}`);
	}
	return secrets;
}

/** Where a secret may not appear: output items, messages, descriptions, the thrown errors. */
function haystacks(result: RunResult): Record<string, string> {
	const nodeRun = result.run.data.resultData.runData.DocuSign?.[0];
	return {
		'output items': safeStringify(result.items),
		'error message': String(result.error?.message ?? ''),
		'error description': String(result.error?.description ?? ''),
		'JSON of the thrown error': safeStringify(result.error),
		"JSON of result.run's error": safeStringify(result.run.data.resultData.error),
		'JSON of the node run error': safeStringify(nodeRun?.error),
		'every string inside the errors': [
			result.error,
			result.run.data.resultData.error,
			nodeRun?.error,
		]
			.flatMap((e) => strings(e))
			.join('\n'),
		'JSON of the whole run': safeStringify(result.run),
	};
}

function leaks(secrets: Secrets, result: RunResult): string[] {
	const found: string[] = [];
	for (const [where, text] of Object.entries(haystacks(result))) {
		for (const [label, secret] of Object.entries(secrets)) {
			if (text.includes(secret)) found.push(`${label} in ${where}`);
		}
	}
	return found;
}

interface Scenario {
	name: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Faults and state changes, after the credential's tokens were issued. */
	arrange?: () => void;
	/** What the run must show, so that the leak search looks at the failure it claims to. */
	expectOutcome: (result: RunResult) => void;
}

const getMany: INodeParameters = {
	resource: 'user',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
};
const errorText = (r: RunResult) => String(r.error?.message ?? r.json[0]?.error ?? '');

const SCENARIOS: Scenario[] = [
	{
		name: 'a successful run (Create and read back)',
		parameters: {
			resource: 'user',
			operation: 'create',
			email: 'clean@acme.example',
			firstName: 'Clean',
			lastName: 'Run',
		},
		expectOutcome: (r) => {
			expect(r.error).toBeUndefined();
			expect(r.json[0]).toMatchObject({ action: 'create', email: 'clean@acme.example' });
		},
	},
	{
		name: 'a successful Get Many',
		parameters: getMany,
		expectOutcome: (r) => {
			expect(r.error).toBeUndefined();
			expect(r.json).toHaveLength(5);
		},
	},
	{
		name: 'a DocuSign 4xx as an error item under Continue On Fail',
		parameters: {
			resource: 'user',
			operation: 'update',
			user: rl('id', SEED_USERS.activeSalesEngineer.userId),
			groupMode: 'keep',
			updateFields: { jobTitle: 'Lead' },
		},
		continueOnFail: true,
		arrange: () =>
			sim.addFault({
				method: 'PUT',
				path: '/users$',
				action: { status: 400, errorCode: 'USER_LACKS_PERMISSIONS' },
			}),
		expectOutcome: (r) => {
			expect(r.error).toBeUndefined();
			expect(r.json[0]).toMatchObject({ errorCode: 'USER_LACKS_PERMISSIONS' });
			expect(r.json[0].error).toBe(
				'The connected DocuSign user is not allowed to do this (USER_LACKS_PERMISSIONS) [item 0]',
			);
		},
	},
	{
		name: 'a DocuSign 4xx that stops the run',
		parameters: getMany,
		arrange: () =>
			sim.addFault({
				method: 'GET',
				path: '/users$',
				action: { status: 400, errorCode: 'ACCOUNT_LACKS_PERMISSIONS' },
			}),
		expectOutcome: (r) =>
			expect(r.error?.message).toBe(
				'The DocuSign account does not allow this operation (ACCOUNT_LACKS_PERMISSIONS)',
			),
	},
	{
		name: 'a 5xx after the retries',
		parameters: getMany,
		arrange: () => sim.addFault({ path: '/users$', times: 10, action: { status: 500 } }),
		expectOutcome: (r) => {
			expect(r.error?.message).toMatch(/^DocuSign could not list the users.*\[item 0\]$/);
			expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(4);
		},
	},
	{
		name: 'a 5xx on a write under Continue On Fail',
		parameters: {
			resource: 'user',
			operation: 'create',
			email: 'five@acme.example',
			firstName: 'Five',
			lastName: 'Hundred',
		},
		continueOnFail: true,
		arrange: () =>
			sim.addFault({ method: 'POST', path: '/users$', times: 10, action: { status: 500 } }),
		expectOutcome: (r) =>
			expect(r.json[0].error).toBe(
				'DocuSign failed with HTTP 500 while trying to create the users [item 0]',
			),
	},
	{
		name: 'a dropped connection',
		parameters: getMany,
		arrange: () => sim.addFault({ path: '/users$', times: 10, action: { drop: 'before' } }),
		expectOutcome: (r) => {
			expect(r.error?.message).toBe(
				'The connection to DocuSign failed while trying to list the users (ECONNRESET) [item 0]',
			);
			expect(r.error?.description).toBe(
				'Check the network path to DocuSign and run the workflow again.',
			);
			expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(4);
		},
	},
	{
		name: 'an invalid_grant refresh',
		parameters: getMany,
		arrange: () => {
			sim.expireAccessTokens();
			sim.revokeRefreshTokens();
		},
		expectOutcome: (r) => {
			expect(r.error?.message).toBe('The DocuSign credential needs to be reconnected [item 0]');
			// one refused refresh, and one more after the refresh-race pause (transport/request.ts)
			expect(sim.count({ method: 'POST', path: '/oauth/token', status: 400 })).toBe(2);
		},
	},
	{
		name: 'an invalid_grant refresh under Continue On Fail',
		parameters: getMany,
		items: [{}, {}],
		continueOnFail: true,
		arrange: () => {
			sim.expireAccessTokens();
			sim.revokeRefreshTokens();
		},
		expectOutcome: (r) => {
			expect(r.json).toHaveLength(2);
			for (const json of r.json)
				expect(json.error).toContain('The DocuSign credential needs to be reconnected');
		},
	},
	{
		name: 'a refused base_uri',
		parameters: getMany,
		arrange: () => sim.setBaseUri(sim.defaultAccountId, trap.url),
		expectOutcome: (r) => {
			expect(errorText(r)).toBe(
				`Refused to send the access token to ${trap.url}: it is not a DocuSign API host`,
			);
			expect(trap.requests).toEqual([]);
		},
	},
];

describe('messages of the failures above', () => {
	test('a dropped connection says which DocuSign call failed (NodeApiError would rewrite messages that mention ECONNRESET)', async () => {
		sim.addFault({ path: '/users$', times: 10, action: { drop: 'before' } });
		const result = await runNode(sim, { parameters: getMany });
		expect(result.error?.message).toMatch(
			/^The connection to DocuSign failed while trying to list the users \(\w+\) \[item 0\]$/,
		);
	});
});

describe('(b) no secret in output items or errors', () => {
	test('the search finds a secret where there is one', () => {
		const credential = credentialFor(sim);
		const secrets = secretsOf(credential);
		const planted = {
			items: [{ json: { note: `Bearer ${secrets['access token']}` } }],
			run: { data: { resultData: { runData: {} } } },
			error: undefined,
			credentialsHelper: { tokenUpdates: [] },
		};
		expect(leaks(secrets, planted as unknown as RunResult)).toEqual([
			'access token in output items',
		]);
		const err = new Error('boom');
		(err as unknown as IDataObject).cause = {
			config: { headers: { Authorization: `Bearer ${secrets['refresh token']}` } },
		};
		const withCause = { ...planted, items: [], error: err };
		expect(leaks(secrets, withCause as unknown as RunResult)).toEqual([
			'refresh token in JSON of the thrown error',
			'refresh token in every string inside the errors',
		]);
	});

	test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const credential = credentialFor(sim);
		scenario.arrange?.();
		const result = await runNode(sim, {
			parameters: scenario.parameters,
			items: scenario.items,
			continueOnFail: scenario.continueOnFail,
			credential,
		});
		scenario.expectOutcome(result);
		expect(leaks(secretsOf(credential, result), result)).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------

describe('(c) the JWT credential: its token and private key stay in n8n and with DocuSign', () => {
	const jwtSecretsOf = (credential: ICredentialDataDecryptedObject, result: RunResult): Secrets => {
		const pem = String(credential.privateKey);
		const keyBody = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
		const secrets: Secrets = {
			'private key (PEM)': pem,
			'private key (a line of it)': keyBody[Math.floor(keyBody.length / 2)],
			'private key (base64 without line breaks)': keyBody.join(''),
		};
		result.credentialsHelper.mintedTokens.forEach(
			(token, i) => (secrets[`minted access token ${i}`] = token),
		);
		// The signed assertions: each is good for an hour.
		sim.log
			.filter((e) => e.path === '/oauth/token')
			.forEach((e, i) => {
				const assertion = (e.body as IDataObject | undefined)?.assertion;
				if (typeof assertion === 'string') secrets[`assertion ${i}`] = assertion;
			});
		return secrets;
	};

	const JWT_SCENARIOS: Scenario[] = [
		{
			name: 'a successful Create',
			parameters: {
				resource: 'user',
				operation: 'create',
				email: 'jwt.clean@acme.example',
				firstName: 'Jwt',
				lastName: 'Clean',
			},
			expectOutcome: (r) => {
				expect(r.error).toBeUndefined();
				expect(r.credentialsHelper.mintedTokens).toHaveLength(1);
			},
		},
		{
			name: 'a token DocuSign no longer accepts, re-minted on the 401',
			parameters: getMany,
			arrange: () =>
				sim.addFault({
					method: 'GET',
					path: '^/oauth/userinfo$',
					times: 1,
					action: { status: 401 },
				}),
			expectOutcome: (r) => {
				expect(r.error).toBeUndefined();
				expect(r.credentialsHelper.preAuthentications).toEqual(['empty', 'expired']);
			},
		},
		{
			name: 'a DocuSign 4xx that stops the run',
			parameters: getMany,
			arrange: () =>
				sim.addFault({
					method: 'GET',
					path: '/users$',
					action: { status: 400, errorCode: 'ACCOUNT_LACKS_PERMISSIONS' },
				}),
			expectOutcome: (r) =>
				expect(r.error?.message).toBe(
					'The DocuSign account does not allow this operation (ACCOUNT_LACKS_PERMISSIONS)',
				),
		},
		{
			name: 'consent withdrawn',
			parameters: getMany,
			arrange: () => sim.jwt.revokeConsent(JWT_INTEGRATION_KEY, seedData.ADA.userId),
			expectOutcome: (r) => expect(r.error?.message).toContain('DocuSign needs consent'),
		},
		{
			name: 'a refused base_uri',
			parameters: getMany,
			arrange: () => sim.setBaseUri(sim.defaultAccountId, trap.url),
			expectOutcome: (r) => {
				expect(errorText(r)).toBe(
					`Refused to send the access token to ${trap.url}: it is not a DocuSign API host`,
				);
				expect(trap.requests).toEqual([]);
			},
		},
		{
			name: 'a redirect on the token endpoint (the assertion is not sent on)',
			parameters: getMany,
			arrange: () =>
				sim.addFault({
					method: 'POST',
					path: '^/oauth/token$',
					action: { redirect: { status: 307, location: `${trap.url}/oauth/token?x=1` } },
				}),
			expectOutcome: (r) => {
				expect(r.error?.message).toBe(
					"DocuSign's token endpoint answered with a redirect (HTTP 307): a gateway or proxy between n8n and DocuSign is redirecting [item 0]",
				);
				expect(trap.requests).toEqual([]);
			},
		},
		{
			name: 'a 5xx after the retries',
			parameters: getMany,
			arrange: () => sim.addFault({ path: '/users$', times: 10, action: { status: 500 } }),
			expectOutcome: (r) =>
				expect(r.error?.message).toMatch(/^DocuSign could not list the users.*\[item 0\]$/),
		},
	];

	afterEach(() => sim.jwt.grantConsent(JWT_INTEGRATION_KEY, seedData.ADA.userId));

	test.each(JWT_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const credential = jwtCredentialFor(sim);
		scenario.arrange?.();
		const result = await runNode(sim, {
			parameters: scenario.parameters,
			items: scenario.items,
			continueOnFail: scenario.continueOnFail,
			credential,
		});
		scenario.expectOutcome(result);
		const secrets = jwtSecretsOf(credential, result);
		expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(3);
		expect(leaks(secrets, result)).toEqual([]);
	});

	test('the bearer token of a JWT run went only to the simulator (the auth server origin); the token request carries no bearer', async () => {
		const result = await runNode(sim, { parameters: getMany, credential: jwtCredentialFor(sim) });
		expect(result.error).toBeUndefined();
		const bearer = sim.log.filter((e) => e.authorization === 'bearer');
		expect(bearer.length).toBeGreaterThanOrEqual(2);
		expect([...new Set(bearer.map((e) => e.host))]).toEqual([new URL(sim.baseUrl).host]);
		expect(sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.authorization)).toEqual([
			'none',
		]);
	});

	test('a Custom http server that is not loopback is refused before the private key signs anything', async () => {
		const result = await runNode(sim, {
			parameters: getMany,
			credential: jwtCredentialFor(sim, { authServerUrl: 'http://docusign-gateway.example.com' }),
		});
		expect(result.error?.message).toBe(
			"The credential's Authorization Server URL uses http on a host that is not loopback [item 0]",
		);
		expect(result.credentialsHelper.preAuthentications).toEqual([]);
	});
});
