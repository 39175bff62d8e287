/**
 * One measured execution in a fresh process (forked by run.ts), so that peak RSS and CPU belong
 * to this run of the node inside n8n's engine and nothing else. Protocol over IPC:
 *   worker -> {type:'ready'} after a warm-up execution (loads the package, as a running n8n has)
 *   parent -> {type:'run', job}   (the parent has reset the simulator meanwhile)
 *   worker -> {type:'result', measurement}
 */
import { runNode } from '../test/support';
import { measure, simulatorView, type Job } from './execute';
import { SimControl, type SimAddress } from './simulator';

export type { Job, Measurement } from './execute';

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
