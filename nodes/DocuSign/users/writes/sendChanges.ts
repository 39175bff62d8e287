import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../transport/batch';
import { inFlight } from '../../transport/concurrency';
import type { Group } from '../model';
import type { Session } from '../../transport';
import { apiRequest, docuSignApiError } from '../../transport';
import type { Results } from '../results';
import { matchAnswers, notConfirmedError } from './answers';
import type { Reopened } from './reopen';
import { reopenMembership } from './reopen';
import type { PlannedChange } from './types';

interface Sender {
	fn: IExecuteFunctions;
	session: Session;
	results: Results;
	batchSize: number;
}

/**
 * Sends one kind of write in batches and settles every item of each batch by identity: a
 * per-user errorDetails fails that item, a user the answer does not mention fails as not
 * confirmed, a failed request fails every item in it. Stops when the run must stop.
 */
async function sendInBatches(
	{ fn, results, batchSize }: Sender,
	changes: PlannedChange[],
	what: string,
	verb: string,
	send: (batch: PlannedChange[]) => Promise<IDataObject[]>,
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
		open.forEach((change, position) => {
			const answer = matched[position];
			const details = answer?.errorDetails as IDataObject | undefined;
			if (!answer)
				results.fail(
					change.itemIndex,
					notConfirmedError(fn, change.itemIndex, change.user.email, what),
				);
			else if (details)
				results.fail(
					change.itemIndex,
					docuSignApiError(fn.getNode(), 400, details, { what, itemIndex: change.itemIndex }),
				);
			else results.noteWritten(change.itemIndex, verb, change.user.email);
		});
	}
}

const usersOf = (response: IDataObject) =>
	Array.isArray(response.users) ? (response.users as IDataObject[]) : [];

/**
 * Applies changes with as few calls as DocuSign allows, in the order it needs them: reopens
 * (one Users:update per user), field updates through the bulk Users:update, memberships as one
 * PUT or DELETE per group per batch, closes as one DELETE per batch. Returns the status DocuSign
 * reported for each reopened item.
 */
export async function sendChanges(
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	changes: PlannedChange[],
	batchSize: number,
): Promise<Map<number, Reopened>> {
	const sender: Sender = { fn, session, results, batchSize };
	const request = async (
		method: 'PUT' | 'DELETE',
		path: string,
		body: IDataObject,
		what: string,
		qs?: IDataObject,
	) => await apiRequest.call(fn, session, { method, path, body, qs, idempotent: true, what });
	const open = () => changes.filter((c) => !results.failed(c.itemIndex));

	const reopened = new Map<number, Reopened>();
	const toReopen = open().filter((c) => c.reopen);
	await inFlight('reopens', toReopen, async (change) => {
		if (results.stopRequested()) return;
		try {
			reopened.set(
				change.itemIndex,
				await reopenMembership(fn, session, change.itemIndex, change.user.id, change.user.email),
			);
			results.noteWritten(change.itemIndex, 'reopened', change.user.email);
		} catch (error) {
			results.fail(change.itemIndex, error);
		}
	});

	const updates = open().filter((c) => c.fields && Object.keys(c.fields).length);
	await sendInBatches(sender, updates, 'update the users', 'updated', async (batch) =>
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
				sender,
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
			);
		}
	}

	for (const removeFromGroups of [false, true]) {
		const closes = open().filter((c) => c.close && c.close.removeFromGroups === removeFromGroups);
		await sendInBatches(sender, closes, 'close the users', 'closed', async (batch) =>
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
