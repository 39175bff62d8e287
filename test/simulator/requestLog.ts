/** The request log that tests assert on (API call counts, bodies, auth used). */
import type { RequestLogEntry } from './types';

export interface LogFilter {
	method?: string;
	path?: string | RegExp;
	status?: number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

export class RequestLog {
	readonly entries: RequestLogEntry[] = [];
	/** POST/PUT/DELETE /restapi requests that reached DocuSign logic. */
	writes = 0;
	/** Requests being answered now (latency included), and the most at once since the last clear. */
	inFlight = 0;
	peakInFlight = 0;
	private seq = 0;

	start(entry: Omit<RequestLogEntry, 'seq' | 'at' | 'status'>): RequestLogEntry {
		const full: RequestLogEntry = { seq: ++this.seq, at: Date.now(), status: 0, ...entry };
		this.entries.push(full);
		return full;
	}

	enter(): void {
		this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
	}

	leave(): void {
		this.inFlight--;
	}

	noteLogicReached(method: string): void {
		if (WRITE_METHODS.has(method)) this.writes++;
	}

	clear(): void {
		this.entries.length = 0;
		this.writes = 0;
		this.peakInFlight = this.inFlight;
	}

	count(filter: LogFilter = {}): number {
		return this.entries.filter((entry) => matches(entry, filter)).length;
	}
}

function matches(entry: RequestLogEntry, filter: LogFilter): boolean {
	if (filter.method && entry.method !== filter.method.toUpperCase()) return false;
	if (filter.status !== undefined && entry.status !== filter.status) return false;
	if (typeof filter.path === 'string' && entry.path !== filter.path) return false;
	if (filter.path instanceof RegExp && !filter.path.test(entry.path)) return false;
	return true;
}
