/**
 * Activate Immediately: API calls and wall time for 1,000 joiners (profile + 2 groups) through the
 * Admin API, next to the same joiners through eSignature (Send Activation Email), in n8n's engine
 * against the simulator with latency. Part of `npm run bench`; alone: `npx tsx bench/adminActivation.ts
 * [--latency 100]` (needs `npm run build`). Writes bench/admin-results.md.
 */
import '../test/setup-env.js';

import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	adminCredentialFor,
	createFromItems,
	credentialFor,
	joiners,
	runNode,
} from '../test/support';
import { startSimulator } from '../test/simulator';
import { summarizeLog } from './callLog';
import {
	endpointCounts,
	figure,
	withCallSection,
	type BenchTable,
	type CallCount,
	type CallGroup,
	type Floor,
} from './callCounts';
import { runAlone } from './alone';
import { countParameterReads } from './parameterTimer';

const JOINERS = 1000;

interface Path {
	key: 'esignature' | 'immediate';
	label: string;
	items: number;
	calls: number;
	ms: number;
	active: number;
	byEndpoint: Record<string, number>;
	parameterReads: number;
	floor: Floor;
}

/**
 * Both paths for 1,000 joiners, each from a fresh seed. `unpaced` lifts the burst limit (500 per 30 s), which
 * the 1,000 Admin creates otherwise wait out: the call-count check wants the calls, not the waits (the full
 * bench runs under the limit and is held to the same counts).
 */
async function measureAdmin(latencyMs: number, unpaced = false): Promise<Path[]> {
	const sim = await startSimulator({
		latencyMs,
		rateLimits: unpaced ? { burstLimit: 100_000 } : undefined,
	});
	const reads = countParameterReads();
	const measure = async (key: Path['key'], label: string, options: IDataObject): Promise<Path> => {
		sim.reset();
		const admin = key === 'immediate';
		const items = joiners(JOINERS);
		const credential = admin ? adminCredentialFor(sim) : credentialFor(sim);
		const account = sim.store.defaultAccount;
		const groups = account.groups.length;
		const usersAfter = account.users.length + JOINERS;
		reads.reset();
		const started = performance.now();
		const result = await runNode(sim, { items, parameters: createFromItems(options), credential });
		const ms = performance.now() - started;
		if (result.error) throw result.error;
		const terms: Array<[number, string]> = [
			[1, '1 userinfo'],
			[1, '1 profiles'],
			[Math.ceil(groups / 100), `ceil(${groups} groups/100)`],
			...((admin
				? [
						[JOINERS, `${JOINERS} Admin creates (no batch create)`],
						[
							Math.ceil(usersAfter / 100),
							`ceil(${usersAfter} users/100) list pages to read the statuses back`,
						],
					]
				: [[Math.ceil(JOINERS / 500), `ceil(${JOINERS}/500) POSTs`]]) as Array<[number, string]>),
		];
		return {
			key,
			label,
			items: items.length,
			calls: sim.log.length,
			ms,
			active: result.json.filter((j) => j.status === 'Active').length,
			byEndpoint: endpointCounts(summarizeLog(sim.log).byEndpoint),
			parameterReads: reads.read().calls,
			floor: {
				value: terms.reduce((sum, [n]) => sum + n, 0),
				formula: terms.map(([, words]) => words).join(' + '),
			},
		};
	};
	try {
		return [
			await measure('esignature', 'Send Activation Email (eSignature, Batch Size 500)', {
				batchSize: 500,
			}),
			await measure('immediate', 'Activate Immediately (Admin API)', {
				batchSize: 500,
				activation: 'immediate',
			}),
		];
	} finally {
		await sim.close();
	}
}

function adminCounts(paths: Path[]): CallCount[] {
	return paths.map((p) => ({
		id: `admin.${p.key}`,
		table: 'admin-results.md',
		scenario: `${JOINERS.toLocaleString('en-US')} joiners: ${p.label}`,
		variant: 'documented API',
		calls: p.calls,
		byEndpoint: p.byEndpoint,
		floor: p.floor,
		parameterReads: p.parameterReads,
		items: p.items,
		itemNoun: 'input item',
	}));
}

/** Both paths at zero latency, for `npm run bench:calls`. */
export const adminCalls: CallGroup = {
	name: 'bench/adminActivation.ts',
	run: async () => adminCounts(await measureAdmin(0, true)),
};

export async function adminActivationBench(latencyMs: number): Promise<BenchTable> {
	const paths = await measureAdmin(latencyMs);
	const [esign, admin] = paths;
	const text = [
		'# Activate Immediately: 1,000 joiners',
		'',
		`Written by \`npm run bench\` (alone: \`npx tsx bench/adminActivation.ts\`; simulator latency ${latencyMs} ms per request). Calls include userinfo, the`,
		'profile and group reads, and the read-back of the statuses.',
		'',
		'## Wall time and outcome',
		'',
		'API calls: the section above (the same figures the call-count check holds the code to).',
		'',
		'| Path | Wall time | Active afterwards |',
		'|---|---|---|',
		...paths.map(
			(p) => `| ${p.label} | ${(p.ms / 1000).toFixed(1)} s | ${p.active} of ${p.items} |`,
		),
		'',
		`Ratio: the Admin path costs ${figure('round(admin.immediate.calls / admin.esignature.calls)')}× the calls of the eSignature path (the Admin API has no batch create:`,
		'one request per user, four in flight).',
		'',
	].join('\n');
	const summary = `Wall time at ${latencyMs} ms per request (last full \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}; it varies with the machine's load): ${(admin.ms / 1000).toFixed(0)} s for the Admin path vs ${(esign.ms / 1000).toFixed(0)} s for the eSignature path; ${admin.active} of ${admin.items} came out \`Active\`.`;
	return {
		markdown: withCallSection(text, 'admin-results.md'),
		counts: adminCounts(paths),
		summary,
	};
}

export const ADMIN_TABLE = path.join(__dirname, 'admin-results.md');

if (require.main === module) runAlone(adminActivationBench, ADMIN_TABLE, 'admin');
