import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGroup } from '../../users/directory';
import { asText } from '../../users/validate';
import { apiRequestAllItems } from '../../transport';
import { limitField, readSettings, returnAllField, toolLimitField } from '../common.descriptions';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import { emptyEntry } from '../../parameters/editor';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';
import { LIMIT_READS, PARAMETERS } from '../parameters';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	toolLimitField,
	entryFor(PARAMETERS.filters, {
		type: 'collection',
		placeholder: 'Add Filter',
		options: [
			emptyEntry('search', 'Name Contains', {
				type: 'string',
				description: 'Only groups whose name contains this text',
			}),
			entryFor(PARAMETERS.groupType, {
				type: 'options',
				options: [
					{ name: 'Administrators (Built-In)', value: 'AdminGroup' },
					{ name: 'Custom', value: 'CustomGroup' },
					{ name: 'Everyone (Built-In)', value: 'EveryoneGroup' },
				],
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
	// Filters > Type comes from the Filters read: one getNodeParameter call for both.
	item: { filters: PARAMETERS.filters, groupType: PARAMETERS.groupType, ...LIMIT_READS },
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, results } = run;
	for (const itemIndex of results.open()) {
		const output = async (): Promise<IDataObject[]> => {
			const { filters, groupType, limit } = read.item(itemIndex);
			const qs: IDataObject = { include_usercount: 'true' };
			const search = asText(filters.search);
			if ('problem' in search)
				throw parameterError(
					n8n,
					itemIndex,
					'Filters > Name Contains',
					search.problem,
					search.hint,
				);
			if (search.value) qs.search_text = search.value;
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
		try {
			results.ok(itemIndex, await output());
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
}
