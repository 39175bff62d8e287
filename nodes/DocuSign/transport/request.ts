import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { adminAccessAdvice } from './adminAccess';
import type { AdminApi, DocuSignAccount, DocuSignContext } from './types';
import type { DocuSignCredentialType } from './credentialType';
import { CREDENTIAL_TYPE, jwtRenewalOf } from './credentialType';
import { docuSignApiError, isAccountGoneError, isAdminAccessRefused } from './errors';
import type { RateLimitKind } from './rateLimit';
import { backoffMs, MAX_TIMER_MS, RateLimiter, rateLimitKindOf, WaitBudget } from './rateLimit';
import { forgetUserInfo } from './userInfoCache';

export type { DocuSignContext };

export interface SessionSettings {
	/** Longest total rate-limit waiting of the whole run (execution) before giving up. */
	maxWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_SETTINGS: SessionSettings = { maxWaitMs: 5 * 60_000, timeoutMs: 60_000 };

/** What a request needs to be paced and bounded; userinfo is sent with this before the account is known. */
export interface Pacing {
	limiter: RateLimiter;
	settings: SessionSettings;
	/** The run's one wait budget (Max Rate-Limit Wait); made from settings on first use if absent. */
	budget?: WaitBudget;
	/** Key of the cached userinfo this session was opened from: dropped on a 401 or a redirect. */
	userInfoKey?: string;
	/** The credential the node's Authentication parameter chose (OAuth2 or JWT). */
	credentialType: DocuSignCredentialType;
}

/** Per-execution state: the resolved account, the rate-limit state and the run's wait budget. */
export interface Session extends Pacing {
	account: DocuSignAccount;
	/** The Admin (organization) API, only with Organization Admin Access on; it has its own limits. */
	admin?: AdminApi;
	adminLimiter?: RateLimiter;
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path under the account (`/users`), under the organization for `api: 'admin'`, or an absolute URL (the auth server's userinfo). */
	path: string;
	/** The Admin (organization) API instead of the account's eSignature API. */
	api?: 'admin';
	body?: IDataObject;
	qs?: IDataObject;
	/** Repeating the request cannot apply a change twice (reads, and writes with absolute values). */
	idempotent: boolean;
	/** For error messages: "DocuSign could not <what>". */
	what: string;
	itemIndex?: number;
}

export interface HttpOutcome {
	kind: 'http';
	status: number;
	headers: IDataObject;
	body: unknown;
}

export interface NetworkOutcome {
	kind: 'network';
	code: string;
	/** False only when the connection was never made, so DocuSign cannot have acted. */
	maybeSent: boolean;
}

export interface ReconnectOutcome {
	kind: 'reconnect';
}

/** The JWT credential could not get a token (consent, key, user): its own message and fix. */
interface JwtGrantOutcome {
	kind: 'jwtGrant';
	message: string;
	description: string;
	/** The token endpoint was busy or failing: ask again after this long, within the wait budget. */
	retryAfterMs?: number;
}

/** An exception inside n8n or the node (a crypto or programming error): no request was answered. */
export interface LocalOutcome {
	kind: 'local';
	/** What failed, at most about 100 characters of it. */
	reason: string;
}

export type Outcome =
	| HttpOutcome
	| NetworkOutcome
	| ReconnectOutcome
	| JwtGrantOutcome
	| LocalOutcome;

const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 3;
/** Time for the n8n worker that won a refresh race to store the new tokens (see apiRequest). */
const REFRESH_RACE_PAUSE_MS = 1500;
const NEVER_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

/** Thrown when a non-idempotent write failed in a way that leaves its effect unknown. */
export class OutcomeUnknownError extends NodeApiError {}

function lowerCaseHeaders(headers: unknown): IDataObject {
	const result: IDataObject = {};
	if (headers && typeof headers === 'object') {
		for (const [name, value] of Object.entries(headers as IDataObject)) {
			const key = name.toLowerCase();
			// A header named __proto__ must not become the object's prototype.
			if (key !== '__proto__') result[key] = value;
		}
	}
	return result;
}

/** The token endpoint's refusal of a refresh token: its `error` field, never a word in some text. */
const isGrantRefusal = (body: unknown): boolean =>
	!!body && typeof body === 'object' && (body as IDataObject).error === 'invalid_grant';

/** An answer of DocuSign's API (eSignature errorDetails, or the Admin API's error_description shape with a code). */
const isApiAnswer = (body: unknown): boolean =>
	!!body && typeof body === 'object' && typeof (body as IDataObject).errorCode === 'string';

/**
 * UNVERIFIED how n8n reports a failed OAuth2 refresh across versions: 2.x throws its own "…needs to
 * be reconnected"; 1.x wraps client-oauth2's AuthError (its `body` is the token endpoint's answer),
 * and only its message may survive: client-oauth2's own text for invalid_grant, "…or refresh token
 * is invalid, expired, revoked…". Those wordings are n8n's and client-oauth2's, never DocuSign's,
 * and are read only from an error that carries no answer of DocuSign's API.
 */
function isReconnectRequired(error: IDataObject): boolean {
	const cause = (error.cause ?? {}) as IDataObject;
	if (isGrantRefusal(cause.body ?? error.body)) return true;
	const text = [error.message, cause.message].filter((part) => typeof part === 'string').join(' ');
	return /needs to be reconnected|or refresh token is invalid, expired, revoked/i.test(text);
}

/** A failure that names a socket or DNS error code somewhere in its chain (or says the socket hung up). */
function networkCodeOf(error: IDataObject): string | undefined {
	for (
		let e: IDataObject | undefined = error, depth = 0;
		e && typeof e === 'object' && depth < 4;
		e = e.cause as IDataObject | undefined, depth++
	) {
		if (typeof e.code === 'string' && /^E[A-Z0-9_]{2,30}$/.test(e.code)) return e.code;
		if (typeof e.message === 'string' && /socket hang up|network error/i.test(e.message))
			return 'ECONNRESET';
	}
	return undefined;
}

/**
 * UNVERIFIED beyond n8n 1.123: 1.x's NodeApiError drops the axios error it wraps (its `cause` ends up
 * undefined). Of DocuSign's answer only the status (`httpCode`) and the JSON body (`context.data`)
 * survive; the headers are lost.
 */
function strippedAnswerOf(error: IDataObject): HttpOutcome | undefined {
	const status = Number(error.httpCode);
	if (!Number.isInteger(status) || status < 100 || status >= 600) return undefined;
	return {
		kind: 'http',
		status,
		headers: {},
		body: (error.context as IDataObject | undefined)?.data,
	};
}

/** The credential's DocuSignJwtGrantError, wherever n8n wrapped it (it carries no secret). */
function jwtGrantFailure(error: IDataObject): JwtGrantOutcome | undefined {
	for (
		let e: IDataObject | undefined = error, depth = 0;
		e && depth < 4;
		e = e.cause as IDataObject | undefined, depth++
	) {
		if (e.docuSignJwtGrant === true && typeof e.message === 'string') {
			const retryAfterMs = Number(e.retryAfterMs);
			return {
				kind: 'jwtGrant',
				message: e.message,
				description: String(e.description ?? ''),
				...(Number.isFinite(retryAfterMs) ? { retryAfterMs } : {}),
			};
		}
	}
	return undefined;
}

/** n8n wraps the transport failure in its own error; dig out status, headers and body. */
export function outcomeOfFailure(error: IDataObject): Outcome {
	const jwtGrant = jwtGrantFailure(error);
	if (jwtGrant) return jwtGrant;
	const cause = (error.cause ?? {}) as IDataObject;
	const response = (cause.response ?? error.response) as IDataObject | undefined;
	const status = Number(response?.status ?? response?.statusCode);
	if (response && Number.isFinite(status) && status > 0) {
		const body = response.data ?? response.body;
		// A refused refresh, told from structure: the token endpoint's error field, or n8n's own
		// error around a body that is not an answer of DocuSign's API.
		if (
			status !== 401 &&
			(isGrantRefusal(body) || (!isApiAnswer(body) && isReconnectRequired(error)))
		)
			return { kind: 'reconnect' };
		return { kind: 'http', status, headers: lowerCaseHeaders(response.headers), body };
	}
	const stripped = strippedAnswerOf(error);
	if (stripped && isApiAnswer(stripped.body)) return stripped;
	if (isReconnectRequired(error)) return { kind: 'reconnect' };
	if (stripped) return stripped;
	const code = networkCodeOf(error);
	if (code) return { kind: 'network', code, maybeSent: !NEVER_SENT_CODES.includes(code) };
	// No answer and no socket error: an exception inside n8n or the node, not the network.
	const reason = String(error.message ?? cause.message ?? error).replace(/\s+/g, ' ');
	return { kind: 'local', reason: reason.length > 100 ? `${reason.slice(0, 100)}…` : reason };
}

function urlOf(session: Pacing | undefined, path: string, api?: 'admin'): string {
	if (/^https?:\/\//.test(path)) return path;
	const base =
		api === 'admin'
			? (session as Session | undefined)?.admin?.baseUrl
			: (session as Session | undefined)?.account?.baseUrl;
	return `${base ?? ''}${path}`;
}

/** Each API keeps its own rate-limit state (the Admin API has its own per-call and hourly limits, docs/sources.md#s22). */
function limiterOf(session: Pacing, spec: RequestSpec): RateLimiter {
	return (spec.api === 'admin' ? (session as Session).adminLimiter : undefined) ?? session.limiter;
}

async function sendOnce(
	this: DocuSignContext,
	session: Pacing | undefined,
	spec: RequestSpec,
): Promise<Outcome> {
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: urlOf(session, spec.path, spec.api),
		qs: spec.qs,
		body: spec.body,
		json: true,
		returnFullResponse: true,
		timeout: session?.settings.timeoutMs ?? DEFAULT_SETTINGS.timeoutMs,
		// Never follow a redirect: n8n would re-send the Authorization header (and a POST's personal
		// data) to wherever Location points. A 3xx comes back as a failure and is refused below.
		disableFollowRedirect: true,
		// Belt and braces for n8n versions that follow anyway (2.x option; 1.x ignores it).
		sendCredentialsOnCrossOriginRedirect: false,
	};
	// Outside the try: an unreadable credential is not a network failure.
	const credentialType = session?.credentialType ?? CREDENTIAL_TYPE;
	const renewal = await jwtRenewalOf.call(this, credentialType);
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			options,
			renewal,
		)) as IDataObject;
		return {
			kind: 'http',
			status: Number(response.statusCode ?? 200),
			headers: lowerCaseHeaders(response.headers),
			body: response.body,
		};
	} catch (error) {
		return outcomeOfFailure(error as IDataObject);
	}
}

