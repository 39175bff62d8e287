import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DocuSignContext, Session } from './request';
import { maxInFlight } from './pacing';
import { apiRequest, pauseWithinBudget } from './request';

export const MAX_PAGE_SIZE = 100;
/**
 * Pauses before reading a shifted listing again. Changes elsewhere come in bursts (a joiner flow's
 * executions, an administrator's bulk edit) that settle within seconds, so an immediate re-read
 * often meets the same burst. Taken from the run's wait budget (Max Rate-Limit Wait) when it allows.
 */
const REREAD_PAUSES_MS = [1_000, 3_000];
/** How many times a listing that keeps shifting is read before it is an error. */
export const LISTING_READS = REREAD_PAUSES_MS.length + 1;
/**
 * The most entries one listing will believe a server about: 300,000. Listing them costs 3,000
 * requests, the whole default hourly limit of a DocuSign account (3,000 calls per hour), and no
 * eSignature account of that size is known to us. A larger `totalSetSize` is clamped to it.
 */
export const MAX_LISTED_ENTRIES = 300_000;
/** Hard cap on the requests of one listing, whatever the server says about totals or nextUri. */
export const MAX_PAGES = MAX_LISTED_ENTRIES / MAX_PAGE_SIZE;

// Which field identifies an entry, per array key: repeats are dropped and a page of repeats ends the listing.
const ID_FIELDS = new Map<string, string>([
	['users', 'userId'],
	['groups', 'groupId'],
	['permissionProfiles', 'permissionProfileId'],
]);

/**
 * The two APIs' paging: eSignature's start_position / count with string totalSetSize and nextUri,
 * the Admin API's start / take with paging.total_set_size and paging.next (admin OpenAPI, docs/sources.md#s2).
 */
interface PagingDialect {
	startParam: string;
	sizeParam: string;
	/** Which field identifies an entry, per array key. */
	idFields: Map<string, string>;
	total: (response: IDataObject) => unknown;
	next: (response: IDataObject) => unknown;
}

const DIALECTS: Record<'esignature' | 'admin', PagingDialect> = {
	esignature: {
		startParam: 'start_position',
		sizeParam: 'count',
		idFields: ID_FIELDS,
		total: (r) => r.totalSetSize,
		next: (r) => r.nextUri,
	},
	admin: {
		startParam: 'start',
		sizeParam: 'take',
		idFields: new Map([['users', 'membership_id']]),
		total: (r) => (r.paging as IDataObject | undefined)?.total_set_size,
		next: (r) => (r.paging as IDataObject | undefined)?.next,
	},
};

export interface PageRequest {
	path: string;
	/** The Admin (organization) API and its paging instead of the account's eSignature API. */
	api?: 'admin';
	/** The array in the response: `users`, `groups`. */
	key: string;
	qs?: IDataObject;
	/** Stop after this many items; undefined = all. */
	limit?: number;
	what: string;
	itemIndex?: number;
	/** A search: stop at the page that brings an entry whose `field` is `value` (case-insensitive). */
	until?: { field: string; value: string };
	/**
	 * Read only the first page when DocuSign counts more entries than this (another strategy is
	 * cheaper then), or counts none while pointing at more (a size we cannot know could cost up to
	 * MAX_PAGES requests); the listing then says it is not complete.
	 */
	firstPageOnlyAbove?: number;
	/**
	 * A search DocuSign may answer with an error instead of an empty list (which errors mean that is
	 * the caller's to know). That answer to the first page is an empty, complete listing; to a later
	 * page it contradicts the entries the first page matched: the list shifted, and is read again.
	 */
	noMatch?: (error: unknown) => boolean;
}

/**
 * The entries of a listing. `complete` is false when the listing stopped before its end for a
 * reason other than Limit: firstPageOnlyAbove after the first page, or `until` before the last page.
 */
export interface Listing {
	items: IDataObject[];
	complete: boolean;
}

interface Page {
	start: number;
	items: IDataObject[];
	/** totalSetSize, clamped to MAX_LISTED_ENTRIES; NaN when absent. */
	total: number;
	/** start_position of nextUri: undefined when there is none, NaN when it names none. */
	nextStart?: number;
	/** DocuSign answered this page with the search's "no match" error (PageRequest.noMatch). */
	noMatch?: boolean;
}

/** totalSetSize as a bounded number: NaN when missing or not a number. */
export function claimedTotalOf(value: unknown): number {
	const total = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
	return Number.isFinite(total) && total >= 0
		? Math.min(Math.floor(total), MAX_LISTED_ENTRIES)
		: NaN;
}

