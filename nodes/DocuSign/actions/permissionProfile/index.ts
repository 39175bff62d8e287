import type { INodeProperties } from 'n8n-workflow';

import type { OperationEntry } from '../types';
import { entry, operationParameter, resourceDescription } from '../types';

import * as getAll from './getAll.operation';

export { getAll };

/** The operations of this resource, by their parameter value: the router and the Operation dropdown read this. */
export const operations = {
	getAll: entry(
		getAll,
		'Get Many',
		'List the permission profiles with their user counts',
		'Get many permission profiles',
	),
} satisfies Record<string, OperationEntry>;

/** The Operation parameter: the router reads it, the dropdown shows it. */
export const operation = operationParameter(operations, 'getAll');

export const description: INodeProperties[] = resourceDescription(
	'permissionProfile',
	operations,
	operation,
);
