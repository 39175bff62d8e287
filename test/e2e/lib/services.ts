/**
 * PostgreSQL and Redis for n8n's queue mode, from the machine's Debian packages (test/e2e/queue/run.sh
 * installs them when missing). Each runs as a child process on 127.0.0.1, on a free port, with its data in
 * a temp folder that is deleted on stop(). PostgreSQL refuses to run as root: as root, the server runs as
 * the `postgres` system user (created by the Debian package) and owns its temp folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n';

export interface Service {
	port: number;
	/** recent output, for error messages */
	output(): string;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	user: string;
	/** a new, empty database; returns its name */
	createDatabase(name: string): Promise<string>;
	/** one SQL statement through psql; rows as tab-separated lines */
	query(database: string, sql: string): string;
}

/** Newest Debian PostgreSQL server binaries: /usr/lib/postgresql/<major>/bin. */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((d) => existsSync(join(root, d, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors.length)
		throw new Error(
			'PostgreSQL server not found in /usr/lib/postgresql: run `bash test/e2e/queue/run.sh` (it installs the Debian package) or `apt-get install postgresql`',
		);
	return join(root, majors[0], 'bin');
}

function redisBin(): string {
	for (const bin of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
		if (existsSync(bin)) return bin;
	throw new Error(
		'redis-server not found: run `bash test/e2e/queue/run.sh` (it installs the Debian package) or `apt-get install redis-server`',
	);
}

const asRoot = userInfo().uid === 0;

/** argv that runs `bin args` as the server's user (postgres when we are root). */
function asServerUser(bin: string, args: string[]): [string, string[]] {
	return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function spawnService(
	name: string,
	[cmd, args]: [string, string[]],
	ready: RegExp,
	timeoutMs = 30_000,
): Promise<{ child: ChildProcess; output: () => string }> {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let recent = '';
	const output = () => recent;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${name}: not ready after ${timeoutMs} ms:\n${recent}`));
		}, timeoutMs);
		const collect = (d: Buffer) => {
			recent = (recent + d.toString()).slice(-8000);
			if (ready.test(recent)) {
				clearTimeout(timer);
				resolve({ child, output });
			}
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${name} exited (${code ?? signal}):\n${recent}`));
		});
		liveServices.add(child);
		child.on('exit', () => liveServices.delete(child));
	});
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode) return;
	const exited = new Promise<void>((res) => child.once('exit', () => res()));
	child.kill(signal);
	const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(t);
}

/** initdb into a temp folder, then `postgres` on 127.0.0.1:<free port> (trust auth, no fsync: test data). */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	const data = join(dir, 'data');
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
	}
	const user = asRoot ? 'postgres' : userInfo().username;
	const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	execFileSync(initCmd, initArgs, { stdio: 'pipe' });
	const port = await freePort();
	const { child, output } = await spawnService(
		'postgres',
		asServerUser(join(bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dir}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		/database system is ready to accept connections/,
	);
	const psql = (database: string, sql: string) =>
		execFileSync(
			join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-At',
				'-F',
				'\t',
				'-c',
				sql,
			],
			{ encoding: 'utf8' },
		);
	return {
		port,
		user,
		output,
		query: psql,
		async createDatabase(name: string) {
			psql('postgres', `CREATE DATABASE "${name}"`);
			return name;
		},
		async stop() {
			// runuser does not pass signals on: ask the server itself (fast shutdown), then reap the child
			const [stopCmd, stopArgs] = asServerUser(join(bin, 'pg_ctl'), [
				'stop',
				'-D',
				data,
				'-m',
				'fast',
				'-w',
			]);
			if (child.exitCode === null && !child.signalCode) {
				try {
					execFileSync(stopCmd, stopArgs, { stdio: 'pipe' });
				} catch {
					/* already gone */
				}
			}
			await stopChild(child, 'SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** redis-server on 127.0.0.1:<free port>, nothing persisted. */
export async function startRedis(): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-redis-'));
	const port = await freePort();
	const { child, output } = await spawnService(
		'redis',
		[
			redisBin(),
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
			],
		],
		/Ready to accept connections/,
	);
	return {
		port,
		output,
		async stop() {
			await stopChild(child, 'SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

// never leave a database server behind when the test process ends
const liveServices = new Set<ChildProcess>();
process.on('exit', () => {
	for (const c of liveServices) c.kill('SIGKILL');
});
