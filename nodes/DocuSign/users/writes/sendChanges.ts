import type { IDataObject } from 'n8n-workflow';
import type { Execution, Run } from '../run';

import { chunk, windowsOf } from '../../transport/pacing';
import type { Group } from '../model';
import { apiRequest, apiRequestAllItems, docuSignApiError } from '../../transport';
import { apiErrorFor } from '../results';
import { matchAnswers, notConfirmedError } from './report';
import type { Reopened } from './reopen';
import { reopenMembership } from './reopen';
import type { PlannedChange } from './types';

/**
 * Sends one kind of write in batches and settles every item of each batch by identity: a
 * per-user errorDetails fails that item, a user the answer does not mention fails as not
 * confirmed, a failed request fails every item in it. Stops when the run must stop.
 */
async function sendInBatches(
	{ n8n, results, settings: { batchSize } }: Run,
	changes: PlannedChange[],
	what: string,
	verb: string,
	send: (batch: PlannedChange[]) => Promise<IDataObject[]>,
	confirm?: Confirmer,
): Promise<void> {
	for (const batch of chunk(changes, batchSize)) {
		if (results.stopRequested()) return;
		const open = batch.filter((c) => !results.failed(c.itemIndex));
		if (!open.length) continue;
		let answers: IDataObject[];
		try {
			answers = await send(open);
		} catch (error) {
			for (const change of open) results.fail(change.itemIndex, error);
			continue;
		}
		const matched = matchAnswers(open, answers, (c) => ({ userId: c.user.id }));
		const unmentioned = open.filter((_, position) => !matched[position]);
		const confirmed = confirm && unmentioned.length ? await confirm(unmentioned) : undefined;
		open.forEach((change, position) => {
			const answer = matched[position];
			const details = answer?.errorDetails as IDataObject | undefined;
			if (!answer && confirmed) {
				const outcome = confirmed.get(change.user.id.toLowerCase());
				if (outcome === true) results.noteWritten(change.itemIndex, verb, change.user.email);
				else
					results.fail(
						change.itemIndex,
						outcome ?? notConfirmedError(n8n, change.itemIndex, change.user.email, what),
					);
			} else if (!answer)
				results.fail(
					change.itemIndex,
					notConfirmedError(n8n, change.itemIndex, change.user.email, what),
				);
			else if (details)
				results.fail(
					change.itemIndex,
					docuSignApiError(n8n.getNode(), 400, details, { what, itemIndex: change.itemIndex }),
				);
			else results.noteWritten(change.itemIndex, verb, change.user.email);
		});
	}
}

const usersOf = (response: IDataObject) =>
	Array.isArray(response.users) ? (response.users as IDataObject[]) : [];

/** For users a write's answer does not mention: lower-case user ID -> true (the read shows the change) or the item's error. */
type Confirmer = (changes: PlannedChange[]) => Promise<Map<string, true | unknown>>;

/**
 * UNVERIFIED: what PUT / DELETE /groups/{groupId}/users echo is undocumented (all users, none, or only
 * the changed ones). A user missing from the echo is not a failure by itself: one read of the group's
 * members confirms, and the item reports what that read shows.
 */
function groupConfirmer(run: Execution, group: Group, adding: boolean): Confirmer {
	const { n8n, session } = run;
	return async (changes) => {
		const outcome = new Map<string, true | unknown>();
		let members: Set<string>;
		try {
			const listed = await apiRequestAllItems.call(n8n, session, {
				path: `/groups/${encodeURIComponent(group.id)}/users`,
				key: 'users',
				what: `confirm the members of the group ${group.name}`,
			});
			members = new Set(listed.map((u) => String(u.userId ?? '').toLowerCase()));
		} catch {
			return outcome; // unconfirmed: each item fails as "not confirmed"
		}
		for (const change of changes) {
			const id = change.user.id.toLowerCase();
			if (members.has(id) === adding) outcome.set(id, true);
			else
				outcome.set(
					id,
					apiErrorFor(
						n8n,
						change.itemIndex,
						`DocuSign did not ${adding ? 'add' : 'remove'} ${change.user.email}: after the request the user is ${adding ? 'not in' : 'still in'} the group ${group.name}`,
						'DocuSign accepted the request, but its member list does not show the change. Run the item again; if it keeps failing, check the group in DocuSign Admin.',
					),
				);
		}
		return outcome;
	};
}

/**
 * Applies changes with as few calls as DocuSign allows, in the order it needs them: reopens
 * (one Users:update per user), field updates through the bulk Users:update, memberships as one
 * PUT or DELETE per group per batch, closes as one DELETE per batch. Returns the status DocuSign
 * reported for each reopened item.
 */
export async function sendChanges(
	run: Run,
	changes: PlannedChange[],
): Promise<Map<number, Reopened>> {
	const { n8n, session, results } = run;
	const request = async (
		method: 'PUT' | 'DELETE',
		path: string,
		body: IDataObject,
		what: string,
		qs?: IDataObject,
	) => await apiRequest.call(n8n, session, { method, path, body, qs, idempotent: true, what });
	const open = () => changes.filter((c) => !results.failed(c.itemIndex));

	const reopened = new Map<number, Reopened>();
	const toReopen = open().filter((c) => c.reopen);
	const reopen = async (change: PlannedChange) => {
		if (results.stopRequested()) return;
		try {
			reopened.set(
				change.itemIndex,
				await reopenMembership(run, change.itemIndex, change.user.id, change.user.email),
			);
			results.noteWritten(change.itemIndex, 'reopened', change.user.email);
		} catch (error) {
			results.fail(change.itemIndex, error);
		}
	};
	for (const window of windowsOf('reopens', toReopen)) await Promise.all(window.map(reopen));

	const updates = open().filter((c) => c.fields && Object.keys(c.fields).length);
	await sendInBatches(run, updates, 'update the users', 'updated', async (batch) =>
		usersOf(
			await request(
				'PUT',
				'/users',
				{ users: batch.map((c) => ({ userId: c.user.id, ...c.fields })) },
				'update the users',
			),
		),
	);

	for (const [key, method] of [
		['addGroups', 'PUT'],
		['removeGroups', 'DELETE'],
	] as const) {
		const byGroup = new Map<string, { group: Group; changes: PlannedChange[] }>();
		for (const change of open()) {
			for (const group of change[key] ?? []) {
				const entry = byGroup.get(group.id) ?? { group, changes: [] };
				entry.changes.push(change);
				byGroup.set(group.id, entry);
			}
		}
		for (const { group, changes: members } of byGroup.values()) {
			const what =
				method === 'PUT'
					? `add the users to the group ${group.name}`
					: `remove the users from the group ${group.name}`;
			const verb = method === 'PUT' ? 'added to a group' : 'removed from a group';
			await sendInBatches(
				run,
				members.filter((c) => !results.failed(c.itemIndex)),
				what,
				verb,
				async (batch) =>
					usersOf(
						await request(
							method,
							`/groups/${encodeURIComponent(group.id)}/users`,
							{ users: batch.map((c) => ({ userId: c.user.id })) },
							what,
						),
					),
				groupConfirmer(run, group, method === 'PUT'),
			);
		}
	}

	for (const removeFromGroups of [false, true]) {
		const closes = open().filter((c) => c.close && c.close.removeFromGroups === removeFromGroups);
		await sendInBatches(run, closes, 'close the users', 'closed', async (batch) =>
			usersOf(
				await request(
					'DELETE',
					'/users',
					{ users: batch.map((c) => ({ userId: c.user.id })) },
					'close the users',
					removeFromGroups ? { delete: 'Groups' } : undefined,
				),
			),
		);
	}
	return reopened;
}
