/**
 * n8n's queue mode, for real: one main (`n8n start`: editor, webhooks, enqueues executions), N workers
 * (`n8n worker`: run them), Redis as the queue, PostgreSQL as the shared database. Every process is its
 * own instance from lib/n8n.ts (own user folder with the package installed, own ports and task-runner
 * broker port) with the same database, Redis and encryption key.
 *
 *   const services = await startQueueServices();
 *   const cluster = await startQueueCluster({ version: 'v2', workers: 2, services, sim, tokens, workflows });
 *   await cluster.webhook('joiner', { email: ... });      // POST /webhook/joiner on main
 *   cluster.workerOf();                                    // execution id -> worker index, from the worker logs
 *   await cluster.executions();                            // execution records from PostgreSQL
 *   await cluster.stop(); await services.stop();
 */
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { IssuedTokens, Simulator } from '../../simulator';
import { createInstance, type N8nInstance, type N8nServer, type N8nVersion } from './n8n';
import { startPostgres, startRedis, type Postgres, type Service } from './services';
import { DOCUSIGN_CREDENTIAL, docuSignCredentialData, ROOT } from './workspace';

export interface QueueServices {
	postgres: Postgres;
	redis: Service;
	stop(): Promise<void>;
}

export async function startQueueServices(): Promise<QueueServices> {
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	return {
		postgres,
		redis,
		async stop() {
			await Promise.all([postgres.stop(), redis.stop()]);
		},
	};
}

export interface QueueClusterOptions {
	version: N8nVersion;
	workers: number;
	services: QueueServices;
	sim: Simulator;
	/** the DocuSign credential's stored tokens */
	tokens: IssuedTokens;
	/** imported; those with `active: true` are activated once main runs */
	workflows: Array<Record<string, any>>;
	/** jobs per worker (n8n's default: 10) */
	concurrency?: number;
	env?: Record<string, string>;
}

export interface ExecutionRecord {
	id: string;
	status: string;
	workflowId: string;
	mode: string;
	/** ms between start and stop */
	ms: number;
}

let clusterSeq = 0;

export class QueueCluster {
	constructor(
		readonly version: N8nVersion,
		readonly database: string,
		readonly main: N8nInstance,
		readonly mainServer: N8nServer,
		readonly workers: Array<{ instance: N8nInstance; server: N8nServer }>,
		private readonly postgres: Postgres,
	) {}

	/**
	 * POST /webhook/<path> on main; the workflow answers when its last node has run (responseMode lastNode).
	 * One connection per call (no keep-alive): a reused idle socket that main closes meanwhile would fail
	 * the call without saying whether the execution started.
	 */
	webhook(path: string, body: unknown): Promise<{ status: number; json: any; ms: number }> {
		const t0 = Date.now();
		const payload = JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = httpRequest(
				`${this.mainServer.url}/webhook/${path}`,
				{
					method: 'POST',
					agent: false,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(payload),
					},
				},
				(res) => {
					let text = '';
					res.setEncoding('utf8').on('data', (d) => (text += d));
					res.on('end', () => {
						let json: any = text;
						try {
							json = JSON.parse(text);
						} catch {
							/* not JSON */
						}
						resolve({ status: res.statusCode ?? 0, json, ms: Date.now() - t0 });
					});
				},
			);
			req.on('error', reject);
			req.end(payload);
		});
	}

	/** Execution id -> index of the worker whose log says it started it ("Worker started execution N"). */
	workerOf(): Map<string, number> {
		const owner = new Map<string, number>();
		this.workers.forEach(({ server }, index) => {
			for (const m of server.log.matchAll(/Worker started execution (\d+)/g))
				owner.set(m[1], index);
		});
		return owner;
	}

	/** Execution ids main put on the queue ("Enqueued execution N"). */
	enqueued(): string[] {
		return [...this.mainServer.log.matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]);
	}

	/** The execution records in PostgreSQL (what the editor's Executions list shows). */
	executions(workflowId?: string): ExecutionRecord[] {
		const where = workflowId ? `WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}'` : '';
		const rows = this.postgres.query(
			this.database,
			`SELECT id, status, "workflowId", mode, COALESCE(EXTRACT(EPOCH FROM ("stoppedAt" - "startedAt")) * 1000, 0)::int FROM execution_entity ${where} ORDER BY id`,
		);
		return rows
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status, wf, mode, ms] = line.split('\t');
				return { id, status, workflowId: wf, mode, ms: Number(ms) };
			});
	}

	/** The error an execution ended with: message and description of data.resultData.error. */
	executionError(
		id: string,
	): { message?: string; description?: string; node?: string; stack?: string } | undefined {
		const data = this.postgres
			.query(this.database, `SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`)
			.trim();
		if (!data) return undefined;
		const error = parseFlatted(this.main, data)?.resultData?.error;
		return error
			? {
					message: error.message,
					description: error.description,
					node: error.node?.name,
					stack: error.stack,
				}
			: undefined;
	}

	/** The DocuSign credential as n8n stored it (decrypted): the tokens every worker reads. */
	async storedTokens(): Promise<{ access_token: string; refresh_token: string }> {
		return (await this.main.exportCredential(DOCUSIGN_CREDENTIAL.id)).oauthTokenData;
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map(({ instance }) => instance.dispose()));
		await this.main.dispose();
	}
}

