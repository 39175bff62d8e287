import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Group } from '../../users/model';
import type { Session } from '../../transport';
import { apiRequest } from '../../transport';
import { groupLocator, writeOptionsFor } from '../common.descriptions';
import { PARAMETERS, readItemParameter, readWriteSettings } from '../parameters';
import { apiErrorFor } from '../../users/results';
import type { OperationContext } from '../types';
import type { PlannedGroupWrite } from '../../users/writes';
import { runGroupWrites } from '../../users/writes';
import { rejectRepeats } from '../targets';
import { builtInGroupError, groupByLocator } from './groupName';

const properties: INodeProperties[] = [
	groupLocator('custom'),
	...writeOptionsFor([
		{
			displayName: 'Delete Even With Members',
			name: 'deleteWithMembers',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete a group that still has members (they lose that membership, nothing else). When off, such an item fails and nothing is deleted. Read for each item.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['delete'] } },
	properties,
);

/** Whether the group has a member now: the first entry of its member list, not a count DocuSign claims. */
async function hasMembers(fn: IExecuteFunctions, session: Session, group: Group): Promise<boolean> {
	const page = await apiRequest.call(fn, session, {
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
export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	const settings = readWriteSettings(this);
	const groups = await directory.rereadGroups();
	const planned = await results.each(async (itemIndex): Promise<PlannedGroupWrite> => {
		const withMembers = readItemParameter(this, PARAMETERS.deleteWithMembers, itemIndex);
		const locator = readItemParameter(this, PARAMETERS.group, itemIndex);
		const group = groupByLocator(groups, locator);
		if (!group) return { itemIndex, action: 'delete', name: String(locator), changes: {} };
		if (group.builtIn) throw builtInGroupError(this, itemIndex, 'Group', group);
		if (!withMembers && (await hasMembers(this, session, group)))
			throw apiErrorFor(
				this,
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
	});
	const plan = rejectRepeats(
		this,
		results,
		planned.map((p) => p.value),
		(w) => w.group?.id ?? `name:${w.name}`,
		'Group',
		(w, first) => `names the same group as item ${first} (${w.group?.name ?? w.name})`,
	);
	await runGroupWrites(this, session, results, directory, plan, settings);
}
