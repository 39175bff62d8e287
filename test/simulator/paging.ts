/** DocuSign list paging: `start_position` / `count` in, string paging fields and relative next/previous URIs out. */
import { invalidParameter } from './errors';
import { endPositionOf } from './unverified';

export interface PageRequest {
	start: number;
	count: number;
}

export function parsePage(
	query: Record<string, string>,
	defaultCount: number,
	maxCount: number,
): PageRequest {
	const start = query.start_position === undefined ? 0 : Number(query.start_position);
	const count = query.count === undefined ? defaultCount : Number(query.count);
	if (!Number.isInteger(start) || start < 0)
		throw invalidParameter(`Invalid value for start_position: '${query.start_position}'.`);
	if (!Number.isInteger(count) || count < 1 || count > maxCount) {
		throw invalidParameter(
			`The value for count must be between 1 and ${maxCount}: '${query.count}'.`,
		);
	}
	return { start, count };
}

/** Takes one page from an iterable, counting the rest without keeping it. */
export function takePage<T>(items: Iterable<T>, page: PageRequest): { items: T[]; total: number } {
	const taken: T[] = [];
	let total = 0;
	for (const item of items) {
		if (total >= page.start && taken.length < page.count) taken.push(item);
		total++;
	}
	return { items: taken, total };
}

/** Takes one page, stopping once it is full (the caller knows the total): O(start + count). */
export function slicePage<T>(items: Iterable<T>, page: PageRequest): T[] {
	const taken: T[] = [];
	let index = 0;
	for (const item of items) {
		if (index >= page.start) {
			if (taken.length >= page.count) break;
			taken.push(item);
		}
		index++;
	}
	return taken;
}

/**
 * Paging fields as strings, plus `nextUri` when there is a next page and `previousUri` when not on the first page,
 * both relative (`/v2.1/accounts/{id}/...`) and carrying the request's other query parameters.
 */
export function pagingFields(
	basePath: string,
	query: Record<string, string>,
	page: PageRequest,
	pageSize: number,
	total: number,
): Record<string, string> {
	const fields: Record<string, string> = {
		resultSetSize: String(pageSize),
		totalSetSize: String(total),
		startPosition: String(page.start),
		endPosition: String(endPositionOf(page.start, pageSize)),
	};
	const uriAt = (start: number): string => {
		const params = new URLSearchParams({
			start_position: String(start),
			count: String(page.count),
		});
		for (const [key, value] of Object.entries(query))
			if (key !== 'start_position' && key !== 'count') params.set(key, value);
		return `${basePath}?${params.toString()}`;
	};
	if (page.start + pageSize < total) fields.nextUri = uriAt(page.start + pageSize);
	if (page.start > 0) fields.previousUri = uriAt(Math.max(0, page.start - page.count));
	return fields;
}
