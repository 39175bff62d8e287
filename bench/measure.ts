/**
 * One measured run of a scenario: a fresh worker process (warmed up), a fresh simulator state,
 * the node executed once in n8n's engine, then the simulator's log and end state read back.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { summarizeLog, type CallSummary } from './callLog';
import type { DocuSignBehaviour } from '../test/simulator';
import { DEFAULT_BEHAVIOUR } from '../test/simulator/unverified';
import type { Floor, Scenario } from './scenarios';
import { membershipReads } from './scenarios';
import type { SimControl, StateAccount } from './simulator';
import type { Job, Measurement } from './worker';

export interface RunRecord {
	batchSize: number;
	items: number;
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

export async function measureRun(control: SimControl, spec: RunSpec): Promise<RunRecord> {
	const { scenario, batchSize } = spec;
	const worker = await startWorkerWithRetry(control);
	await control.reset({ extraUsers: scenario.extraUsers });
	await control.configure({
		latencyMs: spec.latencyMs,
		rateLimits: { hourlyLimit: 3000, burstLimit: scenario.burstLimit, burstWindowMs: 30_000 },
		behaviour: { ...DEFAULT_BEHAVIOUR, ...scenario.behaviour, ...spec.behaviour },
	});
	for (const rule of scenario.faults ?? []) await control.addFault(rule);
	const before: StateAccount = await control.defaultAccount();
	let items: IDataObject[] = scenario.items(before);
	if (spec.subset) items = items.slice(0, spec.subset);
	await control.clearLog();
	const measurement = await worker.run({
		parameters: scenario.parameters(batchSize),
		items,
		tokens: await control.tokens(),
		splitCpu: spec.splitCpu,
	});
	const log = summarizeLog(await control.log());
	const after = await control.defaultAccount();
	const problem = spec.subset ? undefined : scenario.verify(after, items, measurement);
	const floors = scenario.floors(before);
	// With groupList in the list entries (switch listGroupList) the lookup needs no membership reads.
	if (spec.behaviour?.listGroupList || scenario.behaviour?.listGroupList) {
		const reads = membershipReads(before);
		floors.floor = {
			value: floors.floor.value - reads.value,
			formula: floors.floor.formula.replace(` + ${reads.formula}`, ''),
		};
	}
	return { batchSize, items: items.length, measurement, log, floors, problem };
}
