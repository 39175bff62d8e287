import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { User } from '../../helpers/interfaces';
import { isClosedStatus } from '../../helpers/normalize';
import type { Session } from '../../transport';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import type { Directory } from '../directory';
import type { Results } from '../results';
import type { OperationContext } from '../types';
import { applyUserWrites } from './apply';
import type { Target } from './common';
import { loadTargets, readWriteSettings, writeOutput } from './common';

const properties: INodeProperties[] = [
	userLocator('User to Suspend'),
	writeOptionsFor([
		{
			displayName: 'Remove From Groups',
			name: 'removeFromGroups',
			type: 'boolean',
			default: false,
			description: 'Whether to also take the user out of every custom group, so that a later Activate starts without groups',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['suspend'] } }, properties);

/** The change a close makes to one user, for the output and for Notify Delete. */
export async function closePlan(directory: Directory, user: User, removeFromGroups: boolean): Promise<{ after: User; changes: IDataObject }> {
	if (isClosedStatus(user.status)) return { after: user, changes: {} };
	const changes: IDataObject = { status: { before: user.status, after: 'Closed' } };
	let groups = user.groups;
	if (removeFromGroups) {
		const custom = new Set((await directory.groups()).filter((g) => !g.builtIn).map((g) => g.id));
		const removed = user.groups.filter((g) => custom.has(g.id));
		if (removed.length) changes.groups = { added: [], removed: removed.map((g) => g.name) };
		groups = user.groups.filter((g) => !custom.has(g.id));
	}
	return { after: { ...user, status: 'Closed', enabled: false, activationPending: false, groups }, changes };
}

/** Closes the open users among the targets in batched DELETE /users calls; closed users cost nothing. */
export async function closeUsers(
	fn: IExecuteFunctions,
	session: Session,
	directory: Directory,
	results: Results,
	targets: Target[],
	settings: { batchSize: number; dryRun: boolean; removeFromGroups: boolean },
): Promise<Map<number, { after: User; changes: IDataObject }>> {
	const plans = new Map<number, { after: User; changes: IDataObject }>();
	for (const target of targets) plans.set(target.itemIndex, await closePlan(directory, target.user, settings.removeFromGroups));
	const writes = targets
		.filter((t) => !isClosedStatus(t.user.status))
		.map((t) => ({ itemIndex: t.itemIndex, userId: t.user.id, close: { removeFromGroups: settings.removeFromGroups } }));
	if (!settings.dryRun) await applyUserWrites(fn, session, results, writes, settings.batchSize);
	return plans;
}

export async function execute(this: IExecuteFunctions, { session, directory, results }: OperationContext): Promise<void> {
	const settings = readWriteSettings(this);
	const removeFromGroups = (this.getNodeParameter('options', 0, {}) as IDataObject).removeFromGroups === true;
	const targets = await loadTargets(this, session, results, 'User to Suspend');
	const plans = await closeUsers(this, session, directory, results, targets, { ...settings, removeFromGroups });
	for (const { itemIndex } of targets) {
		if (results.failed(itemIndex)) continue;
		const { after, changes } = plans.get(itemIndex)!;
		results.ok(itemIndex, writeOutput(after, 'suspend', changes, settings.dryRun));
	}
}
