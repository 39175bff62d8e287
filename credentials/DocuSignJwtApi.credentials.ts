import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import type { JwtCredentials } from '../nodes/DocuSign/transport/jwtGrant';
import { mintAccessToken } from '../nodes/DocuSign/transport/jwtGrant';
import { JWT_SCOPES } from '../nodes/DocuSign/transport/scopes';
import {
	accountIdProperty,
	authServerExpression,
	environmentProperties,
	organizationAdminProperties,
	scopeExpression,
} from './environment';

const authServer = authServerExpression('$credentials');

export class DocuSignJwtApi implements ICredentialType {
	name = 'docuSignJwtApi';

	displayName = 'DocuSign JWT API';

	icon: Icon = {
		light: 'file:../icons/docusign.svg',
		dark: 'file:../icons/docusign.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-docusign-users#credentials';

	properties: INodeProperties[] = [
		...environmentProperties,
		{
			displayName: 'Integration Key',
			name: 'integrationKey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Integration Key of your app, under Settings > Apps and Keys in DocuSign eSignature Admin',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 8c1f3b2a-6d4e-4f1a-9b7c-2e5d8a0f6c31',
			description:
				'The user the node acts as (a GUID: the API Username under Apps and Keys > My Account Information). Best a dedicated DocuSign administrator, not a person who may leave.',
		},
		{
			displayName: 'RSA Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN RSA PRIVATE KEY-----',
			description:
				'The private key of an RSA key pair of the app (Apps and Keys > your app > Authentication > Add RSA Key Pair), in PEM form. It never leaves n8n: only a signed request does.',
		},
		{
			displayName: 'Consent Redirect URI',
			name: 'consentRedirectUri',
			type: 'string',
			default: 'https://www.docusign.com',
			required: true,
			description:
				"One of the app's Redirect URIs (Apps and Keys > your app > Additional settings). It goes into the consent URL the node shows when consent is missing; DocuSign returns the browser there after Accept.",
		},
		accountIdProperty('the user above'),
		...organizationAdminProperties(
			'After turning this on, the user above must consent to the new scopes once (the node shows the consent URL when DocuSign asks for it), unless an organization administrator granted admin consent.',
		),
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression(JWT_SCOPES),
		},
		{
			// Minted by preAuthentication; n8n asks again when it is empty or a request gets a 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// When the token above stops working; the node asks for a new one shortly before.
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: '',
		},
		{
			// A digest of what minted the token above (environment, server, key, user, scopes): the node replaces a token minted from other settings.
			displayName: 'Minted From',
			name: 'mintedFrom',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await mintAccessToken.call(this, credentials as unknown as JwtCredentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${authServer} }}`,
			url: '/oauth/userinfo',
			disableFollowRedirect: true,
		},
	};
}
