/** The pure parts of issue 10: clamps, the wait budget, own-property tables, loopback, paging bounds, the userinfo cache. */
import { adviceFor } from '../../nodes/DocuSign/transport/errors';
import { authServerProblem, isLoopbackHost } from '../../nodes/DocuSign/transport/hosts';
import {
	claimedTotalOf,
	MAX_LISTED_ENTRIES,
	MAX_PAGES,
	nextStartOf,
} from '../../nodes/DocuSign/transport/paging';
import {
	burstRetryAfterMs,
	clampDelayMs,
	MAX_SERVER_DELAY_MS,
	MAX_TIMER_MS,
	RateLimiter,
	WaitBudget,
} from '../../nodes/DocuSign/transport/pacing';
import { rateLimitKindOf } from '../../nodes/DocuSign/transport/decide';
import {
	cachedUserInfo,
	forgetUserInfo,
	rememberUserInfo,
	USER_INFO_TTL_MS,
	userInfoKeyOf,
} from '../../nodes/DocuSign/transport/account';

describe('server delays are clamped before any date arithmetic', () => {
	test('the clamp stays below the timer limit', () => {
		expect(MAX_SERVER_DELAY_MS).toBeLessThan(MAX_TIMER_MS);
		expect(MAX_TIMER_MS).toBe(2147483647);
	});

	test.each([
		[99999999999999 * 1000, MAX_SERVER_DELAY_MS],
		[Infinity, MAX_SERVER_DELAY_MS],
		[-5000, 0],
		[-Infinity, 0],
		[NaN, 0],
		[1500, 1500],
	])('clampDelayMs(%p) = %p', (input, expected) => {
		expect(clampDelayMs(input)).toBe(expected);
	});

	test('Retry-After: 99999999999999 is an hour, and makes a valid date', () => {
		const ms = burstRetryAfterMs({ 'retry-after': '99999999999999' })!;
		expect(ms).toBe(MAX_SERVER_DELAY_MS);
		expect(() => new Date(Date.now() + ms).toISOString()).not.toThrow();
		expect(burstRetryAfterMs({ 'retry-after': '-3' })).toBe(0);
		expect(burstRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBeUndefined();
	});

	test('X-RateLimit-Reset far in the future or the past lands within [now, now + 1 h]', () => {
		const now = 1_700_000_000_000;
		const limiter = new RateLimiter(() => now);
		limiter.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999' }, now);
		expect(limiter.hourlyResetAt).toBe(now + MAX_SERVER_DELAY_MS);
		expect(limiter.delayBeforeNextRequest()).toEqual({
			kind: 'hourly',
			waitMs: MAX_SERVER_DELAY_MS + 250,
		});
		limiter.observe({ 'x-ratelimit-reset': '1e308' }, now);
		expect(limiter.hourlyResetAt).toBe(now + MAX_SERVER_DELAY_MS);
		limiter.observe({ 'x-ratelimit-reset': '-99999999999999' }, now);
		expect(limiter.hourlyResetAt).toBe(now);
	});
});

describe('WaitBudget: one budget of waiting per run', () => {
	function clocked(limitMs: number) {
		const clock = { now: 0 };
		return { clock, budget: new WaitBudget(limitMs, () => clock.now) };
	}

	test('sequential waits add up; the one that would pass the limit is refused and costs nothing', () => {
		const { clock, budget } = clocked(3000);
		expect(budget.reserve(1000)).toBe(true);
		clock.now += 1000;
		expect(budget.reserve(1500)).toBe(true);
		clock.now += 1500;
		expect(budget.reserve(1000)).toBe(false);
		expect(budget.waitedMs).toBe(2500);
		expect(budget.reserve(500)).toBe(true);
		expect(budget.waitedMs).toBe(3000);
		expect(budget.reserve(1)).toBe(true); // within the wait already booked
		clock.now += 500;
		expect(budget.reserve(1)).toBe(false);
	});

	test('overlapping waits (pages in flight) count once: the wall-clock time waited', () => {
		const { clock, budget } = clocked(40_000);
		for (let page = 0; page < 4; page++) expect(budget.reserve(30_000)).toBe(true);
		expect(budget.waitedMs).toBe(30_000);
		clock.now += 10_000;
		expect(budget.reserve(25_000)).toBe(true);
		expect(budget.waitedMs).toBe(35_000);
	});

	test.each([NaN, -1, Infinity])('an unusable limit (%p) allows no waiting', (limit) => {
		const { budget } = clocked(limit);
		expect(budget.limitMs).toBe(0);
		expect(budget.reserve(1)).toBe(false);
		expect(budget.reserve(0)).toBe(true);
	});
});

describe('tables keyed by server data find only their own entries', () => {
	test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
		'errorCode "%s"',
		(code) => {
			expect(rateLimitKindOf(400, { errorCode: code })).toBeNull();
			expect(rateLimitKindOf(429, { errorCode: code })).toBe('burst');
			expect(adviceFor(code, 'DocuSign could not create the users')).toEqual({
				message: 'DocuSign could not create the users',
				description:
					'Check the parameters of this item; DocuSign said why in the error code above.',
			});
		},
	);

	test('known codes still work', () => {
		expect(rateLimitKindOf(400, { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' })).toBe(
			'hourly',
		);
		expect(adviceFor('USER_NOT_FOUND', 'x').message).toBe(
			'No DocuSign user has this ID in the account',
		);
	});
});

describe('cleartext only on loopback', () => {
	test.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '[::1]'])(
		'%s is loopback',
		(host) => {
			expect(isLoopbackHost(host)).toBe(true);
		},
	);

	test.each([
		'128.0.0.1',
		'10.0.0.1',
		'localhost.evil.example',
		'127.0.0.1.nip.io',
		'[::2]',
		'example.com',
	])('%s is not', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});

	test.each([
		['https://gateway.example.com', undefined],
		['http://127.0.0.1:8085', undefined],
		['http://localhost:8085', undefined],
		['http://[::1]:8085', undefined],
		['http://127.1:8085', undefined], // the URL parser normalises it to 127.0.0.1
		['http://gateway.example.com', 'uses http on a host that is not loopback'],
		['http://10.1.2.3:8085', 'uses http on a host that is not loopback'],
		['ftp://127.0.0.1', 'is not an http(s) URL'],
		['https://user:pw@gateway.example.com', 'must not contain a user name or password'],
		['', 'is missing or not a URL'],
	])('authServerProblem(%p)', (url, problem) => {
		expect(authServerProblem(url)).toBe(problem);
	});
});

