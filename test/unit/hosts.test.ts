import type { DocuSignCredentials, Environment } from '../../nodes/DocuSign/users/model';
import {
	adminApiOf,
	adminAppOf,
	authServerOf,
	isTrustedBaseUri,
} from '../../nodes/DocuSign/transport/hosts';

const production: DocuSignCredentials = { environment: 'production' };
const demo: DocuSignCredentials = { environment: 'demo' };
const custom = (authServerUrl?: string): DocuSignCredentials => ({
	environment: 'custom',
	authServerUrl,
});

describe('authServerOf', () => {
	it('maps production and demo to DocuSign account servers', () => {
		expect(authServerOf(production)).toBe('https://account.docusign.com');
		expect(authServerOf(demo)).toBe('https://account-d.docusign.com');
	});

	it('ignores authServerUrl outside Custom', () => {
		expect(authServerOf({ environment: 'production', authServerUrl: 'https://evil.example' })).toBe(
			'https://account.docusign.com',
		);
	});

	it('falls back to production for an unknown environment', () => {
		expect(authServerOf({ environment: 'staging' as Environment })).toBe(
			'https://account.docusign.com',
		);
	});

	it('strips trailing slashes from a Custom server', () => {
		expect(authServerOf(custom('http://localhost:8080///'))).toBe('http://localhost:8080');
		expect(authServerOf(custom('https://auth.example.test/base/'))).toBe(
			'https://auth.example.test/base',
		);
		expect(authServerOf(custom(undefined))).toBe('');
	});
});

describe('adminAppOf', () => {
	it('maps each environment to its admin app', () => {
		expect(adminAppOf(production)).toBe('https://apps.docusign.com/admin');
		expect(adminAppOf(demo)).toBe('https://apps-d.docusign.com/admin');
		expect(adminAppOf(custom('http://localhost:8080/'))).toBe('http://localhost:8080/admin');
	});
});

describe('isTrustedBaseUri', () => {
	it.each([
		['https://na3.docusign.net', production],
		['https://eu.docusign.net/restapi', production],
		['https://na2.docusign.com/', production],
		['https://NA3.DocuSign.NET/restapi', production],
		['https://na3.docusign.net:443', production],
		['https://demo.docusign.net', demo],
	])('trusts %p', (uri, credentials) => {
		expect(isTrustedBaseUri(uri, credentials)).toBe(true);
	});

	it.each([
		'http://na3.docusign.net',
		'https://docusign.net.evil.com',
		'https://na3.docusign.net.evil.com/restapi',
		'https://evil-docusign.net',
		'https://evildocusign.com',
		'https://docusign.org',
		'https://na3.docusign.net@evil.com',
		'https://user:pass@na3.docusign.net',
		'https://user@na3.docusign.net',
		'https://evil.com#.docusign.net',
		'https://evil.com/?.docusign.net',
		'https://na3.docusign.net:8443',
		'ftp://na3.docusign.net',
		'not a url',
		'',
	])('refuses %p in production and demo', (uri) => {
		expect(isTrustedBaseUri(uri, production)).toBe(false);
		expect(isTrustedBaseUri(uri, demo)).toBe(false);
	});

	it('refuses the Custom origin outside Custom', () => {
		expect(
			isTrustedBaseUri('http://localhost:8080', {
				environment: 'production',
				authServerUrl: 'http://localhost:8080',
			}),
		).toBe(false);
	});

	describe('Custom', () => {
		const credentials = custom('http://localhost:8080/');

		it('trusts the exact origin of the auth server', () => {
			expect(isTrustedBaseUri('http://localhost:8080/restapi', credentials)).toBe(true);
			expect(isTrustedBaseUri('http://LOCALHOST:8080', credentials)).toBe(true);
		});

		it.each([
			'http://localhost:8081/restapi',
			'https://localhost:8080/restapi',
			'http://127.0.0.1:8080/restapi',
			'http://localhost/restapi',
			'http://localhost:8080.evil.com/',
			'http://user@localhost:8080/restapi',
			'http://user:pw@localhost:8080/restapi',
			'https://evil.example',
		])('refuses %p', (uri) => {
			expect(isTrustedBaseUri(uri, credentials)).toBe(false);
		});

		it('refuses everything else when authServerUrl is missing or invalid', () => {
			expect(isTrustedBaseUri('http://localhost:8080', custom(undefined))).toBe(false);
			expect(isTrustedBaseUri('http://localhost:8080', custom('not a url'))).toBe(false);
		});
	});
});

describe('adminApiOf', () => {
	test.each([
		[{ environment: 'production' }, 'https://api.docusign.net/Management'],
		[{ environment: 'demo' }, 'https://api-d.docusign.net/Management'],
		[
			{ environment: 'custom', authServerUrl: 'http://127.0.0.1:8085/some/path/' },
			'http://127.0.0.1:8085/Management',
		],
	] as const)('%p -> %s, a host the token may go to', (credentials, base) => {
		expect(adminApiOf(credentials as DocuSignCredentials)).toBe(base);
		expect(
			isTrustedBaseUri(
				adminApiOf(credentials as DocuSignCredentials),
				credentials as DocuSignCredentials,
			),
		).toBe(true);
	});
});
