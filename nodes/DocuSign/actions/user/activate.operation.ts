import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isClosedStatus } from '../../helpers/normalize';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import { apiErrorFor } from '../results';
import type { OperationContext } from '../types';
import { applyUserWrites, reopenedUser } from './apply';
import { loadTargets, readWriteSettings, writeOutput } from './common';

const properties: INodeProperties[] = [
	userLocator('User to Activate'),
	writeOptionsFor(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['activate'] } }, properties);

/** Reopens closed users; active and pending users need nothing, so nothing is sent for them. */
export async function execute(this: IExecuteFunctions, { session, results }: OperationContext): Promise<void> {
	const { batchSize, dryRun } = readWriteSettings(this);
	const targets = await loadTargets(this, session, results, 'User to Activate');
	const toReopen = [];
	for (const target of targets) {
		const { user, itemIndex } = target;
		if (user.status.toLowerCase() === 'disabled') {
			results.fail(itemIndex, apiErrorFor(this, itemIndex, `The user ${user.email} (parameter "User to Activate") is Disabled, which DocuSign does not let the API reopen`, 'Reactivate the user in DocuSign eSignature Admin (Users), or ask DocuSign support why the user was disabled.'));
		} else if (!isClosedStatus(user.status)) {
			results.ok(itemIndex, writeOutput(user, 'activate', {}, dryRun));
		} else {
			toReopen.push(target);
		}
	}
	const answers = dryRun ? new Map<number, IDataObject>() : await applyUserWrites(this, session, results, toReopen.map((t) => ({ itemIndex: t.itemIndex, userId: t.user.id, reopen: true })), batchSize);
	for (const { itemIndex, user } of toReopen) {
		if (results.failed(itemIndex)) continue;
		const after = reopenedUser(user, answers.get(itemIndex));
		results.ok(itemIndex, writeOutput(after, 'activate', { status: { before: user.status, after: after.status } }, dryRun));
	}
}
