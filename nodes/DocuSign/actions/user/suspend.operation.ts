import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { entryFor } from '../../parameters/spec';

import { userLocator, writeOptionsFor } from '../common.descriptions';
import { attempt, PARAMETERS, readItemParameter, take } from '../parameters';
import type { Run } from '../../users/run';
import { membershipsOf } from '../../users/lookup';
import type { PlannedWrite } from '../../users/writes';
import { planClose, runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

const properties: INodeProperties[] = [
	userLocator('User to Close'),
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

export async function execute(run: Run): Promise<void> {
	const { n8n, directory, results } = run;
	// Each item's Remove From Groups, read once: the look-up needs it, and so does the plan.
	const removeOf = new Map(
		results
			.pending()
			.map((i) => [i, attempt(() => readItemParameter(n8n, PARAMETERS.removeFromGroups, i))]),
	);
	// Memberships only where Remove From Groups is on (or unreadable: the item fails later, with its error).
	const needs = [...removeOf.values()].map((r) => ('value' in r && !r.value ? [] : 'all'));
	const targets = await loadTargets(
		run,
		'User to Close',
		undefined,
		membershipsOf(directory, needs),
	);
	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		try {
			const removeFromGroups = take(removeOf.get(itemIndex)!);
			plan.push(await planClose(directory, itemIndex, 'suspend', user, removeFromGroups));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(run, plan);
}
