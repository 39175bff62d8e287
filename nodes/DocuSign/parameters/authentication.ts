import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DocuSignCredentialType } from '../transport/credentialType';
import { CREDENTIAL_TYPE, JWT_CREDENTIAL_TYPE } from '../transport/credentialType';

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

/**
 * Which credential this execution uses, from the node's Authentication parameter (absent in
 * workflows saved before it existed: OAuth2). Anything but the two values is an error, never a guess.
 */
export function credentialTypeOf(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
): DocuSignCredentialType {
	const ctx = this as { getInputData?: unknown };
	const value =
		typeof ctx.getInputData === 'function'
			? (this as IExecuteFunctions).getNodeParameter('authentication', 0, 'oAuth2')
			: (this as { getNodeParameter(name: string, fallback: unknown): unknown }).getNodeParameter(
					'authentication',
					'oAuth2',
				);
	if (value === 'oAuth2') return CREDENTIAL_TYPE;
	if (value === 'jwt') return JWT_CREDENTIAL_TYPE;
	throw new NodeOperationError(
		this.getNode(),
		`The parameter "Authentication" has an unknown value: ${JSON.stringify(String(value)).slice(0, 40)}`,
		{
			description: "Choose OAuth2 or JWT in the node's Authentication parameter.",
		},
	);
}
