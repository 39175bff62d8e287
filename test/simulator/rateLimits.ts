/** DocuSign's per-account API limits: an hourly quota and a 30-second burst quota, with their response headers. */
import { DsError } from './errors';
import { burstRetryAfterSeconds } from './unverified';
import type { RateLimitConfig } from './types';

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
	hourlyLimit: 3000,
	hourlyWindowMs: undefined,
	burstLimit: 500,
	burstWindowMs: 30_000,
	status: 429,
	sendRetryAfter: true,
};

interface AccountWindows {
	hourlyCount: number;
	hourlyResetAt: number;
	burstCount: number;
	burstResetAt: number;
}

function nextTopOfHour(now: number): number {
	return (Math.floor(now / 3_600_000) + 1) * 3_600_000;
}

export class RateLimiter {
	private readonly windows = new Map<string, AccountWindows>();

	constructor(private readonly config: () => RateLimitConfig) {}

	/**
	 * Counts one call for the account, or throws the rate-limit error (the rejected call is not counted).
	 * Returns the headers to put on the response either way (thrown errors carry them). `burstKey` names a
	 * burst window of its own (the Admin API's) while the hourly window stays the account's.
	 */
	consume(accountId: string, now = Date.now(), burstKey = accountId): Record<string, string> {
		const limits = this.config();
		const hourly = this.currentWindows(accountId, now, limits);
		const burst = burstKey === accountId ? hourly : this.currentWindows(burstKey, now, limits);
		const windows: AccountWindows = {
			hourlyCount: hourly.hourlyCount,
			hourlyResetAt: hourly.hourlyResetAt,
			burstCount: burst.burstCount,
			burstResetAt: burst.burstResetAt,
		};
		if (windows.hourlyCount >= limits.hourlyLimit) {
			throw new DsError(
				limits.status,
				'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
				`The maximum number of hourly API invocations has been exceeded. The hourly limit is ${limits.hourlyLimit}.`,
				this.headers(windows, limits),
			);
		}
		if (windows.burstCount >= limits.burstLimit) {
			const headers = this.headers(windows, limits);
			if (limits.sendRetryAfter)
				headers['Retry-After'] = String(burstRetryAfterSeconds(windows.burstResetAt, now));
			throw new DsError(
				limits.status,
				'BURST_APIINVOCATION_LIMIT_EXCEEDED',
				`The maximum number of burst API invocations has been exceeded. The burst limit is ${limits.burstLimit} per ${Math.round(limits.burstWindowMs / 1000)} seconds.`,
				headers,
			);
		}
		hourly.hourlyCount++;
		burst.burstCount++;
		windows.hourlyCount++;
		windows.burstCount++;
		return this.headers(windows, limits);
	}

	/** Headers without counting (for requests rejected before the limiter, e.g. 401). */
	peek(accountId: string, now = Date.now()): Record<string, string> {
		const limits = this.config();
		return this.headers(this.currentWindows(accountId, now, limits), limits);
	}

	reset(): void {
		this.windows.clear();
	}

	private currentWindows(accountId: string, now: number, limits: RateLimitConfig): AccountWindows {
		let windows = this.windows.get(accountId);
		if (!windows) {
			windows = { hourlyCount: 0, hourlyResetAt: 0, burstCount: 0, burstResetAt: 0 };
			this.windows.set(accountId, windows);
		}
		if (now >= windows.hourlyResetAt) {
			windows.hourlyCount = 0;
			windows.hourlyResetAt =
				limits.hourlyWindowMs === undefined ? nextTopOfHour(now) : now + limits.hourlyWindowMs;
		}
		if (now >= windows.burstResetAt) {
			windows.burstCount = 0;
			windows.burstResetAt = now + limits.burstWindowMs;
		}
		return windows;
	}

	private headers(windows: AccountWindows, limits: RateLimitConfig): Record<string, string> {
		return {
			'X-RateLimit-Limit': String(limits.hourlyLimit),
			'X-RateLimit-Remaining': String(Math.max(0, limits.hourlyLimit - windows.hourlyCount)),
			'X-RateLimit-Reset': String(Math.floor(windows.hourlyResetAt / 1000)),
			'X-BurstLimit-Limit': String(limits.burstLimit),
			'X-BurstLimit-Remaining': String(Math.max(0, limits.burstLimit - windows.burstCount)),
		};
	}
}
