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
import { JWT_SCOPES, mintAccessToken } from '../nodes/DocuSign/transport/jwtGrant';

// The same server choice as the OAuth2 credential; a Custom http URL that is not loopback is
// turned into https for the Test button's request (the token request refuses it outright).
const cleartextOnlyOnLoopback =
	'.replace(new RegExp("^http://(?!(localhost|127[.][0-9]+[.][0-9]+[.][0-9]+|[[]::1\\\\])(:[0-9]+)?(/|$))", "i"), "https://")';
const authServer = `($credentials.environment === "custom" ? String($credentials.authServerUrl || "").replace(new RegExp("/+$"), "")${cleartextOnlyOnLoopback} : $credentials.environment === "demo" ? "https://account-d.docusign.com" : "https://account.docusign.com")`;

export class DocuSignJwtApi implements ICredentialType {
	name = 'docuSignJwtApi';

	displayName = 'DocuSign JWT API';

	icon: Icon = {
		light: 'file:../icons/docusign.svg',
		dark: 'file:../icons/docusign.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-docusign-users#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'Accounts at account.docusign.com',
				},
				{
					name: 'Developer (Demo)',
					value: 'demo',
					description: 'Developer accounts at account-d.docusign.com',
				},
				{
					name: 'Custom',
					value: 'custom',
					description:
						'For a private API gateway (https) or local testing (http only on 127.0.0.1, localhost or [::1])',
				},
			],
			default: 'production',
			description:
				'The DocuSign environment your integration key lives in. Keys created in a developer account work only with Developer (Demo) until they are promoted.',
		},
		{
			displayName: 'Authorization Server URL',
			name: 'authServerUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://docusign-gateway.example.com or http://127.0.0.1:8085',
			description:
				'Base URL of a private API gateway or a local test server that serves /oauth/auth, /oauth/token and /oauth/userinfo. Must be https; plain http is accepted only on a loopback host (127.0.0.1, localhost, [::1]). The access token is only ever sent to this host and to DocuSign hosts.',
			displayOptions: { show: { environment: ['custom'] } },
		},
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
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2f1b6c1e-8a0d-4f3e-9c55-0e7d8b1a2c3d',
			description:
				'The API Account ID (a GUID) shown in DocuSign under Settings > Apps and Keys. Leave empty to use the default account of the user above.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: JWT_SCOPES,
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
