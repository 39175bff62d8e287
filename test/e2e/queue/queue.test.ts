/**
 * n8n queue mode for real, per n8n version: main + 2 workers (`n8n worker`), Redis, PostgreSQL, the package
 * installed as a community package, the DocuSign simulator in this process.
 *
 *   npm run test:e2e:queue            # = bash test/e2e/queue/run.sh (installs PostgreSQL / Redis when missing)
 *
 * The tests of a version share one cluster and run in order.
 */
import { startSimulator, type Simulator } from '../../simulator';
import type { N8nVersion } from '../lib/n8n';
import {
	inPool,
	joinerEvents,
	joinerWebhookWorkflow,
	rosterWebhookWorkflow,
	startQueueCluster,
	startQueueServices,
	type JoinerEvent,
	type QueueCluster,
	type QueueServices,
} from '../lib/queue';

const VERSIONS = (process.env.N8N_E2E_VERSIONS ?? 'v1,v2')
	.split(',')
	.map((v) => v.trim()) as N8nVersion[];
const WORKFLOW_ID = 'queueJoiner00001';
const ROSTER_WORKFLOW_ID = 'queueRoster00001';
const IN_FLIGHT = 20;
const say = (line: string) => process.stderr.write(`[queue-e2e] ${line}\n`);

describe.each(VERSIONS)('n8n %s in queue mode (main + 2 workers, Redis, PostgreSQL)', (version) => {
	let sim: Simulator;
	let services: QueueServices;
	let cluster: QueueCluster;

	const profileName = (id: string) =>
		['DocuSign Sender', 'DocuSign Viewer', 'HR Sender'].find(
			(n) => sim.profileByName(n)?.permissionProfileId === id,
		);
	const membershipsOf = (email: string) =>
		sim.users().filter((u) => u.email.toLowerCase() === email.toLowerCase());
	const customGroups = (userId: string) =>
		sim
			.userGroupNames(userId)
			.filter((g) => g !== 'Everyone' && g !== 'Administrators')
			.sort();
	const fire = (events: JoinerEvent[], inFlight = IN_FLIGHT) =>
		inPool(events, inFlight, (event) => cluster.webhook('joiner', event));
	/** executions of the joiner workflow: what n8n's Executions list shows */
	const executions = () => cluster.executions(WORKFLOW_ID);

	beforeAll(async () => {
		const t0 = Date.now();
		// a little latency widens the lookup -> create window, as a real DocuSign does
		sim = await startSimulator({ latencyMs: 20 });
		services = await startQueueServices();
		cluster = await startQueueCluster({
			version,
			workers: 2,
			services,
			sim,
			tokens: sim.issueTokens(),
			workflows: [
				joinerWebhookWorkflow(WORKFLOW_ID, 'joiner'),
				rosterWebhookWorkflow(ROSTER_WORKFLOW_ID, 'roster'),
			],
		});
		say(`${version}: cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});

	afterAll(async () => {
		await cluster?.stop();
		await services?.stop();
		await sim?.close();
	});

	test('a webhook execution is enqueued by main and run by a worker, recorded in PostgreSQL', async () => {
		const result = await cluster.webhook('joiner', {
			email: 'first.joiner@acme.example',
			firstName: 'First',
			lastName: 'Joiner',
			role: 'DocuSign Sender',
			department: 'Sales',
			title: 'Engineer',
		});
		expect(result.status).toBe(200);
		expect(result.json).toMatchObject({
			email: 'first.joiner@acme.example',
			action: 'create',
			changed: true,
		});
		const [record] = executions();
		expect(record).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(cluster.enqueued()).toEqual([record.id]);
		expect(cluster.workerOf().has(record.id)).toBe(true);
		expect(cluster.mainServer.log).not.toMatch(/Worker started execution/);
	});

	test('200 concurrent joiners (20 in flight, repeats, case variants): one membership per person, nothing lost', async () => {
		const events = joinerEvents(version);
		const before = new Set(executions().map((e) => e.id));
		sim.clearLog();
		const t0 = Date.now();
		const responses = await fire(events);
		const wallMs = Date.now() - t0;

		// every call became exactly one execution, recorded, run by one of the two workers
		const records = executions().filter((e) => !before.has(e.id));
		expect(records).toHaveLength(events.length);
		const owner = cluster.workerOf();
		expect(records.every((r) => owner.has(r.id))).toBe(true);
		const perWorker = [0, 1].map((w) => records.filter((r) => owner.get(r.id) === w).length);
		expect(Math.min(...perWorker)).toBeGreaterThan(0);

		const failed = records.filter((r) => r.status !== 'success');
		const errors = failed.map(
			(r) => cluster.executionError(r.id)?.message ?? '(no error recorded)',
		);
		if (failed.length)
			say(
				`${version}: first failed execution ${failed[0].id}: ${JSON.stringify(cluster.executionError(failed[0].id)).slice(0, 1500)}`,
			);
		const summary = {
			executions: records.length,
			succeeded: records.length - failed.length,
			failed: failed.length,
			http: Object.entries(
				responses.reduce<Record<number, number>>(
					(acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
					{},
				),
			),
			perWorker,
			docuSignCalls: sim.log.length,
			callsPerExecution: +(sim.log.length / records.length).toFixed(2),
			createPosts: sim.count({ method: 'POST', path: /\/users$/ }),
			rateLimited: sim.count({ status: 429 }),
			executionsPerMinute: Math.round((records.length / wallMs) * 60_000),
			distinctErrors: [...new Set(errors)],
		};
		say(`${version}: concurrent joiners ${JSON.stringify(summary)}`);

		// exactly one DocuSign membership per person (emails compared case-insensitively), with its data
		const people = new Map(events.map((e) => [e.email.toLowerCase(), e]));
		for (const [email, wanted] of people) {
			const memberships = membershipsOf(email);
			expect({ email, memberships: memberships.length }).toEqual({ email, memberships: 1 });
			const [user] = memberships;
			expect({
				email,
				profile: profileName(user.permissionProfileId),
				groups: customGroups(user.userId),
				jobTitle: user.jobTitle,
			}).toEqual({
				email,
				profile: wanted.role,
				groups: wanted.department
					.split(',')
					.map((g) => g.trim())
					.sort(),
				jobTitle: wanted.title,
			});
		}
		// no silent loss: a failed execution carries an error that says what happened
		for (const message of errors) expect(message).toMatch(/\w{10,}/);
		// the race loser continues as an update: no execution fails
		expect(summary.failed).toBe(0);
		expect(
			responses.every((r) => r.status === 200 && ['create', 'update'].includes(r.json?.action)),
		).toBe(true);
	});

	test('access token expired, 20 executions at once on both workers: the refresh race', async () => {
		// people that exist by now: no writes, so only the token matters
		const events = joinerEvents(version).slice(0, 20);
		sim.expireAccessTokens();
		const before = new Set(executions().map((e) => e.id));
		sim.clearLog();
		const responses = await fire(events, events.length);
		const records = executions().filter((e) => !before.has(e.id));
		const owner = cluster.workerOf();
		const failed = records.filter((r) => r.status !== 'success');
		const tokenCalls = sim.log.filter((e) => e.path === '/oauth/token');
		const summary = {
			executions: records.length,
			succeeded: records.length - failed.length,
			failed: failed.length,
			perWorker: [0, 1].map((w) => records.filter((r) => owner.get(r.id) === w).length),
			refreshes: tokenCalls.length,
			refreshOk: tokenCalls.filter((e) => e.status === 200).length,
			refreshRejected: tokenCalls.filter((e) => e.status !== 200).length,
			unauthorized: sim.log.filter((e) => e.status === 401).length,
			distinctErrors: [
				...new Set(
					failed.map((r) => cluster.executionError(r.id)?.message ?? '(no error recorded)'),
				),
			],
		};
		say(`${version}: refresh race ${JSON.stringify(summary)}`);

		expect(records).toHaveLength(events.length);
		expect(summary.perWorker.every((n) => n > 0)).toBe(true);
		// the stored token is a live one (some execution won the refresh and n8n saved it)
		const stored = await cluster.storedTokens();
		expect(sim.tokens.isAccessTokenValid(stored.access_token)).toBe(true);
		// the node survives the race: a loser re-reads the credential and retries once
		expect(summary.failed).toBe(0);
		expect(responses.every((r) => r.status === 200)).toBe(true);
	});

	test('Sync Roster on a worker while joiner executions create people: no duplicate, nobody closed by mistake', async () => {
		const open = sim
			.users()
			.filter((u) => ['Active', 'ActivationSent', 'ActivationRequired'].includes(u.status));
		const people = open.map((u) => ({
			email: u.email,
			firstName: u.firstName,
			lastName: u.lastName,
			role: profileName(u.permissionProfileId) ?? '',
			department: customGroups(u.userId).join(', '),
		}));
		const person = (tag: string, n: number) => ({
			email: `${tag}${n}.${version}@acme.example`,
			firstName: tag,
			lastName: `N${n}`,
			role: 'DocuSign Sender',
			department: 'Sales',
			title: 'Analyst',
		});
		// in the roster and created by the joiner flow at the same time
		const both = Array.from({ length: 10 }, (_, n) => person('both', n));
		// created by the joiner flow only: too new for the HR export, must not be closed
		const joinersOnly = Array.from({ length: 5 }, (_, n) => person('fresh', n));
		const before = new Set(executions().map((e) => e.id));
		const [roster, ...joiners] = await Promise.all([
			cluster.webhook('roster', { people: [...people, ...both] }),
			...[...both, ...joinersOnly].map((event) => cluster.webhook('joiner', event)),
		]);
		say(
			`${version}: roster sync ${roster.status} in ${roster.ms} ms beside ${joiners.length} joiners`,
		);
		if (roster.status !== 200) say(JSON.stringify(roster.json).slice(0, 3000));
		expect(roster.status).toBe(200);
		expect(joiners.every((r) => r.status === 200)).toBe(true);
		const records = [
			...cluster.executions(WORKFLOW_ID),
			...cluster.executions(ROSTER_WORKFLOW_ID),
		].filter((e) => !before.has(e.id));
		expect(records.filter((r) => r.status !== 'success')).toEqual([]);
		const owner = cluster.workerOf();
		expect(records.every((r) => owner.has(r.id))).toBe(true);
		for (const p of [...both, ...joinersOnly])
			expect({ email: p.email, n: membershipsOf(p.email).length }).toEqual({
				email: p.email,
				n: 1,
			});
		// nobody was closed: the roster lists everyone open, and the joiner-only people are new
		const closed = [...open.map((u) => u.email), ...joinersOnly.map((p) => p.email)].filter((e) =>
			membershipsOf(e).every((u) => u.status === 'Closed'),
		);
		expect(closed).toEqual([]);
	});
});
