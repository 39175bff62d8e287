/**
 * Counts n8n's parameter reads (getNodeParameter, where `={{ $json.x }}` expressions are evaluated) and, when
 * asked, splits the run's CPU: how much of it is n8n resolving node parameters rather than the node's own work.
 * Wraps n8n-core's NodeExecutionContext._getNodeParameter (the base of ExecuteContext and PollContext) in this
 * process only; only outermost calls count. Timing adds process.cpuUsage (about 1 µs per reading) around each
 * call; wall time would count VM steal too.
 */
import { ExecuteContext } from 'n8n-core';

export interface ParameterTime {
	calls: number;
	ms: number;
}

interface Instrument {
	reset(): void;
	read(): ParameterTime;
}

let installed: { total: ParameterTime; timing: boolean } | undefined;

function install(): { total: ParameterTime; timing: boolean } {
	if (installed) return installed;
	const state = { total: { calls: 0, ms: 0 }, timing: false };
	type Owner = { _getNodeParameter?: (...args: unknown[]) => unknown } | null;
	let owner = ExecuteContext.prototype as unknown as Owner;
	while (owner && !Object.prototype.hasOwnProperty.call(owner, '_getNodeParameter'))
		owner = Object.getPrototypeOf(owner);
	if (!owner?._getNodeParameter) throw new Error('n8n-core has no _getNodeParameter to count');
	const original = owner._getNodeParameter;
	let depth = 0;
	owner._getNodeParameter = function (this: unknown, ...args: unknown[]) {
		if (depth++ > 0) {
			try {
				return original.apply(this, args);
			} finally {
				depth--;
			}
		}
		state.total.calls++;
		const started = state.timing ? process.cpuUsage() : undefined;
		try {
			return original.apply(this, args);
		} finally {
			depth--;
			if (started) {
				const spent = process.cpuUsage(started);
				state.total.ms += (spent.user + spent.system) / 1000;
			}
		}
	};
	installed = state;
	return state;
}

function instrument(timing: boolean): Instrument {
	const state = install();
	state.timing ||= timing;
	return {
		reset: () => Object.assign(state.total, { calls: 0, ms: 0 }),
		read: () => ({ ...state.total }),
	};
}

/** Counts and times getNodeParameter (a separate run: the timing costs CPU itself). */
export function instrumentParameterResolution(): Instrument {
	return instrument(true);
}

/** Counts getNodeParameter calls only (no timing): cheap enough for every run. */
export function countParameterReads(): Instrument {
	return instrument(false);
}