/** NodeApiError swaps messages that mention ECONNRESET and the like for generic text: keep ours. */
function keepMessage<T extends NodeApiError>(error: T, message: string): T {
	error.message = message;
	return error;
}

function fail(this: DocuSignContext, message: string, description: string, spec: RequestSpec) {
	return keepMessage(
		new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description,
			itemIndex: spec.itemIndex,
		}),
		message,
	);
}

/** `ms` is always a clamped delay (rateLimit.ts), so the date is valid. */
function whenUtc(ms: number): string {
	return new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function budgetOf(session: Pacing): WaitBudget {
	session.budget ??= new WaitBudget(session.settings.maxWaitMs);
	return session.budget;
}

/** Waits out a rate limit inside the run's budget, or fails saying when the limit resets. */
async function waitForLimit(
	this: DocuSignContext,
	session: Pacing,
	kind: RateLimitKind,
	waitMs: number,
	spec: RequestSpec,
): Promise<void> {
	const budget = budgetOf(session);
	if (!budget.reserve(waitMs)) {
		const seconds = (ms: number) => Math.round(ms / 1000);
		throw fail.call(
			this,
			`DocuSign's ${kind} API limit for this account is used up until ${whenUtc(waitMs)}`,
			`This run may wait at most ${seconds(budget.limitMs)} s for rate limits (Max Rate-Limit Wait) and has waited ${seconds(budget.waitedMs)} s. Run the workflow again after that time, or raise Request Settings > Max Rate-Limit Wait.`,
			spec,
		);
	}
	await sleep(Math.min(waitMs, MAX_TIMER_MS));
	limiterOf(session, spec).windowWaited(kind);
}

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
 * The one door to DocuSign. Paces on the rate-limit headers, waits out 429s, retries transient
 * failures only when repeating cannot apply a change twice, and turns every failure into a
 * NodeApiError without any trace of the token.
 */
export async function apiRequest(
	this: DocuSignContext,
	session: Pacing | undefined,
	spec: RequestSpec,
): Promise<IDataObject> {
	let rateLimitRetries = 0;
	let transientRetries = 0;
	let refreshRaceRetried = false;
	let tokenRetries = 0;
	for (;;) {
		const pause = session ? limiterOf(session, spec).delayBeforeNextRequest() : undefined;
		if (session && pause) await waitForLimit.call(this, session, pause.kind, pause.waitMs, spec);

		const sentAt = Date.now();
		const outcome = await sendOnce.call(this, session, spec);

		if (outcome.kind === 'reconnect' && !refreshRaceRetried) {
			// Two executions (e.g. two queue-mode workers) refreshed the same expired token at once:
			// DocuSign rotates refresh tokens, so the loser's refresh is refused while the winner stores
			// fresh tokens. The request itself was refused with 401, never processed, so it may be sent
			// again, once, after a pause: n8n reads the credential anew for it and finds the new token.
			refreshRaceRetried = true;
			await sleep(REFRESH_RACE_PAUSE_MS);
			continue;
		}
		if (outcome.kind === 'reconnect') {
			throw fail.call(
				this,
				'The DocuSign credential needs to be reconnected',
				'DocuSign no longer accepts its refresh token (revoked, expired after 30 days unused, or the app secret changed). Open the credential and click Reconnect.',
				spec,
			);
		}

		if (outcome.kind === 'jwtGrant') {
			// The token endpoint was busy (429) or failing (5xx): nothing was sent to the API yet, so
			// the request may go out again once n8n has a token, within the run's wait budget.
			const waitMs = outcome.retryAfterMs;
			if (
				waitMs !== undefined &&
				session &&
				tokenRetries < MAX_TRANSIENT_RETRIES &&
				budgetOf(session).reserve(waitMs)
			) {
				tokenRetries++;
				await sleep(Math.min(waitMs, MAX_TIMER_MS));
				continue;
			}
			throw fail.call(this, outcome.message, outcome.description, spec);
		}

		if (outcome.kind === 'local') {
			// Not the network: nothing to retry, and DocuSign cannot have acted on an unsent request.
			throw fail.call(
				this,
				`The node failed before DocuSign answered, while trying to ${spec.what}: ${outcome.reason}`,
				'An error inside n8n or this node, not a network failure: the request was not sent, or its answer could not be read. Check the credential (for JWT, its RSA Private Key); if it persists, report it with this message.',
				spec,
			);
		}

		if (outcome.kind === 'network') {
			const retryable = spec.idempotent || !outcome.maybeSent;
			if (retryable && transientRetries < MAX_TRANSIENT_RETRIES) {
				await sleep(backoffMs(transientRetries++));
				continue;
			}
			const message =
				outcome.code === 'ECONNABORTED' || outcome.code === 'ETIMEDOUT'
					? `DocuSign did not answer in time while trying to ${spec.what}`
					: `The connection to DocuSign failed while trying to ${spec.what} (${outcome.code})`;
			if (!spec.idempotent && outcome.maybeSent) {
				throw keepMessage(
					new OutcomeUnknownError(this.getNode(), { message } as JsonObject, {
						message,
						description:
							'DocuSign may or may not have applied this change. Check the user in DocuSign before running the item again.',
						itemIndex: spec.itemIndex,
					}),
					message,
				);
			}
			throw fail.call(
				this,
				message,
				'Check the network path to DocuSign and run the workflow again.',
				spec,
			);
		}

		if (session) limiterOf(session, spec).observe(outcome.headers, sentAt);
		if (outcome.status >= 200 && outcome.status < 300) return (outcome.body ?? {}) as IDataObject;

		if (outcome.status >= 300 && outcome.status < 400) {
			// DocuSign's API does not redirect; something in between does. A moved account also
			// shows up here, so the cached userinfo is dropped and the next run reads it afresh.
			forgetUserInfo(session?.userInfoKey);
			throw fail.call(
				this,
				`DocuSign's answer was a redirect (HTTP ${outcome.status}) to ${redirectTarget(outcome.headers.location, urlOf(session, spec.path, spec.api))}: a gateway or proxy between n8n and DocuSign is redirecting`,
				'The node never follows redirects, so the access token and the data sent stay with DocuSign. Check the proxy or gateway in front of n8n (or the Authorization Server URL of a Custom environment).',
				spec,
			);
		}
		if (outcome.status === 401) forgetUserInfo(session?.userInfoKey);

		const rateLimit = rateLimitKindOf(outcome.status, outcome.body);
		if (rateLimit && session && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
			// A rate-limited request was never processed, so every endpoint may repeat it.
			rateLimitRetries++;
			await waitForLimit.call(
				this,
				session,
				rateLimit,
				limiterOf(session, spec).delayAfterRejection(rateLimit, outcome.headers),
				spec,
			);
			continue;
		}

		const transient = outcome.status >= 500;
		if (transient && spec.idempotent && transientRetries < MAX_TRANSIENT_RETRIES) {
			await sleep(backoffMs(transientRetries++));
			continue;
		}
		if (transient && !spec.idempotent) {
			const message = `DocuSign failed with HTTP ${outcome.status} while trying to ${spec.what}`;
			throw new OutcomeUnknownError(this.getNode(), { message } as JsonObject, {
				message,
				description:
					'DocuSign may or may not have applied this change. Check the user in DocuSign before running the item again.',
				httpCode: String(outcome.status),
				itemIndex: spec.itemIndex,
			});
		}
		if (spec.api === 'admin' && isAdminAccessRefused(outcome.status)) {
			throw fail.call(
				this,
				`DocuSign's Admin API refused the request (HTTP ${outcome.status}) while trying to ${spec.what}: the token has no Organization Admin access`,
				adminAccessAdvice(session?.credentialType),
				spec,
			);
		}
		if (isAccountGoneError(outcome.body)) forgetUserInfo(session?.userInfoKey);
		throw docuSignApiError(this.getNode(), outcome.status, outcome.body, spec);
	}
}
