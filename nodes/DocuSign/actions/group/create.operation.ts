import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { writeOptionsFor } from '../common.descriptions';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedGroupWrite } from '../../users/writes';
import { runGroupWrites } from '../../users/writes';
import type { ReadingsOf } from '../../parameters/spec';
import { groupNameField, groupNamed, groupNameSpec, planEachGroup } from './groupName';
import { echo } from '../../users/validate';

const NAME = groupNameSpec('Group Name');

const properties: INodeProperties[] = [
	groupNameField(
		NAME,
		'The name of the new custom group. A group of that name (case-insensitive) that already exists is reported with action "exists" and left as it is.',
	),
	...writeOptionsFor(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

/** Idempotent: names the account already has are `exists`; the others are created in one request per batch. */
export const reads = { item: { name: NAME } };

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, directory, results } = run;
	const unique = await planEachGroup(
		run,
		(itemIndex) => ({ itemIndex, value: read.item(itemIndex).name }),
		NAME.label,
		(n) => n.value,
		(n, first) => `${echo(n.value)} is the same as in item ${first}`,
	);
	if (!unique.length) return;
	const groups = await directory.rereadGroups();
	const plan: PlannedGroupWrite[] = [];
	for (const { itemIndex, value: name } of unique) {
		const existing = groupNamed(groups, name);
		if (existing?.builtIn) {
			results.fail(
				itemIndex,
				parameterError(
					n8n,
					itemIndex,
					NAME.label,
					`is the name of the built-in group "${existing.name}"`,
					'Give the custom group another name.',
				),
			);
		} else if (existing) {
			plan.push({ itemIndex, action: 'create', group: existing, outcome: 'exists', changes: {} });
		} else {
			plan.push({
				itemIndex,
				action: 'create',
				name,
				changes: { name: { before: null, after: name } },
			});
		}
	}
	await runGroupWrites(run, plan);
}
