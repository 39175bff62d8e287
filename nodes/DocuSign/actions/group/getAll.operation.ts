import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGroup } from '../../users/directory';
import { asText } from '../../users/validate';
import { apiRequestAllItems } from '../../transport';
import { limitField, readSettings, returnAllField, toolLimitField } from '../common.descriptions';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import { emptyEntry } from '../../parameters/editor';
import { entryFor } from '../../parameters/spec';
import { PARAMETERS, readItemParameter, readLimit, readOptionOf } from '../parameters';

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

export async function execute(run: Run): Promise<void> {
	const { n8n, session, results } = run;
	for (const itemIndex of results.pending()) {
		await results.run(itemIndex, async () => {
			const filters = readItemParameter(n8n, PARAMETERS.filters, itemIndex);
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
			const groupType = readOptionOf(n8n, PARAMETERS.groupType, filters, itemIndex);
			if (groupType) qs.group_type = groupType;
			const limit = readLimit(n8n, itemIndex);
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
		});
	}
}
