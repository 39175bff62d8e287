import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { writeOptionsFor } from '../common.descriptions';
import { readWriteSettings } from '../parameters';
import type { OperationContext } from '../types';
import { runWrites } from '../../users/writes';
import { activationOptions, withActivation } from './activation';
import { newUserProperties, readNewUsers } from './userInput';

const properties: INodeProperties[] = [
	...newUserProperties(),
	...writeOptionsFor(activationOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	const settings = readWriteSettings(this);
	await runWrites(
		this,
		session,
		results,
		withActivation(this, results, await readNewUsers(this, results, directory)),
		settings,
	);
}
