import { updateDisplayOptions } from 'n8n-workflow';

import type { Run } from '../../users/run';
import type { ReadingsOf } from '../../parameters/spec';
import { changeMembership, membershipProperties, membershipReads } from './membership';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['removeUsers'] } },
	membershipProperties('remove'),
);

export const reads = membershipReads('remove');

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	await changeMembership(run, read, 'remove');
}
