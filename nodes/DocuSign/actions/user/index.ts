import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a user by ID or email', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'List users, with filters', action: 'Get many users' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
