/**
 * Splits the run's CPU: how much of it is n8n resolving node parameters (getNodeParameter, where
 * `={{ $json.x }}` expressions are evaluated) rather than the node's own work. Wraps n8n-core's
 * NodeExecutionContext._getNodeParameter in this worker process only and counts the CPU time
 * (process.cpuUsage, about 1 µs per reading) spent inside it; wall time would count VM steal too.
 */
import { ExecuteContext } from 'n8n-core';

export interface ParameterTime {
	calls: number;
	ms: number;
}

export function instrumentParameterResolution(): { reset(): void; read(): ParameterTime } {
	type Owner = { _getNodeParameter?: (...args: unknown[]) => unknown } | null;
	let owner = ExecuteContext.prototype as unknown as Owner;
	while (owner && !Object.prototype.hasOwnProperty.call(owner, '_getNodeParameter'))
		owner = Object.getPrototypeOf(owner);
	const total: ParameterTime = { calls: 0, ms: 0 };
	if (owner?._getNodeParameter) {
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
			const started = process.cpuUsage();
			try {
				return original.apply(this, args);
			} finally {
				depth--;
				const spent = process.cpuUsage(started);
				total.calls++;
				total.ms += (spent.user + spent.system) / 1000;
			}
		};
	}
	return {
		reset: () => Object.assign(total, { calls: 0, ms: 0 }),
		read: () => ({ ...total }),
	};
}
