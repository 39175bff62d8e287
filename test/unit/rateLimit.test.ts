import {
	backoffMs,
	BURST_WINDOW_MS,
	burstRetryAfterMs,
	RateLimiter,
} from '../../nodes/DocuSign/transport/pacing';
import { rateLimitKindOf } from '../../nodes/DocuSign/transport/decide';

// Headers as request.ts hands them to the limiter: names lower-cased, values strings.
const burst = (remaining: number, limit = 1000) => ({
	'x-burstlimit-remaining': String(remaining),
	'x-burstlimit-limit': String(limit),
});
const hourly = (remaining: number, resetEpochSeconds: number, limit = 3000) => ({
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-limit': String(limit),
	'x-ratelimit-reset': String(resetEpochSeconds),
});

const T0 = 1_700_000_000_000;

function clocked(start = T0) {
	const clock = { now: start };
	const limiter = new RateLimiter(() => clock.now);
	return { clock, limiter };
}

describe('rateLimitKindOf', () => {
	it.each([
		[429, { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' }, 'hourly'],
		[429, { errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED' }, 'burst'],
		[400, { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED', message: 'x' }, 'hourly'],
		[400, { errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED' }, 'burst'],
		// the Admin API names its error in `error` (read by errorBodyOf, as every other code is)
		[400, { error: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' }, 'hourly'],
		[429, undefined, 'burst'],
		[429, 'Too Many Requests', 'burst'],
		[429, { errorCode: 'SOMETHING_ELSE' }, 'burst'],
		[400, { errorCode: 'INVALID_REQUEST_PARAMETER' }, null],
		[400, {}, null],
		[400, undefined, null],
		[400, null, null],
		[503, { errorCode: 'X' }, null],
	])('%p %p -> %p', (status, body, expected) => {
		expect(rateLimitKindOf(status, body)).toBe(expected);
	});
});

describe('burstRetryAfterMs', () => {
	it('reads Retry-After seconds', () => {
		expect(burstRetryAfterMs({ 'retry-after': '7' })).toBe(7000);
		expect(burstRetryAfterMs({ 'retry-after': ['3'] })).toBe(3000);
	});

	it('ignores missing, empty and HTTP-date values', () => {
		expect(burstRetryAfterMs({})).toBeUndefined();
		expect(burstRetryAfterMs({ 'retry-after': '' })).toBeUndefined();
		expect(burstRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBeUndefined();
	});
});

describe('RateLimiter.observe', () => {
	it('records burst and hourly headers', () => {
		const { limiter } = clocked();
		limiter.observe({ ...burst(990), ...hourly(2999, 1_700_003_600) }, T0);
		expect(limiter.burstRemaining).toBe(990);
		expect(limiter.burstLimit).toBe(1000);
		expect(limiter.burstWindowStart).toBe(T0);
		expect(limiter.hourlyRemaining).toBe(2999);
		expect(limiter.hourlyLimit).toBe(3000);
		expect(limiter.hourlyResetAt).toBe(1_700_003_600_000);
	});

	it('keeps earlier values when a response carries no headers', () => {
		const { limiter } = clocked();
		limiter.observe({ ...burst(990), ...hourly(2999, 1_700_003_600) }, T0);
		limiter.observe({}, T0 + 1000);
		expect(limiter.burstRemaining).toBe(990);
		expect(limiter.burstLimit).toBe(1000);
		expect(limiter.burstWindowStart).toBe(T0);
		expect(limiter.hourlyRemaining).toBe(2999);
		expect(limiter.hourlyLimit).toBe(3000);
		expect(limiter.hourlyResetAt).toBe(1_700_003_600_000);
	});

	it('keeps the window start while remaining goes down', () => {
		const { limiter } = clocked();
		limiter.observe(burst(500), T0);
		limiter.observe(burst(400), T0 + 5000);
		expect(limiter.burstWindowStart).toBe(T0);
		expect(limiter.burstRemaining).toBe(400);
	});

	it('detects a new window when remaining goes up', () => {
		const { limiter } = clocked();
		limiter.observe(burst(500), T0);
		limiter.observe(burst(400), T0 + 5000);
		limiter.observe(burst(999), T0 + 10_000);
		expect(limiter.burstWindowStart).toBe(T0 + 10_000);
		expect(limiter.burstRemaining).toBe(999);
	});

	it('detects a new window once 30 s have passed since its start', () => {
		const { limiter } = clocked();
		limiter.observe(burst(500), T0);
		limiter.observe(burst(400), T0 + BURST_WINDOW_MS - 1);
		expect(limiter.burstWindowStart).toBe(T0);
		limiter.observe(burst(300), T0 + BURST_WINDOW_MS + 1);
		expect(limiter.burstWindowStart).toBe(T0 + BURST_WINDOW_MS + 1);
	});

	it('ignores non-numeric header values', () => {
		const { limiter } = clocked();
		limiter.observe({ 'x-burstlimit-remaining': 'lots', 'x-ratelimit-remaining': '' }, T0);
		expect(limiter.burstRemaining).toBeUndefined();
		expect(limiter.hourlyRemaining).toBeUndefined();
	});
});

describe('RateLimiter.delayBeforeNextRequest', () => {
	it('does not wait without information or with budget left', () => {
		const { limiter } = clocked();
		expect(limiter.delayBeforeNextRequest()).toBeNull();
		limiter.observe({ ...burst(21), ...hourly(1, 1_700_003_600) }, T0);
		// reserve for a limit of 1000 is ceil(2%) = 20 calls
		expect(limiter.delayBeforeNextRequest()).toBeNull();
	});

	it('waits to the end of the observed burst window when the reserve is reached', () => {
		const { clock, limiter } = clocked();
		limiter.observe(burst(500), T0);
		clock.now = T0 + 4000;
		limiter.observe(burst(20), T0 + 4000);
		clock.now = T0 + 10_000;
		expect(limiter.delayBeforeNextRequest()).toEqual({ waitMs: 20_250, kind: 'burst' });
	});

	it('keeps at least one call in reserve for a small limit', () => {
		const { clock, limiter } = clocked();
		limiter.observe(burst(2, 10), T0);
		clock.now = T0 + 1000;
		expect(limiter.delayBeforeNextRequest()).toBeNull();
		limiter.observe(burst(1, 10), T0 + 1000);
		expect(limiter.delayBeforeNextRequest()).toEqual({ waitMs: 29_250, kind: 'burst' });
	});

	it('does not wait once the burst window is over', () => {
		const { clock, limiter } = clocked();
		limiter.observe(burst(0), T0);
		clock.now = T0 + BURST_WINDOW_MS;
		expect(limiter.delayBeforeNextRequest()).toBeNull();
	});

	it('waits to X-RateLimit-Reset when the hourly budget is out, before any burst wait', () => {
		const { clock, limiter } = clocked();
		limiter.observe({ ...burst(0), ...hourly(0, 1_700_000_600) }, T0);
		clock.now = T0 + 100_000;
		expect(limiter.delayBeforeNextRequest()).toEqual({ waitMs: 500_250, kind: 'hourly' });
	});

	it('falls back to the burst check when the hourly reset is already past', () => {
		const { clock, limiter } = clocked();
		limiter.observe({ ...burst(0), ...hourly(0, 1_699_999_000) }, T0);
		clock.now = T0 + 5000;
		expect(limiter.delayBeforeNextRequest()).toEqual({ waitMs: 25_250, kind: 'burst' });
	});

	it('windowWaited forgets the exhausted counter', () => {
		const { limiter } = clocked();
		limiter.observe({ ...burst(0), ...hourly(0, 1_700_000_600) }, T0);
		limiter.windowWaited('hourly');
		expect(limiter.hourlyRemaining).toBeUndefined();
		expect(limiter.delayBeforeNextRequest()).toEqual({ waitMs: 30_250, kind: 'burst' });
		limiter.windowWaited('burst');
		expect(limiter.burstRemaining).toBeUndefined();
		expect(limiter.delayBeforeNextRequest()).toBeNull();
	});
});

describe('RateLimiter.delayAfterRejection', () => {
	it('honours Retry-After on a burst rejection', () => {
		const { limiter } = clocked();
		expect(limiter.delayAfterRejection('burst', { 'retry-after': '7' })).toBe(7000);
		expect(limiter.burstRemaining).toBe(0);
	});

	it('waits to the end of the observed window without Retry-After', () => {
		const { clock, limiter } = clocked();
		limiter.observe(burst(100), T0);
		clock.now = T0 + 12_000;
		expect(limiter.delayAfterRejection('burst', {})).toBe(18_250);
	});

	it('waits a whole window when nothing was observed before', () => {
		const { limiter } = clocked();
		expect(limiter.delayAfterRejection('burst', {})).toBe(30_250);
	});

	it('waits to X-RateLimit-Reset on an hourly rejection', () => {
		const { limiter } = clocked();
		expect(limiter.delayAfterRejection('hourly', hourly(0, 1_700_000_060))).toBe(60_250);
		expect(limiter.hourlyRemaining).toBe(0);
	});

	it('waits one burst window on an hourly rejection without a reset header', () => {
		const { limiter } = clocked();
		expect(limiter.delayAfterRejection('hourly', {})).toBe(BURST_WINDOW_MS);
	});
});

describe('backoffMs', () => {
	it('stays between half and the whole of base * 2^attempt', () => {
		expect(backoffMs(0, 500, () => 0)).toBe(250);
		expect(backoffMs(0, 500, () => 1)).toBe(500);
		expect(backoffMs(3, 500, () => 0)).toBe(2000);
		expect(backoffMs(3, 500, () => 0.5)).toBe(3000);
		expect(backoffMs(3, 500, () => 0.999999)).toBe(4000);
		expect(backoffMs(2, 100, () => 0.25)).toBe(250);
	});

	it('defaults to a 500 ms base', () => {
		expect(backoffMs(1, undefined, () => 0)).toBe(500);
	});
});
