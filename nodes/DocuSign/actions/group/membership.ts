import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Group } from '../../helpers/interfaces';
import { groupLocator, userLocator, writeOptionsFor } from '../common.descriptions';
import type { OperationContext } from '../types';
import { applyUserWrites } from '../user/apply';
import { loadTargets, readWriteSettings, writeOutput } from '../user/common';

export function membershipProperties(verb: 'Add' | 'Remove'): INodeProperties[] {
	return [
		{ ...groupLocator, description: 'A custom group; DocuSign manages Everyone and Administrators itself' },
		userLocator(verb === 'Add' ? 'User to Add' : 'User to Remove'),
		writeOptionsFor(),
	];
}

/**
 * One user and one group per item; the writes go out as one PUT or DELETE per group per batch.
 * Members already in (or already out of) the group cost no request.
 */
export async function changeMembership(fn: IExecuteFunctions, { session, directory, results }: OperationContext, mode: 'add' | 'remove'): Promise<void> {
	const { batchSize, dryRun } = readWriteSettings(fn);
	const groups = new Map<number, Group>();
	await results.each(async (i) => groups.set(i, await directory.resolveGroup(fn, i, 'Group', fn.getNodeParameter('group', i, '', { extractValue: true }), false)));
	const targets = await loadTargets(fn, session, results, mode === 'add' ? 'User to Add' : 'User to Remove');
	const plans = targets
		.filter((t) => !results.failed(t.itemIndex))
		.map((target) => {
			const group = groups.get(target.itemIndex)!;
			const member = target.user.groups.some((g) => g.id === group.id);
			const needed = mode === 'add' ? !member : member;
			return { ...target, group, needed };
		});
	if (!dryRun) {
		const writes = plans
			.filter((p) => p.needed)
			.map((p) => ({ itemIndex: p.itemIndex, userId: p.user.id, [mode === 'add' ? 'addGroups' : 'removeGroups']: [p.group] }));
		await applyUserWrites(fn, session, results, writes, batchSize);
	}
	for (const { itemIndex, user, group, needed } of plans) {
		if (results.failed(itemIndex)) continue;
		const groupsAfter = mode === 'add'
			? needed ? [...user.groups, { id: group.id, name: group.name }] : user.groups
			: user.groups.filter((g) => g.id !== group.id);
		const changes = needed ? { groups: { added: mode === 'add' ? [group.name] : [], removed: mode === 'remove' ? [group.name] : [] } } : {};
		results.ok(itemIndex, {
			...writeOutput({ ...user, groups: groupsAfter }, mode === 'add' ? 'addUsers' : 'removeUsers', changes, dryRun),
			group: { id: group.id, name: group.name },
		});
	}
}
