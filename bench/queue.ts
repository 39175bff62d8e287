/**
 * npm run bench:queue [-- --version v2] [--executions 100] [--in-flight 20] [--latency 100] [--burst-limit 500]
 *
 * Real n8n in queue mode (main + workers, Redis, PostgreSQL; test/e2e/lib/queue.ts), the DocuSign
 * simulator in this process with latency and DocuSign's limits. Fires webhook-triggered Create or Update
 * executions (one new hire each), first with 2 workers, then with 1 (the second worker stopped), and
 * prints executions per minute and DocuSign calls per execution. Needs the n8n installs and the
 * PostgreSQL / Redis packages (as npm run test:e2e:queue). Figures only: nothing here asserts a time.
 */
import { startSimulator } from '../test/simulator';
import type { N8nVersion } from '../test/e2e/lib/n8n';
import {
	inPool,
	joiner,
	joinerWebhookWorkflow,
	startQueueCluster,
	startQueueServices,
	type QueueCluster,
} from '../test/e2e/lib/queue';

function parseArgs(argv: string[]) {
	const value = (name: string, fallback: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : fallback;
	};
	const number = (name: string, fallback: number) => {
		const n = Number(value(name, String(fallback)));
		if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number`);
		return n;
	};
	const version = value('version', 'v2') as N8nVersion;
	if (version !== 'v1' && version !== 'v2') throw new Error('--version is v1 or v2');
	return {
		version,
		executions: number('executions', 100),
		inFlight: number('in-flight', 20),
		latencyMs: number('latency', 100),
		burstLimit: number('burst-limit', 500),
	};
}

interface Phase {
	workers: number;
	executions: number;
	succeeded: number;
	wallMs: number;
	calls: number;
	rejected: number;
	perWorker: number[];
	medianMs: number;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const sim = await startSimulator({
		latencyMs: args.latencyMs,
		rateLimits: { burstLimit: args.burstLimit },
	});
	const services = await startQueueServices();
	let cluster: QueueCluster | undefined;
	const phases: Phase[] = [];
	try {
		cluster = await startQueueCluster({
			version: args.version,
			workers: 2,
			services,
			sim,
			tokens: sim.issueTokens(),
			workflows: [joinerWebhookWorkflow('benchJoiner00001', 'joiner')],
		});
		process.stderr.write(
			`n8n ${args.version} queue cluster up in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
		);
		let next = 1;
		const run = async (workers: number): Promise<Phase> => {
			// warm-up: every worker has loaded the workflow and the node once
			await inPool([0, 1, 2, 3], 4, () =>
				cluster!.webhook('joiner', joiner(next++, `warmup.${next}@bench.example`)),
			);
			sim.configure({ rateLimits: { burstLimit: args.burstLimit } }); // fresh rate-limit windows
			sim.clearLog();
			const before = new Set(cluster!.executions().map((e) => e.id));
			const events = Array.from({ length: args.executions }, () =>
				joiner(next, `bench.${next++}@bench.example`),
			);
			const started = Date.now();
			const responses = await inPool(events, args.inFlight, (event) =>
				cluster!.webhook('joiner', event),
			);
			const wallMs = Date.now() - started;
			const records = cluster!.executions().filter((e) => !before.has(e.id));
			const owner = cluster!.workerOf();
			const times = responses.map((r) => r.ms).sort((a, b) => a - b);
			return {
				workers,
				executions: records.length,
				succeeded: records.filter((r) => r.status === 'success').length,
				wallMs,
				calls: sim.log.length,
				rejected: sim.log.filter((e) => e.status === 429).length,
				perWorker: [0, 1].map((w) => records.filter((r) => owner.get(r.id) === w).length),
				medianMs: times[Math.floor(times.length / 2)],
			};
		};
		phases.push(await run(2));
		await cluster.workers[1].server.stop();
		phases.push(await run(1));
	} finally {
		await cluster?.stop();
		await services.stop();
		await sim.close();
	}

	const perMinute = (p: Phase) => Math.round((p.executions / p.wallMs) * 60_000);
	console.log(
		`\n## Queue mode: n8n ${args.version}, ${args.executions} webhook Create or Update executions, ${args.inFlight} in flight`,
	);
	console.log(
		`Simulator: ${args.latencyMs} ms latency, burst ${args.burstLimit} per 30 s, 3,000 per hour; worker concurrency 10 (n8n's default)\n`,
	);
	console.log(
		'| Workers | Executions (ok) | Wall time | Executions / min | Median response | DocuSign calls / execution | Rate-limit rejections | Runs per worker |',
	);
	console.log('|---|---|---|---|---|---|---|---|');
	for (const p of phases) {
		console.log(
			`| ${p.workers} | ${p.executions} (${p.succeeded}) | ${(p.wallMs / 1000).toFixed(1)} s | ${perMinute(p)} | ${(p.medianMs / 1000).toFixed(2)} s | ${(p.calls / p.executions).toFixed(2)} | ${p.rejected} | ${p.perWorker.join(' / ')} |`,
		);
	}
	const [two, one] = phases;
	console.log(
		`\n2 workers vs 1: ${(perMinute(two) / perMinute(one)).toFixed(2)}x executions per minute. Total bench time ${((Date.now() - t0) / 1000).toFixed(0)} s.`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
