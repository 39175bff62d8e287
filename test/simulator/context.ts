/** What the server and the route handlers share: the store and the simulator's machinery. */
import type { ContractChecker } from '../contract/openapi';
import type { FaultInjector } from './faults';
import type { JwtGrants } from './jwtGrant';
import type { RateLimiter } from './rateLimits';
import type { RequestLog } from './requestLog';
import type { SimStore } from './state';
import type { TokenStore } from './tokens';
import type { FaultRule, IssuedTokens, SeedOptions, SimConfig, SimConfigPatch } from './types';

export interface SimContext {
	readonly baseUrl: string;
	readonly clientId: string;
	readonly clientSecret: string;
	readonly store: SimStore;
	readonly tokens: TokenStore;
	/** JWT Grant: public keys per integration key and consents (kept across reset, like Apps and Keys). */
	readonly jwt: JwtGrants;
	readonly faults: FaultInjector;
	readonly limiter: RateLimiter;
	readonly requestLog: RequestLog;
	readonly config: SimConfig;
	/** DocuSign's OpenAPI: every /restapi request and answer is checked, violations are kept for the tests. */
	readonly contract: ContractChecker;
	/** The controls, as the in-process API offers them (used by /__control). */
	reset(seed?: SeedOptions): void;
	configure(patch: SimConfigPatch): void;
	addFault(rule: FaultRule): string;
	issueTokens(options?: { expiresInSec?: number; scope?: string }): IssuedTokens;
	setBaseUri(accountId: string, uri: string): void;
}
