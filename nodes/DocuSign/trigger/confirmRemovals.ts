/**
 * A membership that vanished from a member list is confirmed before the trigger reports it removed.
 * Offset paging can skip a member without any count showing it: one member removed and another
 * added elsewhere between two pages keeps the total, and the entry at the page boundary moves
 * onto the page already read.
 */
import type { IDataObject } from 'n8n-workflow';

import { windowsOf } from '../transport/pacing';
import type { Group } from '../users/model';
import { toGroup } from '../users/directory';
import type { DocuSignContext, Session } from '../transport';
import { apiRequest } from '../transport';
import { readMemberships } from './read';

/** Up to this many users are confirmed one GET /users/{id} each; more re-read the groups' member lists. */
const MAX_USER_READS = 20;

export interface Suspect {
	/** The user's ID as DocuSign lists it. */
	userId: string;
	/** IDs of the groups the last poll saw and this read does not. */
	missing: string[];
}

/** The user's custom groups from its own record (GET /users/{id} is documented with groupList); undefined when it cannot be read. */
async function groupsOfUser(
	n8n: DocuSignContext,
	session: Session,
	userId: string,
): Promise<Group[] | undefined> {
	try {
		const user = await apiRequest.call(n8n, session, {
			method: 'GET',
			path: `/users/${encodeURIComponent(userId)}`,
			idempotent: true,
			what: 'confirm the groups of a user',
		});
		return Array.isArray(user.groupList)
			? (user.groupList as IDataObject[]).map(toGroup).filter((g) => !g.builtIn)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * Puts back into `memberships` (lower-case user ID -> groups) every group a second source still
 * shows for a suspect: the user's own record for a few users, else the member lists of the groups
 * concerned, read once more. A removal is reported only when that second look agrees.
 */
export async function confirmRemovals(
	n8n: DocuSignContext,
	session: Session,
	groups: Group[],
	memberships: Map<string, Group[]>,
	suspects: Suspect[],
): Promise<void> {
	if (!suspects.length) return;
	const byId = new Map(groups.map((g) => [g.id, g]));
	const putBack = (userId: string, seen: Group[]) => {
		const key = userId.toLowerCase();
		const held = memberships.get(key) ?? [];
		for (const group of seen) {
			const known = byId.get(group.id);
			if (known && !held.some((g) => g.id === known.id)) held.push(known);
		}
		memberships.set(
			key,
			groups.filter((g) => held.some((h) => h.id === g.id)),
		);
	};
	let unresolved = suspects;
	if (suspects.length <= MAX_USER_READS) {
		const read: Array<Group[] | undefined> = [];
		for (const window of windowsOf('confirmations', suspects))
			read.push(
				...(await Promise.all(window.map(async (s) => await groupsOfUser(n8n, session, s.userId)))),
			);
		suspects.forEach((s, i) => {
			const seen = read[i];
			if (seen) putBack(s.userId, seen);
		});
		unresolved = suspects.filter((_, i) => read[i] === undefined);
	}
	if (!unresolved.length) return;
	const concerned = [...new Set(unresolved.flatMap((s) => s.missing))]
		.map((id) => byId.get(id))
		.filter((g): g is Group => g !== undefined);
	const again = await readMemberships(n8n, session, concerned);
	for (const s of unresolved) putBack(s.userId, again.get(s.userId.toLowerCase()) ?? []);
}
