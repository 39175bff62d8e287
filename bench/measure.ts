/**
 * One measured run of a scenario: a fresh worker process (warmed up), a fresh simulator state,
 * the node executed once in n8n's engine, then the simulator's log and end state read back.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { summarizeLog, type CallSummary } from './callLog';
import type { Variant } from './callCounts';
import type { DocuSignBehaviour } from '../test/simulator';
import { DEFAULT_BEHAVIOUR } from '../test/simulator/unverified';
import type { Floor, Scenario } from './scenarios';
import type { SimControl, StateAccount } from './simulator';
import type { Job, Measurement } from './worker';

export interface RunRecord {
	batchSize: number;
	items: number;
	variant: Variant;
	measurement: Measurement;
	log: CallSummary;
	floors: { floor: Floor; writesOnly?: Floor };
	problem?: string;
}

interface WorkerHandle {
	run(job: Job): Promise<Measurement>;
}

/** Forks bench/worker.ts (inheriting tsx's loader flags) and waits until it has warmed up. */
function startWorker(control: SimControl): Promise<WorkerHandle> {
	const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
	const child = fork(path.join(__dirname, 'worker.ts'), [], {
		env: { ...process.env, BENCH_SIM: JSON.stringify(control.address) },
		execArgv: [
			...process.execArgv,
			...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
		],
	});
	const exited = new Promise<never>((_, reject) =>
		// A clean exit follows the result; only a crash is an error.
		child.once(
			'exit',
			(code) => code !== 0 && reject(new Error(`bench worker exited with code ${code}`)),
		),
	);
	exited.catch(() => undefined);
	const next = <T>(type: string) =>
		Promise.race([
			new Promise<T>((resolve, reject) =>
				child.once('message', (message: { type: string; measurement?: T; message?: string }) =>
					message.type === type
						? resolve(message.measurement as T)
						: reject(new Error(message.message ?? `worker sent ${message.type}`)),
				),
			),
			exited,
		]);
	return next<void>('ready').then(() => ({
		run(job: Job) {
			const result = next<Measurement>('result');
			child.send({ type: 'run', job });
			return result;
		},
	}));
}

export interface RunSpec {
	scenario: Scenario;
	batchSize: number;
	latencyMs: number;
	/** Run on the first N items only (per-item baselines that would take too long). */
	subset?: number;
	/** Time n8n's parameter resolution (a separate run: the timing costs CPU itself). */
	splitCpu?: boolean;
	/** Simulator behaviour switches on top of the scenario's (e.g. groupList in list entries). */
	behaviour?: Partial<DocuSignBehaviour>;
}

/** dist/ may be mid-rebuild by someone else's `npm run build`: give the warm-up a few tries. */
async function startWorkerWithRetry(control: SimControl, attempts = 4): Promise<WorkerHandle> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startWorker(control);
		} catch (error) {
			if (attempt >= attempts) throw error;
			console.warn(`  worker failed to start (${(error as Error).message}); retrying in 5 s`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}
}

export interface PreparedRun {
	before: StateAccount;
	items: IDataObject[];
	variant: Variant;
}

/** A fresh simulator state for the scenario: seed, limits, behaviour switches, faults; the log cleared. */
export async function prepareRun(
	control: SimControl,
	spec: Omit<RunSpec, 'batchSize' | 'splitCpu'> & { burstLimit?: number },
): Promise<PreparedRun> {
	const { scenario } = spec;
	const behaviour = { ...DEFAULT_BEHAVIOUR, ...scenario.behaviour, ...spec.behaviour };
	await control.reset({ extraUsers: scenario.extraUsers });
	await control.configure({
		latencyMs: spec.latencyMs,
		rateLimits: {
			hourlyLimit: 3000,
			burstLimit: spec.burstLimit ?? scenario.burstLimit,
			burstWindowMs: 30_000,
		},
		behaviour,
	});
	for (const rule of scenario.faults ?? []) await control.addFault(rule);
	const before: StateAccount = await control.defaultAccount();
	let items: IDataObject[] = scenario.items(before);
	if (spec.subset) items = items.slice(0, spec.subset);
	await control.clearLog();
	const variant: Variant = behaviour.listGroupList ? 'listGroupList' : 'documented API';
	return { before, items, variant };
}

/** The simulator's log and end state after a run, the end state checked (full runs only), and the floors. */
export async function readBack(
	control: SimControl,
	scenario: Scenario,
	prepared: PreparedRun,
	measurement: Measurement,
	subset?: number,
): Promise<Omit<RunRecord, 'batchSize'>> {
	const log = summarizeLog(await control.log());
	const after = await control.defaultAccount();
	const problem = subset ? undefined : scenario.verify(after, prepared.items, measurement);
	const floors = scenario.floors(prepared.before, prepared.variant);
	return {
		items: prepared.items.length,
		variant: prepared.variant,
		measurement,
		log,
		floors,
		problem,
	};
}

export async function measureRun(control: SimControl, spec: RunSpec): Promise<RunRecord> {
	const worker = await startWorkerWithRetry(control);
	const prepared = await prepareRun(control, spec);
	const measurement = await worker.run({
		parameters: spec.scenario.parameters(spec.batchSize),
		items: prepared.items,
		tokens: await control.tokens(),
		splitCpu: spec.splitCpu,
	});
	return {
		batchSize: spec.batchSize,
		...(await readBack(control, spec.scenario, prepared, measurement, spec.subset)),
	};
}
