import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { entryFor } from '../../parameters/spec';

import type { User } from '../../users/model';
import { toBoolean } from '../../users/model';
import type { Session } from '../../transport';
import { apiRequestAllItems } from '../../transport';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import type { Directory } from '../../users/directory';
import type { ReadingsOf } from '../../parameters/spec';
import { PARAMETERS, userRefSpec } from '../parameters';
import { parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedWrite } from '../../users/writes';
import { planClose, runWrites } from '../../users/writes';
import { loadTargets } from '../targets';
import { deletionRequestOutput } from './deletionRequest';

const USER = userRefSpec('User to Delete');

const properties: INodeProperties[] = [
	userLocator(USER),
	...writeOptionsFor([
		entryFor(PARAMETERS.reason, {
			type: 'string',
			placeholder: 'e.g. Left the company on 2026-11-30 (HR ticket 4711)',
			description:
				'Why the user should be deleted; goes into the message. Read for each item; no line breaks.',
		}),
		entryFor(PARAMETERS.recipients, {
			type: 'string',
			placeholder: 'e.g. it-admins@example.com, dpo@example.com',
			description:
				"Who should receive the request, comma-separated. Empty: the account's active administrators. Read for each item, so an expression can name each leaver's manager.",
		}),
		entryFor(PARAMETERS.suspendFirst, {
			type: 'boolean',
			description:
				"Whether to close the user's membership now, so access ends before an administrator acts. Read for each item.",
		}),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['notifyDelete'] } },
	properties,
);

/** The account's active administrators, read once per execution from the Administrators group. */
async function activeAdministrators(
	n8n: IExecuteFunctions,
	session: Session,
	directory: Directory,
): Promise<Array<{ email: string; id: string }>> {
	const admins = await directory.administratorsGroup();
	const users = await apiRequestAllItems.call(n8n, session, {
		path: '/users',
		key: 'users',
		qs: admins ? { group_id: admins.id, status: 'Active' } : { status: 'Active' },
		what: 'list the account administrators',
	});
	return users
		.filter((u) => admins || toBoolean(u.isAdmin))
		.map((u) => ({ id: String(u.userId), email: String(u.email ?? '') }));
}

export const reads = {
	item: {
		user: USER,
		suspendFirst: PARAMETERS.suspendFirst,
		reason: PARAMETERS.reason,
		recipients: PARAMETERS.recipients,
	},
};

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, directory, results } = run;
	// Notify Delete never changes groups: no membership reads.
	const targets = await loadTargets(run, read, USER.label, undefined, {
		directory,
		groupIds: [],
	});
	const requestedAt = DateTime.utc().toISO();
	// Read once, and only if some item leaves Recipients empty; a failure fails only those items.
	let admins: Promise<Array<{ email: string; id: string }>> | undefined;
	const administrators = async () =>
		await (admins ??= activeAdministrators(n8n, session, directory));

	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		try {
			const { suspendFirst, reason, recipients: given } = read.item(itemIndex);
			const request = async (after: User, changes: IDataObject): Promise<IDataObject> => {
				const recipients = given.length
					? given
					: (await administrators()).filter((a) => a.id !== user.id).map((a) => a.email);
				if (!recipients.length) {
					throw parameterError(
						n8n,
						itemIndex,
						'Options > Recipients',
						'is empty and the account has no other active administrator',
						'Give the emails that should receive deletion requests.',
					);
				}
				return deletionRequestOutput(
					session.account,
					after,
					changes,
					recipients,
					reason,
					requestedAt,
				);
			};
			plan.push(
				suspendFirst
					? await planClose(directory, itemIndex, 'notifyDelete', user, false, request)
					: {
							kind: 'change',
							itemIndex,
							action: 'notifyDelete',
							user,
							changes: {},
							after: user,
							extraOutput: request,
						},
			);
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(run, plan);
}
