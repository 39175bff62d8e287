import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { statusMeaning } from '../../users/model';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import { apiErrorFor } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import type { ReadingsOf } from '../../parameters/spec';
import { userRefSpec } from '../parameters';
import { loadTargets } from '../targets';

const USER = userRefSpec('User to Reactivate');

const properties: INodeProperties[] = [userLocator(USER), ...writeOptionsFor()];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['activate'] } },
	properties,
);

export const reads = { item: { user: USER } };

/** Reopens closed users; active and pending users need nothing, so nothing is sent for them. */
export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, results } = run;
	const targets = await loadTargets(run, read, USER.label, undefined, {
		groupIds: [],
	});
	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		const meaning = statusMeaning(user.status);
		if (meaning.disabled) {
			results.fail(
				itemIndex,
				apiErrorFor(
					n8n,
					itemIndex,
					`The user ${user.email} (parameter "${USER.label}") is Disabled, which DocuSign does not let the API reopen`,
					'Reactivate the user in DocuSign eSignature Admin (Users), or ask DocuSign support why the user was disabled.',
				),
			);
			continue;
		}
		// The status after a reopen is DocuSign's to tell (Active or ActivationSent); a Dry Run cannot know it.
		const changes = meaning.closed ? { status: { before: user.status, after: null } } : {};
		plan.push({
			kind: 'change',
			itemIndex,
			action: 'activate',
			user,
			reopen: meaning.closed,
			changes,
			after: user,
		});
	}
	await runWrites(run, plan);
}
