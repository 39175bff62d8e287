import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupLocator, writeOptionsFor } from '../common.descriptions';
import type { ReadingsOf } from '../../parameters/spec';
import { PARAMETERS } from '../parameters';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedGroupWrite } from '../../users/writes';
import { runGroupWrites } from '../../users/writes';
import {
	builtInGroupError,
	groupByLocator,
	groupNameField,
	groupNamed,
	groupNameSpec,
	planEachGroup,
} from './groupName';
import { echo } from '../../users/validate';

const NEW_NAME = groupNameSpec('New Name');

const properties: INodeProperties[] = [
	groupLocator('custom'),
	groupNameField(
		NEW_NAME,
		'The name the group is to have. A group that already has it is left unchanged; a name another group has is an error.',
	),
	...writeOptionsFor(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['rename'] } },
	properties,
);

/**
 * Renames custom groups. Re-running is safe: a group given by its old name that is no longer listed,
 * while a custom group with the new name is, counts as already renamed.
 */
export const reads = { item: { name: NEW_NAME, group: PARAMETERS.group } };

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, directory } = run;
	const groups = await directory.rereadGroups();
	const planOne = (itemIndex: number): PlannedGroupWrite => {
		const { name, group: locator } = read.item(itemIndex);
		const target = groupNamed(groups, name);
		const group = groupByLocator(groups, locator) ?? (target?.builtIn ? undefined : target);
		if (!group)
			throw parameterError(
				n8n,
				itemIndex,
				'Group',
				`names no group of this account: ${echo(String(locator))}`,
				`Use one of: ${groups
					.filter((g) => !g.builtIn)
					.map((g) => g.name)
					.join(', ')}`,
			);
		if (group.builtIn) throw builtInGroupError(n8n, itemIndex, 'Group', group);
		if (target && target.id !== group.id)
			throw parameterError(
				n8n,
				itemIndex,
				NEW_NAME.label,
				`${echo(name)} is already the name of another group (ID ${target.id})`,
				'Choose a name no other group has, or delete the other group first.',
			);
		const changes = group.name === name ? {} : { name: { before: group.name, after: name } };
		return { itemIndex, action: 'rename', group, name, changes };
	};
	const plan = await planEachGroup(
		run,
		planOne,
		'Group',
		(w) => w.group!.id,
		(w, first) => `names the same group as item ${first} (${w.group!.name})`,
	);
	await runGroupWrites(run, plan);
}
