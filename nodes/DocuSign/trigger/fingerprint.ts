/**
 * The trigger's stored picture of an account: per user only the fields the trigger watches, packed into one
 * short string, so 10,000 users fit in a workflow's static data (about 80 bytes per user, see docs/trigger.md).
 * Slots 0-2 are status, profile and groups; each watched field of users/fields.ts has its own slot.
 */
import type { WatchedKey } from '../users/fields';
import { WATCHED_FIELDS } from '../users/fields';

/** The user attributes the trigger watches: the watched rows of users/fields.ts. */
export type WatchedText = Record<WatchedKey, string>;

/**
 * What the trigger watches of one user. `groups` undefined = memberships were not read. A watched
 * field a state written before it was watched lacks is absent (not compared until the next poll stores it).
 */
export interface Tracked extends WatchedText {
	status: string;
	profile: { id: string; name: string } | null;
	groups?: Array<{ id: string; name: string }>;
}

/** The stored state of one account (workflow static data). Short keys: they repeat in every save. */
export interface DriftState {
	v: 1;
	/** When the poll that wrote it ran (ISO). */
	at: string;
	/** Interned texts (statuses, email domains, the fields packed as 'interned'), referenced by base-36 index. */
	t: string[];
	/** Permission profiles and tracked custom groups as [id, name], referenced by index. */
	p: Array<[string, string]>;
	g: Array<[string, string]>;
	/** Which groups' memberships were read: 'all' custom groups, given IDs, or '' for none. */
	gs: string;
	/** Compact user ID -> packed fields. */
	u: Record<string, string>;
}

export const STATE_VERSION = 1;
const SEPARATOR = '\t';
const GUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** The state key of a user: a GUID as 22 base64url characters, anything else kept as is behind "~". */
export function compactId(userId: string): string {
	const match = GUID.exec(userId);
	if (!match) return `~${userId}`;
	return Buffer.from(match.slice(1).join(''), 'hex').toString('base64url');
}

/** Tabs separate the packed fields; a tab inside a value is stored (and compared) as a space. */
export function clean(value: unknown): string {
	return String(value ?? '').replace(/\t/g, ' ');
}

class Interner<K> {
	readonly list: K[] = [];
	private readonly index = new Map<string, number>();

	constructor(private readonly keyOf: (entry: K) => string) {}

	ref(entry: K): string {
		const key = this.keyOf(entry);
		let at = this.index.get(key);
		if (at === undefined) {
			at = this.list.push(entry) - 1;
			this.index.set(key, at);
		}
		return at.toString(36);
	}
}

const derivedUserName = (t: Tracked) => `${t.firstName} ${t.lastName}`.trim();

/** Packs every user with shared tables; `groupScope` '' means no memberships are stored. */
export function encodeState(
	users: Map<string, Tracked>,
	groupScope: string,
	at: string,
): DriftState {
	const texts = new Interner<string>((s) => s);
	const profiles = new Interner<[string, string]>(([id]) => id);
	const groups = new Interner<[string, string]>(([id]) => id);
	const optional = (value: string) => (value ? texts.ref(value) : '');
	const packed: Record<string, string> = {};
	for (const [key, user] of users) {
		const slots: string[] = [
			texts.ref(user.status),
			user.profile ? profiles.ref([user.profile.id, user.profile.name]) : '',
			groupScope && user.groups ? user.groups.map((g) => groups.ref([g.id, g.name])).join(',') : '',
		];
		for (const { key: field, watched } of WATCHED_FIELDS) {
			const value = user[field] ?? '';
			if (watched.packing === 'email') {
				const atSign = value.lastIndexOf('@');
				slots[watched.slot] = atSign < 0 ? value : value.slice(0, atSign);
				slots[watched.slot + 1] = atSign < 0 ? '' : texts.ref(value.slice(atSign + 1));
			} else if (watched.packing === 'userName') {
				// Most user names are "first last": store them as nothing.
				slots[watched.slot] = value === derivedUserName(user) ? '' : `=${value}`;
			} else if (watched.packing === 'interned') {
				slots[watched.slot] = optional(value);
			} else {
				slots[watched.slot] = value;
			}
		}
		packed[key] = Array.from(slots, (slot) => slot ?? '').join(SEPARATOR);
	}
	return {
		v: STATE_VERSION,
		at,
		t: texts.list,
		p: profiles.list,
		g: groups.list,
		gs: groupScope,
		u: packed,
	};
}

export interface StoredPicture {
	users: Map<string, Tracked>;
	groupScope: string;
	at: string;
}

/** A stored state as users again; undefined when it is missing or not one this version wrote. */
export function decodeState(state: unknown): StoredPicture | undefined {
	if (!isDriftState(state)) return undefined;
	const text = (ref: string) => (ref ? (state.t[parseInt(ref, 36)] ?? '') : '');
	const pair = (table: Array<[string, string]>, ref: string) => {
		const entry = table[parseInt(ref, 36)];
		return entry ? { id: entry[0], name: entry[1] } : null;
	};
	const users = new Map<string, Tracked>();
	for (const [key, packed] of Object.entries(state.u)) {
		const slots = packed.split(SEPARATOR);
		const [status, profile, groups] = slots;
		const user = {
			status: text(status ?? ''),
			profile: profile ? pair(state.p, profile) : null,
			...(state.gs
				? {
						groups: (groups ? groups.split(',') : [])
							.map((ref) => pair(state.g, ref))
							.filter((g): g is { id: string; name: string } => !!g),
					}
				: {}),
		} as Tracked;
		let packedUserName: string | undefined;
		for (const { key: field, watched } of WATCHED_FIELDS) {
			const value = slots[watched.slot];
			if (value === undefined) continue;
			if (watched.packing === 'email') {
				const domain = slots[watched.slot + 1];
				user[field] = domain ? `${value}@${text(domain)}` : value;
			} else if (watched.packing === 'userName') {
				packedUserName = value;
			} else {
				user[field] = watched.packing === 'interned' ? text(value) : value;
			}
		}
		user.userName = packedUserName ? packedUserName.slice(1) : derivedUserName(user);
		users.set(key, user);
	}
	return { users, groupScope: state.gs, at: String(state.at ?? '') };
}

function isDriftState(value: unknown): value is DriftState {
	const state = value as DriftState | undefined;
	return (
		!!state &&
		typeof state === 'object' &&
		state.v === STATE_VERSION &&
		Array.isArray(state.t) &&
		Array.isArray(state.p) &&
		Array.isArray(state.g) &&
		typeof state.gs === 'string' &&
		!!state.u &&
		typeof state.u === 'object'
	);
}
