export function chunk<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < list.length; start += size) batches.push(list.slice(start, start + size));
	return batches;
}

/** DocuSign takes at most 500 new users per request; the same cap keeps other batches sane. */
export const MAX_BATCH_SIZE = 500;

/** Runs `work` over the list with at most `size` calls in flight, results in list order. */
export async function mapInWindows<T, R>(list: T[], size: number, work: (entry: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	for (const window of chunk(list, size)) results.push(...(await Promise.all(window.map(work))));
	return results;
}
