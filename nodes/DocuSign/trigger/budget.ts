/**
 * The trigger's own share of DocuSign's hourly limit: the API calls of its polls in the last hour, kept in
 * the node's static data, so a poll that would take the trigger over Max API Calls per Hour is skipped.
 */

/** [epoch seconds, calls] per poll of the last hour. */
type CallLog = Array<[number, number]>;

const HOUR_SECONDS = 3600;

export function callLogOf(value: unknown): CallLog {
	if (!Array.isArray(value)) return [];
	return value.filter(
		(entry): entry is [number, number] =>
			Array.isArray(entry) &&
			entry.length === 2 &&
			entry.every((n) => typeof n === 'number' && Number.isFinite(n)),
	);
}

/** Calls spent in the hour before `now` (ms). */
export function spentInLastHour(log: CallLog, now: number): number {
	const from = now / 1000 - HOUR_SECONDS;
	return log.reduce((sum, [at, calls]) => (at > from ? sum + calls : sum), 0);
}

/** The log with this poll's calls added and entries older than an hour dropped. */
export function withPoll(log: CallLog, now: number, calls: number): CallLog {
	const at = Math.floor(now / 1000);
	return [
		...log.filter(([when]) => when > at - HOUR_SECONDS),
		...(calls ? [[at, calls]] : []),
	] as CallLog;
}
