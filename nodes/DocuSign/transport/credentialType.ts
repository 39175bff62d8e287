import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { DocuSignContext } from './types';
import type { JwtCredentials } from './jwtGrant';
import { mintedFromOf } from './jwtGrant';

/** Authentication = OAuth2 (also when the parameter is absent: workflows saved before it existed). */
export const CREDENTIAL_TYPE = 'docuSignOAuth2Api';
/** Authentication = JWT. */
export const JWT_CREDENTIAL_TYPE = 'docuSignJwtApi';
export type DocuSignCredentialType = typeof CREDENTIAL_TYPE | typeof JWT_CREDENTIAL_TYPE;

/** A JWT token this close to its expiry is replaced before it is sent (a run can take minutes). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * For the JWT credential: when its stored token is about to expire, or was minted from other
 * settings than the credential's now (mintedFrom), the request goes out with the token field emptied, which makes n8n run the credential's preAuthentication (a fresh token,
 * saved to the credential) before sending. Undefined: n8n uses the stored credential as is.
 */
export async function jwtRenewalOf(
	this: DocuSignContext,
	credentialType: DocuSignCredentialType,
	now = Date.now(),
): Promise<
	| {
			credentialsDecrypted: {
				id: string;
				name: string;
				type: string;
				data: ICredentialDataDecryptedObject;
			};
	  }
	| undefined
> {
	if (credentialType !== JWT_CREDENTIAL_TYPE) return undefined;
	const data = (await this.getCredentials(credentialType)) as IDataObject;
	const expiresAt = Date.parse(String(data.expiresAt ?? ''));
	// A token minted from other settings (User ID, Integration Key, environment, server, key, or
	// Organization Admin Access edited since) is never sent: it would act as before, or go to the new server.
	const rebound = String(data.mintedFrom ?? '') !== mintedFromOf(data as unknown as JwtCredentials);
	// No token yet: n8n mints one anyway. No known expiry: a 401 makes n8n mint one.
	if (
		!data.accessToken ||
		(!rebound && (!Number.isFinite(expiresAt) || expiresAt - now > RENEW_BEFORE_EXPIRY_MS))
	)
		return undefined;
	const reference = this.getNode().credentials?.[credentialType];
	return {
		credentialsDecrypted: {
			id: String(reference?.id ?? ''),
			name: String(reference?.name ?? ''),
			type: credentialType,
			data: { ...(data as ICredentialDataDecryptedObject), accessToken: '' },
		},
	};
}
