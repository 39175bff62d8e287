import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { UserChange } from '../../helpers/diff';
import { applyChange, planUserChange } from '../../helpers/diff';
import type { User } from '../../helpers/interfaces';
import { isClosedStatus, simplifyUser } from '../../helpers/normalize';
import { apiErrorFor } from '../results';
import type { OperationContext } from '../types';
import type { UserWrite } from './apply';
import { applyUserWrites, reopenedUser } from './apply';
import { writeOptionsFor } from '../common.descriptions';
import type { WriteSettings } from './common';
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

interface PlannedUpdate {
	itemIndex: number;
	user: User;
	change: UserChange;
	reopen: boolean;
}

interface UpsertPlan {
	toCreate: NewUser[];
	updates: PlannedUpdate[];
}

/** Splits the entries by what the lookup found: absent ones to create, present ones to bring to the wanted state. */
function planUpsert(fn: IExecuteFunctions, { session, results }: OperationContext, entries: NewUser[], found: Map<string, IDataObject | undefined>, custom: Set<string>, groupMode: 'add' | 'replace', reactivate: boolean): UpsertPlan {
	const plan: UpsertPlan = { toCreate: [], updates: [] };
	for (const entry of entries) {
		const raw = found.get(`email:${entry.input.email.toLowerCase()}`);
		if (!raw) {
			plan.toCreate.push(entry);
			continue;
		}
		const user = simplifyUser(raw, session.account.accountId);
		const closed = isClosedStatus(user.status);
		if (closed && !reactivate) {
			results.fail(entry.itemIndex, apiErrorFor(fn, entry.itemIndex, `The user ${user.email} (ID ${user.id}) is closed and the option "Reactivate Closed Users" is off`, 'Nothing was written. Turn on the option Reactivate Closed Users to reopen and update them, or leave the user closed.', { existingUserId: user.id }));
			continue;
		}
		const change = planUserChange(user, desiredFrom(entry.input, groupMode), (id) => custom.has(id));
		plan.updates.push({ itemIndex: entry.itemIndex, user, change, reopen: closed });
	}
	return plan;
}

async function updateAndReport(fn: IExecuteFunctions, { session, results }: OperationContext, updates: PlannedUpdate[], { batchSize, dryRun }: WriteSettings): Promise<void> {
	const writes: UserWrite[] = updates.map(({ itemIndex, user, change, reopen }) => ({ itemIndex, userId: user.id, reopen, fields: change.fields, addGroups: change.addGroups, removeGroups: change.removeGroups }));
	const answers = dryRun ? new Map<number, IDataObject>() : await applyUserWrites(fn, session, results, writes, batchSize);
	for (const { itemIndex, user, change, reopen } of updates) {
		if (results.failed(itemIndex)) continue;
		const profileName = (change.changes.permissionProfile as IDataObject | undefined)?.after as string | undefined;
		const changed = applyChange(user, change, profileName);
		const after = reopen ? reopenedUser(changed, answers.get(itemIndex)) : changed;
		if (reopen) change.changes.status = { before: user.status, after: after.status };
		results.ok(itemIndex, writeOutput(after, 'update', change.changes, dryRun));
	}
}

/** Matched by email: absent users are created, existing ones brought to the given state. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<void> {
	const { session, directory, results } = context;
	const settings = readWriteSettings(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const groupMode = options.groupSync === 'replace' ? 'replace' : 'add';
	const reactivate = options.reactivateClosedUsers === true;
	const byEmail = (entries: NewUser[]) => entries.map((e) => ({ by: 'email' as const, value: e.input.email }));

	const entries = await readNewUsers(this, results, directory);
	const found = await lookupUsers(this, session, byEmail(entries));
	const custom = new Set((await directory.groups()).filter((g) => !g.builtIn).map((g) => g.id));
	const plan = planUpsert(this, context, entries, found, custom, groupMode, reactivate);
	await updateAndReport(this, context, plan.updates, settings);

	const raced: NewUser[] = [];
	await createAndReport(this, session, results, plan.toCreate, settings, raced);
	if (!raced.length) return;
	// Another execution (another n8n worker) created these users between our lookup and our POST:
	// read them again and continue as an update, so the item ends in the wanted state instead of failing.
	const foundAgain = await lookupUsers(this, session, byEmail(raced));
	const second = planUpsert(this, context, raced, foundAgain, custom, groupMode, reactivate);
	for (const entry of second.toCreate) {
		results.fail(entry.itemIndex, apiErrorFor(this, entry.itemIndex, `DocuSign said a user with the email ${entry.input.email} already exists, but no such user can be read`, 'Nothing was written for this item. Run it again in a moment; if it keeps failing, check the user in DocuSign Admin.', { errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' }));
	}
	await updateAndReport(this, context, second.updates, settings);
}
