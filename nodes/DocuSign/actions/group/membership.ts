import type { INodeProperties } from 'n8n-workflow';

import type { Group } from '../../users/model';
import { groupLocator, userLocator, writeOptionsFor } from '../common.descriptions';
import type { ReadingsOf } from '../../parameters/spec';
import { PARAMETERS, userRefSpec } from '../parameters';
import { membershipsOf } from '../../users/lookup';
import type { Run } from '../../users/run';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

/** The user locator of Add Users and Remove Users, by operation. */
const USER = { add: userRefSpec('User to Add'), remove: userRefSpec('User to Remove') };

export function membershipProperties(mode: 'add' | 'remove'): INodeProperties[] {
	return [groupLocator('custom'), userLocator(USER[mode]), ...writeOptionsFor()];
}

/** What Add Users and Remove Users read of each item: the group, then the user. */
export function membershipReads(mode: 'add' | 'remove') {
	return {
		item: { group: PARAMETERS.group, user: USER[mode] },
	};
}

type MembershipReadings = ReadingsOf<ReturnType<typeof membershipReads>>;

/**
 * Plans one user and one group per item (a user may appear once per group); the engine sends
 * them as one PUT or DELETE per group per batch. Members already in (or already out of) the
 * group cost no request.
 */
export async function changeMembership(
	run: Run,
	read: MembershipReadings,
	mode: 'add' | 'remove',
): Promise<void> {
	const { n8n, directory, results } = run;
	const groups = new Map<number, Group>();
	for (const i of results.open()) {
		try {
			groups.set(i, await directory.resolveGroup(n8n, i, 'Group', read.item(i).group, false));
		} catch (error) {
			results.fail(i, error);
		}
	}
	const targets = await loadTargets(
		run,
		read,
		USER[mode].label,
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
	await runWrites(run, plan);
}
