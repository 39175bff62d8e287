import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	groupLocator,
	limitField,
	readSettings,
	returnAllField,
	toolLimitField,
} from '../common.descriptions';
import type { OperationContext } from '../types';
import { PARAMETERS, readItemParameter, readLimit } from '../parameters';
import { listUsersOrNone } from '../../users/lookup';
import { EVERY_USER_STATUS } from '../../users/status';
import { shapeUsers, userOutputProperties } from '../user/output';

const properties: INodeProperties[] = [
	groupLocator('any'),
	returnAllField,
	limitField,
	toolLimitField,
	...userOutputProperties,
	readSettings,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMembers'] } },
	properties,
);

/**
 * The group's members as full users, the same shape as User > Get Many: read from the user list
 * filtered by the group (DocuSign's /groups/{id}/users carries only ID, name, email and status).
 */
export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	for (const itemIndex of results.pending()) {
		await results.run(itemIndex, async () => {
			const locator = readItemParameter(this, PARAMETERS.group, itemIndex);
			const group = await directory.resolveGroup(this, itemIndex, 'Group', locator, true);
			const limit = readLimit(this, itemIndex);
			const members = await listUsersOrNone(this, session, {
				path: '/users',
				key: 'users',
				qs: { group_id: group.id, status: EVERY_USER_STATUS, additional_info: 'true' },
				limit,
				what: `list the members of the group ${group.name}`,
				itemIndex,
			});
			return shapeUsers(this, itemIndex, members, session.account.accountId, {
				group: { id: group.id, name: group.name },
			});
		});
	}
}
