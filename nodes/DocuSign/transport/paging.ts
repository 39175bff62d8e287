import type { IDataObject } from 'n8n-workflow';

import type { DocuSignContext, Session } from './request';
import { apiRequest } from './request';

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
	path: string;
	/** The array in the response: `users`, `groups`. */
	key: string;
	qs?: IDataObject;
	/** Stop after this many items; undefined = all. */
	limit?: number;
	what: string;
	itemIndex?: number;
	/** Called per page; return false to stop early (e.g. every wanted email was found). */
	onPage?: (items: IDataObject[], totalSetSize: number) => boolean | void;
}

/**
 * DocuSign's paging (start_position / count up to 100, totalSetSize and nextUri as strings).
 * Asks only for what Limit still needs, so Limit 150 costs exactly two requests.
 */
export async function apiRequestAllItems(
	this: DocuSignContext,
	session: Session,
	page: PageRequest,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let start = 0;
	for (;;) {
		const wanted = page.limit === undefined ? MAX_PAGE_SIZE : page.limit - items.length;
		if (wanted <= 0) break;
		const count = Math.min(MAX_PAGE_SIZE, wanted);
		const response = await apiRequest.call(this, session, {
			method: 'GET',
			path: page.path,
			qs: { ...page.qs, start_position: start, count },
			idempotent: true,
			what: page.what,
			itemIndex: page.itemIndex,
		});
		const pageItems = (response[page.key] ?? []) as IDataObject[];
		items.push(...pageItems.slice(0, count));
		const total = Number(response.totalSetSize ?? NaN);
		start += pageItems.length;
		if (page.onPage?.(pageItems, total) === false) break;
		// totalSetSize is exact when present; nextUri alone is the fallback.
		const more = Number.isFinite(total) ? start < total : !!response.nextUri;
		if (!more || pageItems.length === 0) break;
	}
	return items;
}
