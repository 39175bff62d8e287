import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** OAuth2 (a person's login) or JWT (a service credential), as n8n's Salesforce node offers. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
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
	default: 'oAuth2',
};

export const docuSignCredentials: INodeCredentialDescription[] = [
	{
		name: 'docuSignOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{ name: 'docuSignJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];
