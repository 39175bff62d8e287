export function chunk<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		batches.push(list.slice(start, start + size));
	return batches;
}

/**
 * Users per write request. Documented only for POST /users ("max 500 users per request", docs/sources.md#s1). For
 * PUT /users, DELETE /users and PUT / DELETE /groups/{groupId}/users DocuSign documents no limit (UNVERIFIED):
 * applying the same 500 there is this node's choice, stated here and in docs/known-limits.md. Lower
 * Options > Batch Size if DocuSign refuses large batches on an account.
 */
export const MAX_BATCH_SIZE = 500;

/** Runs `work` over the list with at most `size` calls in flight, results in list order. */
export async function mapInWindows<T, R>(
	list: T[],
	size: number,
	work: (entry: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = [];
	for (const window of chunk(list, size)) results.push(...(await Promise.all(window.map(work))));
	return results;
}
