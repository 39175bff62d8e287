import type { DocuSignCredentialType } from './types';
import { JWT_CREDENTIAL_TYPE } from './types';

/**
 * The words of an error that depend on the credential: a JWT credential has no Connect button and no person who
 * connected it; it acts as the user in its User ID.
 */
export interface CredentialWording {
	/** Subject of a sentence: who DocuSign saw. */
	user: string;
	/** How to get an account administrator behind the credential. */
	makeAdmin: string;
	/** What to do when DocuSign refuses the token. */
	renewToken: string;
	/** How to get a user who belongs to an eSignature account. */
	belongToAccount: string;
}

const OAUTH2: CredentialWording = {
	user: 'The connected DocuSign user',
	makeAdmin:
		'Connect the credential as a DocuSign account administrator (managing other users needs the Account Administrator profile).',
	renewToken: 'Open the DocuSign credential and click Reconnect, then run the workflow again.',
	belongToAccount:
		'Connect the credential with a user who belongs to a DocuSign eSignature account.',
};

const JWT: CredentialWording = {
	user: "The DocuSign user in the JWT credential's User ID",
	makeAdmin:
		"Set the JWT credential's User ID to a DocuSign account administrator (managing other users needs the Account Administrator profile); a dedicated administrator user is best.",
	renewToken:
		"Check the JWT credential's Integration Key, User ID, RSA Private Key and Environment; the node requests a new token on the next run.",
	belongToAccount:
		"Set the JWT credential's User ID to a user who belongs to a DocuSign eSignature account.",
};

export function wordingFor(credentialType: DocuSignCredentialType | undefined): CredentialWording {
	return credentialType === JWT_CREDENTIAL_TYPE ? JWT : OAUTH2;
}
