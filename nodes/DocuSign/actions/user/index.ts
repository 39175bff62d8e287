import type { INodeProperties } from 'n8n-workflow';

import * as activate from './activate.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as notifyDelete from './notifyDelete.operation';
import * as suspend from './suspend.operation';
import * as syncRoster from './syncRoster.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { activate, create, get, getAll, notifyDelete, suspend, syncRoster, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				description:
					"Reopen a closed membership (DocuSign's only activation); nothing is sent for an active or pending user",
				action: 'Reopen a closed user',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a user with permission profile and groups; DocuSign emails an activation link',
				action: 'Create a user',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one user by ID or email',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List users, filtered by status, email, name or group',
				action: 'Get many users',
			},
			{
				name: 'Notify Delete',
				value: 'notifyDelete',
				description:
					'Close the membership (by default) and output a deletion request for an administrator; sends nothing itself, and DocuSign never deletes users',
				action: 'Close a user and prepare a deletion request',
			},
			{
				name: 'Suspend',
				value: 'suspend',
				description: 'Close the membership (status Closed); reversible with Activate',
				action: 'Close the membership of a user',
			},
			{
				name: 'Sync Roster',
				value: 'syncRoster',
				description:
					'Bring the account in line with the whole HR roster (one item per person): create, update, reopen, and report or close the users it no longer lists, within safeguards',
				action: 'Sync users with a roster',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change names, company, job title, permission profile and custom groups',
				action: 'Update a user',
			},
		],
		default: 'get',
	},
	...activate.description,
	...create.description,
	...get.description,
	...getAll.description,
	...notifyDelete.description,
	...suspend.description,
	...syncRoster.description,
	...update.description,
	...upsert.description,
];
