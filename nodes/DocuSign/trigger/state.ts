/**
 * The trigger's stored picture of an account, in the workflow's static data (which n8n saves with the
 * workflow and returns with it through its API): only what the watched events need. Per user a short
 * record: the ID in 22 characters, then references into shared tables (status, permission profile,
 * groups, company), then, only with User Updated, the personal fields as fingerprints (default) or values.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Ref, Tracked } from './drift';
import type { PersonalField } from './fields';
import { PERSONAL_FIELDS } from './fields';
import {
	DERIVED_USER_NAME,
	derivedUserName,
	EMPTY_VALUE,
	fingerprintOf,
	packGuid,
	PRINT_LENGTH,
	unpackGuid,
} from './fingerprint';

/** What the state keeps of the watched text fields: nothing, fingerprints of personal fields, or values. */
export type TextKept = '' | 'fingerprints' | 'values';

export interface AccountPicture {
	/** Lower-case user ID -> what is known of the user. */
	users: Map<string, Tracked>;
	/** Which groups' memberships are stored: 'all' custom groups, given IDs, or '' for none. */
	groupScope: string;
	text: TextKept;
	/** Start of the last poll that stored this picture (ISO): the next incremental read starts there. */
	cursor: string;
	/** Start of the last full read of the account (ISO), and the API calls it took. */
	fullAt: string;
	fullCalls: number;
}

const STATE_VERSION = 2;

