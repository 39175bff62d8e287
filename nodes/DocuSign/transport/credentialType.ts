import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DocuSignContext } from './request';
import { jwtScopesOf } from './scopes';

/** Authentication = OAuth2 (also when the parameter is absent: workflows saved before it existed). */
export const CREDENTIAL_TYPE = 'docuSignOAuth2Api';
/** Authentication = JWT. */
export const JWT_CREDENTIAL_TYPE = 'docuSignJwtApi';
export type DocuSignCredentialType = typeof CREDENTIAL_TYPE | typeof JWT_CREDENTIAL_TYPE;

/** A JWT token this close to its expiry is replaced before it is sent (a run can take minutes). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * Which credential this execution uses, from the node's Authentication parameter (absent in
 * workflows saved before it existed: OAuth2). Anything but the two values is an error, never a guess.
 */
export function credentialTypeOf(this: DocuSignContext): DocuSignCredentialType {
	const ctx = this as DocuSignContext & { getInputData?: unknown };
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

/**
 * For the JWT credential: when its stored token is about to expire, the request goes out with the
 * token field emptied, which makes n8n run the credential's preAuthentication (a fresh token,
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
	// A token minted for other scopes (Organization Admin Access turned on or off since) is replaced.
	const scopeChanged = String(data.mintedScope ?? '') !== jwtScopesOf(data);
	// No token yet: n8n mints one anyway. No known expiry: a 401 makes n8n mint one.
	if (
		!data.accessToken ||
		(!scopeChanged && (!Number.isFinite(expiresAt) || expiresAt - now > RENEW_BEFORE_EXPIRY_MS))
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
