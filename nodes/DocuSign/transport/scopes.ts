/**
 * The OAuth scopes each credential asks for, in one place (DocuSign's scope list:
 * https://developers.docusign.com/platform/auth/reference/scopes/). `extended` makes an OAuth2
 * refresh return a refresh token with a full new lifetime; `impersonation` is the JWT Grant's.
 * The Admin API's user_read (list users, profile) and user_write (create, activate membership)
 * are the only Admin scopes the node's calls need (DocuSign's admin OpenAPI, per operation).
 */
export const OAUTH2_SCOPES = 'signature extended';
export const JWT_SCOPES = 'signature impersonation';
export const ADMIN_SCOPES = 'user_read user_write';

/** The JWT assertion's scopes (and its consent URL's): the Admin scopes only when the switch is really true. */
export function jwtScopesOf(credentials: { organizationAdminAccess?: unknown }): string {
	return credentials.organizationAdminAccess === true
		? `${JWT_SCOPES} ${ADMIN_SCOPES}`
		: JWT_SCOPES;
}
