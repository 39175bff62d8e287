/**
 * One measured execution in a fresh process (forked by run.ts), so that peak RSS and CPU belong
 * to this run of the node inside n8n's engine and nothing else. Protocol over IPC:
 *   worker -> {type:'ready'} after a warm-up execution (loads the package, as a running n8n has)
 *   parent -> {type:'run', job}   (the parent has reset the simulator meanwhile)
 *   worker -> {type:'result', measurement}
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../test/integration/harness';
import { startNodeCpuProfile } from './nodeCpu';
import { instrumentParameterResolution } from './parameterTimer';
import { startRssSampler, type MemoryFigures } from './sampler';
import { SimControl, type SimAddress, type Tokens } from './simulator';

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
	/** Of cpuMs: n8n's getNodeParameter (expression evaluation included). */
	parameterMs: number;
	parameterCalls: number;
	/** Of cpuMs: self time in the package's own code (V8 profile; split run only). */
	nodeOwnMs?: number;
}

let parameterTimer: ReturnType<typeof instrumentParameterResolution> | undefined;

/** The fields harness.runNode reads from a Simulator, backed by tokens from the control API. */
function simulatorView(address: SimAddress, tokens: Tokens) {
	const view = { ...address, issueTokens: () => tokens };
	return view as unknown as Parameters<typeof runNode>[0];
}

async function measure(address: SimAddress, job: Job): Promise<Measurement> {
	if (job.splitCpu) parameterTimer ??= instrumentParameterResolution();
	parameterTimer?.reset();
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
	const parameters = parameterTimer?.read() ?? { ms: 0, calls: 0 };
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

async function main(): Promise<void> {
	const address = JSON.parse(process.env.BENCH_SIM ?? '') as SimAddress;
	const control = new SimControl(address);
	await runNode(simulatorView(address, await control.tokens()), {
		parameters: { resource: 'permissionProfile', operation: 'getAll', returnAll: true },
	});
	process.once('message', (message: { type: string; job: Job }) => {
		if (message.type !== 'run') return;
		measure(address, message.job).then(
			(measurement) => process.send!({ type: 'result', measurement }, () => process.exit(0)),
			(error: Error) =>
				process.send!({ type: 'error', message: error.stack ?? String(error) }, () =>
					process.exit(1),
				),
		);
	});
	process.send!({ type: 'ready' });
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
