import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ReadingsOf } from '../../parameters/spec';
import { writeOptionsFor } from '../common.descriptions';
import type { Run } from '../../users/run';
import { runWrites } from '../../users/writes';
import {
	ACTIVATION_READS,
	activationOptions,
	NEW_USER_READS,
	newUserProperties,
	newUsersFrom,
	withActivation,
} from './userInput';

const properties: INodeProperties[] = [
	...newUserProperties(),
	...writeOptionsFor(activationOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

export const reads = { item: { ...NEW_USER_READS, ...ACTIVATION_READS } };

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, directory, results } = run;
	const creates = await newUsersFrom(n8n, results, directory, read);
	await runWrites(
		run,
		withActivation(n8n, results, creates, (i) => read.item(i)),
	);
}
