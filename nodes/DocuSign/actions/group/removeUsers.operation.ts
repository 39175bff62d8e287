import { updateDisplayOptions } from 'n8n-workflow';

import type { Run } from '../../users/run';
import { changeMembership, membershipProperties } from './membership';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['removeUsers'] } },
	membershipProperties('Remove'),
);

export async function execute(run: Run): Promise<void> {
	await changeMembership(run, 'remove');
}
