import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationContext } from '../types';
import { changeMembership, membershipProperties } from './membership';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['addUsers'] } },
	membershipProperties('Add'),
);

export async function execute(this: IExecuteFunctions, ctx: OperationContext): Promise<void> {
	await changeMembership(this, ctx, 'add');
}
