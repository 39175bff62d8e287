import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Group, PermissionProfile } from './model';
import { echo } from './validate';
import type { DocuSignContext, Session } from '../transport';
import { apiRequest, apiRequestAllItems } from '../transport';
import { parameterError } from './results';

interface Listing<T> {
	list: Promise<T[]>;
	/** Read from the cross-execution cache, not from DocuSign in this run: may miss something new. */
	cached: boolean;
}

// DocuSign's group and profile objects, read into the model here, where the directory lists them.

const BUILT_IN_GROUP_TYPES = [
	'everyonegroup',
	'admingroup',
	'everyone',
	'administrators',
	'adminstrators',
];

/** groupType casing differs between DocuSign's API versions (docs/sources.md#group-types): compare loosely. */
export function isBuiltInGroupType(groupType: unknown): boolean {
	return BUILT_IN_GROUP_TYPES.includes(String(groupType ?? '').toLowerCase());
}

export function toGroup(raw: IDataObject): Group {
	return {
		id: String(raw.groupId ?? ''),
		name: String(raw.groupName ?? ''),
		type: String(raw.groupType ?? ''),
		builtIn: isBuiltInGroupType(raw.groupType),
	};
}

function toPermissionProfile(raw: IDataObject): PermissionProfile {
	return {
		id: String(raw.permissionProfileId ?? ''),
		name: String(raw.permissionProfileName ?? ''),
	};
}

/** Case-insensitive match on ID or name, so an HR field like "sales" finds "Sales". */
export function findByIdOrName<T extends { id: string; name: string }>(
	list: T[],
	value: string,
): T | undefined {
	const wanted = value.trim().toLowerCase();
	return (
		list.find((entry) => entry.id.toLowerCase() === wanted) ??
		list.find((entry) => entry.name.toLowerCase() === wanted)
	);
}

/**
 * The account's permission profiles and groups, read at most once per execution however many
 * items name them (and, with Directory Cache, kept across executions for ttlMs), and the one
 * place where a name or an ID becomes a profile or a group. A name or ID missing from a cached
 * list is looked for once more in a fresh read before it is an error. The profile and the groups
 * a write targets always come from a list read in this run (one read per kind per run): the
 * cache serves reads and the custom/built-in split of memberships, never a write's target. Names
 * come checked (text, a list of names) from the parameter registry; here they are matched.
 */
export class Directory {
	private profileList?: Listing<PermissionProfile>;
	private groupList?: Listing<Group>;

	constructor(
		private readonly n8n: DocuSignContext,
		private readonly session: Session,
		private readonly ttlMs = 0,
	) {}

	private listing<T>(
		kind: 'profiles' | 'groups',
		read: () => Promise<T[]>,
		fresh: boolean,
	): Listing<T> {
		const key = directoryKeyOf(this.session);
		const cached = fresh ? undefined : (cachedList(key, kind, this.ttlMs) as T[] | undefined);
		if (cached) return { list: Promise.resolve(cached), cached: true };
		const list = read();
		// Stored even with the cache off for this run, so a later run with a TTL finds it.
		void list.then(
			(l) => rememberList(key, kind, l as never),
			() => undefined,
		);
		return { list, cached: false };
	}

	private readProfiles = async (): Promise<PermissionProfile[]> => {
		const r = await apiRequest.call(this.n8n, this.session, {
			method: 'GET',
			path: '/permission_profiles',
			idempotent: true,
			what: 'list the permission profiles',
		});
		return ((r.permissionProfiles ?? []) as IDataObject[]).map(toPermissionProfile);
	};

	private readGroups = async (): Promise<Group[]> => {
		const list = await apiRequestAllItems.call(this.n8n, this.session, {
			path: '/groups',
			key: 'groups',
			qs: { include_usercount: 'false' },
			what: 'list the groups',
		});
		return list.map(toGroup);
	};

	async profiles(): Promise<PermissionProfile[]> {
		this.profileList ??= this.listing('profiles', this.readProfiles, false);
		return await this.profileList.list;
	}

	async groups(): Promise<Group[]> {
		this.groupList ??= this.listing('groups', this.readGroups, false);
		return await this.groupList.list;
	}

	/**
	 * The groups, read afresh once if a cached list misses one of `groupIds` (a user's memberships):
	 * a group created since the cache was filled must still count as custom, so Replace removes it.
	 */
	async groupsKnowing(groupIds: string[]): Promise<Group[]> {
		const groups = await this.groups();
		const known = new Set(groups.map((g) => g.id.toLowerCase()));
		if (groupIds.every((id) => known.has(id.toLowerCase())) || !(await this.refreshGroups()))
			return groups;
		return await this.groups();
	}