/** The start_position a nextUri points at (NaN if it names none); undefined without a nextUri. */
export function nextStartOf(nextUri: unknown, startParam = 'start_position'): number | undefined {
	if (typeof nextUri !== 'string' || !nextUri) return undefined;
	const match = new RegExp(`[?&]${startParam}=(\\d+)`).exec(nextUri);
	return match ? Number(match[1]) : NaN;
}

async function fetchPage(
	this: DocuSignContext,
	session: Session,
	page: PageRequest,
	start: number,
	count: number,
): Promise<Page> {
	const dialect = DIALECTS[page.api ?? 'esignature'];
	const response = await apiRequest.call(this, session, {
		method: 'GET',
		path: page.path,
		api: page.api,
		qs: { ...page.qs, [dialect.startParam]: start, [dialect.sizeParam]: count },
		idempotent: true,
		what: page.what,
		itemIndex: page.itemIndex,
	});
	const list = response[page.key];
	const items = (Array.isArray(list) ? list : []).slice(0, count) as IDataObject[];
	return {
		start,
		items,
		total: claimedTotalOf(dialect.total(response)),
		nextStart: nextStartOf(dialect.next(response), dialect.startParam),
	};
}

function movesOn(page: Page): boolean {
	return page.nextStart !== undefined && !(page.nextStart <= page.start);
}

/** Whether nothing follows this page: it reaches the total, or without one, names no next page. */
function isLastPage(page: Page): boolean {
	return Number.isNaN(page.total) ? !movesOn(page) : page.start + page.items.length >= page.total;
}

/** The page windows still to fetch, made one at a time: a claimed total costs no memory. */
function* windows(from: number, end: number): Generator<{ start: number; count: number }> {
	for (let next = from; next < end; next += MAX_PAGE_SIZE)
		yield { start: next, count: Math.min(MAX_PAGE_SIZE, end - next) };
}

/** Why a listing cannot be taken as complete: it changed while it was read. */
class ShiftedWhileRead {
	constructor(readonly reason: string) {}
}

/**
 * DocuSign's paging (start_position / count up to 100, totalSetSize and nextUri as strings).
 * Asks only for what Limit still needs, so Limit 150 costs exactly two requests. Once the first
 * page gives totalSetSize, the remaining pages are known and fetched a few at a time.
 *
 * Offset paging shifts when the list changes between two pages (a member added or removed
 * elsewhere moves entries across a page boundary). A listing with a total is checked: an empty
 * page before the total, a total that changes between pages, or fewer distinct entries than the
 * total at the end mean it shifted; it is read again from the start after a pause (REREAD_PAUSES_MS),
 * and a shift on every read is an error. What no count shows (one entry removed and one added between two pages) is left to
 * the caller's confirming read.
 *
 * Bounded by us, not the server: a claimed total is clamped (MAX_LISTED_ENTRIES); the listing
 * ends when a page brings no new entry (empty, or only repeats) or when nextUri would not move
 * start_position forward; more than MAX_PAGES requests is an error.
 */
export async function apiRequestAllItems(
	this: DocuSignContext,
	session: Session,
	page: PageRequest,
): Promise<IDataObject[]> {
	return (await apiRequestListing.call(this, session, page)).items;
}

/** apiRequestAllItems, saying whether the listing is complete (see firstPageOnlyAbove). */
export async function apiRequestListing(
	this: DocuSignContext,
	session: Session,
	page: PageRequest,
): Promise<Listing> {
	let read = await readListing.call(this, session, page);
	for (const pauseMs of REREAD_PAUSES_MS) {
		if (!(read instanceof ShiftedWhileRead)) return read;
		await pauseWithinBudget(session, pauseMs);
		read = await readListing.call(this, session, page);
	}
	if (!(read instanceof ShiftedWhileRead)) return read;
	const message = `DocuSign's list changed each of the ${LISTING_READS} times it was read, while trying to ${page.what}`;
	throw new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: `${read.reason}. Entries were added or removed in DocuSign while the node read the list page by page, so it cannot be taken as complete and nothing was decided from it. Run the workflow again when the changes have settled.`,
		itemIndex: page.itemIndex,
	});
}

