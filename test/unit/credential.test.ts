/** The credential's hidden OAuth URLs, evaluated by n8n-workflow's expression engine as n8n does with $self. */
import type { INodeProperties } from 'n8n-workflow';

import { DocuSignOAuth2Api } from '../../credentials/DocuSignOAuth2Api.credentials';
import { emptyWorkflow } from '../support/expressions';

const credential = new DocuSignOAuth2Api();
const workflow = emptyWorkflow();

function hidden(name: string, self: Record<string, string>): unknown {
	const property = credential.properties.find((p: INodeProperties) => p.name === name)!;
	return workflow.expression.getParameterValue(
		property.default as string,
		null,
		0,
		0,
		'',
		[],
		'internal',
		{},
		undefined,
		false,
		self,
	);
}

describe('authorize and token URLs', () => {
	test.each([
		['production', '', 'https://account.docusign.com'],
		['demo', '', 'https://account-d.docusign.com'],
		['custom', 'https://gateway.example.com/', 'https://gateway.example.com'],
		['custom', 'http://127.0.0.1:8085', 'http://127.0.0.1:8085'],
		['custom', 'http://localhost:8085/', 'http://localhost:8085'],
		['custom', 'http://[::1]:8085', 'http://[::1]:8085'],
		['custom', 'http://127.12.0.1', 'http://127.12.0.1'],
		// Cleartext elsewhere becomes https: the client secret never crosses a network in clear.
		['custom', 'http://gateway.example.com', 'https://gateway.example.com'],
		['custom', 'HTTP://10.0.0.5:8085', 'https://10.0.0.5:8085'],
		['custom', 'http://localhost.evil.example', 'https://localhost.evil.example'],
		['custom', 'http://127.0.0.1.nip.io:8085', 'https://127.0.0.1.nip.io:8085'],
	])('%s %s -> %s', (environment, authServerUrl, server) => {
		const self = { environment, authServerUrl };
		expect(hidden('authUrl', self)).toBe(`${server}/oauth/auth`);
		expect(hidden('accessTokenUrl', self)).toBe(`${server}/oauth/token`);
	});
});

describe('scope', () => {
	test.each([
		[false, 'signature extended'],
		[true, 'signature extended user_read user_write'],
		// Only a real true adds the Admin scopes.
		['true', 'signature extended'],
	])('Organization Admin Access %p -> %s', (organizationAdminAccess, scope) => {
		expect(hidden('scope', { environment: 'production', organizationAdminAccess } as never)).toBe(
			scope,
		);
	});
});
