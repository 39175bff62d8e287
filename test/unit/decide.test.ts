/** The transport's one decision: each outcome of one attempt -> done, send again, or which error. */
import type {
	Attempts,
	Decision,
	DecisionSpec,
	Outcome,
} from '../../nodes/DocuSign/transport/decide';
import {
	decide,
	MAX_RATE_LIMIT_RETRIES,
	MAX_TRANSIENT_RETRIES,
	REFRESH_RACE_PAUSE_MS,
	staleUserInfo,
} from '../../nodes/DocuSign/transport/decide';

const fresh: Attempts = { rateLimit: 0, transient: 0, refreshRace: false, token: 0 };
const read: DecisionSpec = {
	idempotent: true,
	what: 'read the users',
	paced: true,
	url: 'https://demo.docusign.net/restapi/v2.1/accounts/a/users',
};
const write: DecisionSpec = { ...read, idempotent: false, what: 'create the users' };
const admin: DecisionSpec = { ...write, api: 'admin', what: 'create an active user' };

const http = (status: number, body: unknown = {}, headers = {}): Outcome => ({
	kind: 'http',
	status,
	headers,
	body,
});
const network = (code: string, maybeSent = true): Outcome => ({ kind: 'network', code, maybeSent });
const burst = { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' };

const failure = (decision: Decision) =>
	decision.kind === 'fail' ? decision.failure : { error: `no failure: ${decision.kind}` };

describe('decide: one attempt -> what next', () => {
	it.each<[string, Outcome, Attempts, DecisionSpec, Decision['kind'], string?]>([
		['a 2xx is done', http(200), fresh, write, 'done'],
		['a 201 is done', http(201), fresh, write, 'done'],
		['a 429 waits for the limit', http(429), fresh, write, 'waitForLimit'],
		[
			'a 429 after 6 waits is an error',
			http(429),
			{ ...fresh, rateLimit: MAX_RATE_LIMIT_RETRIES },
			write,
			'fail',
			'docuSign',
		],
		[
			'a 429 without a session is an error',
			http(429),
			fresh,
			{ ...read, paced: false },
			'fail',
			'docuSign',
		],
		[
			'a 400 hourly-limit answer waits for the limit',
			http(400, burst),
			fresh,
			write,
			'waitForLimit',
		],
		['a 503 on a read backs off', http(503), fresh, read, 'backoff'],
		[
			'a 503 on a read after 3 backoffs is an error',
			http(503),
			{ ...fresh, transient: MAX_TRANSIENT_RETRIES },
			read,
			'fail',
			'docuSign',
		],
		['a 503 on a write: outcome unknown', http(503), fresh, write, 'fail', 'outcomeUnknown'],
		[
			"a 400 is DocuSign's error",
			http(400, { errorCode: 'INVALID_REQUEST_BODY' }),
			fresh,
			write,
			'fail',
			'docuSign',
		],
		["a 404 is DocuSign's error", http(404), fresh, read, 'fail', 'docuSign'],
		[
			'a 302 is refused, never followed',
			http(302, {}, { location: 'https://evil.example/x?token=1' }),
			fresh,
			read,
			'fail',
			'api',
		],
		['an Admin 403 is a missing Admin access', http(403), fresh, admin, 'fail', 'api'],
		["an eSignature 403 is DocuSign's error", http(403), fresh, write, 'fail', 'docuSign'],
		['a reset read backs off', network('ECONNRESET'), fresh, read, 'backoff'],
		[
			'a reset write: outcome unknown',
			network('ECONNRESET'),
			fresh,
			write,
			'fail',
			'outcomeUnknown',
		],
		[
			'a refused connection on a write backs off (never sent)',
			network('ECONNREFUSED', false),
			fresh,
			write,
			'backoff',
		],
		[
			'a refused connection after 3 backoffs is an error',
			network('ECONNREFUSED', false),
			{ ...fresh, transient: MAX_TRANSIENT_RETRIES },
			write,
			'fail',
			'api',
		],
		[
			'a timed-out write: outcome unknown',
			network('ETIMEDOUT'),
			fresh,
			write,
			'fail',
			'outcomeUnknown',
		],
		[
			'a refused refresh: one retry for a refresh race',
			{ kind: 'reconnect' },
			fresh,
			read,
			'refreshRace',
		],
		[
			'a refused refresh again: reconnect',
			{ kind: 'reconnect' },
			{ ...fresh, refreshRace: true },
			read,
			'fail',
			'api',
		],
		[
			'a failed JWT grant is its own error',
			{ kind: 'jwtGrant', message: 'consent_required', description: 'Grant consent' },
			fresh,
			read,
			'fail',
			'api',
		],
	])('%s', (_name, outcome, attempts, spec, kind, ...[error]) => {
		const decision = decide(outcome, attempts, spec);
		expect(decision.kind).toBe(kind);
		if (error) expect(failure(decision)).toMatchObject({ error });
	});

	it('backs off by attempt number: the loop turns it into a delay', () => {
		expect(decide(http(502), { ...fresh, transient: 2 }, read)).toEqual({
			kind: 'backoff',
			attempt: 2,
		});
	});

	it('pauses a refresh race for the winner to store its tokens', () => {
		expect(decide({ kind: 'reconnect' }, fresh, read)).toEqual({
			kind: 'refreshRace',
			waitMs: REFRESH_RACE_PAUSE_MS,
		});
	});

	it('names only the host of a redirect, never its path or query', () => {
		const { message } = failure(
			decide(http(307, {}, { location: 'https://evil.example/steal?token=abc' }), fresh, read),
		) as { message: string };
		expect(message).toContain('https://evil.example');
		expect(message).not.toContain('token=abc');
	});

	it('says how long a timeout waited for, and what the request was', () => {
		expect(failure(decide(network('ECONNABORTED'), fresh, write))).toMatchObject({
			message: 'DocuSign did not answer in time while trying to create the users',
		});
		expect(
			failure(decide(network('EPIPE', false), { ...fresh, transient: 3 }, read)),
		).toMatchObject({
			message: 'The connection to DocuSign failed while trying to read the users (EPIPE)',
		});
	});

	it.each<[string, Outcome, boolean]>([
		['a 401', http(401), true],
		['a redirect', http(301), true],
		['an account gone', http(400, { errorCode: 'ACCOUNT_LACKS_PERMISSIONS' }), true],
		['a 200', http(200), false],
		['a network failure', network('ECONNRESET'), false],
	])('drops the cached userinfo after %s: %s', (_name, outcome, stale) => {
		expect(staleUserInfo(outcome)).toBe(stale);
	});
});
