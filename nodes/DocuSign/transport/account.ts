import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdminApi, DocuSignAccount, DocuSignCredentials } from './types';
import { GUID_PATTERN } from './types';
import { accountWide } from './errors';
import { adminApiOf, adminAppOf, authServerOf, authServerProblem, isTrustedBaseUri } from './hosts';
import { RateLimiter, WaitBudget } from './pacing';
import type { DocuSignContext, Pacing, Session, SessionSettings } from './request';
import type { DocuSignCredentialType } from './types';
import { wordingFor } from './wording';
import { apiRequest, DEFAULT_SETTINGS } from './request';

interface UserInfoAccount {
	account_id: string;
	account_name?: string;
	is_default?: boolean | string;
	base_uri: string;
	organization?: { organization_id?: unknown };
}

// The userinfo cache: one answer per credential and token, kept for the hour DocuSign asks.
/**
 * DocuSign: "The response data from this call should always be cached", and it limits
 * /oauth/userinfo calls per user and integration key per hour. One hour matches that window;
 * a 401, a redirect or an account that has gone drop the entry earlier.
 */
export const USER_INFO_TTL_MS = 60 * 60_000;
/** Entries kept at most (each refresh makes a new token, so old entries pile up otherwise). */
const MAX_ENTRIES = 100;
/**
 * Bytes (as JSON text) kept at most, in all and per answer: a userinfo answer is a few hundred
 * bytes per account, so 256 KB is about a thousand accounts; a bigger answer is used, not kept.
 */
const MAX_USER_INFO_CACHE_BYTES = 2 * 1024 * 1024;
const MAX_USER_INFO_ENTRY_BYTES = 256 * 1024;

interface Entry {
	expiresAt: number;
	userInfo: IDataObject;
	bytes: number;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;

function drop(key: string): void {
	const entry = entries.get(key);
	if (!entry) return;
	totalBytes -= entry.bytes;
	entries.delete(key);
}

/**
 * The cache key: a SHA-256 over the credential's server, client and access token, so it changes
 * when the credential or its token does. The token itself is never kept. OAuth2: the Client ID
 * and n8n's token; JWT: the Integration Key, the impersonated User ID and the minted token.
 * Undefined when there is no token (nothing to key on: no caching).
 */
export function userInfoKeyOf(
	credentials: DocuSignCredentials,
	authServer: string,
): string | undefined {
	const data = credentials as unknown as IDataObject;
	const jwt = data.integrationKey !== undefined;
	const token = jwt
		? data.accessToken
		: (data.oauthTokenData as IDataObject | undefined)?.access_token;
	if (typeof token !== 'string' || !token) return undefined;
	const client = jwt
		? ['jwt', String(data.integrationKey), String(data.userId ?? '')]
		: ['oauth2', String(data.clientId ?? '')];
	return createHash('sha256')
		.update([credentials.environment, authServer, ...client, token].join('\n'))
		.digest('hex');
}

export function cachedUserInfo(key: string | undefined, now = Date.now()): IDataObject | undefined {
	if (!key) return undefined;
	const entry = entries.get(key);
	if (!entry) return undefined;
	if (entry.expiresAt <= now) {
		drop(key);
		return undefined;
	}
	return entry.userInfo;
}

export function rememberUserInfo(
	key: string | undefined,
	userInfo: IDataObject,
	now = Date.now(),
): void {
	if (!key) return;
	for (const [k, entry] of entries) if (entry.expiresAt <= now) drop(k);
	drop(key);
	const bytes = JSON.stringify(userInfo).length;
	if (bytes > MAX_USER_INFO_ENTRY_BYTES) return;
	while (
		entries.size &&
		(entries.size >= MAX_ENTRIES || totalBytes + bytes > MAX_USER_INFO_CACHE_BYTES)
	)
		drop(entries.keys().next().value as string);
	entries.set(key, { expiresAt: now + USER_INFO_TTL_MS, userInfo, bytes });
	totalBytes += bytes;
}

export function forgetUserInfo(key: string | undefined): void {
	if (key) drop(key);
}

/**
 * The Admin API of the session (Organization Admin Access on): the organization from the
 * credential's field, else from userinfo's accounts[].organization.organization_id. The host is
 * held to the same rule as the eSignature host (https on DocuSign, or the Custom origin).
 */
function adminApiFor(
	this: DocuSignContext,
	credentials: DocuSignCredentials,
	chosen: UserInfoAccount,
): AdminApi | undefined {
	if (credentials.organizationAdminAccess !== true) return undefined;
	const base = adminApiOf(credentials);
	if (!isTrustedBaseUri(base, credentials)) {
		throw new NodeOperationError(
			this.getNode(),
			`Refused to send the access token to ${base || 'an invalid Admin API URL'}: it is not a DocuSign API host`,
			{
				description:
					'For a Custom environment the Admin API must be served from the same origin as the Authorization Server URL.',
			},
		);
	}
	const given = String(credentials.organizationId ?? '').trim();
	const fromUserInfo = chosen.organization?.organization_id;
	const organizationId =
		given || (typeof fromUserInfo === 'string' && fromUserInfo ? fromUserInfo : undefined);
	if (organizationId !== undefined && !GUID_PATTERN.test(organizationId)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Organization ID "${organizationId}" is not a GUID`,
			{
				description:
					'Copy the organization ID from DocuSign Admin (Organization), or leave the field empty to take it from the account.',
			},
		);
	}
	return {
		organizationId,
		baseUrl: organizationId ? `${base}/v2/organizations/${organizationId}` : '',
	};
}

/** UNVERIFIED on the wire: DocuSign's SDK models is_default as a string, the docs as a boolean. */
function isDefaultAccount(account: UserInfoAccount): boolean {
	return account.is_default === true || String(account.is_default).toLowerCase() === 'true';
}

function listAccounts(accounts: UserInfoAccount[]): string {
	return accounts.map((a) => `${a.account_name ?? 'unnamed'} (${a.account_id})`).join(', ');
}

function pickAccount(
	this: DocuSignContext,
	accounts: UserInfoAccount[],
	wanted: string,
	fromNode: boolean,
	credentialType: DocuSignCredentialType,
): UserInfoAccount {
	if (fromNode && wanted) {
		const chosen = accounts.find((a) => a.account_id.toLowerCase() === wanted.toLowerCase());
		if (chosen) return chosen;
		throw accountWide(
			new NodeOperationError(
				this.getNode(),
				`${wordingFor(credentialType).user} has no account with the ID "${wanted}" (parameter "Account")`,
				{
					description: `Pick the account from the list or give one of these Account IDs: ${listAccounts(accounts)}. Choose "Credential's Account" for the credential's own.`,
				},
			),
		);
	}
	if (wanted && /^\d+$/.test(wanted)) {
		throw accountWide(
			new NodeOperationError(
				this.getNode(),
				`The credential's Account ID "${wanted}" is an account number, not an API Account ID`,
				{
					description: `Enter the API Account ID (a GUID) from Settings > Apps and Keys, or leave it empty for the default account. Accounts of this login: ${listAccounts(accounts)}`,
				},
			),
		);
	}
	const chosen = wanted
		? accounts.find((a) => a.account_id.toLowerCase() === wanted.toLowerCase())
		: (accounts.find(isDefaultAccount) ?? accounts[0]);
	if (!chosen) {
		throw accountWide(
			new NodeOperationError(
				this.getNode(),
				wanted
					? `${wordingFor(credentialType).user} has no account with the Account ID "${wanted}"`
					: `${wordingFor(credentialType).user} has no account`,
				{
					description: wanted
						? `Set the credential's Account ID to one of: ${listAccounts(accounts)}. Leave it empty for the default account.`
						: wordingFor(credentialType).belongToAccount,
				},
			),
		);
	}
	if (wanted && !GUID_PATTERN.test(wanted)) {
		throw accountWide(
			new NodeOperationError(this.getNode(), `The Account ID "${wanted}" is not a GUID`, {
				description: 'Copy the API Account ID from Settings > Apps and Keys.',
			}),
		);
	}
	return chosen;
}

