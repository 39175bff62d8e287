import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../helpers/batch';
import type { Group, User } from '../../helpers/interfaces';
import type { Session } from '../../transport';
import { apiRequest, docuSignApiError } from '../../transport';
import type { Results } from '../results';

/** One item's writes on an existing user, applied in the order DocuSign needs them. */
export interface UserWrite {
	itemIndex: number;
	userId: string;
	reopen?: boolean;
	fields?: IDataObject;
	addGroups?: Group[];
	removeGroups?: Group[];
	close?: { removeFromGroups: boolean };
}

/** What DocuSign answered for each user (e.g. the status after a reopen), by item. */
export type WriteAnswers = Map<number, IDataObject>;

/**
 * UNVERIFIED (reference §2.8): DocuSign documents "use Users:update to re-open a closed user"
 * without the body. The node sends userStatus "Active" through the bulk Users:update; change
 * the body here, and only here, once DocuSign confirms it.
 */
export function reopenBody(userId: string): IDataObject {
	return { userId, userStatus: 'Active' };
}

/** The user after a reopen: DocuSign decides whether it is Active or must accept a new activation e-mail. */
export function reopenedUser(user: User, answer?: IDataObject): User {
	const status = String(answer?.userStatus ?? 'Active');
	return { ...user, status, enabled: true, activationPending: status.toLowerCase().startsWith('activation') };
}

/** Per-user errorDetails become that item's error; the rest of the batch stands. */
function settle(fn: IExecuteFunctions, results: Results, writes: UserWrite[], answered: IDataObject[], what: string, answers: WriteAnswers) {
	const byUserId = new Map(answered.map((u) => [String(u.userId ?? '').toLowerCase(), u]));
	for (const write of writes) {
		const answer = byUserId.get(write.userId.toLowerCase());
		const details = answer?.errorDetails as IDataObject | undefined;
		if (details) {
			results.fail(write.itemIndex, docuSignApiError(fn.getNode(), 400, details, { what, itemIndex: write.itemIndex }));
		} else if (answer) {
			answers.set(write.itemIndex, { ...answers.get(write.itemIndex), ...answer });
		}
	}
}

async function userBatches(
	fn: IExecuteFunctions,
	results: Results,
	writes: UserWrite[],
	batchSize: number,
	send: (batch: UserWrite[]) => Promise<IDataObject[]>,
	what: string,
	answers: WriteAnswers,
) {
	for (const batch of chunk(writes, batchSize)) {
		const open = batch.filter((w) => !results.failed(w.itemIndex));
		if (!open.length) continue;
		let answered: IDataObject[];
		try {
			answered = await send(open);
		} catch (error) {
			// The whole request failed: every item in it carries the error.
			for (const write of open) results.fail(write.itemIndex, error);
			continue;
		}
		settle(fn, results, open, answered, what, answers);
	}
}

/**
 * Applies writes with as few calls as DocuSign allows: reopen and field updates through bulk
 * Users:update, memberships as one PUT or DELETE per group per batch, closes as one DELETE.
 */
export async function applyUserWrites(
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	writes: UserWrite[],
	batchSize: number,
): Promise<WriteAnswers> {
	const answers: WriteAnswers = new Map();
	const request = (method: 'PUT' | 'DELETE', path: string, body: IDataObject, what: string, qs?: IDataObject) =>
		apiRequest.call(fn, session, { method, path, body, qs, idempotent: true, what });

	const reopen = writes.filter((w) => w.reopen);
	await userBatches(fn, results, reopen, batchSize, async (batch) => {
		const response = await request('PUT', '/users', { users: batch.map((w) => reopenBody(w.userId)) }, 'reopen the users');
		return (response.users ?? []) as IDataObject[];
	}, 'reopen the user', answers);

	const update = writes.filter((w) => w.fields && Object.keys(w.fields).length);
	await userBatches(fn, results, update, batchSize, async (batch) => {
		const response = await request('PUT', '/users', { users: batch.map((w) => ({ userId: w.userId, ...w.fields })) }, 'update the users');
		return (response.users ?? []) as IDataObject[];
	}, 'update the user', answers);

	for (const [key, method] of [['addGroups', 'PUT'], ['removeGroups', 'DELETE']] as const) {
		const byGroup = new Map<string, { group: Group; writes: UserWrite[] }>();
		for (const write of writes) {
			for (const group of write[key] ?? []) {
				const entry = byGroup.get(group.id) ?? { group, writes: [] };
				entry.writes.push(write);
				byGroup.set(group.id, entry);
			}
		}
		for (const { group, writes: members } of byGroup.values()) {
			const verb = method === 'PUT' ? `add the user to the group ${group.name}` : `remove the user from the group ${group.name}`;
			await userBatches(fn, results, members, batchSize, async (batch) => {
				const response = await request(method, `/groups/${encodeURIComponent(group.id)}/users`, { users: batch.map((w) => ({ userId: w.userId })) }, verb);
				// Membership answers carry no state we keep; only their errors matter.
				return ((response.users ?? []) as IDataObject[]).map((u) => ({ userId: u.userId, errorDetails: u.errorDetails }));
			}, verb, new Map());
		}
	}

	for (const removeFromGroups of [false, true]) {
		const close = writes.filter((w) => w.close && w.close.removeFromGroups === removeFromGroups);
		await userBatches(fn, results, close, batchSize, async (batch) => {
			const response = await request('DELETE', '/users', { users: batch.map((w) => ({ userId: w.userId })) }, 'close the users', removeFromGroups ? { delete: 'Groups' } : undefined);
			return (response.users ?? []) as IDataObject[];
		}, 'close the user', answers);
	}
	return answers;
}
