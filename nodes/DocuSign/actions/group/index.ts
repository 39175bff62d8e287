import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';

export { getAll, getMembers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', description: 'List the groups of the account', action: 'Get many groups' },
			{ name: 'Get Members', value: 'getMembers', description: 'List the users in a group', action: 'Get members of a group' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...getMembers.description,
];
