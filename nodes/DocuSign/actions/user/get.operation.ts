import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyUser } from '../../users/normalize';
import { readSettings, simplifyField, userLocator } from '../common.descriptions';
import type { OperationContext } from '../types';
import { lookupUsers, userFrom, userNotFound } from '../../users/lookup';
import { readUserLocator } from '../targets';
import { PARAMETERS, readItemParameter } from '../parameters';

const properties: INodeProperties[] = [userLocator('User to Get'), simplifyField, readSettings];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	{ session, results }: OperationContext,
): Promise<void> {
	const wanted = await results.each((i) => readUserLocator(this, i, 'User to Get'));
	const found = await lookupUsers(
		this,
		session,
		wanted.map((w) => w.value),
	);
	for (const { itemIndex, value: ref } of wanted) {
		const user = userFrom(found, ref);
		if (!user) {
			results.fail(itemIndex, userNotFound(this, itemIndex, ref, 'User to Get'));
			continue;
		}
		const simplify = readItemParameter(this, PARAMETERS.simplify, itemIndex);
		results.ok(
			itemIndex,
			simplify ? (simplifyUser(user, session.account.accountId) as unknown as IDataObject) : user,
		);
	}
}
