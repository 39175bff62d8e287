import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AdminApi, DocuSignAccount, DocuSignContext, DocuSignCredentialType } from './types';
import { CREDENTIAL_TYPE, JWT_CREDENTIAL_TYPE } from './types';
import { jwtRenewalOf } from './jwtGrant';
import type { Attempts, DecisionSpec, HttpOutcome, JwtGrantOutcome, Outcome } from './decide';
import { decide, staleUserInfo } from './decide';
import { accountWide, apiError, errorOf } from './errors';
import type { RateLimitKind } from './pacing';
import { backoffMs, InFlightGate, MAX_TIMER_MS, RateLimiter, WaitBudget } from './pacing';

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
	/** The run's bound on requests in flight (MAX_IN_FLIGHT); made on first use if absent. */
	gate?: InFlightGate;
	/** Key of the cached userinfo this session was opened from (the directory cache keys on it too). */
	userInfoKey?: string;
	/** Drops that cached userinfo (account.ts owns the cache): on a 401, a redirect or an account gone. */
	forgetUserInfo?: () => void;
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

interface RequestSpec {
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

const NEVER_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

export type { HttpOutcome, Outcome };

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
	// The type is the run's (its session's): only a JWT credential's token is renewed by the node.
	const renewal =
		credentialType === JWT_CREDENTIAL_TYPE ? await jwtRenewalOf.call(this) : undefined;
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

/** `ms` is always a clamped delay (pacing.ts), so the date is valid. */
function whenUtc(ms: number): string {
	return new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function budgetOf(session: Pacing): WaitBudget {
	session.budget ??= new WaitBudget(session.settings.maxWaitMs);
	return session.budget;
}

function gateOf(session: Pacing): InFlightGate {
	session.gate ??= new InFlightGate();
	return session.gate;
}

/** Pauses `ms` if the run's wait budget allows it (else not at all): for waits that are not a rate limit's. */
export async function pauseWithinBudget(session: Pacing, ms: number): Promise<void> {
	if (budgetOf(session).reserve(ms)) await sleep(ms);
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
		// The limit is the account's (every item and every integration on it): not an item's failure.
		throw accountWide(
			apiError(
				this.getNode(),
				`DocuSign's ${kind} API limit for this account is used up until ${whenUtc(waitMs)}`,
				`This run may wait at most ${seconds(budget.limitMs)} s for rate limits (Max Rate-Limit Wait) and has waited ${seconds(budget.waitedMs)} s. Run the workflow again after that time, or raise Request Settings > Max Rate-Limit Wait.`,
				spec.itemIndex,
			),
		);
	}
	await sleep(Math.min(waitMs, MAX_TIMER_MS));
	limiterOf(session, spec).windowWaited(kind);
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
	const attempts: Attempts = { rateLimit: 0, transient: 0, refreshRace: false, token: 0 };
	const decisionSpec: DecisionSpec = {
		idempotent: spec.idempotent,
		api: spec.api,
		what: spec.what,
		paced: !!session,
		url: urlOf(session, spec.path, spec.api),
		credentialType: session?.credentialType,
	};
	for (;;) {
		// Pace once the slot is held: answers that came in while this request queued count.
		const gate = session && gateOf(session);
		await gate?.acquire();
		let outcome: Outcome;
		let sentAt: number;
		try {
			const pause = session ? limiterOf(session, spec).delayBeforeNextRequest() : undefined;
			if (session && pause) await waitForLimit.call(this, session, pause.kind, pause.waitMs, spec);
			sentAt = Date.now();
			outcome = await sendOnce.call(this, session, spec);
		} finally {
			gate?.release();
		}
		if (session && outcome.kind === 'http')
			limiterOf(session, spec).observe(outcome.headers, sentAt);

		const decision = decide(outcome, attempts, decisionSpec);
		switch (decision.kind) {
			case 'done':
				return ((outcome as HttpOutcome).body ?? {}) as IDataObject;
			case 'refreshRace':
				attempts.refreshRace = true;
				await sleep(decision.waitMs);
				continue;
			case 'tokenWait':
				// The token endpoint was busy (429) or failing (5xx): nothing was sent to the API yet, so
				// the request may go out again once n8n has a token, within the run's wait budget.
				if (!session || !budgetOf(session).reserve(decision.waitMs))
					throw errorOf(this.getNode(), decision.failure, spec, session?.credentialType);
				attempts.token++;
				await sleep(Math.min(decision.waitMs, MAX_TIMER_MS));
				continue;
			case 'backoff':
				attempts.transient++;
				await sleep(backoffMs(decision.attempt));
				continue;
			case 'waitForLimit':
				attempts.rateLimit++;
				await waitForLimit.call(
					this,
					session as Pacing,
					decision.rateLimit,
					limiterOf(session as Pacing, spec).delayAfterRejection(
						decision.rateLimit,
						(outcome as HttpOutcome).headers,
					),
					spec,
				);
				continue;
			case 'fail':
				// A moved or closed account, or a token DocuSign refused: the next run reads userinfo afresh.
				if (staleUserInfo(outcome)) session?.forgetUserInfo?.();
				throw errorOf(this.getNode(), decision.failure, spec, session?.credentialType);
		}
	}
}
