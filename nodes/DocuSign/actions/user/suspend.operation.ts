import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userLocator, writeOptionsFor } from '../common.descriptions';
import { attempt, PARAMETERS, readItemParameter, readWriteSettings, take } from '../parameters';
import type { OperationContext } from '../types';
import { membershipsOf } from '../../users/lookup';
import type { PlannedWrite } from '../../users/writes';
import { planClose, runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

const properties: INodeProperties[] = [
	userLocator('User to Close'),
	...writeOptionsFor([
		{
			displayName: 'Remove From Groups',
			name: 'removeFromGroups',
			type: 'boolean',
			default: false,
			description:
				'Whether to also take the user out of every custom group, so that a later Reactivate starts without groups. Read for each item.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['suspend'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	const settings = readWriteSettings(this);
	// Each item's Remove From Groups, read once: the look-up needs it, and so does the plan.
	const removeOf = new Map(
		results
			.pending()
			.map((i) => [i, attempt(() => readItemParameter(this, PARAMETERS.removeFromGroups, i))]),
	);
	// Memberships only where Remove From Groups is on (or unreadable: the item fails later, with its error).
	const needs = [...removeOf.values()].map((r) => ('value' in r && !r.value ? [] : 'all'));
	const targets = await loadTargets(
		this,
		session,
		results,
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
	await runWrites(this, session, results, plan, settings);
}
