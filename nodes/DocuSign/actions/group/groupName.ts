import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Group } from '../../users/model';
import { checkName } from '../../users/validate';
import { findByIdOrName } from '../../users/directory';
import { parameterError } from '../../users/results';
import type { ParameterSpec } from '../../parameters/spec';
import { entryFor, spec } from '../../parameters/spec';
import { PARAMETERS } from '../parameters';

/**
 * UNVERIFIED: DocuSign documents no length limit for a group name; 100 characters is this node's
 * ceiling so that a runaway expression fails here, with the item, instead of in DocuSign.
 */
const GROUP_NAME_MAX_LENGTH = 100;

export function groupNameField(displayName: string, description: string): INodeProperties {
	return entryFor(PARAMETERS.groupName, {
		displayName,
		type: 'string',
		required: true,
		placeholder: 'e.g. Contract Managers',
		description,
	});
}

/** A group name as the operation labels it, checked: present, one line, at most GROUP_NAME_MAX_LENGTH characters. */
export function groupNameSpec(label: string): ParameterSpec<string> {
	return spec({
		...PARAMETERS.groupName,
		label,
		check: (value) => checkName(value, GROUP_NAME_MAX_LENGTH, true),
	});
}

/** The group (built-in included) whose name is `name`, compared as DocuSign's users read names: case-insensitively. */
export function groupNamed(groups: Group[], name: string): Group | undefined {
	const wanted = name.trim().toLowerCase();
	return groups.find((g) => g.name.trim().toLowerCase() === wanted);
}

/** The group a locator names, by ID or name, in a list read this run; undefined when none has it. */
export function groupByLocator(groups: Group[], value: string): Group | undefined {
	return findByIdOrName(groups, value);
}

export function builtInGroupError(
	n8n: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	group: Group,
) {
	return parameterError(
		n8n,
		itemIndex,
		parameter,
		`is the built-in group "${group.name}", which DocuSign does not let anyone rename or delete`,
		'Everyone and Administrators belong to every account. Choose a custom group.',
	);
}
