/**
 * Splits the run's CPU: how much of it is n8n resolving node parameters (getNodeParameter, where
 * `={{ $json.x }}` expressions are evaluated) rather than the node's own work. Wraps n8n-core's
 * NodeExecutionContext._getNodeParameter in this worker process only; the call is synchronous,
 * so its wall time is CPU time.
 */
import { ExecuteContext } from 'n8n-core';

export interface ParameterTime {
	calls: number;
	ms: number;
}

export function instrumentParameterResolution(): { reset(): void; read(): ParameterTime } {
	let owner: { _getNodeParameter?: (...args: unknown[]) => unknown } | null = ExecuteContext.prototype;
	while (owner && !Object.prototype.hasOwnProperty.call(owner, '_getNodeParameter')) owner = Object.getPrototypeOf(owner);
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
			const started = performance.now();
			try {
				return original.apply(this, args);
			} finally {
				depth--;
				total.calls++;
				total.ms += performance.now() - started;
			}
		};
	}
	return {
		reset: () => Object.assign(total, { calls: 0, ms: 0 }),
		read: () => ({ ...total }),
	};
}
