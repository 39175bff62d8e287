import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { DocuSignCredentials } from './types';

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