interface StoredState {
	v: 2;
	at: string;
	fa: string;
	fc: number;
	tx: TextKept;
	/** The personal fields kept, in record order: a field watched later is not in old records. */
	f: string[];
	gs: string;
	/** Characters per table reference. */
	w: number;
	s: string[];
	p: Array<[string, string]>;
	/** Status and profile pairs (indexes into `s` and `p`): one reference per user. */
	a: Array<[number, number]>;
	g: Array<[string, string]>;
	c: string[];
	/** GUID users' records, one after the other (each starts with the 22-character ID). */
	u: string;
	/** Users whose ID is not a GUID: ID -> record without the ID. */
	x: Record<string, string>;
	/** Values mode: each user's personal values (tab-separated), in the order of `u` then `x`. */
	k?: string[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TAB = '\t';

function refWidth(largest: number): number {
	let width = 1;
	while (ALPHABET.length ** width < largest) width++;
	return width;
}

function encodeRef(index: number, width: number): string {
	let text = '';
	for (let i = 0; i < width; i++) {
		text = ALPHABET[index % ALPHABET.length] + text;
		index = Math.floor(index / ALPHABET.length);
	}
	return text;
}

function decodeRef(text: string): number {
	let index = 0;
	for (const char of text) index = index * ALPHABET.length + ALPHABET.indexOf(char);
	return index;
}

class Table<K> {
	readonly list: K[] = [];
	private readonly index = new Map<string, number>();

	constructor(private readonly keyOf: (entry: K) => string) {}

	ref(entry: K): number {
		const key = this.keyOf(entry);
		let at = this.index.get(key);
		if (at === undefined) {
			at = this.list.push(entry) - 1;
			this.index.set(key, at);
		}
		return at;
	}
}

/** Tabs separate kept values; a tab inside a value is kept (and compared) as a space. */
export const clean = (value: unknown): string => String(value ?? '').replace(/\t/g, ' ');

/** What a user's record holds of the personal fields, as fingerprints. */
function printsOf(user: Tracked): Partial<Record<PersonalField, string>> {
	if (user.prints) return user.prints;
	const text = user.text ?? {};
	const prints: Partial<Record<PersonalField, string>> = {};
	for (const field of PERSONAL_FIELDS) {
		const value = text[field] ?? '';
		prints[field] = value ? fingerprintOf(user.id, field, value) : EMPTY_VALUE;
	}
	if ((text.userName ?? '') === derivedUserName(text.firstName ?? '', text.lastName ?? ''))
		prints.userName = DERIVED_USER_NAME;
	return prints;
}

/** A personal value as kept: a "first last" user name as the mark, a value starting with it behind one more. */
function keptValue(user: Tracked, field: PersonalField): string {
	const value = clean(user.text?.[field]);
	if (field !== 'userName') return value;
	if (value === derivedUserName(user.text?.firstName ?? '', user.text?.lastName ?? ''))
		return DERIVED_USER_NAME;
	return value.startsWith(DERIVED_USER_NAME) ? DERIVED_USER_NAME + value : value;
}

export function encodeState(picture: AccountPicture): IDataObject {
	const statuses = new Table<string>((s) => s);
	const profiles = new Table<[string, string]>(([id]) => id);
	const access = new Table<[number, number]>(([status, profile]) => `${status},${profile}`);
	const groups = new Table<[string, string]>(([id]) => id);
	const companies = new Table<string>((s) => s);
	profiles.ref(['', '']);
	const text = picture.text;
	const scoped = !!picture.groupScope;
	// First pass fills the tables, so every reference can have the same width.
	const rows = [...picture.users.values()].map((user) => ({
		user,
		access: access.ref([
			statuses.ref(user.status),
			user.profile ? profiles.ref([user.profile.id, user.profile.name]) : 0,
		]),
		groups: scoped ? (user.groups ?? []).map((g) => groups.ref([g.id, g.name])) : [],
		company: text ? companies.ref(user.text?.company ?? '') : 0,
	}));
	const largest = Math.max(
		access.list.length,
		groups.list.length + 1,
		companies.list.length,
		...rows.map((r) => r.groups.length + 1),
	);
	const w = refWidth(largest);
	const guids: string[] = [];
	const others: Record<string, string> = {};
	const keptGuids: string[] = [];
	const keptOthers: string[] = [];
	for (const row of rows) {
		let record = encodeRef(row.access, w);
		if (scoped)
			record += encodeRef(row.groups.length, w) + row.groups.map((g) => encodeRef(g, w)).join('');
		if (text) record += encodeRef(row.company, w);
		if (text === 'fingerprints') {
			const prints = printsOf(row.user);
			record += PERSONAL_FIELDS.map((f) => prints[f] ?? EMPTY_VALUE).join('');
		}
		const kept = text === 'values' ? PERSONAL_FIELDS.map((f) => keptValue(row.user, f)) : undefined;
		const packed = packGuid(row.user.id);
		if (packed) {
			guids.push(packed + record);
			if (kept) keptGuids.push(kept.join(TAB));
		} else {
			others[row.user.id] = record;
			if (kept) keptOthers.push(kept.join(TAB));
		}
	}
	const state: StoredState = {
		v: STATE_VERSION,
		at: picture.cursor,
		fa: picture.fullAt,
		fc: picture.fullCalls,
		tx: text,
		f: text ? [...PERSONAL_FIELDS] : [],
		gs: picture.groupScope,
		w,
		s: statuses.list,
		p: profiles.list,
		a: access.list,
		g: groups.list,
		c: companies.list,
		u: guids.join(''),
		x: others,
		...(text === 'values' ? { k: [...keptGuids, ...keptOthers] } : {}),
	};
	return state as unknown as IDataObject;
}

function isStoredState(value: unknown): value is StoredState {
	const state = value as StoredState | undefined;
	return (
		!!state &&
		typeof state === 'object' &&
		state.v === STATE_VERSION &&
		typeof state.u === 'string' &&
		typeof state.w === 'number' &&
		['', 'fingerprints', 'values'].includes(state.tx) &&
		Array.isArray(state.f) &&
		[state.s, state.p, state.a, state.g, state.c].every(Array.isArray) &&
		!!state.x &&
		typeof state.x === 'object'
	);
}

/** A stored picture as users again; undefined when missing or written by another version (a new baseline). */
export function decodeState(value: unknown): AccountPicture | undefined {
	if (!isStoredState(value)) return undefined;
	const state = value;
	const w = state.w;
	const pair = (table: Array<[string, string]>, index: number): Ref | null => {
		const entry = table[index];
		return entry && entry[0] ? { id: entry[0], name: entry[1] } : null;
	};
	const users = new Map<string, Tracked>();
	const kept = state.k ?? [];
	let keptAt = 0;
	/** Reads the record that starts at `from` in `record`; returns where it ends. */
	const read = (id: string, record: string, from = 0): number => {
		let at = from;
		const next = () => decodeRef(record.slice(at, (at += w)));
		const [status, profile] = state.a[next()] ?? [-1, -1];
		const user: Tracked = {
			id,
			status: state.s[status] ?? '',
			profile: pair(state.p, profile),
		};
		if (state.gs) {
			const count = next();
			user.groups = [];
			for (let i = 0; i < count; i++) {
				const group = pair(state.g, next());
				if (group) user.groups.push(group);
			}
		}
		if (state.tx) user.text = { company: state.c[next()] ?? '' };
		// Fields the state does not hold (watched since) stay absent: compared from the next poll on.
		const fields = state.f.filter((f): f is PersonalField =>
			(PERSONAL_FIELDS as readonly string[]).includes(f),
		);
		if (state.tx === 'fingerprints') {
			const prints: Partial<Record<PersonalField, string>> = {};
			for (const field of state.f) {
				const length =
					record[at] === DERIVED_USER_NAME || record[at] === EMPTY_VALUE ? 1 : PRINT_LENGTH;
				const print = record.slice(at, (at += length));
				if (fields.includes(field as PersonalField)) prints[field as PersonalField] = print;
			}
			user.prints = prints;
		}
		if (state.tx === 'values') {
			const values = String(kept[keptAt++] ?? '').split(TAB);
			state.f.forEach((field, i) => {
				if (fields.includes(field as PersonalField))
					user.text![field as PersonalField] = values[i] ?? '';
			});
			const stored = user.text!.userName;
			if (stored !== undefined)
				user.text!.userName =
					stored === DERIVED_USER_NAME
						? derivedUserName(user.text!.firstName ?? '', user.text!.lastName ?? '')
						: stored.replace(/^=/, '');
		}
		users.set(id.toLowerCase(), user);
		return at;
	};
	for (let at = 0; at + 22 <= state.u.length; )
		at = read(unpackGuid(state.u.slice(at, at + 22)), state.u, at + 22);
	for (const [id, record] of Object.entries(state.x)) read(id, record);
	return {
		users,
		groupScope: state.gs,
		text: state.tx,
		cursor: String(state.at ?? ''),
		fullAt: String(state.fa ?? ''),
		fullCalls: Number(state.fc) || 0,
	};
}
