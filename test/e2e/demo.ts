/**
 * `npm run demo`: the DocuSign simulator plus the joiner, mover and leaver examples run in a real,
 * headless n8n; prints what each run did and the DocuSign state before and after.
 *   npm run demo                 n8n 1.x on Node 20 (the lighter install)
 *   npm run demo -- --n8n v2     n8n 2.x on Node 24
 */
import { startSimulator, type Simulator } from '../simulator';
import { ensureN8n } from './lib/ensureN8n';
import { createInstance, outputOf, type N8nVersion } from './lib/n8n';
import { startSmtpSink } from './lib/smtpSink';
import { importExamples, ROOT, WORKFLOWS } from './lib/workspace';

const version = (
	process.argv.includes('--n8n') ? process.argv[process.argv.indexOf('--n8n') + 1] : 'v1'
) as N8nVersion;
const PEOPLE = [
	'grace.hopper@acme.example',
	'alan.kay@acme.example',
	'sofia.martinez@acme.example',
	'liam.brennan@acme.example',
];

interface Snapshot {
	status: string;
	profile: string;
	groups: string;
	title: string;
}

function snapshot(sim: Simulator): Map<string, Snapshot | undefined> {
	const profiles = new Map(
		sim.store
			.account(sim.defaultAccountId)!
			.profiles.map((p) => [p.permissionProfileId, p.permissionProfileName]),
	);
	return new Map(
		PEOPLE.map((email) => {
			const user = sim.userByEmail(email);
			if (!user) return [email, undefined];
			const groups = sim
				.userGroupNames(user.userId)
				.filter((g) => g !== 'Everyone' && g !== 'Administrators');
			return [
				email,
				{
					status: user.status,
					profile: profiles.get(user.permissionProfileId) ?? '?',
					groups: groups.sort().join(', ') || '-',
					title: user.jobTitle || '-',
				},
			];
		}),
	);
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
	return [
		line(rows[0]),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...rows.slice(1).map(line),
	].join('\n');
}

/** One line per output item: what the node did, from its `action`, `changed` and `changes`. */
function describeChange(item: Record<string, any>): string {
	if (!item.changed) return `${item.action}: no change`;
	if (item.action === 'create')
		return `created (${item.permissionProfile?.name}; groups ${item.groups.map((g: any) => g.name).join(', ')})`;
	const changes = Object.entries(item.changes).map(([field, change]: [string, any]) =>
		field === 'groups'
			? `groups +[${change.added.join(', ')}] -[${change.removed.join(', ')}]`
			: `${field} ${change.before ?? '-'} -> ${change.after}`,
	);
	return `${item.action}: ${changes.join('; ')}`;
}

/** A success item by what it changed; an error-output item by what failed and what to do; an alert as it reads. */
function describeItem(node: string, output: number, item: Record<string, any>): string {
	if (item.alert) return `${node}: ${item.alert}`;
	if (output > 0 || item.error)
		return `${node} (error output): ${item.email ?? ''} ${item.error}${item.message ? ` -> ${item.message}` : ''}`;
	if (item.subject)
		return `${node}: ${item.email} ${describeChange(item)}; deletion request "${item.subject}" to ${item.to}`;
	return `${node}: ${item.email} ${describeChange(item)}`;
}

const show = (s?: Snapshot) =>
	s ? `${s.status}; ${s.profile}; ${s.groups}; ${s.title}` : '(no user)';

async function main() {
	const install = ensureN8n(version);
	const sim = await startSimulator();
	const smtp = await startSmtpSink();
	const n8n = await createInstance({ version, packageDir: ROOT });
	try {
		console.log(
			`DocuSign simulator ${sim.baseUrl}; real n8n ${install.n8nVersion} (${version}), headless\n`,
		);
		await importExamples(n8n, sim, smtp, sim.issueTokens({}));
		const before = snapshot(sim);

		// Every output of every node that matters, the error output included.
		const steps: Array<[string, string, string[]]> = [
			['joiner', WORKFLOWS.joiner, ['Create or Update DocuSign User']],
			['mover', WORKFLOWS.mover, ['Move DocuSign User']],
			['leaver', WORKFLOWS.leaver, ['Close and Request Deletion', 'Needs Attention']],
		];
		for (const [label, id, nodes] of steps) {
			sim.clearLog();
			const started = Date.now();
			const run = await n8n.execute(id);
			const calls = sim.log.filter((e) => e.path.startsWith('/restapi')).length;
			console.log(
				`${label}: ${run.status} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${calls} DocuSign API calls`,
			);
			if (run.status !== 'success')
				throw new Error(`${label} failed: ${JSON.stringify(run.error)}`);
			for (const node of nodes) {
				const outputs = run.runData[node]?.[0]?.data?.main ?? [];
				outputs.forEach((_: unknown, output: number) => {
					for (const item of outputOf(run, node, output))
						console.log(`  ${describeItem(node, output, item)}`);
				});
			}
		}
		for (const mail of smtp.messages)
			console.log(`  e-mail to ${mail.to.join(', ')}: "${mail.headers.subject}"`);

		const after = snapshot(sim);
		console.log('\nDocuSign state (status; permission profile; custom groups; job title)\n');
		console.log(
			table([
				['user', 'before', 'after'],
				...PEOPLE.map((email) => [email, show(before.get(email)), show(after.get(email))]),
			]),
		);
		console.log(
			[
				'',
				'Next:',
				'  npm run dev           the n8n editor with these workflows and the simulator connected (an owner login is printed)',
				'  examples/             the workflows to import into your n8n (Workflows > Import from File)',
				'  docs/credentials.md   connect a real DocuSign account: app setup, go-live checklist, first safe run',
			].join('\n'),
		);
	} finally {
		await n8n.dispose();
		await smtp.close();
		await sim.close();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
