import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Run } from '../../users/run';
import { rejectRepeats } from '../targets';

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

/** The group name's editor entry, labelled as its operation's spec labels it (see groupNameSpec). */
export function groupNameField(name: ParameterSpec<string>, description: string): INodeProperties {
	return entryFor(name, {
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

/**
 * Each open item's plan (an item whose planning throws fails with that error), then one per group:
 * an item naming a group an earlier item named (`keyOf`) fails, naming `parameter`.
 */
export async function planEachGroup<T extends { itemIndex: number }>(
	{ n8n, results }: Run,
	planOne: (itemIndex: number) => T | Promise<T>,
	parameter: string,
	keyOf: (planned: T) => string,
	describe: (planned: T, firstItem: number) => string,
): Promise<T[]> {
	const planned: T[] = [];
	for (const itemIndex of results.open()) {
		try {
			planned.push(await planOne(itemIndex));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	return rejectRepeats(n8n, results, planned, keyOf, parameter, describe);
}
