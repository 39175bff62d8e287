import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limitField, readSettings, returnAllField, toolLimitField } from '../common.descriptions';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { ReadingsOf } from '../../parameters/spec';
import { LIMIT_READS, PARAMETERS } from '../parameters';
import { listUsersOrNone } from '../../users/lookup';
import { entryFor } from '../../parameters/spec';
import { USER_STATUSES } from '../../users/model';
import {
	checkLoginDatesListed,
	dormantFilterOptions,
	clientSideListing,
	sortField,
	sortUsers,
} from './dormant';
import { OUTPUT_READS, shapeUsers, userOutputProperties } from './output';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	toolLimitField,
	entryFor(PARAMETERS.filters, {
		type: 'collection',
		placeholder: 'Add Filter',
		options: [
			...dormantFilterOptions,
			entryFor(PARAMETERS.userEmail, {
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				description: 'Only the user with exactly this email address',
			}),
			entryFor(PARAMETERS.userEmailContains, {
				type: 'string',
				placeholder: 'e.g. @acme.example',
				description: 'Only users whose email contains this text',
			}),
			entryFor(PARAMETERS.userGroups, {
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAllGroups' },
				allowArbitraryValues: true,
				description:
					'Only users in one of these groups. In an expression, group names work too (case-insensitive), e.g. "Sales, Legal". Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			}),
			entryFor(PARAMETERS.userStatus, {
				type: 'multiOptions',
				options: USER_STATUSES,
				description: 'Only users in these statuses',
			}),
			entryFor(PARAMETERS.userNameContains, {
				type: 'string',
				placeholder: 'e.g. Smith',
				description: 'Only users whose user name contains this text',
			}),
		],
	}),
	sortField,
	...userOutputProperties,
	readSettings,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

export const reads = {
	item: {
		filters: PARAMETERS.filters,
		...LIMIT_READS,
		sort: PARAMETERS.sort,
		...OUTPUT_READS,
		// Each filter is taken from the Filters read above: one getNodeParameter call for the collection.
		email: PARAMETERS.userEmail,
		emailContains: PARAMETERS.userEmailContains,
		userNameContains: PARAMETERS.userNameContains,
		status: PARAMETERS.userStatus,
		groups: PARAMETERS.userGroups,
		lastLoginBefore: PARAMETERS.lastLoginBefore,
		createdBefore: PARAMETERS.createdBefore,
		neverLoggedIn: PARAMETERS.neverLoggedIn,
	},
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, directory, results } = run;
	for (const itemIndex of results.open()) {
		const output = async (): Promise<IDataObject[]> => {
			const values = read.item(itemIndex);
			const { limit } = values;
			const qs: IDataObject = { additional_info: 'true' };
			if (values.email) qs.email = values.email;
			if (values.emailContains) {
				if (qs.email)
					throw parameterError(
						n8n,
						itemIndex,
						'Filters > Email Contains',
						'cannot be combined with Email',
						'DocuSign accepts only one of the two; remove one.',
					);
				qs.email_substring = values.emailContains;
			}
			if (values.userNameContains) qs.user_name_substring = values.userNameContains;
			if (values.status.length) qs.status = values.status.join(',');
			if (values.groups.length) {
				const ids: string[] = [];
				for (const name of values.groups) {
					ids.push(
						(
							await directory.resolveGroup(
								n8n,
								itemIndex,
								'Filters > Group Names or IDs',
								name,
								true,
							)
						).id,
					);
				}
				qs.group_id = ids.join(',');
			}
			const clientSide = clientSideListing(values, values.sort);
			Object.assign(qs, clientSide.qs);
			// Client-side filters and sorts need every page the server-side filters match; Limit applies after.
			const page = {
				path: '/users',
				key: 'users',
				qs,
				limit: clientSide.readsAll ? undefined : limit,
				what: 'list the users',
				itemIndex,
			};
			// A search without a match may come back as USER_NOT_FOUND instead of an empty list (see isUserSearch).
			let users = await listUsersOrNone(run, page);
			if (clientSide.needsLogins) checkLoginDatesListed(n8n, itemIndex, users);
			if (clientSide.readsAll) {
				users = sortUsers(users.filter(clientSide.keep), clientSide.sort);
				if (limit !== undefined) users = users.slice(0, limit);
			}
			return shapeUsers(n8n, itemIndex, users, session.account.accountId, values);
		};
		await results.settle(itemIndex, output());
	}
}
