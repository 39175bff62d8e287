import { mapInWindows } from './batch';

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

/** The most requests of this kind in flight at once. */
export function maxInFlight(kind: InFlightKind): number {
	return IN_FLIGHT[kind];
}

/** Runs `work` over the list with at most IN_FLIGHT[kind] calls at once; results in list order. */
export async function inFlight<T, R>(
	kind: InFlightKind,
	list: T[],
	work: (entry: T) => Promise<R>,
): Promise<R[]> {
	return await mapInWindows(list, maxInFlight(kind), work);
}
