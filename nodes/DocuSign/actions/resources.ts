import type { INodeProperties } from 'n8n-workflow';

import * as group from './group';
import * as permissionProfile from './permissionProfile';
import type { OperationEntry } from './types';
import * as user from './user';

/** Every resource with its operations: the router, the Resource dropdown and the subtitle read this one map. */
export const RESOURCES = {
	group: { name: 'Group', operations: group.operations },
	permissionProfile: { name: 'Permission Profile', operations: permissionProfile.operations },
	user: { name: 'User', operations: user.operations },
} satisfies Record<string, { name: string; operations: Record<string, OperationEntry> }>;

export type ResourceName = keyof typeof RESOURCES;

/** The operation a resource and operation parameter name, if the node has it. */
export function operationOf(resource: string, operation: string): OperationEntry | undefined {
	const operations = (RESOURCES as Record<string, { operations: Record<string, OperationEntry> }>)[
		resource
	]?.operations;
	return operations && Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(RESOURCES)
		.map(([value, { name }]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'user',
};

const operationNames = Object.fromEntries(
	Object.values(RESOURCES).flatMap(({ operations }) =>
		Object.entries(operations as Record<string, OperationEntry>).map(([value, op]) => [
			value,
			op.name,
		]),
	),
);
const resourceNames = Object.fromEntries(
	Object.entries(RESOURCES).map(([value, { name }]) => [value, name]),
);

/** Display names, not values: "Create or Update: User", not "upsert: user". */
export const subtitle = `={{ (${JSON.stringify(operationNames)})[$parameter["operation"]] + ": " + (${JSON.stringify(resourceNames)})[$parameter["resource"]] }}`;

/** Every resource's Operation dropdown and operation parameters. */
export const resourceDescriptions: INodeProperties[] = [
	...user.description,
	...group.description,
	...permissionProfile.description,
];
