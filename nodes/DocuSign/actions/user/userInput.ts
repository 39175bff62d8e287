import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DesiredUser, GroupMode } from '../../users/diff';
import type { NewUserInput } from '../../users/model';

export type { NewUserInput };
import {
	checkEmail,
	checkName,
	codePointLength,
	COMPANY_MAX_LENGTH,
	JOB_TITLE_MAX_LENGTH,
	NAME_MAX_LENGTH,
	USER_NAME_MAX_LENGTH,
} from '../../users/validate';
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
	default: '',
	// A description, not a hint: n8n hides hints while the field is an expression, exactly when names apply.
	description:
		'In an expression, the profile name works too (case-insensitive), e.g. "DocuSign Sender" or the HR role field; an ID is digits, e.g. 1665537. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** Fields shared by Create and Create or Update. */
export function newUserProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. nathan@example.com',
			default: '',
			required: true,
			description: "The user's email; DocuSign sends the activation email here",
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			placeholder: 'e.g. Nathan',
			default: '',
			required: true,
			description: 'At most 50 characters, no line breaks',
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			placeholder: 'e.g. Smith',
			default: '',
			required: true,
			description: 'At most 50 characters, no line breaks',
		},
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
			options: [
				{ displayName: 'Company', name: 'company', type: 'string', default: '' },
				{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
				{
					displayName: 'User Name',
					name: 'userName',
					type: 'string',
					default: '',
					description: 'The name DocuSign shows; defaults to first and last name',
				},
			],
		},
	];
}

function checked<T>(
	fn: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	result: { value: T } | { problem: string; hint: string },
): T {
	if ('problem' in result)
		throw parameterError(fn, itemIndex, parameter, result.problem, result.hint);
	return result.value;
}

/** Reads and checks one item's new-user fields; profile and groups by list, ID or name. */
export async function readNewUser(
	fn: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
): Promise<NewUserInput> {
	const email = checked(
		fn,
		itemIndex,
		'Email',
		checkEmail(fn.getNodeParameter('email', itemIndex)),
	);
	const firstName = checked(
		fn,
		itemIndex,
		'First Name',
		checkName(fn.getNodeParameter('firstName', itemIndex), NAME_MAX_LENGTH, true),
	);
	const lastName = checked(
		fn,
		itemIndex,
		'Last Name',
		checkName(fn.getNodeParameter('lastName', itemIndex), NAME_MAX_LENGTH, true),
	);
	const extra = fn.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const givenUserName = checked(
		fn,
		itemIndex,
		'Additional Fields > User Name',
		checkName(extra.userName, USER_NAME_MAX_LENGTH, false),
	);
	const company = checked(
		fn,
		itemIndex,
		'Additional Fields > Company',
		checkName(extra.company, COMPANY_MAX_LENGTH, false),
	);
	const jobTitle = checked(
		fn,
		itemIndex,
		'Additional Fields > Job Title',
		checkName(extra.jobTitle, JOB_TITLE_MAX_LENGTH, false),
	);
	const userName = givenUserName || `${firstName} ${lastName}`;
	if (codePointLength(userName) > USER_NAME_MAX_LENGTH) {
		throw parameterError(
			fn,
			itemIndex,
			'Additional Fields > User Name',
			`would be "${userName}", over ${USER_NAME_MAX_LENGTH} characters`,
			'Give a shorter User Name.',
		);
	}
	const permissionProfile = await directory.resolveProfile(
		fn,
		itemIndex,
		'Permission Profile Name or ID',
		fn.getNodeParameter('permissionProfile', itemIndex, ''),
	);
	const groups = await directory.resolveGroups(
		fn,
		itemIndex,
		'Group Names or IDs',
		fn.getNodeParameter('groups', itemIndex, []),
	);
	return {
		email,
		firstName,
		lastName,
		userName,
		userNameGiven: !!givenUserName,
		company: company || undefined,
		jobTitle: jobTitle || undefined,
		permissionProfile,
		groups,
	};
}

/** The state Create or Update brings an existing user to. */
export function desiredFrom(input: NewUserInput, groupMode: GroupMode): DesiredUser {
	return {
		firstName: input.firstName,
		lastName: input.lastName,
		userName: input.userNameGiven ? input.userName : undefined,
		company: input.company,
		jobTitle: input.jobTitle,
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
		(c, first) => `"${c.input.email}" is the same as in item ${first}`,
	);
}
