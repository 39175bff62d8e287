import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { collection } from '../../parameters/editor';
import type { ItemRead, ParameterSpec, Read, ReadingsOf, ValuesOf } from '../../parameters/spec';
import { attemptAsync, entryFor, onlyWhen, take } from '../../parameters/spec';

import type { DesiredUser } from '../../users/diff';
import { applyChange, planUserChange } from '../../users/diff';
import { isClosedStatus } from '../../users/model';
import { UPDATABLE_FIELDS } from '../../users/fields';
import { groupsField, userLocator, writeOptionsFor } from '../common.descriptions';
import type { Group } from '../../users/model';
import type { Directory } from '../../users/directory';
import { PARAMETERS, UPDATE_FIELDS, userRefSpec } from '../parameters';
import { apiErrorFor, parameterError } from '../../users/results';
import type { Run } from '../../users/run';
import type { PlannedWrite } from '../../users/writes';
import { runWrites } from '../../users/writes';
import { loadTargets } from '../targets';
import { membershipsOf } from '../../users/lookup';
import { permissionProfileField } from './userInput';

const USER = userRefSpec('User to Update');

const properties: INodeProperties[] = [
	userLocator(USER),
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

/** Each updatable attribute under Update Fields: read only when set. */
const UPDATE_FIELD_READS = Object.fromEntries(
	UPDATABLE_FIELDS.map((f) => [f.key, UPDATE_FIELDS[f.key]]),
) as Record<(typeof UPDATABLE_FIELDS)[number]['key'], ParameterSpec<string | undefined>>;

export const reads = {
	item: {
		user: USER,
		...UPDATE_FIELD_READS,
		permissionProfile: PARAMETERS.updatePermissionProfile,
		groupChange: PARAMETERS.groupChange,
		// Keep As Is and Remove From All Custom Groups name no groups.
		groups: onlyWhen(
			PARAMETERS.groups,
			(read) => read.groupChange !== 'keep' && read.groupChange !== 'removeAll',
		),
	},
};

type UpdateValues = ValuesOf<typeof reads.item>;

/**
 * The groups whose memberships each item's Group Change needs: none for Keep As Is, the named ones
 * for Add and Remove, all for Replace and Remove From All Custom Groups. Groups that do not resolve
 * count as all; their item fails at the plan with the resolution's error. An item whose record did
 * not read fails before the look-up: it needs none.
 */
function groupNeedOf(item: ItemRead<UpdateValues>, resolved?: Read<Group[]>): Group[] | 'all' {
	if (!('value' in item) || item.value.groupChange === 'keep') return [];
	if (resolved && 'value' in resolved) return resolved.value;
	return 'all';
}

/** An item's Group Names or IDs as groups: see groupsByNames. */
type GroupResolver = (itemIndex: number, names: string[]) => Promise<Group[]>;

/**
 * Resolves each item's Group Names or IDs, once per distinct list of names: the directory resolves
 * them against this run's group list, so items that name the same groups get the same groups (200
 * movers into one department resolve it once). Names that do not resolve fail each item on its own.
 */
function groupsByNames(n8n: IExecuteFunctions, directory: Directory): GroupResolver {
	const resolved = new Map<string, Group[]>();
	return async (itemIndex, names) => {
		const key = names.join('\u0000');
		const known = resolved.get(key);
		if (known) return known;
		const groups = await directory.resolveGroups(n8n, itemIndex, PARAMETERS.groups.label, names);
		resolved.set(key, groups);
		return groups;
	};
}

async function desiredFrom(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directory: Directory,
	values: UpdateValues,
	groupsOf: GroupResolver,
	resolved?: Read<Group[]>,
): Promise<DesiredUser> {
	const desired: DesiredUser = {};
	for (const { key } of UPDATABLE_FIELDS) if (values[key] !== undefined) desired[key] = values[key];
	if (values.permissionProfile !== undefined) {
		desired.permissionProfile = await directory.resolveProfile(
			n8n,
			itemIndex,
			PARAMETERS.updatePermissionProfile.label,
			values.permissionProfile,
		);
	}
	const change = values.groupChange;
	if (change === 'removeAll') {
		desired.groups = { mode: 'replace', list: [] };
	} else if (change !== 'keep') {
		const list = resolved ? take(resolved) : await groupsOf(itemIndex, values.groups ?? []);
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

export async function execute(run: Run, read: ReadingsOf<typeof reads>): Promise<void> {
	const { n8n, directory, results } = run;
	const groupsOf = groupsByNames(n8n, directory);
	// The groups of Add and Remove, resolved before the look-up, which needs them.
	const resolved = new Map<number, Read<Group[]>>();
	for (const itemIndex of results.pending()) {
		const item = read.items[itemIndex];
		if (
			'value' in item &&
			(item.value.groupChange === 'add' || item.value.groupChange === 'remove')
		)
			resolved.set(
				itemIndex,
				await attemptAsync(() => groupsOf(itemIndex, item.value.groups ?? [])),
			);
	}
	const targets = await loadTargets(
		run,
		read,
		USER.label,
		undefined,
		membershipsOf(
			directory,
			results.pending().map((i) => groupNeedOf(read.items[i], resolved.get(i))),
		),
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
					`The user ${user.email} (parameter "${USER.label}") is closed, so DocuSign ignores updates to it`,
					'Reopen the user with the Reactivate operation first, or use Create or Update with Reactivate Closed Users on.',
				);
			}
			const values = read.item(itemIndex);
			const desired = await desiredFrom(
				n8n,
				itemIndex,
				directory,
				values,
				groupsOf,
				resolved.get(itemIndex),
			);
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
