/** The JWT credential's declaration and its RS256 assertion, without a server. */
import { generateKeyPairSync, verify } from 'node:crypto';

import type { INodeProperties } from 'n8n-workflow';

import { DocuSignJwtApi } from '../../credentials/DocuSignJwtApi.credentials';
import { DocuSignOAuth2Api } from '../../credentials/DocuSignOAuth2Api.credentials';
import { assertionFor, consentUrlOf } from '../../nodes/DocuSign/transport/jwtGrant';
import { emptyWorkflow } from '../support/expressions';

const credential = new DocuSignJwtApi();
const workflow = emptyWorkflow();
const keys = generateKeyPairSync('rsa', {
	modulusLength: 2048,
	privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
	publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const base = {
	environment: 'production' as const,
	integrationKey: 'ik-1',
	userId: 'user-1',
	privateKey: keys.privateKey,
	consentRedirectUri: 'https://www.docusign.com',
};

const property = (name: string) =>
	credential.properties.find((p: INodeProperties) => p.name === name)!;

test('the private key is a password field; the access token is hidden and expirable', () => {
	expect(property('privateKey').typeOptions?.password).toBe(true);
	expect(property('accessToken')).toMatchObject({
		type: 'hidden',
		typeOptions: { expirable: true },
		default: '',
	});
	expect(typeof credential.preAuthentication).toBe('function');
});

// The scope field was the constant 'signature impersonation'; with Organization Admin Access it adds the Admin scopes.
test.each([
	[false, 'signature impersonation'],
	[true, 'signature impersonation user_read user_write'],
	['true', 'signature impersonation'],
])('scope with Organization Admin Access %p: %s', (organizationAdminAccess, scope) => {
	const value = workflow.expression.getParameterValue(
		String(property('scope').default),
		null,
		0,
		0,
		'',
		[],
		'internal',
		{},
		undefined,
		false,
		{ organizationAdminAccess } as never,
	);
	expect(value).toBe(scope);
	const claims = JSON.parse(
		Buffer.from(
			assertionFor({ ...base, organizationAdminAccess: organizationAdminAccess as boolean }).split(
				'.',
			)[1],
			'base64url',
		).toString(),
	);
	expect(claims.scope).toBe(scope);
	expect(
		consentUrlOf({ ...base, organizationAdminAccess: organizationAdminAccess as boolean }),
	).toContain(`scope=${encodeURIComponent(scope)}&`);
});

test('both credentials take Environment, Authorization Server URL, Account ID, Organization Admin Access and Organization ID from one module', () => {
	const oauth2 = new DocuSignOAuth2Api();
	const of = (props: typeof credential.properties, name: string) =>
		props.find((p) => p.name === name);
	for (const name of ['environment', 'authServerUrl']) {
		expect(of(credential.properties, name)).toBeDefined();
		expect(of(credential.properties, name)).toBe(of(oauth2.properties, name));
	}
	expect(of(credential.properties, 'organizationId')).toEqual(
		of(oauth2.properties, 'organizationId'),
	);
	// The same switch; only the sentence on what to do after turning it on differs.
	const { description: jwtText, ...jwtSwitch } = of(
		credential.properties,
		'organizationAdminAccess',
	)!;
	const { description: oauthText, ...oauthSwitch } = of(
		oauth2.properties,
		'organizationAdminAccess',
	)!;
	expect(jwtSwitch).toEqual(oauthSwitch);
	expect(jwtText).toMatch(/consent/);
	expect(oauthText).toMatch(/click Connect again/);
	expect(property('organizationId').displayOptions).toEqual({
		show: { organizationAdminAccess: [true] },
	});
});

test.each([
	['production', '', 'https://account.docusign.com'],
	['demo', '', 'https://account-d.docusign.com'],
	['custom', 'http://127.0.0.1:8085/', 'http://127.0.0.1:8085'],
	['custom', 'http://gateway.example.com', 'https://gateway.example.com'],
])('the Test request of %s %s goes to %s/oauth/userinfo', (environment, authServerUrl, server) => {
	const baseURL = workflow.expression.getParameterValue(
		String(credential.test.request.baseURL),
		null,
		0,
		0,
		'',
		[],
		'internal',
		{ $credentials: { environment, authServerUrl } } as never,
	);
	expect(`${String(baseURL)}${credential.test.request.url}`).toBe(`${server}/oauth/userinfo`);
});

test("the assertion: RS256 over DocuSign's claims, verifiable with the public key, at most one hour", () => {
	const now = 1_800_000_000;
	const [header, claims, signature] = assertionFor({ ...base, environment: 'demo' }, now).split(
		'.',
	);
	expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
		alg: 'RS256',
		typ: 'JWT',
	});
	expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toMatchObject({
		iss: 'ik-1',
		sub: 'user-1',
		aud: 'account-d.docusign.com',
		// iat a minute in the past (issue 23: a DocuSign clock a little behind n8n's), still one hour to exp.
		iat: now - 60,
		exp: now - 60 + 3600,
		scope: 'signature impersonation',
	});
	expect(
		verify(
			'RSA-SHA256',
			Buffer.from(`${header}.${claims}`),
			keys.publicKey,
			Buffer.from(signature, 'base64url'),
		),
	).toBe(true);
});

test("the consent URL is DocuSign's individual-consent URL for this key and redirect URI", () => {
	expect(consentUrlOf(base)).toBe(
		'https://account.docusign.com/oauth/auth?response_type=code&scope=signature%20impersonation&client_id=ik-1&redirect_uri=https%3A%2F%2Fwww.docusign.com',
	);
});

test('a Custom http URL that is not loopback is refused before anything is signed', () => {
	expect(() =>
		assertionFor({ ...base, environment: 'custom', authServerUrl: 'http://10.0.0.5:8085' }),
	).toThrow("The credential's Authorization Server URL uses http on a host that is not loopback");
});
