import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';

import { userLocator, writeOptionsFor } from '../common.descriptions';
import { PARAMETERS, userRefSpec } from '../parameters';
import type { Run } from '../../users/run';
import { membershipsOf } from '../../users/lookup';
import type { PlannedWrite } from '../../users/writes';
import { planClose, runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

const USER = userRefSpec('User to Close');

const properties: INodeProperties[] = [
	userLocator(USER),
	...writeOptionsFor([
		entryFor(PARAMETERS.removeFromGroups, {
			type: 'boolean',
			description:
				'Whether to also take the user out of every custom group, so that a later Reactivate starts without groups. Read for each item.',
		}),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['suspend'] } },
	properties,
);

export const reads = {
	item: {
		user: USER,
		removeFromGroups: PARAMETERS.removeFromGroups,
	},
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { directory, results } = run;
	// Memberships only where Remove From Groups is on (an item whose record did not read fails before the look-up).
	const needs = read.items.map((r) => ('value' in r && r.value.removeFromGroups ? 'all' : []));
	const targets = await loadTargets(
		run,
		read,
		USER.label,
		undefined,
		membershipsOf(directory, needs),
	);
	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		try {
			const { removeFromGroups } = read.item(itemIndex);
			plan.push(await planClose(directory, itemIndex, 'suspend', user, removeFromGroups));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(run, plan);
}
