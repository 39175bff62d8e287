import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGroup } from '../../users/directory';
import { apiRequestAllItems } from '../../transport';
import { limitField, readSettings, returnAllField, toolLimitField } from '../common.descriptions';
import type { Run } from '../../users/run';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';
import { GROUP_TYPE_OPTIONS, LIMIT_READS, PARAMETERS } from '../parameters';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	toolLimitField,
	entryFor(PARAMETERS.filters, {
		type: 'collection',
		placeholder: 'Add Filter',
		options: [
			entryFor(PARAMETERS.groupNameContains, {
				type: 'string',
				description: 'Only groups whose name contains this text',
			}),
			entryFor(PARAMETERS.groupType, {
				type: 'options',
				options: [...GROUP_TYPE_OPTIONS],
			}),
		],
	}),
	readSettings,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	properties,
);

export const reads = {
	// The filters come from the Filters read: one getNodeParameter call for all of them.
	item: {
		filters: PARAMETERS.filters,
		groupType: PARAMETERS.groupType,
		...LIMIT_READS,
		search: PARAMETERS.groupNameContains,
	},
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, results } = run;
	for (const itemIndex of results.open()) {
		const output = async (): Promise<IDataObject[]> => {
			const { search, groupType, limit } = read.item(itemIndex);
			const qs: IDataObject = { include_usercount: 'true' };
			if (search) qs.search_text = search;
			if (groupType) qs.group_type = groupType;
			const groups = await apiRequestAllItems.call(n8n, session, {
				path: '/groups',
				key: 'groups',
				qs,
				limit,
				what: 'list the groups',
				itemIndex,
			});
			return groups.map((raw) => ({
				...toGroup(raw),
				userCount: raw.usersCount === undefined ? null : Number(raw.usersCount),
				permissionProfileId: raw.permissionProfileId ?? null,
			}));
		};
		await results.settle(itemIndex, output());
	}
}