/** n8n stores execution data with `flatted`; use n8n's own copy. */
function parseFlatted(instance: N8nInstance, text: string): any {
	const requireFromN8n = createRequire(join(instance.install.n8nBin, '..', '..', 'package.json'));
	return requireFromN8n('flatted').parse(text);
}

/** A fresh database, main + `workers` workers; credential and workflows imported before main starts. */
export async function startQueueCluster(opts: QueueClusterOptions): Promise<QueueCluster> {
	const { postgres, redis } = opts.services;
	const database = await postgres.createDatabase(
		`n8n_${opts.version}_${process.pid}_${++clusterSeq}`,
	);
	const env: Record<string, string> = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: database, // clusters sharing one Redis never see each other's jobs
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		// every execution recorded, so the tests can count them
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		...opts.env,
	};
	const main = await createInstance({ version: opts.version, packageDir: ROOT, env });
	const workers: Array<{ instance: N8nInstance; server: N8nServer }> = [];
	try {
		await main.importCredentials([
			{ ...DOCUSIGN_CREDENTIAL, data: docuSignCredentialData(opts.sim, opts.tokens) },
		]);
		await main.importWorkflows(opts.workflows.map((w) => ({ ...w, active: false })));
		const mainServer = await main.start();
		await mainServer.setupOwner();
		// through main's REST API: the CLI's import --activeState=fromJson is refused on v2 before an owner exists
		for (const w of opts.workflows) if (w.active) await mainServer.activateWorkflow(w.id);
		// workers one after the other: each boot runs n8n's startup checks against the shared database
		for (let i = 0; i < opts.workers; i++) {
			const instance = await createInstance({ version: opts.version, packageDir: ROOT, env });
			workers.push({ instance, server: await instance.worker({ concurrency: opts.concurrency }) });
		}
		return new QueueCluster(opts.version, database, main, mainServer, workers, postgres);
	} catch (error) {
		await Promise.all(workers.map(({ instance }) => instance.dispose()));
		await main.dispose();
		throw error;
	}
}

/** The webhook that starts a queue workflow: it answers with the last node's output. */
function webhookNode(name: string, path: string, responseData: 'firstEntryJson' | 'allEntries') {
	return {
		id: 'wh',
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `queue-${path}`,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
	};
}

/** Our node under test, with the shared OAuth2 credential. */
function docuSignNode(name: string, x: number, parameters: Record<string, unknown>) {
	return {
		id: 'ds',
		name,
		type: 'n8n-nodes-docusign-users.docuSign',
		typeVersion: 1,
		position: [x, 0],
		credentials: {
			docuSignOAuth2Api: { id: DOCUSIGN_CREDENTIAL.id, name: DOCUSIGN_CREDENTIAL.name },
		},
		parameters: { resource: 'user', ...parameters },
	};
}

