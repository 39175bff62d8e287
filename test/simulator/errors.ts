/** DocuSign-style errors: `{errorCode, message}` with an HTTP status. Thrown by handlers, rendered by the server. */
import type { SimResponse } from './types';

export class DsError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export interface ErrorDetails {
	errorCode: string;
	message: string;
}

export function errorDetails(errorCode: string, message: string): ErrorDetails {
	return { errorCode, message };
}

export function errorResponse(error: DsError): SimResponse {
	return {
		status: error.status,
		headers: error.headers,
		json: { errorCode: error.errorCode, message: error.message },
	};
}

export const invalidToken = (): DsError =>
	new DsError(
		401,
		'AUTHORIZATION_INVALID_TOKEN',
		'The access token provided is expired, revoked or malformed.',
	);

export const invalidBody = (message: string): DsError =>
	new DsError(400, 'INVALID_REQUEST_BODY', message);

export const invalidParameter = (message: string): DsError =>
	new DsError(400, 'INVALID_REQUEST_PARAMETER', message);
