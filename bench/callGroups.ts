/**
 * Every bench file's call-count scenarios. A new bench file exports a CallGroup (bench/callCounts.ts: a name
 * and a run() returning one CallCount per figure, counted at zero latency) and adds it here; then
 * `npm run bench:update` records its expectations and `npm run bench:calls` and `npm test` hold it to them.
 */
import { adminCalls } from './adminActivation';
import type { CallGroup } from './callCounts';
import { rosterCalls } from './roster';
import { scenarioCalls } from './scenarioCalls';
import { triggerCalls } from './trigger';
import { warmCalls } from './warm';

/** Longest first: `npm run bench:calls` hands them to its worker processes in this order. */
export const CALL_GROUPS: CallGroup[] = [
	triggerCalls,
	scenarioCalls,
	rosterCalls,
	adminCalls,
	warmCalls,
];
