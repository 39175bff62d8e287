import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Group } from '../../users/model';
import { groupLocator, userLocator, writeOptionsFor } from '../common.descriptions';
import { PARAMETERS, readItemParameter, readWriteSettings } from '../parameters';
import { membershipsOf } from '../../users/lookup';
import type { OperationContext } from '../types';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

export function membershipProperties(verb: 'Add' | 'Remove'): INodeProperties[] {
	return [
		groupLocator('custom'),
		userLocator(verb === 'Add' ? 'User to Add' : 'User to Remove'),
		...writeOptionsFor(),
	];
}

/**
 * Plans one user and one group per item (a user may appear once per group); the engine sends
 * them as one PUT or DELETE per group per batch. Members already in (or already out of) the
 * group cost no request.
 */
export async function changeMembership(
	fn: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
	mode: 'add' | 'remove',
): Promise<void> {
	const settings = readWriteSettings(fn);
	const groups = new Map<number, Group>();
	await results.each(async (i) =>
		groups.set(
			i,
			await directory.resolveGroup(
				fn,
				i,
				'Group',
				readItemParameter(fn, PARAMETERS.group, i),
				false,
			),
		),
	);
	const targets = await loadTargets(
		fn,
		session,
		results,
		mode === 'add' ? 'User to Add' : 'User to Remove',
		(i) => groups.get(i)?.id ?? '',
		membershipsOf(directory, [[...groups.values()]]),
	);
	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		const group = groups.get(itemIndex);
		if (!group) continue;
		const member = user.groups.some((g) => g.id === group.id);
		const needed = mode === 'add' ? !member : member;
		const groupsAfter =
			mode === 'add'
				? needed
					? [...user.groups, { id: group.id, name: group.name }]
					: user.groups
				: user.groups.filter((g) => g.id !== group.id);
		const changes = needed
			? {
					groups: {
						added: mode === 'add' ? [group.name] : [],
						removed: mode === 'remove' ? [group.name] : [],
					},
				}
			: {};
		plan.push({
			kind: 'change',
			itemIndex,
			action: mode === 'add' ? 'addUsers' : 'removeUsers',
			user,
			...(needed ? { [mode === 'add' ? 'addGroups' : 'removeGroups']: [group] } : {}),
			changes,
			after: { ...user, groups: groupsAfter },
			extraOutput: () => ({ group: { id: group.id, name: group.name } }),
		});
	}
	await runWrites(fn, session, results, plan, settings);
}
