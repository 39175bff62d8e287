import type { IDataObject } from 'n8n-workflow';

import type { User } from '../model';
import { isClosedStatus, withStatus } from '../model';
import type { Directory } from '../directory';
import type { ExtraOutput, PlannedChange } from './types';

/** The change a close makes to one user (Suspend, Notify Delete); a closed user needs no request. */
export async function planClose(
	directory: Directory,
	itemIndex: number,
	action: 'suspend' | 'notifyDelete',
	user: User,
	removeFromGroups: boolean,
	extraOutput?: ExtraOutput,
): Promise<PlannedChange> {
	if (isClosedStatus(user.status))
		return { kind: 'change', itemIndex, action, user, changes: {}, after: user, extraOutput };
	const changes: IDataObject = { status: { before: user.status, after: 'Closed' } };
	let groups = user.groups;
	if (removeFromGroups) {
		const custom = new Set(
			(await directory.groupsKnowing(user.groups.map((g) => g.id)))
				.filter((g) => !g.builtIn)
				.map((g) => g.id),
		);
		const removed = user.groups.filter((g) => custom.has(g.id));
		if (removed.length) changes.groups = { added: [], removed: removed.map((g) => g.name) };
		groups = user.groups.filter((g) => !custom.has(g.id));
	}
	return {
		kind: 'change',
		itemIndex,
		action,
		user,
		close: { removeFromGroups },
		changes,
		after: { ...withStatus(user, 'Closed'), groups },
		extraOutput,
	};
}
