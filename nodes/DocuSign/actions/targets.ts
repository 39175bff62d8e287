import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { User } from '../users/model';
import { simplifyUser } from '../users/model';
import type { Results } from '../users/results';
import { parameterError } from '../users/results';
import type { LookupOptions, UserRef } from '../users/lookup';
import type { Run } from '../users/run';
import { lookupEach, userFrom, userNotFound } from '../users/lookup';
import type { ItemRecords } from '../parameters/spec';

export interface Target {
	itemIndex: number;
	ref: UserRef;
	raw: IDataObject;
	user: User;
}

/**
 * Fails every later entry whose key an earlier entry already has: one target per user per run,
 * so that one request never carries two conflicting writes for the same user.
 */
export function rejectRepeats<T extends { itemIndex: number }>(
	n8n: IExecuteFunctions,
	results: Results,
	entries: T[],
	keyOf: (entry: T) => string,
	parameter: string,
	describe: (entry: T, firstItem: number) => string,
): T[] {
	const firstSeen = new Map<string, number>();
	const unique: T[] = [];
	for (const entry of entries) {
		const key = keyOf(entry).toLowerCase();
		const first = firstSeen.get(key);
		if (first === undefined) {
			firstSeen.set(key, entry.itemIndex);
			unique.push(entry);
		} else {
			results.fail(
				entry.itemIndex,
				parameterError(
					n8n,
					entry.itemIndex,
					parameter,
					describe(entry, first),
					'Each user may appear once per run; remove the repeated item or merge it with the first one.',
				),
			);
		}
	}
	return unique;
}

/**
 * The users the items point at (each item's `user` locator, from its record; an item whose record
 * did not read fails here), read in as few calls as possible. Unknown users fail their item;
 * an item naming a user an earlier item already named (by any locator) fails too. `scope` widens
 * the key when one user may legitimately appear once per something (a group). `memberships` says
 * which groups' memberships the write needs (see membershipsOf); default all.
 */
export async function loadTargets(
	run: Run,
	records: ItemRecords<{ user: UserRef }>,
	parameter: string,
	scope: (itemIndex: number) => string = () => '',
	memberships: LookupOptions = {},
): Promise<Target[]> {
	const { n8n, session, results } = run;
	const refs: Array<{ itemIndex: number; value: UserRef }> = [];
	for (const itemIndex of results.open()) {
		try {
			refs.push({ itemIndex, value: records.item(itemIndex).user });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	const found = await lookupEach(
		run,
		refs.map((r) => r.value),
		memberships,
	);
	const targets: Target[] = [];
	for (const { itemIndex, value: ref } of refs) {
		try {
			const raw = userFrom(found, ref);
			if (!raw) results.fail(itemIndex, userNotFound(n8n, itemIndex, ref, parameter));
			else
				targets.push({ itemIndex, ref, raw, user: simplifyUser(raw, session.account.accountId) });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	return rejectRepeats(
		n8n,
		results,
		targets,
		(t) => `${t.user.id}|${scope(t.itemIndex)}`,
		parameter,
		(t, first) =>
			`names the same user as item ${first} (${t.user.email}, ID ${t.user.id})${t.ref.by === 'email' ? ` by the email "${t.ref.value}"` : ''}`,
	);
}