describe('paging bounds', () => {
	test('the cap: 300,000 entries, 3,000 pages', () => {
		expect(MAX_LISTED_ENTRIES).toBe(300_000);
		expect(MAX_PAGES).toBe(3000);
	});

	test.each([
		['1000000000', MAX_LISTED_ENTRIES],
		['1e300', MAX_LISTED_ENTRIES],
		['59', 59],
		[59, 59],
		['12.7', 12],
		['-1', NaN],
		['lots', NaN],
		[undefined, NaN],
		[{ valueOf: (): number => 5 }, NaN],
	])('claimedTotalOf(%p) = %p', (value, expected) => {
		expect(claimedTotalOf(value)).toBe(expected);
	});

	test.each([
		['/v2.1/accounts/a/users?start_position=100&count=100', 100],
		['/v2.1/accounts/a/users?count=100&start_position=0', 0],
		['/v2.1/accounts/a/users?count=100', NaN],
		['', undefined],
		[undefined, undefined],
	])('nextStartOf(%p) = %p', (uri, expected) => {
		expect(nextStartOf(uri)).toBe(expected);
	});
});

describe('userinfo cache', () => {
	const credentials = (token: string, extra: object = {}) =>
		({
			environment: 'custom',
			authServerUrl: 'http://127.0.0.1:1',
			clientId: 'key',
			oauthTokenData: { access_token: token },
			...extra,
		}) as never;

	test('the key is a SHA-256 that changes with the token and the client, and never contains the token', () => {
		const key = userInfoKeyOf(credentials('secret-token-1'), 'http://127.0.0.1:1')!;
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('secret-token-1');
		expect(userInfoKeyOf(credentials('secret-token-1'), 'http://127.0.0.1:1')).toBe(key);
		expect(userInfoKeyOf(credentials('secret-token-2'), 'http://127.0.0.1:1')).not.toBe(key);
		expect(
			userInfoKeyOf(credentials('secret-token-1', { clientId: 'other' }), 'http://127.0.0.1:1'),
		).not.toBe(key);
		expect(userInfoKeyOf(credentials('secret-token-1'), 'http://127.0.0.1:2')).not.toBe(key);
		expect(userInfoKeyOf(credentials(''), 'http://127.0.0.1:1')).toBeUndefined();
	});

	test('an entry lives for at most an hour, and can be forgotten', () => {
		expect(USER_INFO_TTL_MS).toBeLessThanOrEqual(3_600_000);
		const t0 = 1_000_000;
		rememberUserInfo('k1', { accounts: [] }, t0);
		expect(cachedUserInfo('k1', t0 + USER_INFO_TTL_MS - 1)).toEqual({ accounts: [] });
		expect(cachedUserInfo('k1', t0 + USER_INFO_TTL_MS)).toBeUndefined();
		rememberUserInfo('k2', { accounts: [] }, t0);
		forgetUserInfo('k2');
		expect(cachedUserInfo('k2', t0)).toBeUndefined();
		expect(cachedUserInfo(undefined)).toBeUndefined();
	});

	test('the cache holds at most 100 entries (old tokens do not pile up)', () => {
		const t0 = 2_000_000;
		for (let i = 0; i < 150; i++) rememberUserInfo(`many-${i}`, { i }, t0);
		expect(cachedUserInfo('many-0', t0)).toBeUndefined();
		expect(cachedUserInfo('many-49', t0)).toBeUndefined();
		expect(cachedUserInfo('many-50', t0)).toEqual({ i: 50 });
		expect(cachedUserInfo('many-149', t0)).toEqual({ i: 149 });
	});
});
