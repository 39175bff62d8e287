import type { IDataObject } from 'n8n-workflow';

/*
 * Pacing: how fast and how many at once. The rate limiter paces every request on DocuSign's
 * rate-limit headers; the one concurrency policy (IN_FLIGHT, the run's InFlightGate) bounds how
 * many are in flight; the write batch size bounds how many users one request carries.
 */

/**
 * The most requests one execution has in flight at once, however its windows nest (a window of
 * member lists, each list paged a window at a time): every request passes the session's gate.
 *
 * Why 4: DocuSign allows a burst of 500 calls per 30 s, 200 on demo, shared by every integration
 * on the account (docs/sources.md#rate-limits). The rate limiter (below) learns what is left of
 * the window only from answers and keeps 2 % in hand for the others: 4 calls on demo, 10 in
 * production. Requests already sent when an answer says the window is nearly spent still count
 * against it: at most MAX_IN_FLIGHT - 1 = 3, within the 4 kept in hand. Concurrency spends no
 * extra calls of the hourly 3,000; it only hides latency.
 */
export const MAX_IN_FLIGHT = 4;

/**
 * How many requests of one kind the node starts together (a window): the one concurrency policy,
 * next to the rate limiter that paces every request (below). Batched writes go one request
 * at a time; these are the reads and writes that go one request per entity. Windows may nest (the
 * pages of each member list in a window of groups): the gate keeps the total at MAX_IN_FLIGHT.
 */
export const IN_FLIGHT = {
	/** Pages of one list, once its first page has told the total: hides latency. */
	pages: 4,
	/** Single-user reads (and member lists) when listing the account would cost more. */
	lookups: 4,
	/** Reopens: one PUT per user. */
	reopens: 4,
	/** Admin API creates: one request per user, far below the Admin API's burst limit. */
	activeCreates: 4,
	/** The trigger's member lists (each list pages `pages` at a time itself; the gate bounds both). */
	triggerGroups: 2,
	/** The trigger's confirming reads of single users. */
	confirmations: 4,
} as const;

type InFlightKind = keyof typeof IN_FLIGHT;

/**
 * Users per write request. Documented only for POST /users ("max 500 users per request", docs/sources.md#s1). For
 * PUT /users, DELETE /users and PUT / DELETE /groups/{groupId}/users DocuSign documents no limit (UNVERIFIED):
 * applying the same 500 there is this node's choice, stated here and in docs/known-limits.md. Lower
 * Options > Batch Size if DocuSign refuses large batches on an account.
 */
export const MAX_BATCH_SIZE = 500;

export function chunk<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		batches.push(list.slice(start, start + size));
	return batches;
}

/** The most requests of this kind in flight at once. */
export function maxInFlight(kind: InFlightKind): number {
	return IN_FLIGHT[kind];
}

/**
 * The list in windows of at most IN_FLIGHT[kind] entries: the caller sends one window's requests at
 * once (Promise.all) and the windows one after another. Data, not a callback: the requests stay in
 * the caller's code.
 */
export function windowsOf<T>(kind: InFlightKind, list: T[]): T[][] {
	return chunk(list, IN_FLIGHT[kind]);
}

/**
 * The session's bound on requests in flight (MAX_IN_FLIGHT): a request takes a slot before it is
 * sent and gives it back when its answer (or failure) is in; slots go in the order they were asked
 * for. A request holds its slot through its rate-limit pause (it is paced once it holds the slot,
 * so answers that came in while it queued count) but never across another request or a window, so
 * a window of listings whose pages wait for slots cannot block itself. Slots, not a callback: the request stays in request.ts.
 */
export class InFlightGate {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly max = MAX_IN_FLIGHT) {}

	async acquire(): Promise<void> {
		if (this.active < this.max) this.active++;
		// A freed slot is handed to the next waiter as it is: `active` counts it throughout.
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}
}

/** DocuSign's burst window (resource-limits page); it sends no header that says when it resets. */
export const BURST_WINDOW_MS = 30_000;
const SAFETY_MARGIN_MS = 250;
/**
 * The longest delay a server may ask for: DocuSign's longest window is the hour (the hourly limit
 * resets at the top of each hour). Every server-supplied delay is clamped to this before any date
 * arithmetic, so `Retry-After: 99999999999999` can neither overflow a Date nor a timer.
 */
export const MAX_SERVER_DELAY_MS = 3_600_000;
/** setTimeout fires at once for anything above 2^31-1 ms; no sleep may reach it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export type RateLimitKind = 'burst' | 'hourly';

function header(headers: IDataObject, name: string): number | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
		? undefined
		: value;
}

/**
 * UNVERIFIED: DocuSign documents no reset header for the burst window. A Retry-After header is
 * honoured when present; otherwise the wait runs to the end of the window this client observed.
 */
export function burstRetryAfterMs(headers: IDataObject): number | undefined {
	const seconds = header(headers, 'retry-after');
	return seconds === undefined ? undefined : clampDelayMs(seconds * 1000);
}

/** A server-supplied delay as a sane number of milliseconds: 0 to MAX_SERVER_DELAY_MS. */
export function clampDelayMs(ms: number): number {
	if (!Number.isFinite(ms)) return ms > 0 ? MAX_SERVER_DELAY_MS : 0;
	return Math.min(MAX_SERVER_DELAY_MS, Math.max(0, ms));
}

