import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// One expression picks the authorization server for every hidden URL, so switching the
// environment can never leave the authorize and token URLs pointing at different servers.
// A Custom http URL on a host that is not loopback (127.x.x.x, localhost, [::1]) is turned into
// https, so n8n's Connect and refresh never send the client secret in clear (the node itself
// refuses such a URL with a credential error).
const cleartextOnlyOnLoopback =
	'.replace(new RegExp("^http://(?!(localhost|127[.][0-9]+[.][0-9]+[.][0-9]+|[[]::1\\\\])(:[0-9]+)?(/|$))", "i"), "https://")';
const authServer = `($self["environment"] === "custom" ? String($self["authServerUrl"] || "").replace(new RegExp("/+$"), "")${cleartextOnlyOnLoopback} : $self["environment"] === "demo" ? "https://account-d.docusign.com" : "https://account.docusign.com")`;

export class DocuSignOAuth2Api implements ICredentialType {
	name = 'docuSignOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'DocuSign OAuth2 API';

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
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2f1b6c1e-8a0d-4f3e-9c55-0e7d8b1a2c3d',
			description:
				'The API Account ID (a GUID) shown in DocuSign under Settings > Apps and Keys. Leave empty to use the default account of the user who connects.',
		},
		{
			displayName: 'Organization Admin Access',
			name: 'organizationAdminAccess',
			type: 'boolean',
			default: false,
			description:
				"Whether the node may use DocuSign's Admin (organization) API: create users already active (Create > Activation) and reopen users through their organization membership (Activate). Adds the Admin scopes user_read and user_write; the connecting user must be an organization administrator. After turning this on, reconnect the credential (click Connect again) so that the token carries the new scopes.",
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7c1e3b0a-5d2f-4e8a-9b6c-1f0e2d3c4b5a',
			description:
				'Optional. The DocuSign organization (a GUID, DocuSign Admin > Organization). Leave empty to take it from the connected account (userinfo); needed only when DocuSign does not name it there.',
			displayOptions: { show: { organizationAdminAccess: [true] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Integration Key of your app, under Settings > Apps and Keys in DocuSign eSignature Admin',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"A Secret Key of the same app (Apps and Keys > your app > Authentication > Add Secret Key). Add the OAuth Redirect URL shown above to the app's Redirect URIs.",
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${authServer} + "/oauth/auth" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${authServer} + "/oauth/token" }}`,
		},
		{
			// `extended` makes every refresh return a refresh token with a full new lifetime. The Admin
			// API's user_read (list users, profile) and user_write (create, activate membership) are
			// the only Admin scopes the node's calls need (DocuSign's admin OpenAPI, per operation).
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default:
				'={{ $self["organizationAdminAccess"] === true ? "signature extended user_read user_write" : "signature extended" }}',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// DocuSign wants the integration key and secret as HTTP Basic on /oauth/token.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
