import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DesiredUser, GroupMode } from '../../users/diff';
import type { NewUserInput } from '../../users/model';

export type { NewUserInput };
import type { FieldKey, UserField } from '../../users/fields';
import { fieldOf, FIELD_ROWS, UPDATABLE_FIELDS } from '../../users/fields';
import { docuSignLength, echo } from '../../users/validate';
import { NEW_USER_FIELDS, PARAMETERS, readItemParameter } from '../parameters';
import { groupsField } from '../common.descriptions';
import type { Directory } from '../../users/directory';
import type { Results } from '../../users/results';
import { parameterError } from '../../users/results';
import { rejectRepeats } from '../targets';
import type { PlannedCreate } from '../../users/writes/types';

export const permissionProfileField: INodeProperties = {
	displayName: 'Permission Profile Name or ID',
	name: 'permissionProfile',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPermissionProfiles' },
	// Names are valid values: without this n8n's editor flags a mapped name as "not supported".
	allowArbitraryValues: true,
	default: '',
	// A description, not a hint: n8n hides hints while the field is an expression, exactly when names apply.
	description:
		'In an expression, the profile name works too (case-insensitive), e.g. "DocuSign Sender" or the HR role field; an ID is digits, e.g. 1665537. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** A text attribute's editor entry, from its row. */
function textProperty(field: UserField): INodeProperties {
	return {
		displayName: field.label,
		name: field.key,
		type: 'string',
		default: '',
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(field.requiredOnCreate ? { required: true } : {}),
		description:
			field.description ??
			(field.requiredOnCreate
				? `At most ${field.maxLength} characters, no line breaks`
				: undefined),
	};
}

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
		...CREATE_ORDER.filter((f) => f.requiredOnCreate).map(textProperty),
		{
			...permissionProfileField,
			description: `Empty: DocuSign's default profile. ${permissionProfileField.description}`,
		},
		groupsField('Custom groups the user should be in.'),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: FIELD_ROWS.filter((f) => !f.requiredOnCreate)
				.sort(byLabel)
				.map(textProperty),
		},
	];
}

/** Reads and checks one item's new-user fields; profile and groups by list, ID or name. */
export async function readNewUser(
	fn: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
): Promise<NewUserInput> {
	const text: Partial<Record<FieldKey, string>> = {};
	for (const field of CREATE_ORDER) {
		const given = readItemParameter(fn, NEW_USER_FIELDS[field.key], itemIndex);
		if (given) text[field.key] = given;
	}
	const { email = '', firstName = '', lastName = '', userName: givenUserName } = text;
	const userName = givenUserName || `${firstName} ${lastName}`;
	const userNameMax = fieldOf('userName').maxLength;
	if (docuSignLength(userName) > userNameMax) {
		throw parameterError(
			fn,
			itemIndex,
			'Additional Fields > User Name',
			`would be ${echo(userName)}, over ${userNameMax} characters`,
			'Give a shorter User Name.',
		);
	}
	const permissionProfile = await directory.resolveProfile(
		fn,
		itemIndex,
		'Permission Profile Name or ID',
		readItemParameter(fn, PARAMETERS.permissionProfile, itemIndex),
	);
	const groups = await directory.resolveGroups(
		fn,
		itemIndex,
		'Group Names or IDs',
		readItemParameter(fn, PARAMETERS.groups, itemIndex),
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

/** Every item's new-user fields, checked, as planned creates; an email repeated within the run fails the later item. */
export async function readNewUsers(
	fn: IExecuteFunctions,
	results: Results,
	directory: Directory,
): Promise<PlannedCreate[]> {
	const read = await results.each((i) => readNewUser(fn, i, directory));
	const planned = read.map(
		({ itemIndex, value }): PlannedCreate => ({
			kind: 'create',
			itemIndex,
			action: 'create',
			input: value,
		}),
	);
	return rejectRepeats(
		fn,
		results,
		planned,
		(c) => c.input.email,
		'Email',
		(c, first) => `${echo(c.input.email)} is the same as in item ${first}`,
	);
}