/**
 * Reads X-RateLimit-* and X-BurstLimit-* from every response and decides how long to wait
 * before the next call so the account's budget is never overrun.
 */
export class RateLimiter {
	hourlyLimit?: number;
	hourlyRemaining?: number;
	hourlyResetAt?: number;
	burstLimit?: number;
	burstRemaining?: number;
	/** Start of the burst window as far as this client can tell (conservatively late). */
	burstWindowStart?: number;

	constructor(private readonly now: () => number = Date.now) {}

	observe(headers: IDataObject, sentAt: number): void {
		const burstRemaining = header(headers, 'x-burstlimit-remaining');
		const burstLimit = header(headers, 'x-burstlimit-limit');
		if (burstRemaining !== undefined) {
			const windowReset =
				this.burstRemaining === undefined ||
				burstRemaining > this.burstRemaining ||
				(this.burstWindowStart !== undefined && sentAt >= this.burstWindowStart + BURST_WINDOW_MS);
			if (windowReset) this.burstWindowStart = sentAt;
			this.burstRemaining = burstRemaining;
			this.burstLimit = burstLimit ?? this.burstLimit;
		}
		const hourlyRemaining = header(headers, 'x-ratelimit-remaining');
		if (hourlyRemaining !== undefined) this.hourlyRemaining = hourlyRemaining;
		this.hourlyLimit = header(headers, 'x-ratelimit-limit') ?? this.hourlyLimit;
		// Epoch seconds; clamped to at most an hour ahead before it becomes a date.
		const reset = header(headers, 'x-ratelimit-reset');
		if (reset !== undefined) {
			const now = this.now();
			this.hourlyResetAt = now + clampDelayMs(reset * 1000 - now);
		}
	}

	/** Calls kept in hand for other integrations on the same account. */
	private burstReserve(): number {
		return Math.max(1, Math.ceil((this.burstLimit ?? 0) * 0.02));
	}

	burstWindowEndsIn(): number {
		const start = this.burstWindowStart ?? this.now();
		return Math.max(0, start + BURST_WINDOW_MS - this.now()) + SAFETY_MARGIN_MS;
	}

	hourlyResetIn(): number | undefined {
		return this.hourlyResetAt === undefined
			? undefined
			: Math.max(0, this.hourlyResetAt - this.now()) + SAFETY_MARGIN_MS;
	}

	/** Pacing before a request: how long to wait, and whether the hourly budget is the reason. */
	delayBeforeNextRequest(): { waitMs: number; kind: RateLimitKind } | null {
		if (this.hourlyRemaining !== undefined && this.hourlyRemaining <= 0) {
			const waitMs = this.hourlyResetIn();
			if (waitMs !== undefined && waitMs > SAFETY_MARGIN_MS) return { waitMs, kind: 'hourly' };
		}
		if (this.burstRemaining !== undefined && this.burstRemaining <= this.burstReserve()) {
			const waitMs = this.burstWindowEndsIn();
			if (waitMs > SAFETY_MARGIN_MS) return { waitMs, kind: 'burst' };
		}
		return null;
	}

	/** After a rejection: how long until a retry can succeed. */
	delayAfterRejection(kind: RateLimitKind, headers: IDataObject): number {
		this.observe(headers, this.now());
		if (kind === 'hourly') {
			this.hourlyRemaining = 0;
			return this.hourlyResetIn() ?? BURST_WINDOW_MS;
		}
		this.burstRemaining = 0;
		return burstRetryAfterMs(headers) ?? this.burstWindowEndsIn();
	}

	/** The window has been waited out: forget the exhausted counters until DocuSign reports again. */
	windowWaited(kind: RateLimitKind): void {
		if (kind === 'hourly') this.hourlyRemaining = undefined;
		else this.burstRemaining = undefined;
	}
}

/**
 * The run's one budget for rate-limit waiting (Max Rate-Limit Wait). It counts wall-clock time
 * spent waiting: waits that overlap (pages fetched in parallel that hit the same limit) count
 * once. A wait that would take the run past the budget is refused, so the total never exceeds it.
 */
export class WaitBudget {
	readonly limitMs: number;
	private spentMs = 0;
	private coveredUntil = 0;

	constructor(
		limitMs: number,
		private readonly now: () => number = Date.now,
	) {
		// An unusable setting (NaN, negative, Infinity) allows no waiting rather than endless waiting.
		this.limitMs = Number.isFinite(limitMs) && limitMs > 0 ? limitMs : 0;
	}

	get waitedMs(): number {
		return this.spentMs;
	}

	/** What waiting `ms` from now would add to the run's total. */
	private costOf(ms: number): number {
		const now = this.now();
		const end = now + ms;
		return end <= this.coveredUntil ? 0 : end - Math.max(now, this.coveredUntil);
	}

	/** Books the wait and returns true, or returns false if it does not fit in what is left. */
	reserve(ms: number): boolean {
		const cost = this.costOf(ms);
		if (this.spentMs + cost > this.limitMs) return false;
		this.spentMs += cost;
		this.coveredUntil = Math.max(this.coveredUntil, this.now() + ms);
		return true;
	}
}

/** Exponential backoff with full jitter for transient failures (5xx, dropped connections). */
export function backoffMs(
	attempt: number,
	baseMs = 500,
	random: () => number = Math.random,
): number {
	const ceiling = baseMs * 2 ** attempt;
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
