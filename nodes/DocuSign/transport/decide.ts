import type { IDataObject } from 'n8n-workflow';

import { adminAccessAdvice } from './adminAccess';
import type { DocuSignCredentialType } from './types';
import type { RateLimitKind } from './pacing';

export interface HttpOutcome {
	kind: 'http';
	status: number;
	headers: IDataObject;
	body: unknown;
}

interface NetworkOutcome {
	kind: 'network';
	code: string;
	/** False only when the connection was never made, so DocuSign cannot have acted. */
	maybeSent: boolean;
}

interface ReconnectOutcome {
	kind: 'reconnect';
}

/** The JWT credential could not get a token (consent, key, user): its own message and fix. */
export interface JwtGrantOutcome {
	kind: 'jwtGrant';
	message: string;
	description: string;
	/** The token endpoint was busy or failing: ask again after this long, within the wait budget. */
	retryAfterMs?: number;
}

/** An exception inside n8n or the node (a crypto or programming error): no request was answered. */
interface LocalOutcome {
	kind: 'local';
	/** What failed, at most about 100 characters of it. */
	reason: string;
}

/** What one attempt at a request came back with. */
export type Outcome =
	| HttpOutcome
	| NetworkOutcome
	| ReconnectOutcome
	| JwtGrantOutcome
	| LocalOutcome;

/** The retries one request has used so far. */
export interface Attempts {
	rateLimit: number;
	transient: number;
	refreshRace: boolean;
	/** Waits for the JWT token endpoint. */
	token: number;
}

/** What decide() needs to know of the request. */
export interface DecisionSpec {
	/** Repeating the request cannot apply a change twice. */
	idempotent: boolean;
	api?: 'admin';
	/** For messages: "while trying to <what>". */
	what: string;
	/** The request is paced by a session (userinfo before the account is known is too). */
	paced: boolean;
	/** The request's URL, for naming a redirect's target host. */
	url: string;
	credentialType?: DocuSignCredentialType;
}

/** Which error a failed request becomes; the loop builds it with the node and the request's item. */
export type Failure =
	/** A failure the message and description explain (NodeApiError). */
	| { error: 'api'; message: string; description: string }
	/** A write whose effect on DocuSign is unknown (OutcomeUnknownError). */
	| { error: 'outcomeUnknown'; message: string; description: string; httpCode?: string }
	/** DocuSign's own error answer: its code and message, and whether it names a whole account gone. */
	| {
			error: 'docuSign';
			status: number;
			body: unknown;
			answer: DocuSignErrorBody;
			accountGone: boolean;
	  };

export type Decision =
	| { kind: 'done' }
	/** Send again after the backoff of this transient retry (0, 1, 2: backoffMs in pacing.ts). */
	| { kind: 'backoff'; attempt: number }
	/** Send again once, after `waitMs`: another worker may be storing refreshed tokens. */
	| { kind: 'refreshRace'; waitMs: number }
	/** Send again after `waitMs` if the run's wait budget allows it, else `failure`: the JWT token endpoint was busy. */
	| { kind: 'tokenWait'; waitMs: number; failure: Failure }
	/** Send again once DocuSign's rate limit of this kind allows it (the limiter knows how long). */
	| { kind: 'waitForLimit'; rateLimit: RateLimitKind }
	| { kind: 'fail'; failure: Failure };

// What DocuSign's answer says: read here, where it is decided on (errors.ts builds the messages).

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

/** Admin `error` codes that mean the token or its user may not use the Admin API (OAuth's and docs/sources.md#s18's words). */
const ADMIN_ACCESS_CODES = new Set([
	'unauthorized',
	'insufficient_scope',
	'invalid_token',
	'consent_required',
	'access_denied',
]);

