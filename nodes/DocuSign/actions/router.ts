/**
 * The action node's dispatch: every resource with its operations (the one map the router, the
 * Resource dropdown and the subtitle read), and the router that runs the chosen operation.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ParameterSpec, ValuesOf } from '../parameters/spec';
import { entryFor, onlyWhen, readParameters, spec } from '../parameters/spec';
import { openSession } from '../transport';
import { Directory } from '../users/directory';
import type { Run } from '../users/run';
import { Results } from '../users/results';
import { checkOption } from '../users/validate';
import * as group from './group';
import { RUN_SETTINGS } from './parameters';
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

/**
 * Hands all items to the chosen operation at once, so that it can batch them, after opening the
 * execution's DocuSign session in the node's Account (one userinfo call, or none when cached). Whatever an operation throws is a run-level
 * failure: it goes through Results like any other, so every item still comes out exactly once
 * (finished items keep their results, the others carry the error) and nothing written is lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const n8n = this;
	const results = new Results(n8n, items.length);
	try {
		// Which operation (an entry of the RESOURCES table), then every parameter the run and the
		// operation read: once, before anything is sent.
		const which = readParameters(n8n, { run: OPERATION_READS }).run as ValuesOf<
			typeof OPERATION_READS
		>;
		const resource: Resource = RESOURCES[which.resource];
		const selected = resource.operations[which[which.resource] as string];
		const read = readParameters(n8n, {
			run: { ...RUN_SETTINGS, ...selected.reads?.run },
			item: selected.reads?.item,
		});
		const settings = read.run as ValuesOf<typeof RUN_SETTINGS>;
		const session = await openSession.call(
			n8n,
			settings.credentialType,
			{ maxWaitMs: settings.maxWaitSeconds * 1000, timeoutMs: settings.timeoutSeconds * 1000 },
			settings.accountId,
		);
		const directory = new Directory(n8n, session, settings.directoryCacheSeconds * 1000);
		const run: Run = {
			n8n,
			session,
			directory,
			results,
			settings: { batchSize: settings.batchSize, dryRun: settings.dryRun },
		};
		try {
			await selected.execute(run, read);
		} finally {
			// A failed item may come from a stale cached directory (a group deleted meanwhile): read it afresh next run.
			if (results.pending().length < items.length) directory.forget();
		}
	} catch (error) {
		results.failUnsettled(error);
	}
	return [results.outputOrThrowFirstFailure()];
}
