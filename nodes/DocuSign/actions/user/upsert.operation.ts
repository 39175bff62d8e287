import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor } from '../../parameters/spec';

import { applyChange, planUserChange } from '../../users/diff';
import { isClosedStatus, simplifyUser } from '../../users/model';
import { writeOptionsFor } from '../common.descriptions';
import { PARAMETERS } from '../parameters';
import { apiErrorFor, parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { User } from '../../users/model';
import type { PlannedChange, PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { LookupFailed, lookupEach, membershipsOf, userFrom } from '../../users/lookup';
import {
	ACTIVATION_READS,
	activationOptions,
	desiredFrom,
	NEW_USER_READS,
	newUserProperties,
	newUsersFrom,
	withActivation,
} from './userInput';

const properties: INodeProperties[] = [
	...newUserProperties(),
	...writeOptionsFor([
		entryFor(PARAMETERS.groupSync, {
			type: 'options',
			options: [
				{ name: 'Add Only', value: 'add', description: 'Add missing groups, never remove any' },
				{
					name: 'Replace',
					value: 'replace',
					description:
						'An existing user ends in exactly the given custom groups (an empty list is an error)',
				},
			],
			description: 'What happens to the groups of a user who already exists. Read for each item.',
		}),
		entryFor(PARAMETERS.reactivateClosedUsers, {
			type: 'boolean',
			description:
				'Whether to reopen a closed user with this email; when off, such an item fails and nothing is written. Read for each item.',
		}),
		...activationOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['upsert'] } },
	properties,
);

export const reads = {
	item: {
		...NEW_USER_READS,
		groupSync: PARAMETERS.groupSync,
		reactivateClosedUsers: PARAMETERS.reactivateClosedUsers,
		...ACTIVATION_READS,
	},
};

/** Matched by email: absent users are created, existing ones brought to the given state. */
export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, session, directory, results } = run;
	const entries = await newUsersFrom(n8n, results, directory, read);
	// Only items whose record read are here: take gives their values.
	const optionsOf = (itemIndex: number) => read.item(itemIndex);
	// Add Only needs the memberships of the named groups; Replace all of them.
	const needs = entries.map((e) =>
		optionsOf(e.itemIndex).groupSync === 'add' ? e.input.groups : 'all',
	);
	const found = await lookupEach(
		run,
		entries.map((e) => ({ by: 'email' as const, value: e.input.email })),
		membershipsOf(directory, needs),
	);
	const memberOf = [...found.values()].flatMap((u) =>
		u instanceof LookupFailed
			? []
			: ((u?.groupList ?? []) as Array<{ groupId?: unknown }>).map((g) => String(g.groupId ?? '')),
	);
	const custom = new Set(
		(await directory.groupsKnowing(memberOf)).filter((g) => !g.builtIn).map((g) => g.id),
	);

	const plan: PlannedWrite[] = [];
	for (const entry of entries) {
		const { itemIndex, input } = entry;
		try {
			const { groupSync, reactivateClosedUsers: reactivate } = optionsOf(itemIndex);
			if (groupSync === 'replace' && !input.groups.length) {
				throw parameterError(
					n8n,
					itemIndex,
					'Group Names or IDs',
					'is empty while Options > Group Sync is Replace',
					'Replace with no groups would take an existing user out of every custom group. Give the groups, or set Group Sync to Add Only; to empty a user\'s groups on purpose, use Update with Group Change "Remove From All Custom Groups".',
				);
			}
			const planUpdate = (user: User): PlannedChange => {
				const closed = isClosedStatus(user.status);
				if (closed && !reactivate) {
					throw apiErrorFor(
						n8n,
						itemIndex,
						`The user ${user.email} (ID ${user.id}) is closed and the option "Reactivate Closed Users" is off`,
						'Nothing was written. Turn on the option Reactivate Closed Users to reopen and update them, or leave the user closed.',
						{ existingUserId: user.id },
					);
				}
				const change = planUserChange(user, desiredFrom(input, groupSync), (id) => custom.has(id));
				const profileName = input.permissionProfile?.name;
				return {
					kind: 'change',
					itemIndex,
					action: 'update',
					user,
					reopen: closed,
					fields: change.fields,
					addGroups: change.addGroups,
					removeGroups: change.removeGroups,
					changes: change.changes,
					after: applyChange(user, change, profileName),
				};
			};
			const raw = userFrom(found, { by: 'email', value: input.email });
			// absent now; if another execution creates it before our POST, continue as an update
			if (!raw)
				plan.push(
					...withActivation(n8n, results, [{ ...entry, createdMeanwhile: planUpdate }], optionsOf),
				);
			else plan.push(planUpdate(simplifyUser(raw, session.account.accountId)));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(run, plan);
}
