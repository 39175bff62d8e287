import type { INodeProperties } from 'n8n-workflow';

import * as addUsers from './addUsers.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeUsers from './removeUsers.operation';

export { addUsers, getAll, getMembers, removeUsers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Add User to Group',
				value: 'addUsers',
				description: 'Add a user to a custom group (one user and one group per item)',
				action: 'Add a user to a custom group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the groups of the account',
				action: 'Get many groups',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: 'List the users in a group, shaped like User > Get Many',
				action: 'Get members of a group',
			},
			{
				name: 'Remove User From Group',
				value: 'removeUsers',
				description: 'Remove a user from a custom group (one user and one group per item)',
				action: 'Remove a user from a custom group',
			},
		],
		default: 'getAll',
	},
	...addUsers.description,
	...getAll.description,
	...getMembers.description,
	...removeUsers.description,
];
