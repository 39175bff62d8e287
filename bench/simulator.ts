/**
 * The DocuSign simulator as a child process (test/simulator/cli.ts), so that the bench's own RSS
 * and CPU are the node and n8n's engine only, and a small client for its /__control API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { DocuSignBehaviour, RequestLogEntry } from '../test/simulator';

const ROOT = path.resolve(__dirname, '..');

/** The simulator's request log, as `GET /__control/log` returns it. */
export type LogEntry = RequestLogEntry;

export interface StateUser {
	userId: string;
	email: string;
	status: string;
	permissionProfile: string;
	groups: string[];
}

export interface StateAccount {
	accountId: string;
	isDefault: boolean;
	groups: Array<{ id: string; name: string; type: string }>;
	profiles: Array<{ id: string; name: string }>;
	users: StateUser[];
}

export interface Tokens {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	token_type: string;
	scope: string;
}

/** What a worker needs to reach the simulator; also the object harness.runNode reads. */
export interface SimAddress {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
}

/** The simulator's HTTP controls (never logged, counted or rate-limited by the simulator). */
export class SimControl {
	constructor(readonly address: SimAddress) {}

	private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.address.baseUrl}/__control/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(
				`${method} /__control/${route} -> ${response.status} ${await response.text()}`,
			);
		return (await response.json()) as T;
	}

	reset(seed: { extraUsers: number }) {
		return this.call('POST', 'reset', seed);
	}
	configure(config: {
		latencyMs?: number;
		rateLimits?: Record<string, number>;
		behaviour?: Partial<DocuSignBehaviour>;
	}) {
		return this.call('POST', 'config', config);
	}
	tokens(): Promise<Tokens> {
		return this.call('POST', 'tokens', {});
	}
	async log(): Promise<LogEntry[]> {
		return (await this.call<{ entries: LogEntry[] }>('GET', 'log')).entries;
	}
	clearLog() {
		return this.call('DELETE', 'log');
	}
	addFault(rule: unknown) {
		return this.call('POST', 'faults', rule);
	}
	async defaultAccount(): Promise<StateAccount> {
		const state = await this.call<{ accounts: StateAccount[] }>('GET', 'state');
		return state.accounts.find((a) => a.isDefault) ?? state.accounts[0];
	}
}

export interface SimProcess {
	control: SimControl;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts `tsx test/simulator/cli.ts` on a free port and waits for its "listening on" line. */
export async function startSimulatorProcess(latencyMs: number): Promise<SimProcess> {
	const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
	const child = spawn(tsx, ['test/simulator/cli.ts', '--latency', String(latencyMs)], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let stdout = '';
		const onData = (chunk: Buffer) => {
			stdout += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(stdout);
			if (match) {
				child.stdout!.off('data', onData);
				child.stdout!.resume();
				resolve(match[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${stderr}`)));
		setTimeout(
			() => reject(new Error(`simulator did not start within 30 s: ${stderr}`)),
			30_000,
		).unref();
	});
	const info = (await (await fetch(`${baseUrl}/__control/info`)).json()) as SimAddress;
	const control = new SimControl({
		baseUrl,
		clientId: info.clientId,
		clientSecret: info.clientSecret,
	});
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { control, child, stop };
}
