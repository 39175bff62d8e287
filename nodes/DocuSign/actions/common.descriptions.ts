import type { INodeProperties } from 'n8n-workflow';

import { GUID_REGEX } from '../parameters/account';
import { collection } from '../parameters/editor';
import type { ParameterSpec } from '../parameters/spec';
import type { UserRef } from '../users/lookup';
import { entryFor } from '../parameters/spec';
import { editorEntry, PARAMETERS } from './parameters';

/** The user locator's editor entry, named as its operation's spec names it (see userRefSpec). */
export function userLocator(user: ParameterSpec<UserRef>): INodeProperties {
	return entryFor(user, {
		type: 'resourceLocator',
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
	});
}

/** A group picker; membership changes list only custom groups (DocuSign manages the built-in ones). */
export function groupLocator(which: 'any' | 'custom'): INodeProperties {
	return entryFor(PARAMETERS.group, {
		type: 'resourceLocator',
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
	});
}

/** A custom-group picker; Sync Roster's Scope Group Names or IDs passes its own spec. */
export function groupsField(
	description: string,
	parameter: ParameterSpec<unknown> = PARAMETERS.groups,
): INodeProperties {
	return entryFor(parameter, {
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomGroups' },
		// Names are valid values: without this n8n's editor flags a mapped name as "not supported".
		allowArbitraryValues: true,
		// A description, not a hint: n8n hides hints while the field is an expression, exactly when names apply.
		description: `${description} Only custom groups; Everyone and Administrators are managed by DocuSign. In an expression, group names work too (case-insensitive), e.g. "Sales, Legal" or {{ ["Sales"] }}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	});
}

export const simplifyField: INodeProperties = entryFor(PARAMETERS.simplify, {
	type: 'boolean',
	description: 'Whether to return a simplified version of the response instead of the raw data',
});

export const returnAllField: INodeProperties = entryFor(PARAMETERS.returnAll, {
	type: 'boolean',
	description: 'Whether to return all results or only up to a given limit',
});

export const limitField: INodeProperties = entryFor(PARAMETERS.limit, {
	type: 'number',
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false], '@tool': [false] } },
});

export const toolLimitField: INodeProperties = entryFor(
	PARAMETERS.limit,
	{
		type: 'number',
		description:
			'Max number of results to return to the agent; keep it small, every result costs the model tokens',
		displayOptions: { show: { returnAll: [false], '@tool': [true] } },
	},
	'tool',
);

const dryRunOption: INodeProperties = entryFor(PARAMETERS.dryRun, {
	type: 'boolean',
	description: 'Whether to only return the planned changes without writing anything to DocuSign',
});

const batchSizeOption = editorEntry(PARAMETERS.batchSize);
const maxWaitOption = editorEntry(PARAMETERS.maxWaitSeconds);
const timeoutOption = editorEntry(PARAMETERS.timeoutSeconds);
const directoryCacheOption = editorEntry(PARAMETERS.directoryCacheSeconds);

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/**
 * What the write does (Dry Run and the operation's own options) in Options; how it talks to
 * DocuSign (Batch Size, Max Rate-Limit Wait, Timeout) in Request Settings. Both sorted.
 */
export function writeOptionsFor(extra: INodeProperties[] = []): INodeProperties[] {
	return [
		collection('options', 'Options', 'Add Option', [...extra, dryRunOption].sort(byDisplayName)),
		collection('requestSettings', 'Request Settings', 'Add Setting', [
			batchSizeOption,
			directoryCacheOption,
			maxWaitOption,
			timeoutOption,
		]),
	];
}

/** Request Settings of a read: how long it may wait for rate limits, and for one answer. */
export const readSettings: INodeProperties = collection(
	'requestSettings',
	'Request Settings',
	'Add Setting',
	[maxWaitOption, timeoutOption],
);
