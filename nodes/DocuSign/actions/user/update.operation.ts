import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { collection } from '../../parameters/editor';
import { entryFor } from '../../parameters/spec';

import type { DesiredUser } from '../../users/diff';
import { applyChange, planUserChange } from '../../users/diff';
import { isClosedStatus } from '../../users/model';
import { UPDATABLE_FIELDS } from '../../users/fields';
import { groupsField, userLocator, writeOptionsFor } from '../common.descriptions';
import type { Group } from '../../users/model';
import type { Directory } from '../../users/directory';
import type { GroupChange, Read } from '../parameters';
import {
	attempt,
	attemptAsync,
	isParameterSet,
	PARAMETERS,
	readItemParameter,
	take,
	UPDATE_FIELDS,
} from '../parameters';
import { apiErrorFor, parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { loadTargets } from '../targets';
import { membershipsOf } from '../../users/lookup';
import { permissionProfileField } from './userInput';

const properties: INodeProperties[] = [
	userLocator('User to Update'),
	collection(
		'updateFields',
		'Update Fields',
		'Add Field',
		[
			...UPDATABLE_FIELDS.map((f) => entryFor(UPDATE_FIELDS[f.key], { type: 'string' as const })),
			permissionProfileField(PARAMETERS.updatePermissionProfile),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	),
	entryFor(PARAMETERS.groupChange, {
		type: 'options',
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
	}),
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

/**
 * One item's Group Change and its groups, read once before the look-up: the look-up needs them to
 * know which memberships to read, the plan to know the desired groups. A parameter that does not
 * read keeps its error, thrown when the plan needs it, so the item fails as it always did.
 */
interface GroupOptions {
	change: Read<GroupChange>;
	/** The Group Names or IDs as given; only for Add, Remove and Replace. */
	groups?: Read<unknown>;
	/** Those groups, resolved before the look-up; only for Add and Remove, whose look-up needs them. */
	resolved?: Read<Group[]>;
}

async function readGroupOptions(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
): Promise<GroupOptions> {
	const change = attempt(() => readItemParameter(n8n, PARAMETERS.groupChange, itemIndex));
	if (!('value' in change) || change.value === 'keep' || change.value === 'removeAll')
		return { change };
	const groups = attempt(() => readItemParameter(n8n, PARAMETERS.groups, itemIndex));
	if (change.value === 'replace' || !('value' in groups)) return { change, groups };
	const resolved = await attemptAsync(() =>
		directory.resolveGroups(n8n, itemIndex, PARAMETERS.groups.label, groups.value),
	);
	return { change, groups, resolved };
}

/**
 * The groups whose memberships each item's Group Change needs: none for Keep As Is, the named ones
 * for Add and Remove, all for Replace and Remove From All Custom Groups. A value that does not read
 * counts as all; its item fails later with the parameter's error.
 */
function groupNeedOf({ change, resolved }: GroupOptions): Group[] | 'all' {
	if (!('value' in change)) return 'all';
	if (change.value === 'keep') return [];
	if ((change.value === 'add' || change.value === 'remove') && resolved && 'value' in resolved)
		return resolved.value;
	return 'all';
}

async function readDesired(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
	options: GroupOptions,
): Promise<DesiredUser> {
	const desired: DesiredUser = {};
	for (const { key } of UPDATABLE_FIELDS) {
		const parameter = UPDATE_FIELDS[key];
		if (isParameterSet(n8n, parameter)) desired[key] = readItemParameter(n8n, parameter, itemIndex);
	}
	if (isParameterSet(n8n, PARAMETERS.updatePermissionProfile)) {
		desired.permissionProfile = await directory.resolveProfile(
			n8n,
			itemIndex,
			PARAMETERS.updatePermissionProfile.label,
			readItemParameter(n8n, PARAMETERS.updatePermissionProfile, itemIndex),
		);
	}
	const change = take(options.change);
	if (change === 'removeAll') {
		desired.groups = { mode: 'replace', list: [] };
	} else if (change !== 'keep') {
		const list = options.resolved
			? take(options.resolved)
			: await directory.resolveGroups(
					n8n,
					itemIndex,
					PARAMETERS.groups.label,
					take(options.groups ?? { value: [] }),
				);
		if (change === 'replace' && !list.length) {
			throw parameterError(
				n8n,
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

export async function execute(run: Run): Promise<void> {
	const { n8n, directory, results } = run;
	const options = new Map<number, GroupOptions>();
	for (const itemIndex of results.pending())
		options.set(itemIndex, await readGroupOptions(n8n, itemIndex, directory));
	const targets = await loadTargets(
		run,
		'User to Update',
		undefined,
		membershipsOf(directory, [...options.values()].map(groupNeedOf)),
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
					n8n,
					itemIndex,
					`The user ${user.email} (parameter "User to Update") is closed, so DocuSign ignores updates to it`,
					'Reopen the user with the Reactivate operation first, or use Create or Update with Reactivate Closed Users on.',
				);
			}
			const desired = await readDesired(n8n, itemIndex, directory, options.get(itemIndex)!);
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
	await runWrites(run, plan);
}
