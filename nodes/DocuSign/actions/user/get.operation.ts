import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyUser } from '../../users/model';
import { readSettings, simplifyField, userLocator } from '../common.descriptions';
import type { Run } from '../../users/run';
import { lookupUsers, userFrom, userNotFound } from '../../users/lookup';
import { readUserLocator } from '../targets';
import { PARAMETERS, readItemParameter } from '../parameters';

const properties: INodeProperties[] = [userLocator('User to Get'), simplifyField, readSettings];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

export async function execute(run: Run): Promise<void> {
	const { n8n, session, results } = run;
	const wanted = await results.each((i) => readUserLocator(n8n, i, 'User to Get'));
	const found = await lookupUsers(
		run,
		wanted.map((w) => w.value),
	);
	for (const { itemIndex, value: ref } of wanted) {
		const user = userFrom(found, ref);
		if (!user) {
			results.fail(itemIndex, userNotFound(n8n, itemIndex, ref, 'User to Get'));
			continue;
		}
		const simplify = readItemParameter(n8n, PARAMETERS.simplify, itemIndex);
		results.ok(
			itemIndex,
			simplify ? (simplifyUser(user, session.account.accountId) as unknown as IDataObject) : user,
		);
	}
}
