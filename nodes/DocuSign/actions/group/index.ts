import type { INodeProperties } from 'n8n-workflow';

import type { OperationEntry } from '../types';
import { entry, operationParameter, resourceDescription } from '../types';

import * as addUsers from './addUsers.operation';
import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeUsers from './removeUsers.operation';
import * as rename from './rename.operation';

export { addUsers, create, getAll, getMembers, removeUsers, rename };
export { deleteGroup as delete };

/** The operations of this resource, by their parameter value: the router and the Operation dropdown read this. */
export const operations = {
	addUsers: entry(
		addUsers,
		'Add User to Group',
		'Add a user to a custom group (one user and one group per item)',
		'Add a user to a custom group',
	),
	create: entry(
		create,
		'Create',
		'Create a custom group; a name the account already has is reported as "exists"',
		'Create a custom group',
	),
	delete: entry(
		deleteGroup,
		'Delete',
		'Delete a custom group; one that still has members is refused unless an option says otherwise',
		'Delete a custom group',
	),
	getAll: entry(getAll, 'Get Many', 'List the groups of the account', 'Get many groups'),
	getMembers: entry(
		getMembers,
		'Get Members',
		'List the users in a group, shaped like User > Get Many',
		'Get members of a group',
	),
	removeUsers: entry(
		removeUsers,
		'Remove User From Group',
		'Remove a user from a custom group (one user and one group per item)',
		'Remove a user from a custom group',
	),
	rename: entry(rename, 'Rename', 'Give a custom group a new name', 'Rename a custom group'),
} satisfies Record<string, OperationEntry>;

/** The Operation parameter: the router reads it, the dropdown shows it. */
export const operation = operationParameter(operations, 'getAll');

export const description: INodeProperties[] = resourceDescription('group', operations, operation);
