import { JWT_CREDENTIAL_TYPE } from './types';
import type { DocuSignCredentialType } from './types';
import { ADMIN_SCOPES, jwtScopesOf } from './scopes';

/**
 * What to do when the Admin API is out of reach, in the words of the credential in use: an OAuth2
 * credential is reconnected (its token carries the scopes of the last Connect); a JWT credential
 * mints its own tokens, so its user must consent to the Admin scopes instead.
 */
export function adminAccessAdvice(credentialType: DocuSignCredentialType | undefined): string {
	if (credentialType === JWT_CREDENTIAL_TYPE) {
		return `Turn on Organization Admin Access in the DocuSign JWT credential; the node then asks DocuSign for the scopes ${jwtScopesOf({ organizationAdminAccess: true })} by itself. The credential's user (User ID) must be an administrator of the DocuSign organization and must have consented to these scopes (open the consent URL with them once, or have an organization administrator grant admin consent).`;
	}
	return `Turn on Organization Admin Access in the DocuSign credential and reconnect it (click Connect again), so that the token carries the Admin scopes ${ADMIN_SCOPES.replace(' ', ' and ')}. The connecting user must be an administrator of the DocuSign organization.`;
}
