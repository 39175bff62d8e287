import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DesiredUser } from '../../users/diff';
import { applyChange, planUserChange } from '../../users/diff';
import { isClosedStatus } from '../../users/status';
import { UPDATABLE_FIELDS } from '../../users/fields';
import { checkName } from '../../users/validate';
import { groupsField, userLocator, writeOptionsFor } from '../common.descriptions';
import type { Group } from '../../users/model';
import type { Directory } from '../../users/directory';
import type { Results } from '../../users/results';
import { PARAMETERS, readItemParameter, readWriteSettings } from '../parameters';
import { apiErrorFor, parameterError } from '../../users/results';
import type { OperationContext } from '../types';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { loadTargets } from '../targets';
import { membershipsOf } from '../../users/lookup';
import { permissionProfileField } from './userInput';

const properties: INodeProperties[] = [
	userLocator('User to Update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...UPDATABLE_FIELDS.map(
				(f): INodeProperties => ({
					displayName: f.label,
					name: f.key,
					type: 'string',
					default: '',
				}),
			),
			permissionProfileField,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Group Change',
		name: 'groupMode',
		type: 'options',
		default: 'keep',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add the user to the groups below, keep the others',
			},
			{ name: 'Keep As Is', value: 'keep', description: "Leave the user's groups alone" },
			{ name: 'Remove', value: 'remove', description: 'Take the user out of the groups below' },
			{
				name: 'Remove From All Custom Groups',
				value: 'removeAll',
				description: 'The user ends in no custom group',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'The user ends in exactly the groups below; an empty list is an error',
			},
		],
		description:
			"How the groups below change the user's custom groups: one of keep, add, remove, replace, removeAll (exactly these values). Everyone and Administrators are never changed.",
	},
	{
		...groupsField('The custom groups for the change. With Replace, an empty list is an error.'),
		displayOptions: { hide: { groupMode: ['keep', 'removeAll'] } },
	},
	...writeOptionsFor(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

async function readDesired(
	fn: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
): Promise<DesiredUser> {
	const fields = fn.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const desired: DesiredUser = {};
	for (const { key, label, maxLength, blankable } of UPDATABLE_FIELDS) {
		if (!(key in fields)) continue;
		const value = checkName(fields[key], maxLength, !blankable);
		if ('problem' in value)
			throw parameterError(fn, itemIndex, `Update Fields > ${label}`, value.problem, value.hint);
		desired[key] = value.value;
	}
	if ('permissionProfile' in fields) {
		desired.permissionProfile = await directory.resolveProfile(
			fn,
			itemIndex,
			'Update Fields > Permission Profile Name or ID',
			fields.permissionProfile,
		);
	}
	const change = readItemParameter(fn, PARAMETERS.groupChange, itemIndex);
	if (change === 'removeAll') {
		desired.groups = { mode: 'replace', list: [] };
	} else if (change !== 'keep') {
		const list = await directory.resolveGroups(
			fn,
			itemIndex,
			'Group Names or IDs',
			fn.getNodeParameter('groups', itemIndex, []),
		);
		if (change === 'replace' && !list.length) {
			throw parameterError(
				fn,
				itemIndex,
				'Group Names or IDs',
				'is empty while Group Change is Replace',
				'Replace with no groups would take the user out of every custom group: check that the field or expression has a value (e.g. {{ $json.newDepartment }} exists in this item). To empty the user\'s groups on purpose, choose Group Change "Remove From All Custom Groups".',
			);
		}
		desired.groups = { mode: change, list };
	}
	return desired;
}

/**
 * The groups whose memberships each item's Group Change needs: none for Keep As Is, the named ones
 * for Add and Remove, all for Replace and Remove From All Custom Groups. A value that does not read
 * counts as all; its item fails later with the parameter's error.
 */
async function groupNeeds(
	fn: IExecuteFunctions,
	results: Results,
	directory: Directory,
): Promise<Array<Group[] | 'all'>> {
	const needs: Array<Group[] | 'all'> = [];
	for (const itemIndex of results.pending()) {
		try {
			const change = readItemParameter(fn, PARAMETERS.groupChange, itemIndex);
			if (change === 'keep') needs.push([]);
			else if (change === 'add' || change === 'remove')
				needs.push(
					await directory.resolveGroups(
						fn,
						itemIndex,
						'Group Names or IDs',
						fn.getNodeParameter('groups', itemIndex, []),
					),
				);
			else needs.push('all');
		} catch {
			needs.push('all');
		}
	}
	return needs;
}

export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	const settings = readWriteSettings(this);
	const targets = await loadTargets(
		this,
		session,
		results,
		'User to Update',
		undefined,
		membershipsOf(directory, await groupNeeds(this, results, directory)),
	);
	const memberOf = targets.flatMap((t) => t.user.groups.map((g) => g.id));
	const custom = new Set(
		(await directory.groupsKnowing(memberOf)).filter((g) => !g.builtIn).map((g) => g.id),
	);
	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		try {
			if (isClosedStatus(user.status)) {
				throw apiErrorFor(
					this,
					itemIndex,
					`The user ${user.email} (parameter "User to Update") is closed, so DocuSign ignores updates to it`,
					'Reopen the user with the Reactivate operation first, or use Create or Update with Reactivate Closed Users on.',
				);
			}
			const desired = await readDesired(this, itemIndex, directory);
			const change = planUserChange(user, desired, (id) => custom.has(id));
			const after = applyChange(user, change, desired.permissionProfile?.name);
			plan.push({
				kind: 'change',
				itemIndex,
				action: 'update',
				user,
				fields: change.fields,
				addGroups: change.addGroups,
				removeGroups: change.removeGroups,
				changes: change.changes,
				after,
			});
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(this, session, results, plan, settings);
}
