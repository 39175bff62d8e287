/**
 * A new user as Create, Create or Update and Sync Roster take it from an item: the fields, the
 * permission profile and the groups (NEW_USER_READS), and for Create and Create or Update how the
 * user becomes active (ACTIVATION_READS). The router reads them into each item's record.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DesiredUser, GroupMode } from '../../users/diff';
import type { NewUserInput } from '../../users/model';

export type { NewUserInput };
import type { FieldKey, UserField } from '../../users/fields';
import { fieldOf, FIELD_ROWS, UPDATABLE_FIELDS } from '../../users/fields';
import { docuSignLength, echo } from '../../users/validate';
import type { ItemRecords, ParameterSpec, ValuesOf } from '../../parameters/spec';
import { entryFor, onlyWhen, spec } from '../../parameters/spec';
import { NEW_USER_FIELDS, PARAMETERS } from '../parameters';
import { groupsField } from '../common.descriptions';
import { collection } from '../../parameters/editor';
import type { Directory } from '../../users/directory';
import type { Results } from '../../users/results';
import { parameterError } from '../../users/results';
import { rejectRepeats } from '../targets';
import type { PlannedCreate } from '../../users/writes/types';

/** The profile picker, from the spec that reads it (Create's, or Update Fields'). */
export const permissionProfileField = (
	parameter: ParameterSpec<unknown> = PARAMETERS.permissionProfile,
): INodeProperties =>
	entryFor(parameter, {
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPermissionProfiles' },
		// Names are valid values: without this n8n's editor flags a mapped name as "not supported".
		allowArbitraryValues: true,
		// A description, not a hint: n8n hides hints while the field is an expression, exactly when names apply.
		description:
			'In an expression, the profile name works too (case-insensitive), e.g. "DocuSign Sender" or the HR role field; an ID is digits, e.g. 1665537. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	});

/** A text attribute's editor entry, from its row and the spec that reads it. */
function textProperty(field: UserField, parameter: ParameterSpec<string>): INodeProperties {
	return entryFor(parameter, {
		type: 'string',
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(field.requiredOnCreate ? { required: true } : {}),
		description:
			field.description ??
			(field.requiredOnCreate
				? `At most ${field.maxLength} characters, no line breaks`
				: undefined),
	});
}

const newUserProperty = (field: (typeof FIELD_ROWS)[number]) =>
	textProperty(field, NEW_USER_FIELDS[field.key]);

const byLabel = (a: UserField, b: UserField) => a.label.localeCompare(b.label);

/** Create's own fields first (Email leading), then Additional Fields, each in table order. */
const CREATE_ORDER = [
	...FIELD_ROWS.filter((f) => f.requiredOnCreate && f.email),
	...FIELD_ROWS.filter((f) => f.requiredOnCreate && !f.email),
	...FIELD_ROWS.filter((f) => !f.requiredOnCreate),
];

/** Fields shared by Create and Create or Update: the required attributes, then profile, groups and the others. */
export function newUserProperties(): INodeProperties[] {
	return [
		...CREATE_ORDER.filter((f) => f.requiredOnCreate).map(newUserProperty),
		{
			...permissionProfileField(),
			description: `Empty: DocuSign's default profile. ${permissionProfileField().description}`,
		},
		groupsField('Custom groups the user should be in.'),
		collection(
			'additionalFields',
			'Additional Fields',
			'Add Field',
			FIELD_ROWS.filter((f) => !f.requiredOnCreate)
				.sort(byLabel)
				.map(newUserProperty),
		),
	];
}

/** The User Name a new user may have (given or made of the names), from its row: read once. */
const USER_NAME_MAX = fieldOf('userName').maxLength;

/** A new user's User Name: the one given, else First and Last Name, as DocuSign makes it. */
function userNameOf(values: Readonly<Record<string, unknown>>): string {
	return (
		(values.userName as string) || `${values.firstName as string} ${values.lastName as string}`
	);
}

/**
 * A new user's User Name, read after First and Last Name: the given one's own check, then the
 * name the user will have (given or made of the names) within DocuSign's limit.
 */
const NEW_USER_NAME = spec({
	...NEW_USER_FIELDS.userName,
	check: (value, read) => {
		const given = NEW_USER_FIELDS.userName.check(value, read);
		if ('problem' in given) return given;
		const userName = userNameOf({ ...read, userName: given.value });
		return docuSignLength(userName) > USER_NAME_MAX
			? {
					problem: `would be ${echo(userName)}, over ${USER_NAME_MAX} characters`,
					hint: 'Give a shorter User Name.',
				}
			: given;
	},
});

/** What Create, Create or Update and Sync Roster read of each item's new user, in this order. */
export const NEW_USER_READS = {
	...(Object.fromEntries(
		CREATE_ORDER.map((f) => [f.key, f.key === 'userName' ? NEW_USER_NAME : NEW_USER_FIELDS[f.key]]),
	) as Record<FieldKey, ParameterSpec<string>>),
	permissionProfile: PARAMETERS.permissionProfile,
	groups: PARAMETERS.groups,
};

type NewUserValues = ValuesOf<typeof NEW_USER_READS>;

/** One item's new user from its checked values; profile and groups by list, ID or name. */
export async function newUserFrom(
	n8n: IExecuteFunctions,
	itemIndex: number,
	values: NewUserValues,
	directory: Directory,
): Promise<NewUserInput> {
	const text: Partial<Record<FieldKey, string>> = {};
	for (const field of CREATE_ORDER) {
		const given = values[field.key];
		if (given) text[field.key] = given;
	}
	const { email = '', firstName = '', lastName = '', userName: givenUserName } = text;
	const userName = userNameOf(values);
	const permissionProfile = await directory.resolveProfile(
		n8n,
		itemIndex,
		PARAMETERS.permissionProfile.label,
		values.permissionProfile,
	);
	const groups = await directory.resolveGroups(
		n8n,
		itemIndex,
		PARAMETERS.groups.label,
		values.groups,
	);
	return {
		...text,
		email,
		firstName,
		lastName,
		userName,
		userNameGiven: !!givenUserName,
		permissionProfile,
		groups,
	};
}

/** The state Create or Update brings an existing user to. */
export function desiredFrom(input: NewUserInput, groupMode: GroupMode): DesiredUser {
	const text: DesiredUser = {};
	for (const { key } of UPDATABLE_FIELDS) text[key] = input[key];
	return {
		...text,
		userName: input.userNameGiven ? input.userName : undefined,
		permissionProfile: input.permissionProfile,
		groups: { mode: groupMode, list: input.groups },
	};
}

/**
 * Every item's new user, from its record (an item whose parameters did not read fails here), as
 * planned creates; an email repeated within the run fails the later item.
 */
export async function newUsersFrom(
	n8n: IExecuteFunctions,
	results: Results,
	directory: Directory,
	records: ItemRecords<NewUserValues>,
): Promise<PlannedCreate[]> {
	const planned: PlannedCreate[] = [];
	for (const itemIndex of results.open()) {
		try {
			const input = await newUserFrom(n8n, itemIndex, records.item(itemIndex), directory);
			planned.push({ kind: 'create', itemIndex, action: 'create', input });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	return rejectRepeats(
		n8n,
		results,
		planned,
		(c) => c.input.email,
		'Email',
		(c, first) => `${echo(c.input.email)} is the same as in item ${first}`,
	);
}

/** Options of Create and Create or Update: how a new user becomes active. */
export const activationOptions: INodeProperties[] = [
	entryFor(PARAMETERS.activation, {
		type: 'options',
		options: [
			{
				name: 'Send Activation Email',
				value: 'email',
				description:
					'DocuSign emails each new user an activation link; the user is pending until they accept it',
			},
			{
				name: 'Activate Immediately',
				value: 'immediate',
				description:
					"Create new users already active through DocuSign's Admin API (no activation email). Needs Organization Admin Access in the credential and an email domain the organization has claimed.",
			},
		],
		description: 'How a new user becomes active. Read for each item.',
	}),
	entryFor(PARAMETERS.fallbackToEmail, {
		type: 'boolean',
		displayOptions: { show: { activation: ['immediate'] } },
		description:
			'Whether a user whose email domain the organization has not claimed is created with an activation email instead of failing the item (output activation: "email"). Read for each item.',
	}),
];

/** What Create and Create or Update read of each item's activation: Fall Back only for Activate Immediately. */
export const ACTIVATION_READS = {
	activation: PARAMETERS.activation,
	fallbackToEmail: onlyWhen(PARAMETERS.fallbackToEmail, (read) => read.activation === 'immediate'),
};

type ActivationValues = ValuesOf<typeof ACTIVATION_READS>;

/** Each planned create with its item's Activation options (`optionsOf` gives the item's record). */
export function withActivation(
	n8n: IExecuteFunctions,
	results: Results,
	creates: PlannedCreate[],
	optionsOf: (itemIndex: number) => ActivationValues,
): PlannedCreate[] {
	const planned: PlannedCreate[] = [];
	for (const entry of creates) {
		try {
			const options = optionsOf(entry.itemIndex);
			if (options.activation !== 'immediate') {
				planned.push(entry);
				continue;
			}
			const notInAdminApi = FIELD_ROWS.find((f) => !f.admin && entry.input[f.key]);
			if (notInAdminApi) {
				throw parameterError(
					n8n,
					entry.itemIndex,
					`Additional Fields > ${notInAdminApi.label}`,
					'cannot be set when the user is activated immediately',
					`DocuSign's Admin API, which creates active users, has no ${notInAdminApi.label}. Leave it empty and set it with Update once the user exists, or choose Activation "Send Activation Email".`,
				);
			}
			planned.push({
				...entry,
				activation: 'immediate',
				fallbackToEmail: options.fallbackToEmail ?? false,
			});
		} catch (error) {
			results.fail(entry.itemIndex, error);
		}
	}
	return planned;
}
