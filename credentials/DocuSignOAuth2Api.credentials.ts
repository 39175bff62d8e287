import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { OAUTH2_SCOPES } from '../nodes/DocuSign/transport/scopes';
import {
	accountIdProperty,
	authServerExpression,
	environmentProperties,
	organizationAdminProperties,
	scopeExpression,
} from './environment';

// The authorize and token URLs follow the environment; a Custom http URL on a host that is not
// loopback becomes https, so n8n's Connect and refresh never send the client secret in clear.
const authServer = authServerExpression('$self');

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
		...environmentProperties,
		accountIdProperty('the user who connects'),
		...organizationAdminProperties(
			'After turning this on, reconnect the credential (click Connect again) so that the token carries the new scopes.',
		),
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
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression(OAUTH2_SCOPES),
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