/** A workflow whose nodes run one after another, in the order given. */
function chain(
	id: string,
	name: string,
	nodes: Array<Record<string, unknown> & { name: string }>,
): Record<string, any> {
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, i) => [
				node.name,
				{ main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	return { id, name, active: true, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Webhook-triggered Create or Update: one HR event (the request body) per execution. */
export function joinerWebhookWorkflow(
	id: string,
	path: string,
	options: Record<string, unknown> = {},
): Record<string, any> {
	return chain(id, `Queue joiner ${path}`, [
		webhookNode('HR Event', path, 'firstEntryJson'),
		docuSignNode('Create or Update DocuSign User', 220, {
			operation: 'upsert',
			email: '={{ $json.body.email }}',
			firstName: '={{ $json.body.firstName }}',
			lastName: '={{ $json.body.lastName }}',
			permissionProfile: '={{ $json.body.role }}',
			groups: '={{ $json.body.department }}',
			additionalFields: { jobTitle: '={{ $json.body.title }}' },
			options,
		}),
	]);
}

/** The nightly roster as a webhook (body `{ people: [...] }`): one Sync Roster node that closes who left. */
export function rosterWebhookWorkflow(id: string, path: string): Record<string, any> {
	return chain(id, `Queue roster ${path}`, [
		webhookNode('HR Roster', path, 'allEntries'),
		{
			id: 'split',
			name: 'One Item per Person',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.people', options: {} },
		},
		docuSignNode('Sync Roster', 440, {
			operation: 'syncRoster',
			email: '={{ $json.email }}',
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			permissionProfile: '={{ $json.role }}',
			groups: '={{ $json.department }}',
			outOfRoster: 'close',
			options: {},
		}),
	]);
}

export interface JoinerEvent {
	email: string;
	firstName: string;
	lastName: string;
	role: string;
	department: string;
	title: string;
}

const ROLES = ['DocuSign Sender', 'DocuSign Viewer', 'HR Sender'];
const DEPARTMENTS = ['Sales', 'Engineering', 'Legal, Finance', 'Marketing'];

/** One new hire, the same data however often it is sent (HR systems re-send events). */
export function joiner(
	n: number,
	email = `joiner.${String(n).padStart(4, '0')}@acme.example`,
): JoinerEvent {
	return {
		email,
		firstName: 'Joiner',
		lastName: `No${n}`,
		role: ROLES[n % ROLES.length],
		department: DEPARTMENTS[n % DEPARTMENTS.length],
		title: `Engineer ${n % 7}`,
	};
}

/**
 * `total` HR events in a fixed shuffled order: people sent once, `repeated` people sent `times` times
 * each, and one person under `caseVariants` spellings of the same email.
 */
export function joinerEvents(
	prefix: string,
	{ total = 200, repeated = 10, times = 5, caseVariants = 10 } = {},
): JoinerEvent[] {
	const events: JoinerEvent[] = [];
	const variants = [
		'Case.Variant',
		'case.variant',
		'CASE.VARIANT',
		'Case.variant',
		'case.Variant',
		'cASE.vARIANT',
		'CaSe.VaRiAnT',
		'casE.varianT',
		'CASE.variant',
		'case.VARIANT',
	];
	for (let v = 0; v < caseVariants; v++)
		events.push(
			joiner(0, `${variants[v % variants.length]}@${v % 2 ? 'ACME' : 'acme'}.${prefix}.example`),
		);
	for (let p = 1; p <= repeated; p++)
		for (let t = 0; t < times; t++) events.push(joiner(p, `joiner.${p}@${prefix}.example`));
	for (let n = repeated + 1; events.length < total; n++)
		events.push(joiner(n, `joiner.${n}@${prefix}.example`));
	// deterministic shuffle (LCG), so that repeats of one person land on different workers at the same time
	let seed = 42;
	for (let i = events.length - 1; i > 0; i--) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		const j = seed % (i + 1);
		[events[i], events[j]] = [events[j], events[i]];
	}
	return events;
}

/** Runs `task` over `items` with at most `inFlight` running at once; results in input order. */
export async function inPool<T, R>(
	items: T[],
	inFlight: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const lanes = Array.from({ length: Math.min(inFlight, items.length) }, async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await task(items[i], i);
		}
	});
	await Promise.all(lanes);
	return results;
}