function hasAccount(accounts: UserInfoAccount[], wanted: string): boolean {
	return !wanted || accounts.some((a) => a.account_id.toLowerCase() === wanted.toLowerCase());
}

/** The usable accounts of a userinfo answer: entries without a string ID and base URI are ignored. */
function accountsOf(userInfo: IDataObject): UserInfoAccount[] {
	const accounts: unknown[] = Array.isArray(userInfo.accounts) ? userInfo.accounts : [];
	return accounts.filter((a): a is UserInfoAccount => {
		const entry = a as IDataObject | null;
		return (
			!!entry &&
			typeof entry === 'object' &&
			typeof entry.account_id === 'string' &&
			typeof entry.base_uri === 'string'
		);
	});
}

/** The Custom environment's server: https, or http on a loopback host only. */
function checkedAuthServer(this: DocuSignContext, credentials: DocuSignCredentials): string {
	const authServer = authServerOf(credentials);
	const problem = authServerProblem(authServer);
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Authorization Server URL ${problem}`,
			{
				description:
					'A Custom environment is for a private API gateway (https) or local testing: plain http is accepted only for 127.0.0.1, localhost or [::1], e.g. http://127.0.0.1:8085. Open the DocuSign credential and correct the URL.',
			},
		);
	}
	return authServer;
}

/**
 * Opens the execution's session: /oauth/userinfo picks the account (the node's Account, else the
 * credential's, else the user's default) and the API host, read from
 * the in-process cache when this credential and token were seen within the hour. The token
 * follows base_uri, so a host DocuSign would never hand out is refused (cached or not).
 * userinfo is paced, retried and timed like any read, inside the run's wait budget.
 */
export async function openSession(
	this: DocuSignContext,
	/** The credential the node's Authentication parameter chose. */
	credentialType: DocuSignCredentialType,
	settings: Partial<SessionSettings> = {},
	/** The node's Account parameter (an API Account ID, checked); empty = the credential's account. */
	nodeAccountId = '',
): Promise<Session> {
	const credentials = (await this.getCredentials(credentialType)) as unknown as DocuSignCredentials;
	const authServer = checkedAuthServer.call(this, credentials);
	const wanted = nodeAccountId || String(credentials.accountId ?? '').trim();
	const resolved = { ...DEFAULT_SETTINGS, ...settings };
	const pacing: Pacing = {
		limiter: new RateLimiter(),
		settings: resolved,
		budget: new WaitBudget(resolved.maxWaitMs),
		userInfoKey: userInfoKeyOf(credentials, authServer),
		forgetUserInfo: () => forgetUserInfo(pacing.userInfoKey),
		credentialType,
	};

	const accounts = await userAccounts.call(this, pacing, authServer, wanted);
	const chosen = pickAccount.call(this, accounts, wanted, !!nodeAccountId, credentialType);

	// The account ID goes into every request path: DocuSign's userinfo names accounts by GUID.
	if (!GUID_PATTERN.test(chosen.account_id)) {
		throw accountWide(
			new NodeOperationError(
				this.getNode(),
				`Refused the account ID from DocuSign's userinfo: it is not a GUID (${JSON.stringify(chosen.account_id.slice(0, 60))})`,
				{
					description:
						'DocuSign names accounts by a GUID such as 2f1b6c1e-8a0d-4f3e-9c55-0e7d8b1a2c3d. Check that the credential talks to the real DocuSign (or your gateway passes its answer through unchanged), or set the Account ID in the credential.',
				},
			),
		);
	}
	if (!isTrustedBaseUri(chosen.base_uri, credentials)) {
		throw accountWide(
			new NodeOperationError(
				this.getNode(),
				`Refused to send the access token to ${chosen.base_uri}: it is not a DocuSign API host`,
				{
					description:
						credentials.environment === 'custom'
							? 'For a Custom environment the API must be served from the same origin as the Authorization Server URL.'
							: 'DocuSign API hosts are https on *.docusign.net or *.docusign.com. Check that the credential talks to the real DocuSign.',
				},
			),
		);
	}
	const account: DocuSignAccount = {
		accountId: chosen.account_id,
		accountName: chosen.account_name ?? '',
		baseUrl: `${chosen.base_uri.replace(/\/+$/, '')}/restapi/v2.1/accounts/${chosen.account_id}`,
		adminAppUrl: adminAppOf(credentials),
		environment: credentials.environment,
	};
	// The limiters are the account's and the Admin API's (userinfo's host keeps its own limits); the budget is the run's.
	const admin = adminApiFor.call(this, credentials, chosen);
	return {
		...pacing,
		account,
		limiter: new RateLimiter(),
		...(admin ? { admin, adminLimiter: new RateLimiter() } : {}),
	};
}

