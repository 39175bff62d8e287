import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';

import type { DocuSignCredentialType } from './types';
import type { DocuSignErrorBody, Failure } from './decide';
import { errorBodyOf } from './decide';
import type { CredentialWording } from './wording';
import { wordingFor } from './wording';

interface Advice {
	message: string;
	description: string;
}

/** Advice whose words depend on the credential (OAuth2 or JWT). */
const CREDENTIAL_ADVICE: Record<string, (w: CredentialWording) => Advice> = {
	AUTHORIZATION_INVALID_TOKEN: (w) => ({
		message: 'DocuSign refused the access token',
		description: w.renewToken,
	}),
	USER_LACKS_PERMISSIONS: (w) => ({
		message: `${w.user} is not allowed to do this`,
		description: w.makeAdmin,
	}),
};

// What happened and what to do, per DocuSign errorCode. Unknown codes fall back to DocuSign's text.
// Read through a Map (below): a server's errorCode "toString" or "__proto__" must find nothing.
const ADVICE_BY_CODE: Record<string, Advice> = {
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
			'Check that the user belongs to this account; a closed user must be reopened with Reactivate first.',
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
const WORDED_ADVICE = new Map(Object.entries(CREDENTIAL_ADVICE));

export function adviceFor(
	errorCode: string | undefined,
	fallback: string,
	credentialType?: DocuSignCredentialType,
): Advice {
	const worded = errorCode ? WORDED_ADVICE.get(errorCode) : undefined;
	if (worded) return worded(wordingFor(credentialType));
	const known = errorCode ? ADVICE.get(errorCode) : undefined;
	if (known) return known;
	return {
		message: fallback,
		description: 'Check the parameters of this item; DocuSign said why in the error code above.',
	};
}

/**
 * Marks a failure of the whole account, not of any one item: an Account ID the connected user
 * cannot use, an account DocuSign no longer serves, a used-up API limit. Carried as data
 * (`context.scope`), so the run fails once, saying so, naming no item.
 */
export function accountWide<E extends NodeApiError | NodeOperationError>(error: E): E {
	error.context.scope = 'account';
	return error;
}

export function isAccountWide(error: unknown): boolean {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return !!context && context.scope === 'account';
}

/** A DocuSign `{errorCode, message}` answer as a NodeApiError that keeps the errorCode. */
export function docuSignApiError(
	node: INode,
	status: number,
	body: unknown,
	context: { what: string; itemIndex?: number },
	credentialType?: DocuSignCredentialType,
): NodeApiError {
	return answerError(node, status, errorBodyOf(body), context, credentialType);
}

function answerError(
	node: INode,
	status: number,
	{ errorCode, message }: DocuSignErrorBody,
	context: { what: string; itemIndex?: number },
	credentialType?: DocuSignCredentialType,
): NodeApiError {
	const advice = adviceFor(errorCode, `DocuSign could not ${context.what}`, credentialType);
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

/** Thrown when a non-idempotent write failed in a way that leaves its effect unknown. */
export class OutcomeUnknownError extends NodeApiError {}

/** NodeApiError swaps messages that mention ECONNRESET and the like for generic text: keep ours. */
function keepMessage<T extends NodeApiError>(error: T, message: string): T {
	error.message = message;
	return error;
}

/** A failure this node explains itself (message and description), for the request's item. */
export function apiError(
	node: INode,
	message: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	return keepMessage(
		new NodeApiError(node, { message } as JsonObject, { message, description, itemIndex }),
		message,
	);
}

/** The NodeApiError a failure decided by decide() becomes, carrying the request's item. */
export function errorOf(
	node: INode,
	failure: Failure,
	request: { what: string; itemIndex?: number },
	credentialType?: DocuSignCredentialType,
): NodeApiError {
	if (failure.error === 'docuSign') {
		const error = answerError(node, failure.status, failure.answer, request, credentialType);
		// An account DocuSign no longer serves is the whole account's failure, not an item's.
		return failure.accountGone ? accountWide(error) : error;
	}
	if (failure.error === 'api')
		return apiError(node, failure.message, failure.description, request.itemIndex);
	const { message, description, httpCode } = failure;
	const error = new OutcomeUnknownError(node, { message } as JsonObject, {
		message,
		description,
		...(httpCode ? { httpCode } : {}),
		itemIndex: request.itemIndex,
	});
	// NodeApiError swaps a network failure's message for generic text: keep ours.
	return httpCode ? error : keepMessage(error, message);
}
