/**
 * How many requests of one kind the node keeps in flight at once: the one concurrency policy, next to
 * the rate limiter that paces every request (rateLimit.ts). Batched writes go one request at a time;
 * these are the reads and writes that go one request per entity, all far below DocuSign's burst limit.
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
	/** The trigger's member lists (each list pages `pages` at a time itself). */
	triggerGroups: 2,
	/** The trigger's confirming reads of single users. */
	confirmations: 4,
} as const;

export type InFlightKind = keyof typeof IN_FLIGHT;

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
