import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../helpers/batch';
import type { DocuSignContext, Session } from './request';
import { apiRequest } from './request';

export const MAX_PAGE_SIZE = 100;
/** Pages fetched at once once the first page has told the total: hides latency, stays far below the burst limit. */
export const PAGES_IN_FLIGHT = 4;

export interface PageRequest {
	path: string;
	/** The array in the response: `users`, `groups`. */
	key: string;
	qs?: IDataObject;
	/** Stop after this many items; undefined = all. */
	limit?: number;
	what: string;
	itemIndex?: number;
	/** Called per page, in order; return false to stop (e.g. when another strategy is cheaper). */
	onPage?: (items: IDataObject[], totalSetSize: number) => boolean | void;
}

interface Page {
	items: IDataObject[];
	total: number;
	nextUri: boolean;
}

async function fetchPage(this: DocuSignContext, session: Session, page: PageRequest, start: number, count: number): Promise<Page> {
	const response = await apiRequest.call(this, session, {
		method: 'GET',
		path: page.path,
		qs: { ...page.qs, start_position: start, count },
		idempotent: true,
		what: page.what,
		itemIndex: page.itemIndex,
	});
	const items = ((response[page.key] ?? []) as IDataObject[]).slice(0, count);
	return { items, total: Number(response.totalSetSize ?? NaN), nextUri: !!response.nextUri };
}

/**
 * DocuSign's paging (start_position / count up to 100, totalSetSize and nextUri as strings).
 * Asks only for what Limit still needs, so Limit 150 costs exactly two requests. Once the first
 * page gives totalSetSize, the remaining pages are known and fetched a few at a time.
 */
export async function apiRequestAllItems(this: DocuSignContext, session: Session, page: PageRequest): Promise<IDataObject[]> {
	const limit = page.limit ?? Infinity;
	const items: IDataObject[] = [];
	if (limit <= 0) return items;
	let start = 0;
	const take = (result: Page): boolean => {
		items.push(...result.items);
		start += result.items.length;
		return page.onPage?.(result.items, result.total) !== false && result.items.length > 0 && items.length < limit;
	};

	const first = await fetchPage.call(this, session, page, 0, Math.min(MAX_PAGE_SIZE, limit));
	if (!take(first)) return items;

	if (!Number.isFinite(first.total)) {
		// No total: follow nextUri one page at a time.
		for (let result = first; result.nextUri; ) {
			result = await fetchPage.call(this, session, page, start, Math.min(MAX_PAGE_SIZE, limit - items.length));
			if (!take(result)) break;
		}
		return items;
	}

	const end = Math.min(first.total, limit);
	const pending: Array<{ start: number; count: number }> = [];
	for (let next = start; next < end; next += MAX_PAGE_SIZE) pending.push({ start: next, count: Math.min(MAX_PAGE_SIZE, end - next) });
	for (const window of chunk(pending, PAGES_IN_FLIGHT)) {
		const results = await Promise.all(window.map(async (p) => await fetchPage.call(this, session, page, p.start, p.count)));
		for (const result of results) if (!take(result)) return items;
	}
	return items;
}
