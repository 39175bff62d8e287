import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	groupLocator,
	limitField,
	readSettings,
	returnAllField,
	toolLimitField,
} from '../common.descriptions';
import type { Run } from '../../users/run';
import type { ReadingsOf } from '../../parameters/spec';
import { LIMIT_READS, PARAMETERS } from '../parameters';
import { listUsersOrNone } from '../../users/lookup';
import { EVERY_USER_STATUS } from '../../users/model';
import { OUTPUT_READS, shapeUsers, userOutputProperties } from '../user/output';

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
export const reads = {
	item: { group: PARAMETERS.group, ...LIMIT_READS, ...OUTPUT_READS },
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, directory, results } = run;
	for (const itemIndex of results.open()) {
		const output = async (): Promise<IDataObject[]> => {
			const values = read.item(itemIndex);
			const { limit } = values;
			const group = await directory.resolveGroup(n8n, itemIndex, 'Group', values.group, true);
			const members = await listUsersOrNone(run, {
				path: '/users',
				key: 'users',
				qs: { group_id: group.id, status: EVERY_USER_STATUS, additional_info: 'true' },
				limit,
				what: `list the members of the group ${group.name}`,
				itemIndex,
			});
			return shapeUsers(n8n, itemIndex, members, session.account.accountId, values, {
				group: { id: group.id, name: group.name },
			});
		};
		await results.settle(itemIndex, output());
	}
}