async function readListing(
	this: DocuSignContext,
	session: Session,
	page: PageRequest,
): Promise<Listing | ShiftedWhileRead> {
	const limit = page.limit ?? Infinity;
	const items: IDataObject[] = [];
	if (limit <= 0) return { items, complete: true };
	const idField = DIALECTS[page.api ?? 'esignature'].idFields.get(page.key);
	const seen = new Set<string>();
	let requests = 0;
	let start = 0;
	let stoppedEarly = false;
	let complete = true;
	const sought = page.until && {
		field: page.until.field,
		value: page.until.value.toLowerCase(),
	};

	const pageCapReached = (): NodeApiError => {
		const message = `DocuSign's paging did not end after ${MAX_PAGES} pages while trying to ${page.what}`;
		return new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description: `The node lists at most ${MAX_LISTED_ENTRIES} entries; the server kept sending more pages. Use Limit, or a filter, and check the proxy or gateway in front of DocuSign.`,
			itemIndex: page.itemIndex,
		});
	};
	const fetch = async (from: number, count: number): Promise<Page> => {
		requests++;
		const answer = fetchPage.call(this, session, page, from, count);
		const { noMatch } = page;
		if (!noMatch) return await answer;
		return await answer.catch((error: unknown): Page => {
			if (!noMatch(error)) throw error;
			return { start: from, items: [], total: NaN, noMatch: true };
		});
	};
	const noMatchPast = (result: Page) =>
		new ShiftedWhileRead(
			`DocuSign answered that nothing matches at position ${result.start}, after the first page listed matches`,
		);
	/** Keeps the page's new entries; false when the listing is over. */
	const take = (result: Page): boolean => {
		const fresh = result.items.filter((item) => {
			const id = idField === undefined ? undefined : item[idField];
			if (typeof id !== 'string') return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		items.push(...fresh.slice(0, limit - items.length));
		start = result.start + result.items.length;
		if (
			sought &&
			fresh.some((item) => String(item[sought.field] ?? '').toLowerCase() === sought.value)
		) {
			stoppedEarly = true;
			complete = isLastPage(result);
			return false;
		}
		if (
			page.firstPageOnlyAbove !== undefined &&
			requests === 1 &&
			(result.total > page.firstPageOnlyAbove || (Number.isNaN(result.total) && movesOn(result)))
		) {
			stoppedEarly = true;
			complete = false;
			return false;
		}
		return fresh.length > 0 && items.length < limit;
	};

	const first: Page = await fetch(0, Math.min(MAX_PAGE_SIZE, limit));
	if (first.noMatch) return { items, complete: true };
	const total = first.total;
	if (!take(first)) {
		if (!stoppedEarly && first.items.length === 0 && total > 0)
			return new ShiftedWhileRead(`The first page was empty while DocuSign counted ${total}`);
		return { items, complete };
	}

	if (Number.isNaN(total)) {
		// No total: follow nextUri one page at a time while it moves start_position forward (one
		// that names no start_position is followed with our own; repeats still end the listing).
		for (let result = first; movesOn(result); ) {
			if (requests >= MAX_PAGES) throw pageCapReached();
			result = await fetch(start, Math.min(MAX_PAGE_SIZE, limit - items.length));
			if (result.noMatch) return noMatchPast(result);
			if (!take(result)) break;
		}
		return { items, complete };
	}

	/** A page that shows the listing moved under us (its total changed, or it is empty before the end). */
	const shiftOf = (result: Page): ShiftedWhileRead | undefined => {
		if (result.noMatch) return noMatchPast(result);
		if (!Number.isNaN(result.total) && result.total !== total)
			return new ShiftedWhileRead(
				`DocuSign counted ${total} entries on the first page and ${result.total} at position ${result.start}`,
			);
		if (result.items.length === 0 && result.start < total)
			return new ShiftedWhileRead(
				`The page at position ${result.start} was empty while DocuSign counted ${total}`,
			);
		return undefined;
	};

	const pending = windows(start, Math.min(total, limit));
	let upcoming = pending.next();
	reading: while (!upcoming.done) {
		// Never more than MAX_PAGES requests, and none started that the cap would cut off.
		if (requests >= MAX_PAGES) throw pageCapReached();
		const batch: Array<{ start: number; count: number }> = [];
		while (
			!upcoming.done &&
			batch.length < maxInFlight('pages') &&
			requests + batch.length < MAX_PAGES
		) {
			batch.push(upcoming.value);
			upcoming = pending.next();
		}
		const results = await Promise.all(batch.map(async (p) => await fetch(p.start, p.count)));
		for (const result of results) {
			const shift = shiftOf(result);
			if (shift) return shift;
			if (!take(result)) break reading;
		}
	}
	// Read to the end: the distinct entries must be as many as DocuSign counted.
	if (!stoppedEarly && limit === Infinity && items.length < total)
		return new ShiftedWhileRead(
			`The listing brought ${items.length} distinct entries while DocuSign counted ${total}`,
		);
	return { items, complete };
}
