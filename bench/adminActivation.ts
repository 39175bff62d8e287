/**
 * Activate Immediately: API calls and wall time for 1,000 joiners (profile + 2 groups) through the
 * Admin API, next to the same joiners through eSignature (Send Activation Email), in n8n's engine
 * against the simulator with latency. Part of `npm run bench`; alone: `npx tsx bench/adminActivation.ts
 * [--latency 100]` (needs `npm run build`). Writes bench/admin-results.md.
 */
import '../test/setup-env.js';

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { createFromItems } from '../test/integration/fixtures';
import { credentialFor, runNode } from '../test/integration/harness';
import { startSimulator } from '../test/simulator';

const JOINERS = 1000;
const SCOPE = 'signature extended user_read user_write';

const joiners = (tag: string): IDataObject[] =>
	Array.from({ length: JOINERS }, (_, i) => ({
		email: `${tag}${i + 1}@acme.example`,
		first: `J${i + 1}`,
		last: 'Newhire',
		role: 'DocuSign Sender',
		groups: 'Sales, Engineering',
	}));

export async function adminActivationBench(latencyMs: number): Promise<string> {
	const sim = await startSimulator({ latencyMs });
	const rows: string[] = [];
	const measure = async (
		label: string,
		items: IDataObject[],
		options: IDataObject,
		admin: boolean,
	) => {
		sim.reset();
		const credential = admin
			? credentialFor(sim, {
					organizationAdminAccess: true,
					scope: SCOPE,
					oauthTokenData: sim.issueTokens({ scope: SCOPE }) as unknown as IDataObject,
				})
			: credentialFor(sim);
		const started = performance.now();
		const result = await runNode(sim, { items, parameters: createFromItems(options), credential });
		const ms = performance.now() - started;
		if (result.error) throw result.error;
		const active = result.json.filter((j) => j.status === 'Active').length;
		const calls = sim.log.length;
		const adminCalls = sim.log.filter((e) => e.path.startsWith('/Management')).length;
		rows.push(
			`| ${label} | ${calls} | ${adminCalls} | ${(ms / 1000).toFixed(1)} s | ${active} of ${items.length} |`,
		);
		return calls;
	};
	const esign = await measure(
		'Send Activation Email (eSignature, Batch Size 500)',
		joiners('mail'),
		{ batchSize: 500 },
		false,
	);
	const admin = await measure(
		'Activate Immediately (Admin API)',
		joiners('active'),
		{ batchSize: 500, activation: 'immediate' },
		true,
	);
	await sim.close();
	const text = [
		'# Activate Immediately: 1,000 joiners',
		'',
		`Written by \`npx tsx bench/adminActivation.ts\` (simulator latency ${latencyMs} ms per request). Calls include userinfo, the`,
		'profile and group reads, and the read-back of the statuses.',
		'',
		'| Path | API calls | of which /Management | Wall time | Active afterwards |',
		'|---|---|---|---|---|',
		...rows,
		'',
		`Ratio: the Admin path costs ${(admin / esign).toFixed(0)}× the calls of the eSignature path (the Admin API has no batch create:`,
		'one request per user, four in flight).',
		'',
	].join('\n');
	writeFileSync(path.join(__dirname, 'admin-results.md'), text);
	return text;
}

if (require.main === module) {
	const i = process.argv.indexOf('--latency');
	adminActivationBench(i >= 0 ? Number(process.argv[i + 1]) : 100)
		.then((markdown) => console.log(`\n${markdown}\nWrote bench/admin-results.md`))
		.catch((error: Error) => {
			console.error(error);
			process.exit(1);
		});
}
