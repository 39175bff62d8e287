import type { Group, PermissionProfile } from './model';
import type { Session } from '../transport';

/** The longest Directory Cache (Seconds) the option accepts: an hour, the userinfo cache's own window. */
export const MAX_DIRECTORY_TTL_SECONDS = 3600;
/** Accounts kept at most per process (one per credential, token and account in use). */
const MAX_ENTRIES = 100;

export interface CachedDirectory {
	profiles?: { at: number; list: PermissionProfile[] };
	groups?: { at: number; list: Group[] };
}

const entries = new Map<string, CachedDirectory>();

/**
 * An account's permission profiles and groups, kept across executions of this process. The key
 * is the userinfo cache's (a SHA-256 over environment, server, client ID and access token, never
 * the token itself) plus the account ID: another credential, a refreshed token or another account
 * never sees this entry. Undefined without a token to key on (no caching).
 */
export function directoryKeyOf(session: Session): string | undefined {
	return session.userInfoKey
		? `${session.userInfoKey}|${session.account.accountId.toLowerCase()}`
		: undefined;
}

/** The cached list when it is younger than ttlMs; ttlMs 0 never reads the cache. */
export function cachedList<K extends keyof CachedDirectory>(
	key: string | undefined,
	kind: K,
	ttlMs: number,
	now = Date.now(),
): NonNullable<CachedDirectory[K]>['list'] | undefined {
	if (!key || ttlMs <= 0) return undefined;
	const entry = entries.get(key)?.[kind];
	return entry && now - entry.at < ttlMs ? entry.list : undefined;
}

export function rememberList<K extends keyof CachedDirectory>(
	key: string | undefined,
	kind: K,
	list: NonNullable<CachedDirectory[K]>['list'],
	now = Date.now(),
): void {
	if (!key) return;
	const entry = entries.get(key) ?? {};
	entries.delete(key);
	while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	entries.set(key, { ...entry, [kind]: { at: now, list } });
}

/** Drops the account's entry: the next run reads profiles and groups afresh. */
export function forgetDirectory(key: string | undefined): void {
	if (key) entries.delete(key);
}