/**
 * The connected user's accounts from /oauth/userinfo, from the in-process cache when this
 * credential and token were seen within the hour. An account asked for that the cached answer
 * lacks makes one fresh read (it may have been added since).
 */
async function userAccounts(
	this: DocuSignContext,
	pacing: Pacing,
	authServer: string,
	wanted: string,
): Promise<UserInfoAccount[]> {
	let userInfo = cachedUserInfo(pacing.userInfoKey);
	if (userInfo && !hasAccount(accountsOf(userInfo), wanted)) {
		forgetUserInfo(pacing.userInfoKey);
		userInfo = undefined;
	}
	if (!userInfo) {
		userInfo = await apiRequest.call(this, pacing, {
			method: 'GET',
			path: `${authServer}/oauth/userinfo`,
			idempotent: true,
			what: 'read the accounts of the connected user',
		});
		// A JWT credential without a token minted it for this very request: key the entry by that token.
		pacing.userInfoKey ??= userInfoKeyOf(
			(await this.getCredentials(pacing.credentialType)) as unknown as DocuSignCredentials,
			authServer,
		);
		// Only what the node uses is kept (not the user's name and e-mail).
		rememberUserInfo(pacing.userInfoKey, {
			accounts: accountsOf(userInfo) as unknown as IDataObject[],
		});
	}
	return accountsOf(userInfo);
}

/** The connected user's accounts (name, ID, default) for the Account picker. */
export async function listUserAccounts(
	this: DocuSignContext,
	credentialType: DocuSignCredentialType,
): Promise<Array<{ accountId: string; accountName: string; isDefault: boolean }>> {
	const credentials = (await this.getCredentials(credentialType)) as unknown as DocuSignCredentials;
	const authServer = checkedAuthServer.call(this, credentials);
	const pacing: Pacing = {
		limiter: new RateLimiter(),
		settings: DEFAULT_SETTINGS,
		userInfoKey: userInfoKeyOf(credentials, authServer),
		forgetUserInfo: () => forgetUserInfo(pacing.userInfoKey),
		credentialType,
	};
	const accounts = await userAccounts.call(this, pacing, authServer, '');
	return accounts.map((a) => ({
		accountId: a.account_id,
		accountName: a.account_name ?? '',
		isDefault: isDefaultAccount(a),
	}));
}
