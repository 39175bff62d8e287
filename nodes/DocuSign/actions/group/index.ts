import type { INodeProperties } from 'n8n-workflow';

import * as addUsers from './addUsers.operation';
import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeUsers from './removeUsers.operation';
import * as rename from './rename.operation';

export { addUsers, create, getAll, getMembers, removeUsers, rename };
export { deleteGroup as delete };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Add Users',
				value: 'addUsers',
				description: 'Add a user to a custom group (one user and one group per item)',
				action: 'Add a user to a custom group',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a custom group; a name the account already has is reported as "exists"',
				action: 'Create a custom group',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete a custom group; one that still has members is refused unless an option says otherwise',
				action: 'Delete a custom group',
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
				name: 'Remove Users',
				value: 'removeUsers',
				description: 'Remove a user from a custom group (one user and one group per item)',
				action: 'Remove a user from a custom group',
			},
			{
				name: 'Rename',
				value: 'rename',
				description: 'Give a custom group a new name',
				action: 'Rename a custom group',
			},
		],
		default: 'getAll',
	},
	...addUsers.description,
	...create.description,
	...deleteGroup.description,
	...getAll.description,
	...getMembers.description,
	...removeUsers.description,
	...rename.description,
];
