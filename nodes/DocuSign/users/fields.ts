/**
 * Every text attribute of a DocuSign user, one row each. The create bodies (eSignature and Admin
 * API), Create's fields and Additional Fields, Update Fields, the audit `changes`, the simplified
 * output and the trigger's watched fields are all derived from these rows: a new attribute is a
 * new row here (a newly watched one is recorded silently by the trigger's next poll).
 *
 * Limits are counted as checkName counts them (code points). firstName, middleName, lastName and
 * suffixName: 50, documented (docs/sources.md#s1). UNVERIFIED: DocuSign gives no limit for userName,
 * company or the job title (docs/sources.md#s1: plain strings; docs/sources.md#s3,
 * docs/sources.md#s4 neither); 50, the documented limit of the name fields, is the conservative
 * choice, and the simulator enforces the same (test/simulator/unverified.ts). Raise it here once
 * DocuSign confirms a higher limit.
 */

export interface UserField {
	/** The key in DocuSign's eSignature userInformation, in the node's User and the n8n parameter name. */
	key: string;
	/** The key in the Admin API's NewUserRequest; `onAccount`: inside its accounts[] entry. None: the Admin API cannot set it. */
	admin?: { key: string; onAccount?: boolean };
	/** As the editor shows it. */
	label: string;
	maxLength: number;
	/** An email (checkEmail) rather than a name (checkName). */
	email?: boolean;
	/** Required on Create (its own field); otherwise under Additional Fields. */
	requiredOnCreate: boolean;
	/** In Update Fields (and changed by Create or Update on an existing user). */
	updatable: boolean;
	/** May be emptied by Update. */
	blankable: boolean;
	/** In the audit `changes` of a create. */
	audited: boolean;
	/** In the simplified output. */
	simplified: boolean;
	/**
	 * Watched by the trigger (User Updated). `personal`: the trigger's state keeps it only as the Personal
	 * Data in State option says (a fingerprint by default); otherwise as a value in a shared table.
	 */
	watched?: { personal: boolean };
	placeholder?: string;
	description?: string;
}

/** What an attribute usually is: a row says only where it differs. */
const USUAL = {
	maxLength: 50,
	requiredOnCreate: false,
	updatable: true,
	blankable: true,
	audited: true,
	simplified: true,
	watched: { personal: true },
} as const;

type Row<F> = Omit<typeof USUAL, keyof F> & F;
const row = <const F extends Partial<UserField> & Pick<UserField, 'key' | 'label'>>(
	field: F,
): Row<F> => ({ ...USUAL, ...field }) as Row<F>;

const FIELDS = [
	row({
		key: 'userName',
		admin: { key: 'user_name' },
		label: 'User Name',
		blankable: false,
		description: 'The name DocuSign shows; defaults to first and last name',
	}),
	row({
		key: 'firstName',
		admin: { key: 'first_name' },
		label: 'First Name',
		requiredOnCreate: true,
		blankable: false,
		placeholder: 'e.g. Nathan',
	}),
	row({
		key: 'middleName',
		label: 'Middle Name',
	}),
	row({
		key: 'lastName',
		admin: { key: 'last_name' },
		label: 'Last Name',
		requiredOnCreate: true,
		blankable: false,
		placeholder: 'e.g. Smith',
	}),
	row({
		key: 'suffixName',
		label: 'Suffix',
		description: 'E.g. Jr, IV, PhD',
	}),
	row({
		key: 'email',
		admin: { key: 'email' },
		label: 'Email',
		maxLength: 100,
		email: true,
		requiredOnCreate: true,
		updatable: false,
		blankable: false,
		placeholder: 'e.g. nathan@example.com',
		description: "The user's email; DocuSign sends the activation email here",
	}),
	row({
		key: 'company',
		admin: { key: 'company_name', onAccount: true },
		label: 'Company',
		watched: { personal: false },
	}),
	row({
		key: 'jobTitle',
		admin: { key: 'job_title', onAccount: true },
		label: 'Job Title',
	}),
] as const;

export type FieldKey = (typeof FIELDS)[number]['key'];
const fieldKey = (key: FieldKey) => key;
type KeysWhere<P extends keyof UserField, V> = Extract<
	(typeof FIELDS)[number],
	Record<P, V>
>['key'];
/** Fields the trigger watches, and those of them that are personal. */
export type WatchedKey = Extract<(typeof FIELDS)[number], { watched: object }>['key'];
export type PersonalKey = Extract<(typeof FIELDS)[number], { watched: { personal: true } }>['key'];
/** Fields that Update (and Create or Update) may change. */
export type UpdatableKey = KeysWhere<'updatable', true>;
/** Fields Create requires as their own parameters. */
export type RequiredKey = KeysWhere<'requiredOnCreate', true>;

/** The text attributes of a user, as the simplified output and the engine hold them. */
export type UserText = Record<FieldKey, string>;

/** The attribute the trigger's Fetch Test Event shows changed (User Updated). */
export const SAMPLE_FIELD = fieldKey('jobTitle');

/** Every row, typed for iteration. */
export const FIELD_ROWS = FIELDS as ReadonlyArray<UserField & { key: FieldKey }>;

export function fieldOf(key: FieldKey): UserField {
	return FIELD_ROWS.find((f) => f.key === key) as UserField;
}

const where = (test: (field: UserField) => boolean) => FIELD_ROWS.filter(test);

export const UPDATABLE_FIELDS = where((f) => f.updatable) as ReadonlyArray<
	UserField & { key: UpdatableKey }
>;
export const AUDITED_FIELDS = where((f) => f.audited) as ReadonlyArray<
	UserField & { key: FieldKey }
>;
export const SIMPLIFIED_FIELDS = where((f) => f.simplified) as ReadonlyArray<
	UserField & { key: FieldKey }
>;
/** Fields the trigger watches (User Updated), in table order. */
export const WATCHED_FIELDS = where((f) => f.watched !== undefined) as ReadonlyArray<
	UserField & { key: WatchedKey; watched: { personal: boolean } }
>;
