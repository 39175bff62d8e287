import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';

import type { Group } from '../../users/model';
import type { Session } from '../../transport';
import { apiRequest } from '../../transport';
import { groupLocator, writeOptionsFor } from '../common.descriptions';
import { PARAMETERS } from '../parameters';
import { apiErrorFor } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedGroupWrite } from '../../users/writes';
import { runGroupWrites } from '../../users/writes';
import { builtInGroupError, groupByLocator, planEachGroup } from './groupName';

const properties: INodeProperties[] = [
	groupLocator('custom'),
	...writeOptionsFor([
		entryFor(PARAMETERS.deleteWithMembers, {
			type: 'boolean',
			description:
				'Whether to delete a group that still has members (they lose that membership, nothing else). When off, such an item fails and nothing is deleted. Read for each item.',
		}),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['delete'] } },
	properties,
);

/** Whether the group has a member now: the first entry of its member list, not a count DocuSign claims. */
async function hasMembers(
	n8n: IExecuteFunctions,
	session: Session,
	group: Group,
): Promise<boolean> {
	const page = await apiRequest.call(n8n, session, {
		method: 'GET',
		path: `/groups/${encodeURIComponent(group.id)}/users`,
		qs: { count: 1 },
		idempotent: true,
		what: `list the members of the group ${group.name}`,
	});
	return Array.isArray(page.users) && page.users.length > 0;
}

/**
 * Deletes custom groups. A group that is already gone is reported unchanged (so a re-run is safe);
 * a group with members is refused unless Delete Even With Members is on.
 */
export const reads = {
	item: { withMembers: PARAMETERS.deleteWithMembers, group: PARAMETERS.group },
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, directory } = run;
	const groups = await directory.rereadGroups();
	const planOne = async (itemIndex: number): Promise<PlannedGroupWrite> => {
		const { withMembers, group: locator } = read.item(itemIndex);
		const group = groupByLocator(groups, locator);
		if (!group) return { itemIndex, action: 'delete', name: String(locator), changes: {} };
		if (group.builtIn) throw builtInGroupError(n8n, itemIndex, 'Group', group);
		if (!withMembers && (await hasMembers(n8n, session, group)))
			throw apiErrorFor(
				n8n,
				itemIndex,
				`The group ${group.name} (ID ${group.id}) still has members`,
				'Nothing was deleted. Remove its members first (Group > Get Members, then Remove Users), or turn on Options > Delete Even With Members.',
			);
		return {
			itemIndex,
			action: 'delete',
			group,
			changes: { deleted: { before: group.name, after: null } },
		};
	};
	const plan = await planEachGroup(
		run,
		planOne,
		'Group',
		(w) => w.group?.id ?? `name:${w.name}`,
		(w, first) => `names the same group as item ${first} (${w.group?.name ?? w.name})`,
	);
	await runGroupWrites(run, plan);
}
