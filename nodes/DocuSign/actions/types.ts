import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ParameterReads, Readings } from '../parameters/spec';
import type { Run } from '../users/run';

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

/**
 * A resource's Operation dropdown and every operation's parameters, generated from its entries: the
 * dropdown lists exactly the operations the router can run (the keys are the values).
 */
export function resourceDescription(
	resource: string,
	operations: Record<string, OperationEntry>,
	defaultOperation: string,
): INodeProperties[] {
	const entries = Object.entries(operations);
	return [
		...updateDisplayOptions({ show: { resource: [resource] } }, [
			{
				displayName: 'Operation',
				name: 'operation',
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
				default: defaultOperation,
			},
		]),
		...entries.flatMap(([, op]) => op.description),
	];
}
