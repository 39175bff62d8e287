/**
 * The trigger's stored picture of an account: per user only the fields the trigger watches, packed into one
 * short string, so 10,000 users fit in a workflow's static data (about 80 bytes per user, see docs/trigger.md).
 */

/** What the trigger watches of one user. `groups` undefined = memberships were not read. */
export interface Tracked {
	userName: string;
	firstName: string;
	lastName: string;
	email: string;
	jobTitle: string;
	company: string;
	status: string;
	profile: { id: string; name: string } | null;
	groups?: Array<{ id: string; name: string }>;
}

/** The stored state of one account (workflow static data). Short keys: they repeat in every save. */
export interface DriftState {
	v: 1;
	/** When the poll that wrote it ran (ISO). */
	at: string;
	/** Interned texts (statuses, job titles, companies, email domains), referenced by base-36 index. */
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
		const atSign = user.email.lastIndexOf('@');
		packed[key] = [
			texts.ref(user.status),
			user.profile ? profiles.ref([user.profile.id, user.profile.name]) : '',
			groupScope && user.groups ? user.groups.map((g) => groups.ref([g.id, g.name])).join(',') : '',
			// Most user names are "first last": store them as nothing.
			user.userName === derivedUserName(user) ? '' : `=${user.userName}`,
			user.firstName,
			user.lastName,
			atSign < 0 ? user.email : user.email.slice(0, atSign),
			atSign < 0 ? '' : texts.ref(user.email.slice(atSign + 1)),
			optional(user.jobTitle),
			optional(user.company),
		].join(SEPARATOR);
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
		const [
			status,
			profile,
			groups,
			userName,
			firstName,
			lastName,
			local,
			domain,
			jobTitle,
			company,
		] = packed.split(SEPARATOR);
		const user: Tracked = {
			userName: '',
			firstName: firstName ?? '',
			lastName: lastName ?? '',
			email: domain ? `${local}@${text(domain)}` : (local ?? ''),
			jobTitle: text(jobTitle ?? ''),
			company: text(company ?? ''),
			status: text(status ?? ''),
			profile: profile ? pair(state.p, profile) : null,
			...(state.gs
				? {
						groups: (groups ? groups.split(',') : [])
							.map((ref) => pair(state.g, ref))
							.filter((g): g is { id: string; name: string } => !!g),
					}
				: {}),
		};
		user.userName = userName ? userName.slice(1) : derivedUserName(user);
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
