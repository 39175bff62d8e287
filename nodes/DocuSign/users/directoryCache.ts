import type { Group, PermissionProfile } from './model';
import type { Session } from '../transport';

/** The longest Directory Cache (Seconds) the option accepts: an hour, the userinfo cache's own window. */
export const MAX_DIRECTORY_TTL_SECONDS = 3600;
/** Accounts kept at most per process (one per credential, token and account in use). */
const MAX_ENTRIES = 100;
/**
 * Bytes (as JSON text) the cache holds at most, and one account's lists at most: a server that
 * answers with a huge directory must not grow n8n's memory. 10,000 groups take about 1 MB.
 */
const MAX_DIRECTORY_CACHE_BYTES = 16 * 1024 * 1024;
const MAX_DIRECTORY_ENTRY_BYTES = 4 * 1024 * 1024;

interface CachedDirectory {
	profiles?: { at: number; list: PermissionProfile[] };
	groups?: { at: number; list: Group[] };
}

const entries = new Map<string, CachedDirectory>();
/** Size of each entry's lists as JSON text. */
const sizes = new Map<string, number>();
let totalBytes = 0;

const sizeOf = (entry: CachedDirectory): number =>
	JSON.stringify(entry.profiles?.list ?? []).length +
	JSON.stringify(entry.groups?.list ?? []).length;

function drop(key: string): void {
	totalBytes -= sizes.get(key) ?? 0;
	sizes.delete(key);
	entries.delete(key);
}

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
	const next: CachedDirectory = { ...entries.get(key), [kind]: { at: now, list } };
	drop(key);
	const bytes = sizeOf(next);
	// Too big to keep: not cached (the run still has its list).
	if (bytes > MAX_DIRECTORY_ENTRY_BYTES) return;
	while (
		entries.size &&
		(entries.size >= MAX_ENTRIES || totalBytes + bytes > MAX_DIRECTORY_CACHE_BYTES)
	)
		drop(entries.keys().next().value as string);
	entries.set(key, next);
	sizes.set(key, bytes);
	totalBytes += bytes;
}

/** Drops the account's entry: the next run reads profiles and groups afresh. */
export function forgetDirectory(key: string | undefined): void {
	if (key) drop(key);
}
