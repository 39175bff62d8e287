import type { INodeProperties } from 'n8n-workflow';
import { entryFor } from '../parameters/spec';

import { editorEntry, PARAMETERS, TOOL_LIMIT } from './parameters';

const GUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The account every operation, dropdown and list search works in; empty = the credential's account. Read per run. */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	placeholder: "Credential's Account",
	description:
		"The DocuSign account to work in. Empty: the credential's Account ID, or the connected user's default account. One value per run.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an account…',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2f8a5d1c-6b3e-4a7f-9c0d-1e2f3a4b5c6d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*(${GUID_REGEX})?\\s*$`,
						errorMessage: 'Not an API Account ID (a GUID)',
					},
				},
			],
		},
	],
};

export function userLocator(displayName: string): INodeProperties {
	return {
		displayName,
		name: 'user',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The DocuSign user: its ID (a GUID such as 4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6) in By ID, or its email address in By Email',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user…',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${GUID_REGEX}\\s*$`,
							errorMessage: 'Not a DocuSign user ID (a GUID)',
						},
					},
				],
			},
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
			},
		],
	};
}

/** A group picker; membership changes list only custom groups (DocuSign manages the built-in ones). */
export function groupLocator(which: 'any' | 'custom'): INodeProperties {
	return {
		displayName: 'Group',
		name: 'group',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			which === 'custom'
				? 'A custom group: its ID (digits, e.g. 8412567) in By ID, or its name (case-insensitive, e.g. Sales) in By Name. Everyone and Administrators are managed by DocuSign and cannot be changed.'
				: 'The group: its ID (digits, e.g. 8412567) in By ID, or its name (case-insensitive, e.g. Sales) in By Name',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: which === 'custom' ? 'Select a custom group…' : 'Select a group…',
				typeOptions: {
					searchListMethod: which === 'custom' ? 'searchCustomGroups' : 'searchGroups',
					searchable: true,
				},
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 8412567' },
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Sales' },
		],
	};
}

export function groupsField(description: string): INodeProperties {
	return {
		displayName: 'Group Names or IDs',
		name: 'groups',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomGroups' },
		// Names are valid values: without this n8n's editor flags a mapped name as "not supported".
		allowArbitraryValues: true,
		default: [],
		// A description, not a hint: n8n hides hints while the field is an expression, exactly when names apply.
		description: `${description} Only custom groups; Everyone and Administrators are managed by DocuSign. In an expression, group names work too (case-insensitive), e.g. "Sales, Legal" or {{ ["Sales"] }}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}

export const simplifyField: INodeProperties = entryFor(PARAMETERS.simplify, {
	type: 'boolean',
	description: 'Whether to return a simplified version of the response instead of the raw data',
});

export const returnAllField: INodeProperties = entryFor(PARAMETERS.returnAll, {
	type: 'boolean',
	description: 'Whether to return all results or only up to a given limit',
});

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false], '@tool': [false] } },
};

export const toolLimitField: INodeProperties = {
	...limitField,
	default: TOOL_LIMIT,
	description:
		'Max number of results to return to the agent; keep it small, every result costs the model tokens',
	displayOptions: { show: { returnAll: [false], '@tool': [true] } },
};

export const dryRunOption: INodeProperties = entryFor(PARAMETERS.dryRun, {
	type: 'boolean',
	description: 'Whether to only return the planned changes without writing anything to DocuSign',
});

export const batchSizeOption = editorEntry(PARAMETERS.batchSize);
export const maxWaitOption = editorEntry(PARAMETERS.maxWaitSeconds);
export const timeoutOption = editorEntry(PARAMETERS.timeoutSeconds);
export const directoryCacheOption = editorEntry(PARAMETERS.directoryCacheSeconds);

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/**
 * What the write does (Dry Run and the operation's own options) in Options; how it talks to
 * DocuSign (Batch Size, Max Rate-Limit Wait, Timeout) in Request Settings. Both sorted.
 */
export function writeOptionsFor(extra: INodeProperties[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [...extra, dryRunOption].sort(byDisplayName),
		},
		{
			displayName: 'Request Settings',
			name: 'requestSettings',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			options: [batchSizeOption, directoryCacheOption, maxWaitOption, timeoutOption],
		},
	];
}

/** Request Settings of a read: how long it may wait for rate limits, and for one answer. */
export const readSettings: INodeProperties = {
	displayName: 'Request Settings',
	name: 'requestSettings',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [maxWaitOption, timeoutOption],
};