/**
 * UNVERIFIED: how the Admin API answers a token without its scopes (or a user who is not an
 * organization administrator) is not documented. A 401 (docs/sources.md#s18 saw {"error":"unauthorized"};
 * n8n has already refreshed) is taken as "no Organization Admin access"; a 403 only when its `error` is
 * one of the access codes above or absent. A 403 naming another code is DocuSign refusing this request
 * for a reason of its own (a domain, a policy), and is reported as that.
 */
function isAdminAccessRefused(status: number, body?: unknown): boolean {
	if (status === 401) return true;
	if (status !== 403) return false;
	const { errorCode } = errorBodyOf(body);
	return !errorCode || ADMIN_ACCESS_CODES.has(errorCode.toLowerCase());
}

// A Map, not an object literal: a server's errorCode "toString" or "__proto__" must find nothing.
const RATE_LIMIT_CODES = new Map<string, RateLimitKind>([
	['BURST_APIINVOCATION_LIMIT_EXCEEDED', 'burst'],
	['HOURLY_APIINVOCATION_LIMIT_EXCEEDED', 'hourly'],
]);

/**
 * DocuSign is moving rate-limit errors from 400 to 429 (2026); both carry the errorCode.
 * A bare 429 without a known code is treated as a burst rejection.
 */
export function rateLimitKindOf(status: number, body: unknown): RateLimitKind | null {
	const { errorCode } = errorBodyOf(body);
	const kind = errorCode === undefined ? undefined : RATE_LIMIT_CODES.get(errorCode);
	if (kind) return kind;
	return status === 429 ? 'burst' : null;
}

/**
 * UNVERIFIED: DocuSign documents no error for "this account no longer exists or you left it";
 * ACCOUNT_LACKS_PERMISSIONS is what the API answers for an account path it does not serve.
 * Such an answer drops the cached userinfo, so the next run resolves the account afresh.
 */
function isAccountGoneError(body: unknown): boolean {
	return errorBodyOf(body).errorCode === 'ACCOUNT_LACKS_PERMISSIONS';
}

export const MAX_RATE_LIMIT_RETRIES = 6;
export const MAX_TRANSIENT_RETRIES = 3;
/** Time for the n8n worker that won a refresh race to store the new tokens. */
export const REFRESH_RACE_PAUSE_MS = 1500;

const UNKNOWN_EFFECT =
	'DocuSign may or may not have applied this change. Check the user in DocuSign before running the item again.';

/** Host (and port) of a redirect's Location, never its path or query (they may carry secrets). */
function redirectTarget(location: unknown, requestUrl: string): string {
	const raw = Array.isArray(location) ? location[0] : location;
	if (typeof raw !== 'string' || !raw) return 'no target';
	try {
		const url = new URL(raw, requestUrl);
		return `${url.protocol}//${url.host}`;
	} catch {
		return 'an invalid target';
	}
}

/**
 * What to do with one attempt's outcome: done, send again (and after how long), or which error. Pure:
 * the same outcome, attempts and request always give the same decision (test/unit/decide.test.ts).
 */
