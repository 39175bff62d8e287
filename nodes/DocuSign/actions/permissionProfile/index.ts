import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['permissionProfile'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the permission profiles with their user counts',
				action: 'Get many permission profiles',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
