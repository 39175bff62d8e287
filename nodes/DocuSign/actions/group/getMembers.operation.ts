import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequestAllItems } from '../../transport';
import { groupLocator, limitField, returnAllField } from '../common.descriptions';
import type { OperationContext } from '../types';
import { readLimit } from '../parameters';

const properties: INodeProperties[] = [groupLocator, returnAllField, limitField];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['getMembers'] } }, properties);

export async function execute(this: IExecuteFunctions, { session, directory, results }: OperationContext): Promise<void> {
	for (const itemIndex of results.pending()) {
		await results.run(itemIndex, async () => {
			const locator = this.getNodeParameter('group', itemIndex, '', { extractValue: true });
			const group = await directory.resolveGroup(this, itemIndex, 'Group', locator, true);
			const limit = readLimit(this, itemIndex);
			const members = await apiRequestAllItems.call(this, session, {
				path: `/groups/${encodeURIComponent(group.id)}/users`,
				key: 'users',
				limit,
				what: `list the members of the group ${group.name}`,
				itemIndex,
			});
			return members.map((m: IDataObject) => ({
				id: String(m.userId ?? ''),
				userName: String(m.userName ?? ''),
				email: String(m.email ?? ''),
				status: String(m.userStatus ?? ''),
				group: { id: group.id, name: group.name },
			}));
		});
	}
}
