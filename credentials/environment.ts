import type { INodeProperties } from 'n8n-workflow';

import { ADMIN_SCOPES } from '../nodes/DocuSign/transport/scopes';

/**
 * What the OAuth2 and the JWT credential share: the DocuSign environment (and the server it
 * implies), the account, and Organization Admin Access. One place, so the two credentials
 * cannot drift apart.
 */

// A Custom http URL on a host that is not loopback (127.x.x.x, localhost, [::1]) is turned into
// https, so nothing secret ever crosses a network in clear (the node itself refuses such a URL
// with a credential error).
const cleartextOnlyOnLoopback =
	'.replace(new RegExp("^http://(?!(localhost|127[.][0-9]+[.][0-9]+[.][0-9]+|[[]::1\\\\])(:[0-9]+)?(/|$))", "i"), "https://")';

/**
 * The account server as an n8n expression (without the `={{ }}`): `$self` inside a credential's
 * own hidden fields, `$credentials` in its Test request. One expression picks the server for every
 * URL, so switching the environment can never leave two URLs pointing at different servers.
 */
export function authServerExpression(source: '$self' | '$credentials'): string {
	const field = (name: string) => `${source}["${name}"]`;
	return `(${field('environment')} === "custom" ? String(${field('authServerUrl')} || "").replace(new RegExp("/+$"), "")${cleartextOnlyOnLoopback} : ${field('environment')} === "demo" ? "https://account-d.docusign.com" : "https://account.docusign.com")`;
}

/** Environment and, for Custom, the server URL. */
export const environmentProperties: INodeProperties[] = [
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
];

/** Account ID; `whose` names the user whose default account an empty field means. */
export function accountIdProperty(whose: string): INodeProperties {
	return {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2f1b6c1e-8a0d-4f3e-9c55-0e7d8b1a2c3d',
		description: `The API Account ID (a GUID) shown in DocuSign under Settings > Apps and Keys. Leave empty to use the default account of ${whose}.`,
	};
}

/**
 * Organization Admin Access and the Organization ID it needs; `afterTurningOn` says what the
 * credential needs before its tokens carry the Admin scopes (reconnect, or the JWT user's consent).
 */
export function organizationAdminProperties(afterTurningOn: string): INodeProperties[] {
	return [
		{
			displayName: 'Organization Admin Access',
			name: 'organizationAdminAccess',
			type: 'boolean',
			default: false,
			description: `Whether the node may use DocuSign's Admin (organization) API: create users already active (Create > Activation) and reopen users through their organization membership (Activate). Adds the Admin scopes ${ADMIN_SCOPES.replace(' ', ' and ')}; the user must be an organization administrator. ${afterTurningOn}`,
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
	];
}

/** The hidden scope field's expression: `base`, plus the Admin scopes only when the switch is really true. */
export function scopeExpression(base: string): string {
	return `={{ $self["organizationAdminAccess"] === true ? "${base} ${ADMIN_SCOPES}" : "${base}" }}`;
}