export function decide(outcome: Outcome, attempts: Attempts, spec: DecisionSpec): Decision {
	if (outcome.kind === 'reconnect') {
		// Two executions (e.g. two queue-mode workers) refreshed the same expired token at once:
		// DocuSign rotates refresh tokens, so the loser's refresh is refused while the winner stores
		// fresh tokens. The request itself was refused with 401, never processed, so it may be sent
		// again, once, after a pause: n8n reads the credential anew for it and finds the new token.
		if (!attempts.refreshRace) return { kind: 'refreshRace', waitMs: REFRESH_RACE_PAUSE_MS };
		return fail(
			'The DocuSign credential needs to be reconnected',
			'DocuSign no longer accepts its refresh token (revoked, expired after 30 days unused, or the app secret changed). Open the credential and click Reconnect.',
		);
	}
	if (outcome.kind === 'jwtGrant') {
		const refusal = fail(outcome.message, outcome.description);
		if (
			outcome.retryAfterMs !== undefined &&
			spec.paced &&
			attempts.token < MAX_TRANSIENT_RETRIES &&
			refusal.kind === 'fail'
		)
			return { kind: 'tokenWait', waitMs: outcome.retryAfterMs, failure: refusal.failure };
		return refusal;
	}
	if (outcome.kind === 'local') {
		// Not the network: nothing to retry, and DocuSign cannot have acted on an unsent request.
		return fail(
			`The node failed before DocuSign answered, while trying to ${spec.what}: ${outcome.reason}`,
			'An error inside n8n or this node, not a network failure: the request was not sent, or its answer could not be read. Check the credential (for JWT, its RSA Private Key); if it persists, report it with this message.',
		);
	}

	if (outcome.kind === 'network') {
		const retryable = spec.idempotent || !outcome.maybeSent;
		if (retryable && attempts.transient < MAX_TRANSIENT_RETRIES)
			return { kind: 'backoff', attempt: attempts.transient };
		const message =
			outcome.code === 'ECONNABORTED' || outcome.code === 'ETIMEDOUT'
				? `DocuSign did not answer in time while trying to ${spec.what}`
				: `The connection to DocuSign failed while trying to ${spec.what} (${outcome.code})`;
		if (!spec.idempotent && outcome.maybeSent)
			return {
				kind: 'fail',
				failure: { error: 'outcomeUnknown', message, description: UNKNOWN_EFFECT },
			};
		return fail(message, 'Check the network path to DocuSign and run the workflow again.');
	}

	if (outcome.status >= 200 && outcome.status < 300) return { kind: 'done' };
	if (outcome.status >= 300 && outcome.status < 400) {
		// DocuSign's API does not redirect; something in between does.
		return fail(
			`DocuSign's answer was a redirect (HTTP ${outcome.status}) to ${redirectTarget(outcome.headers.location, spec.url)}: a gateway or proxy between n8n and DocuSign is redirecting`,
			'The node never follows redirects, so the access token and the data sent stay with DocuSign. Check the proxy or gateway in front of n8n (or the Authorization Server URL of a Custom environment).',
		);
	}

	const rateLimit = rateLimitKindOf(outcome.status, outcome.body);
	// A rate-limited request was never processed, so every endpoint may repeat it.
	if (rateLimit && spec.paced && attempts.rateLimit < MAX_RATE_LIMIT_RETRIES)
		return { kind: 'waitForLimit', rateLimit };

	const transient = outcome.status >= 500;
	if (transient && spec.idempotent && attempts.transient < MAX_TRANSIENT_RETRIES)
		return { kind: 'backoff', attempt: attempts.transient };
	if (transient && !spec.idempotent) {
		return {
			kind: 'fail',
			failure: {
				error: 'outcomeUnknown',
				message: `DocuSign failed with HTTP ${outcome.status} while trying to ${spec.what}`,
				description: UNKNOWN_EFFECT,
				httpCode: String(outcome.status),
			},
		};
	}
	if (spec.api === 'admin' && isAdminAccessRefused(outcome.status, outcome.body)) {
		return fail(
			`DocuSign's Admin API refused the request (HTTP ${outcome.status}) while trying to ${spec.what}: the token has no Organization Admin access`,
			adminAccessAdvice(spec.credentialType),
		);
	}
	return {
		kind: 'fail',
		failure: {
			error: 'docuSign',
			status: outcome.status,
			body: outcome.body,
			answer: errorBodyOf(outcome.body),
			accountGone: isAccountGoneError(outcome.body),
		},
	};
}

/** Whether an answer means the cached userinfo may be stale (a 401, a redirect: a moved account, an account gone). */
export function staleUserInfo(outcome: Outcome): boolean {
	if (outcome.kind !== 'http') return false;
	return (
		outcome.status === 401 ||
		(outcome.status >= 300 && outcome.status < 400) ||
		isAccountGoneError(outcome.body)
	);
}

function fail(message: string, description: string): Decision {
	return { kind: 'fail', failure: { error: 'api', message, description } };
}
