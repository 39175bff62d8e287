import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ParameterReads, Readings } from '../parameters/spec';
import type { Run } from '../users/run';
import { checkOption } from '../users/validate';
import type { ParameterSpec } from '../parameters/spec';
import { entryFor, spec } from '../parameters/spec';

/**
 * Every operation file: its parameters, what it reads of them (per run, and per item in the order
 * read), and one call for all input items (so it can batch), given the values the router read.
 */
export interface Operation {
	description: INodeProperties[];
	reads?: ParameterReads;
	execute(run: Run, read: Readings): Promise<void>;
}

/** An operation as its resource lists it: the Operation dropdown's entry and the code behind it. */
export interface OperationEntry extends Operation {
	/** As the dropdown and the subtitle show it. */
	name: string;
	summary: string;
	action: string;
}

export function entry(
	operation: Operation,
	name: string,
	summary: string,
	action: string,
): OperationEntry {
	const { description, reads, execute } = operation;
	return { description, reads, execute, name, summary, action };
}

/** A resource's Operation parameter: one of its operations, per run; `fallback` is the dropdown's first pick. */
export function operationParameter<K extends string>(
	operations: Record<K, OperationEntry>,
	fallback: NoInfer<K>,
): ParameterSpec<K> {
	return spec({
		path: 'operation',
		label: 'Operation',
		fallback,
		check: (value) => checkOption(value, Object.keys(operations) as K[]),
	});
}

/**
 * A resource's Operation dropdown and every operation's parameters, generated from its entries: the
 * dropdown lists exactly the operations the router can run (the keys are the values).
 */
export function resourceDescription(
	resource: string,
	operations: Record<string, OperationEntry>,
	operation: ParameterSpec<string>,
): INodeProperties[] {
	const entries = Object.entries(operations);
	return [
		...updateDisplayOptions({ show: { resource: [resource] } }, [
			entryFor(operation, {
				type: 'options',
				noDataExpression: true,
				options: entries
					.map(([value, op]) => ({
						name: op.name,
						value,
						description: op.summary,
						action: op.action,
					}))
					.sort((a, b) => a.name.localeCompare(b.name)),
			}),
		]),
		...entries.flatMap(([, op]) => op.description),
	];
}
