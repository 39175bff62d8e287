import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { applyChange, planUserChange } from '../../helpers/diff';
import { isClosedStatus, simplifyUser } from '../../helpers/normalize';
import { apiErrorFor } from '../results';
import type { OperationContext } from '../types';
import type { UserWrite } from './apply';
import { applyUserWrites, reopenedUser } from './apply';
import { writeOptionsFor } from '../common.descriptions';
import { readWriteSettings, writeOutput } from './common';
import type { NewUser } from './create.operation';
import { createAndReport, readNewUsers } from './create.operation';
import { lookupUsers } from './lookup';
import { desiredFrom, newUserProperties } from './userInput';

const properties: INodeProperties[] = [
	...newUserProperties(),
	writeOptionsFor([
		{
			displayName: 'Group Sync',
			name: 'groupSync',
			type: 'options',
			default: 'add',
			options: [
				{ name: 'Add Only', value: 'add', description: 'Add missing groups, never remove any' },
				{ name: 'Replace', value: 'replace', description: 'An existing user ends in exactly the given custom groups' },
			],
			description: 'What happens to the groups of a user who already exists',
		},
		{
			displayName: 'Reactivate Closed Users',
			name: 'reactivateClosedUsers',
			type: 'boolean',
			default: false,
			description: 'Whether to reopen a closed user with this email; when off, such an item fails and nothing is written',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/** Matched by email: absent users are created, existing ones brought to the given state. */
export async function execute(this: IExecuteFunctions, { session, directory, results }: OperationContext): Promise<void> {
	const settings = readWriteSettings(this);
	const { batchSize, dryRun } = settings;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const groupMode = options.groupSync === 'replace' ? 'replace' : 'add';
	const reactivate = options.reactivateClosedUsers === true;

	const entries = await readNewUsers(this, results, directory);
	const found = await lookupUsers(this, session, entries.map((e) => ({ by: 'email' as const, value: e.input.email })));
	const custom = new Set((await directory.groups()).filter((g) => !g.builtIn).map((g) => g.id));

	const toCreate: NewUser[] = [];
	const updates = [];
	for (const entry of entries) {
		const raw = found.get(`email:${entry.input.email.toLowerCase()}`);
		if (!raw) {
			toCreate.push(entry);
			continue;
		}
		const user = simplifyUser(raw, session.account.accountId);
		const closed = isClosedStatus(user.status);
		if (closed && !reactivate) {
			results.fail(entry.itemIndex, apiErrorFor(this, entry.itemIndex, `The user ${user.email} (ID ${user.id}) is closed and the option "Reactivate Closed Users" is off`, 'Nothing was written. Turn on the option Reactivate Closed Users to reopen and update them, or leave the user closed.', { existingUserId: user.id }));
			continue;
		}
		const change = planUserChange(user, desiredFrom(entry.input, groupMode), (id) => custom.has(id));
		updates.push({ itemIndex: entry.itemIndex, user, change, reopen: closed });
	}

	const writes: UserWrite[] = updates.map(({ itemIndex, user, change, reopen }) => ({ itemIndex, userId: user.id, reopen, fields: change.fields, addGroups: change.addGroups, removeGroups: change.removeGroups }));
	const answers = dryRun ? new Map<number, IDataObject>() : await applyUserWrites(this, session, results, writes, batchSize);
	for (const { itemIndex, user, change, reopen } of updates) {
		if (results.failed(itemIndex)) continue;
		const profileName = (change.changes.permissionProfile as IDataObject | undefined)?.after as string | undefined;
		const changed = applyChange(user, change, profileName);
		const after = reopen ? reopenedUser(changed, answers.get(itemIndex)) : changed;
		if (reopen) change.changes.status = { before: user.status, after: after.status };
		results.ok(itemIndex, writeOutput(after, 'update', change.changes, dryRun));
	}

	await createAndReport(this, session, results, toCreate, settings);
}
