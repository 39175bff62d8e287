import type { INodeProperties } from 'n8n-workflow';

import type { ParameterSpec } from '../parameters/spec';
import { entryFor, onlyWhen, spec } from '../parameters/spec';
import { checkOption } from '../users/validate';
import * as group from './group';
import * as permissionProfile from './permissionProfile';
import type { OperationEntry } from './types';
import * as user from './user';

export interface Resource {
	name: string;
	operations: Record<string, OperationEntry>;
	/** Its Operation parameter (types.ts operationParameter). */
	operation: ParameterSpec<string>;
}

/** Every resource with its operations: the router, the Resource dropdown and the subtitle read this one map. */
export const RESOURCES = {
	group: { name: 'Group', operations: group.operations, operation: group.operation },
	permissionProfile: {
		name: 'Permission Profile',
		operations: permissionProfile.operations,
		operation: permissionProfile.operation,
	},
	user: { name: 'User', operations: user.operations, operation: user.operation },
} satisfies Record<string, Resource>;

type ResourceName = keyof typeof RESOURCES;

/** The Resource parameter, per run. */
export const RESOURCE = spec({
	path: 'resource',
	label: 'Resource',
	fallback: 'user',
	check: (value) => checkOption(value, Object.keys(RESOURCES) as ResourceName[]),
});

/**
 * Which operation the node runs, per run: its Resource, then that resource's Operation (read by the
 * router with the registry, each once per run; the router then takes the operation from RESOURCES).
 */
export const OPERATION_READS = {
	resource: RESOURCE,
	...(Object.fromEntries(
		Object.entries(RESOURCES).map(([name, resource]) => [
			name,
			onlyWhen(resource.operation, (read) => read.resource === name),
		]),
	) as Record<ResourceName, ParameterSpec<string | undefined>>),
};

export const resourceProperty: INodeProperties = entryFor(RESOURCE, {
	type: 'options',
	noDataExpression: true,
	options: Object.entries(RESOURCES)
		.map(([value, { name }]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name)),
});

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
