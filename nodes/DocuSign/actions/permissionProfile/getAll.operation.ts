import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { limitField, readSettings, returnAllField, toolLimitField } from '../common.descriptions';
import type { Run } from '../../users/run';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';
import { LIMIT_READS, PARAMETERS } from '../parameters';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	toolLimitField,
	entryFor(PARAMETERS.countClosedUsers, {
		type: 'boolean',
		description: 'Whether the user count of each profile includes closed users',
	}),
	readSettings,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['getAll'] } },
	properties,
);

export const reads = {
	item: { countClosedUsers: PARAMETERS.countClosedUsers, ...LIMIT_READS },
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, results } = run;
	for (const itemIndex of results.open()) {
		const output = async (): Promise<IDataObject[]> => {
			const { countClosedUsers: closed, limit } = read.item(itemIndex);
			const response = await apiRequest.call(n8n, session, {
				method: 'GET',
				path: '/permission_profiles',
				qs: { include: closed ? 'user_count,closed_users' : 'user_count' },
				idempotent: true,
				what: 'list the permission profiles',
				itemIndex,
			});
			const profiles = ((response.permissionProfiles ?? []) as IDataObject[]).map((p) => ({
				id: String(p.permissionProfileId ?? ''),
				name: String(p.permissionProfileName ?? ''),
				userCount: p.userCount === undefined ? null : Number(p.userCount),
				modifiedAt: p.modifiedDateTime ?? null,
				modifiedBy: p.modifiedByUsername || null,
			}));
			return limit === undefined ? profiles : profiles.slice(0, limit);
		};
		await results.settle(itemIndex, output());
	}
}
