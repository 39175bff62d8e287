/** Reads the simulator's request log: API calls made, by endpoint, and rate-limit rejections. */
import type { LogEntry } from './simulator';

export interface CallSummary {
	/** Every /oauth and /restapi request (control requests are never logged). */
	calls: number;
	/** Calls that wrote (POST/PUT/DELETE under /restapi). */
	writes: number;
	/** Requests the simulator refused for a rate limit (HTTP 429). */
	rateLimited: number;
	/** "GET /users: 11" style, in first-seen order. */
	byEndpoint: Array<[string, number]>;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function endpointOf(entry: LogEntry): string {
	const path = entry.path.replace(/^\/restapi\/v2\.1\/accounts\/[^/]+/, '').replace(GUID, '{id}');
	return `${entry.method} ${path || '/'}`;
}

export function summarizeLog(entries: LogEntry[]): CallSummary {
	const byEndpoint = new Map<string, number>();
	for (const entry of entries)
		byEndpoint.set(endpointOf(entry), (byEndpoint.get(endpointOf(entry)) ?? 0) + 1);
	return {
		calls: entries.length,
		writes: entries.filter(
			(e) => e.method !== 'GET' && e.path.startsWith('/restapi') && e.status !== 429,
		).length,
		rateLimited: entries.filter((e) => e.status === 429).length,
		byEndpoint: [...byEndpoint],
	};
}
