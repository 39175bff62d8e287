import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyUser } from '../../users/model';
import { readSettings, simplifyField, userLocator } from '../common.descriptions';
import type { Run } from '../../users/run';
import { lookupEach, userFrom, userNotFound } from '../../users/lookup';
import type { ReadingsOf } from '../../parameters/spec';
import { PARAMETERS, userRefSpec } from '../parameters';

const USER = userRefSpec('User to Get');

const properties: INodeProperties[] = [userLocator(USER), simplifyField, readSettings];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

export const reads = {
	item: { user: USER, simplify: PARAMETERS.simplify },
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, results } = run;
	const wanted: Array<{ itemIndex: number; value: ReturnType<typeof read.item> }> = [];
	for (const itemIndex of results.open()) {
		try {
			wanted.push({ itemIndex, value: read.item(itemIndex) });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	const found = await lookupEach(
		run,
		wanted.map((w) => w.value.user),
	);
	for (const {
		itemIndex,
		value: { user: ref, simplify },
	} of wanted) {
		await results.settle(
			itemIndex,
			(async () => {
				const user = userFrom(found, ref);
				if (!user) throw userNotFound(n8n, itemIndex, ref, USER.label);
				return simplify
					? (simplifyUser(user, session.account.accountId) as unknown as IDataObject)
					: user;
			})(),
		);
	}
}
