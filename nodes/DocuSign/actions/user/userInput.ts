import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DesiredUser, GroupMode } from '../../users/diff';
import type { NewUserInput } from '../../users/model';

export type { NewUserInput };
import type { FieldKey, UserField } from '../../users/fields';
import { fieldOf, FIELD_ROWS, UPDATABLE_FIELDS } from '../../users/fields';
import { docuSignLength, echo } from '../../users/validate';
import { NEW_USER_FIELDS, PARAMETERS, readItemParameter } from '../parameters';
import { groupsField } from '../common.descriptions';
import { collection } from '../../parameters/editor';
import type { ParameterSpec } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';
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
export function textProperty(field: UserField, parameter: ParameterSpec<string>): INodeProperties {
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

/** Reads and checks one item's new-user fields; profile and groups by list, ID or name. */
export async function readNewUser(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
): Promise<NewUserInput> {
	const text: Partial<Record<FieldKey, string>> = {};
	for (const field of CREATE_ORDER) {
		const given = readItemParameter(n8n, NEW_USER_FIELDS[field.key], itemIndex);
		if (given) text[field.key] = given;
	}
	const { email = '', firstName = '', lastName = '', userName: givenUserName } = text;
	const userName = givenUserName || `${firstName} ${lastName}`;
	const userNameMax = fieldOf('userName').maxLength;
	if (docuSignLength(userName) > userNameMax) {
		throw parameterError(
			n8n,
			itemIndex,
			'Additional Fields > User Name',
			`would be ${echo(userName)}, over ${userNameMax} characters`,
			'Give a shorter User Name.',
		);
	}
	const permissionProfile = await directory.resolveProfile(
		n8n,
		itemIndex,
		'Permission Profile Name or ID',
		readItemParameter(n8n, PARAMETERS.permissionProfile, itemIndex),
	);
	const groups = await directory.resolveGroups(
		n8n,
		itemIndex,
		'Group Names or IDs',
		readItemParameter(n8n, PARAMETERS.groups, itemIndex),
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
	n8n: IExecuteFunctions,
	results: Results,
	directory: Directory,
): Promise<PlannedCreate[]> {
	const read = await results.each((i) => readNewUser(n8n, i, directory));
	const planned = read.map(
		({ itemIndex, value }): PlannedCreate => ({
			kind: 'create',
			itemIndex,
			action: 'create',
			input: value,
		}),
	);
	return rejectRepeats(
		n8n,
		results,
		planned,
		(c) => c.input.email,
		'Email',
		(c, first) => `${echo(c.input.email)} is the same as in item ${first}`,
	);
}
