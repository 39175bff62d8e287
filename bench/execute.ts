/**
 * One measured execution of the node in n8n's engine (test/support/harness.ts runNode): wall time, CPU,
 * RSS, getNodeParameter calls, failed items. In a forked bench/worker.ts for `npm run bench`, in-process for
 * the call counts (bench/scenarioCalls.ts).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../test/support';
import { startNodeCpuProfile } from './nodeCpu';
import { countParameterReads, instrumentParameterResolution } from './parameterTimer';
import { startRssSampler, type MemoryFigures } from './sampler';
import type { SimAddress, Tokens } from './simulator';

export interface Job {
	parameters: INodeParameters;
	items: IDataObject[];
	tokens: Tokens;
	/** Time n8n's getNodeParameter (costs ~4 µs per call, so only in a separate run). */
	splitCpu?: boolean;
}

export interface Measurement extends MemoryFigures {
	wallMs: number;
	cpuMs: number;
	inputItems: number;
	outputItems: number;
	failedItems: number;
	firstFailure?: string;
	runError?: string;
	/** Of cpuMs: n8n's getNodeParameter (expression evaluation included); 0 unless splitCpu. */
	parameterMs: number;
	/** getNodeParameter calls (outermost), counted in every run. */
	parameterCalls: number;
	/** Of cpuMs: self time in the package's own code (V8 profile; split run only). */
	nodeOwnMs?: number;
}

/** The fields harness.runNode reads from a Simulator, backed by tokens from the control API. */
export function simulatorView(address: SimAddress, tokens: Tokens) {
	const view = { ...address, issueTokens: () => tokens };
	return view as unknown as Parameters<typeof runNode>[0];
}

export async function measure(address: SimAddress, job: Job): Promise<Measurement> {
	// Each worker runs one job: counting only, or counting and timing for the split run.
	const parameterTimer = job.splitCpu ? instrumentParameterResolution() : countParameterReads();
	parameterTimer.reset();
	const profiler = job.splitCpu ? await startNodeCpuProfile() : undefined;
	const stopSampler = startRssSampler();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runNode(simulatorView(address, job.tokens), {
		parameters: job.parameters,
		items: job.items,
		continueOnFail: true,
	});
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const memory = stopSampler();
	const parameters = parameterTimer.read();
	const nodeOwnMs = await profiler?.stop();
	const failures = result.json.filter((json) => json.error !== undefined);
	return {
		...memory,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		inputItems: job.items.length,
		outputItems: result.json.length,
		failedItems: failures.length,
		firstFailure: failures[0] ? String(failures[0].error) : undefined,
		runError: result.error?.message,
		parameterMs: parameters.ms,
		parameterCalls: parameters.calls,
		nodeOwnMs,
	};
}
