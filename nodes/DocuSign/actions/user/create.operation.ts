import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { writeOptionsFor } from '../common.descriptions';
import type { Run } from '../../users/run';
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

export async function execute(run: Run): Promise<void> {
	const { n8n, directory, results } = run;
	await runWrites(run, withActivation(n8n, results, await readNewUsers(n8n, results, directory)));
}
