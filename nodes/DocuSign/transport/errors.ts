import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

interface Advice {
	message: string;
	description: string;
}

// What happened and what to do, per DocuSign errorCode. Unknown codes fall back to DocuSign's text.
// Read through a Map (below): a server's errorCode "toString" or "__proto__" must find nothing.
const ADVICE_BY_CODE: Record<string, Advice> = {
	AUTHORIZATION_INVALID_TOKEN: {
		message: 'DocuSign refused the access token',
		description: 'Open the DocuSign credential and click Reconnect, then run the workflow again.',
	},
	USER_LACKS_PERMISSIONS: {
		message: 'The connected DocuSign user is not allowed to do this',
		description:
			'Connect the credential as a DocuSign account administrator (managing other users needs the Account Administrator profile).',
	},
	ACCOUNT_LACKS_PERMISSIONS: {
		message: 'The DocuSign account does not allow this operation',
		description:
			'Check the Account ID in the credential and that the account plan includes user management through the API.',
	},
	USER_NOT_FOUND: {
		message: 'No DocuSign user has this ID in the account',
		description:
			'Pick the user from the list, or check the ID and that it belongs to this account.',
	},
	INVALID_USERID: {
		message: 'The user ID is not a valid DocuSign user ID',
		description: 'A DocuSign user ID is a GUID such as 4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6.',
	},
	USER_LACKS_MEMBERSHIP: {
		message: 'The user has no open membership in this DocuSign account',
		description:
			'Check that the user belongs to this account; a closed user must be reopened with Activate first.',
	},
	USER_ALREADY_EXISTS_IN_ACCOUNT: {
		message: 'A DocuSign user with this email already exists in the account',
		description:
			'Use the Create or Update operation to bring an existing user to the wanted state.',
	},
	HOURLY_APIINVOCATION_LIMIT_EXCEEDED: {
		message: "DocuSign's hourly API limit for this account is used up",
		description:
			'DocuSign allows a fixed number of calls per account and hour (3,000 by default). Run the workflow again after the reset, or raise Max Rate-Limit Wait so the node waits for it.',
	},
	BURST_APIINVOCATION_LIMIT_EXCEEDED: {
		message: "DocuSign's 30-second burst limit for this account is used up",
		description:
			'Other integrations on the same account may be busy; run the workflow again in a minute.',
	},
};

const ADVICE = new Map<string, Advice>(Object.entries(ADVICE_BY_CODE));

export interface DocuSignErrorBody {
	errorCode?: string;
	message?: string;
}

/** eSignature's `{errorCode, message}`, or the Admin API's `{error, error_description}` (its ErrorDetails). */
export function errorBodyOf(body: unknown): DocuSignErrorBody {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const { errorCode, message, error, error_description: errorDescription } = body as IDataObject;
		const code =
			typeof errorCode === 'string' ? errorCode : typeof error === 'string' ? error : undefined;
		const text =
			typeof message === 'string'
				? message
				: typeof errorDescription === 'string'
					? errorDescription
					: undefined;
		return { errorCode: code, message: text };
	}
	return {};
}

/**
 * UNVERIFIED: how the Admin API answers a token without its scopes (or a user who is not an
 * organization administrator) is not documented; 401 (docs/sources.md#s18 saw {"error":"unauthorized"}) and
 * 403 are both taken as "no Organization Admin access". n8n has already refreshed on a 401.
 */
export function isAdminAccessRefused(status: number): boolean {
	return status === 401 || status === 403;
}

export function adviceFor(errorCode: string | undefined, fallback: string): Advice {
	const known = errorCode ? ADVICE.get(errorCode) : undefined;
	if (known) return known;
	return {
		message: fallback,
		description: 'Check the parameters of this item; DocuSign said why in the error code above.',
	};
}

/** A DocuSign `{errorCode, message}` answer as a NodeApiError that keeps the errorCode. */
export function docuSignApiError(
	node: INode,
	status: number,
	body: unknown,
	context: { what: string; itemIndex?: number },
): NodeApiError {
	const { errorCode, message } = errorBodyOf(body);
	const advice = adviceFor(errorCode, `DocuSign could not ${context.what}`);
	const docuSignSays = message ? ` DocuSign says: "${message}"` : '';
	const error = new NodeApiError(
		node,
		{
			errorCode: errorCode ?? null,
			message: message ?? null,
			httpCode: String(status),
		} as JsonObject,
		{
			message: errorCode ? `${advice.message} (${errorCode})` : advice.message,
			description: `${advice.description}${docuSignSays}`,
			httpCode: String(status),
			itemIndex: context.itemIndex,
		},
	);
	error.context.errorCode = errorCode;
	return error;
}

/**
 * UNVERIFIED: DocuSign documents no error for "this account no longer exists or you left it";
 * ACCOUNT_LACKS_PERMISSIONS is what the API answers for an account path it does not serve.
 * Such an answer drops the cached userinfo, so the next run resolves the account afresh.
 */
export function isAccountGoneError(body: unknown): boolean {
	return errorBodyOf(body).errorCode === 'ACCOUNT_LACKS_PERMISSIONS';
}
