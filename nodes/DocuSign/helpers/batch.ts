export function chunk<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < list.length; start += size) batches.push(list.slice(start, start + size));
	return batches;
}

/** DocuSign takes at most 500 new users per request; the same cap keeps other batches sane. */
export const MAX_BATCH_SIZE = 500;
