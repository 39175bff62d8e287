import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { DocuSignCredentialType } from '../transport/types';
import { CREDENTIAL_TYPE, JWT_CREDENTIAL_TYPE } from '../transport/types';
import { entryFor, spec } from './spec';

/**
 * Which credential the node uses, per run (per poll, per dropdown): absent in workflows saved before
 * the parameter existed, so OAuth2. Anything but the two values is an error, never a guess.
 */
export const AUTHENTICATION = spec<DocuSignCredentialType>({
	path: 'authentication',
	label: 'Authentication',
	fallback: 'oAuth2',
	check: (value) =>
		value === 'oAuth2'
			? { value: CREDENTIAL_TYPE }
			: value === 'jwt'
				? { value: JWT_CREDENTIAL_TYPE }
				: {
						problem: `has an unknown value: ${JSON.stringify(String(value)).slice(0, 40)}`,
						hint: "Choose OAuth2 or JWT in the node's Authentication parameter.",
					},
});

/** OAuth2 (a person's login) or JWT (a service credential), as n8n's Salesforce node offers. */
export const authenticationProperty: INodeProperties = entryFor(AUTHENTICATION, {
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'OAuth2',
			value: 'oAuth2',
			description:
				'An administrator connects once with their DocuSign login (Authorization Code Grant)',
		},
		{
			name: 'JWT',
			value: 'jwt',
			description:
				'A service credential: integration key, RSA key pair and a user to act as (JWT Grant)',
		},
	],
});

export const docuSignCredentials: INodeCredentialDescription[] = [
	{
		name: 'docuSignOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{ name: 'docuSignJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];
