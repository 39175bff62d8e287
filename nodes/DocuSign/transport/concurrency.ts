/**
 * The most requests one execution has in flight at once, however its windows nest (a window of
 * member lists, each list paged a window at a time): every request passes the session's gate.
 *
 * Why 4: DocuSign allows a burst of 500 calls per 30 s, 200 on demo, shared by every integration
 * on the account (docs/sources.md#rate-limits). The pacing (rateLimit.ts) learns what is left of
 * the window only from answers and keeps 2 % in hand for the others: 4 calls on demo, 10 in
 * production. Requests already sent when an answer says the window is nearly spent still count
 * against it: at most MAX_IN_FLIGHT - 1 = 3, within the 4 kept in hand. Concurrency spends no
 * extra calls of the hourly 3,000; it only hides latency.
 */
export const MAX_IN_FLIGHT = 4;

/**
 * How many requests of one kind the node starts together (a window): the one concurrency policy,
 * next to the rate limiter that paces every request (rateLimit.ts). Batched writes go one request
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