	/** The groups as DocuSign has them now (read at most once per run): where every group must be seen. */
	async freshGroups(): Promise<Group[]> {
		await this.groups();
		await this.refreshGroups();
		return await this.groups();
	}

	/** The profiles once more from DocuSign if the run only knows them from the cache; true if re-read. */
	private async refreshProfiles(): Promise<boolean> {
		if (!this.profileList?.cached) return false;
		this.profileList = this.listing('profiles', this.readProfiles, true);
		await this.profileList.list;
		return true;
	}

	private async refreshGroups(): Promise<boolean> {
		if (!this.groupList?.cached) return false;
		this.groupList = this.listing('groups', this.readGroups, true);
		await this.groupList.list;
		return true;
	}

	/**
	 * The groups read from DocuSign now, whatever this run or the cache knew: after a group write, so the
	 * run, the Directory Cache and every later execution see the change at once.
	 */
	async rereadGroups(): Promise<Group[]> {
		this.groupList = this.listing('groups', this.readGroups, true);
		return await this.groupList.list;
	}

	/** The cached directory may be stale (a group deleted in DocuSign): the next run reads it afresh. */
	forget(): void {
		forgetDirectory(directoryKeyOf(this.session));
	}

	/** The built-in Administrators group (its groupType is spelt differently across API versions). */
	async administratorsGroup(): Promise<Group | undefined> {
		const builtIn = (await this.groups()).filter((g) => g.builtIn);
		return (
			builtIn.find((g) => g.type.toLowerCase().includes('admin')) ??
			builtIn.find((g) => g.name.toLowerCase() === 'administrators')
		);
	}

	async resolveProfile(
		n8n: IExecuteFunctions,
		itemIndex: number,
		parameter: string,
		name: string,
	): Promise<PermissionProfile | undefined> {
		if (!name) return undefined;
		// A write's profile: from this run's read (renamed meanwhile, a name may now mean another profile).
		await this.profiles();
		await this.refreshProfiles();
		const profiles = await this.profiles();
		const profile = findByIdOrName(profiles, name);
		if (!profile) {
			throw parameterError(
				n8n,
				itemIndex,
				parameter,
				`names no permission profile of this account: ${echo(name)}`,
				`Use one of: ${profiles.map((p) => `${p.name} (${p.id})`).join(', ')}`,
			);
		}
		return profile;
	}

	/** One group by ID or name; built-in groups only where DocuSign lets us use them (reads). */
	async resolveGroup(
		n8n: IExecuteFunctions,
		itemIndex: number,
		parameter: string,
		name: string,
		allowBuiltIn: boolean,
	): Promise<Group> {
		if (!name)
			throw parameterError(
				n8n,
				itemIndex,
				parameter,
				'is empty',
				'Pick a group, or give its ID or name.',
			);
		// A write's group comes from this run's read: renamed since the cache was filled, a name may now
		// mean another group, and the output must carry the name DocuSign holds. A read's filter may
		// take an ID from the cache, never a name.
		if (!allowBuiltIn) await this.freshGroups();
		let groups = await this.groups();
		let group = findByIdOrName(groups, name);
		const byName = group !== undefined && group.id !== name;
		if ((!group || byName) && (await this.refreshGroups())) {
			groups = await this.groups();
			group = findByIdOrName(groups, name);
		}
		// Listed only for an error's hint: a name that resolves builds no list.
		const names = (builtIn: boolean) =>
			groups
				.filter((g) => builtIn || !g.builtIn)
				.map((g) => g.name)
				.join(', ');
		if (!group) {
			throw parameterError(
				n8n,
				itemIndex,
				parameter,
				`names no group of this account: ${echo(name)}`,
				`Use one of: ${names(allowBuiltIn)}`,
			);
		}
		if (group.builtIn && !allowBuiltIn) {
			throw parameterError(
				n8n,
				itemIndex,
				parameter,
				`is the built-in group "${group.name}", whose members DocuSign manages itself`,
				`Everyone holds every user and Administrators follows the Account Administrator profile. Use a custom group: ${names(false)}`,
			);
		}
		return group;
	}

	/** Custom groups only: Everyone and Administrators follow DocuSign's own rules, never group sync. */
	async resolveGroups(
		n8n: IExecuteFunctions,
		itemIndex: number,
		parameter: string,
		names: string[],
	): Promise<Group[]> {
		const resolved: Group[] = [];
		for (const name of names) {
			const group = await this.resolveGroup(n8n, itemIndex, parameter, name, false);
			if (!resolved.some((g) => g.id === group.id)) resolved.push(group);
		}
		return resolved;
	}
}

// The Directory Cache: the lists kept across executions of this process.

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
