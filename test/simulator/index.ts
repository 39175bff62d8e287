/**
 * Local DocuSign simulator: `startSimulator()` starts a real HTTP server on 127.0.0.1 and returns the in-process
 * controls that tests use (same controls as /__control over HTTP).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ContractChecker } from '../contract/openapi';
import type { SimContext } from './context';
import { FaultInjector } from './faults';
import { JwtGrants } from './jwtGrant';
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rateLimits';
import { LogFilter, RequestLog } from './requestLog';
import { stampStore } from './modifications';
import { seedStore } from './seed';
import { createSimServer } from './server';
import type { AccountStore, SimStore } from './state';
import { TokenStore } from './tokens';
import { DEFAULT_BEHAVIOUR, checkBehaviour } from './unverified';
import type {
	FaultRule,
	IssuedTokens,
	RequestLogEntry,
	SeedOptions,
	SimConfig,
	SimConfigPatch,
	SimGroup,
	SimProfile,
	SimUser,
	SimulatorOptions,
} from './types';

export type {
	DocuSignBehaviour,
	FaultAction,
	FaultRule,
	GroupType,
	IssuedTokens,
	RateLimitConfig,
	RequestLogEntry,
	SeedOptions,
	SimConfig,
	SimConfigPatch,
	SimGroup,
	SimProfile,
	SimUser,
	SimulatorOptions,
	UserStatus,
} from './types';
export type { LogFilter } from './requestLog';
export type { ContractViolation } from '../contract/openapi';
export { formatViolations } from '../contract/openapi';
export type { AccountStore, SimStore } from './state';
export * as seedData from './seed';
export {
	BEHAVIOUR_CHOICES,
	DEFAULT_BEHAVIOUR,
	INVENTED_ERROR_CODES,
	PESSIMISTIC_BEHAVIOUR,
} from './unverified';

export const SIM_CLIENT_ID = 'sim-integration-key';
export const SIM_CLIENT_SECRET = 'sim-secret-key';
export const DEFAULT_TOKEN_TTL_SEC = 28_800;

export interface SimAccountSummary {
	accountId: string;
	accountName: string;
	isDefault: boolean;
	baseUri: string;
}

export class Simulator implements SimContext {
	readonly clientId = SIM_CLIENT_ID;
	readonly clientSecret = SIM_CLIENT_SECRET;
	readonly tokens = new TokenStore();
	readonly jwt = new JwtGrants();
	readonly faults = new FaultInjector();
	readonly requestLog = new RequestLog();
	readonly contract = new ContractChecker();
	readonly config: SimConfig;
	readonly limiter: RateLimiter;
	/** Seeded by listen(), once the base URL (the accounts' base_uri) is known. */
	private currentStore!: SimStore;
	/** The seed given to startSimulator: what reset() without an argument goes back to. */
	private readonly initialSeed: SeedOptions;
	private server: Server;
	private listening = false;
	port = 0;
	baseUrl = '';

	constructor(options: SimulatorOptions = {}) {
		this.config = {
			latencyMs: options.latencyMs ?? 0,
			tokenTtlSec: options.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC,
			rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
			behaviour: { ...DEFAULT_BEHAVIOUR, ...checkBehaviour(options.behaviour) },
		};
		this.limiter = new RateLimiter(() => this.config.rateLimits);
		this.initialSeed = options.seed ?? {};
		this.server = createSimServer(this);
	}

	async listen(port = 0): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => resolve());
		});
		this.listening = true;
		this.port = (this.server.address() as AddressInfo).port;
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		// base_uri points back here unless a test changes it.
		this.reset();
	}

	// ---- state and lookups ----

	get store(): SimStore {
		return this.currentStore;
	}

	get accounts(): SimAccountSummary[] {
		return this.currentStore.accounts.map((account) => ({ ...account.info }));
	}

	get defaultAccountId(): string {
		return this.currentStore.defaultAccount.accountId;
	}

	private account(accountId?: string): AccountStore {
		const account = this.currentStore.account(accountId);
		if (!account) throw new Error(`Unknown simulator account: ${accountId}`);
		return account;
	}

	users(accountId?: string): SimUser[] {
		return [...this.account(accountId).users];
	}

	/** Erases a user, as DocuSign's data redaction does: no list or read finds it any more. */
	forgetUser(userId: string, accountId?: string): void {
		const account = this.account(accountId);
		const user = account.userById(userId);
		if (!user) throw new Error(`Unknown simulator user: ${userId}`);
		account.removeUser(user);
	}

	/** Case-insensitive; the newest non-closed match, else the newest closed one. */
	userByEmail(email: string, accountId?: string): SimUser | undefined {
		const matches = [...this.account(accountId).usersByEmail(email)].reverse();
		return matches.find((user) => user.status !== 'Closed') ?? matches[0];
	}

	userById(id: string, accountId?: string): SimUser | undefined {
		return this.account(accountId).userById(id);
	}

	groupById(groupId: string, accountId?: string): SimGroup | undefined {
		return this.account(accountId).groupById(groupId);
	}

	/** Every group of the account, built-in first. */
	groups(accountId?: string): SimGroup[] {
		return [...this.account(accountId).groups];
	}

	groupByName(name: string, accountId?: string): SimGroup | undefined {
		return this.account(accountId).groupByName(name);
	}

	profileByName(name: string, accountId?: string): SimProfile | undefined {
		return this.account(accountId).profileByName(name);
	}

	/** A new custom group, as an administrator would create it in DocuSign's web app meanwhile. */
	addGroup(groupName: string, accountId?: string): SimGroup {
		const account = this.account(accountId);
		const permissionProfileId =
			account.groups.find((g) => g.groupType === 'CustomGroup')?.permissionProfileId ?? '';
		return account.createGroup(groupName, permissionProfileId);
	}

	groupMemberIds(groupId: string, accountId?: string): string[] {
		const account = this.account(accountId);
		const group = account.groupById(groupId);
		if (!group) throw new Error(`Unknown group ${groupId} in account ${account.accountId}`);
		return [...account.memberIterator(group)].map((user) => user.userId);
	}

	userGroupNames(userId: string, accountId?: string): string[] {
		const account = this.account(accountId);
		const user = account.userById(userId);
		if (!user) throw new Error(`Unknown user ${userId} in account ${account.accountId}`);
		return account.groupsOf(user).map((group) => group.groupName);
	}

	// ---- controls ----

	/** `scope`: what the consent granted (default `signature extended`); the Admin API routes enforce it. */
	issueTokens(options: { expiresInSec?: number; scope?: string } = {}): IssuedTokens {
		return this.tokens.issue(options.expiresInSec ?? this.config.tokenTtlSec, options.scope);
	}

	expireAccessTokens(): void {
		this.tokens.expireAccessTokens();
	}

	revokeRefreshTokens(): void {
		this.tokens.revokeRefreshTokens();
	}

	/** Changing rate limits also restarts the rate-limit windows, so a test starts from a full quota. */
	configure(patch: SimConfigPatch): void {
		if (patch.latencyMs !== undefined) this.config.latencyMs = patch.latencyMs;
		if (patch.tokenTtlSec !== undefined) this.config.tokenTtlSec = patch.tokenTtlSec;
		if (patch.rateLimits) {
			this.config.rateLimits = { ...this.config.rateLimits, ...patch.rateLimits };
			this.limiter.reset();
		}
		if (patch.behaviour !== undefined)
			this.config.behaviour = { ...this.config.behaviour, ...checkBehaviour(patch.behaviour) };
	}

	addFault(rule: FaultRule): string {
		return this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	setBaseUri(accountId: string, uri: string): void {
		this.account(accountId).info.baseUri = uri;
	}

	/** The live request log (control requests excluded). */
	get log(): RequestLogEntry[] {
		return this.requestLog.entries;
	}

	clearLog(): void {
		this.requestLog.clear();
	}

	count(filter: LogFilter = {}): number {
		return this.requestLog.count(filter);
	}

	/** The most requests the simulator was answering at once since the last clearLog / reset. */
	peakInFlight(): number {
		return this.requestLog.peakInFlight;
	}

	/** POST/PUT/DELETE /restapi requests that reached DocuSign logic since the last clearLog / reset. */
	writeCount(): number {
		return this.requestLog.writes;
	}

	/**
	 * Fresh seeded state (`seed`, else the seed given to startSimulator); clears the log, faults, tokens and
	 * rate-limit windows (tests re-issue tokens). Config (latency, TTL, limits) is kept.
	 */
	reset(seed?: SeedOptions): void {
		this.currentStore = seedStore(seed ?? this.initialSeed, this.baseUrl);
		// Seeded users exist from before (a generated user's date may lie in the future): a day ago at the latest.
		stampStore(this.currentStore, Date.now() - 86_400_000);
		this.requestLog.clear();
		this.contract.clear();
		this.faults.clear();
		this.tokens.clear();
		this.jwt.minted.length = 0;
		this.limiter.reset();
	}

	async close(): Promise<void> {
		if (!this.listening) return;
		this.listening = false;
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const simulator = new Simulator(options);
	await simulator.listen(options.port ?? 0);
	return simulator;
}
