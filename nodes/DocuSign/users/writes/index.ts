import type { IDataObject } from 'n8n-workflow';
import type { Run } from '../run';

import { simplifyUser, withStatus } from '../model';
import { apiErrorFor } from '../results';
import type { FoundUsers } from '../lookup';
import { LookupFailed, lookedUp, lookupEach } from '../lookup';
import { plainMessageOf } from '../errors';
import { createActiveUsers } from './createActive';
import { chunk } from '../../transport/pacing';
import { createBatch } from './createUsers';
import { createChanges, plannedUser, writeOutput } from './report';
import type { Reopened } from './reopen';
import { sendChanges } from './sendChanges';
import type { PlannedChange, PlannedCreate, PlannedWrite } from './types';
import { sendsRequest } from './types';

export type {
	ExtraOutput,
	PlannedChange,
	PlannedCreate,
	PlannedWrite,
	WriteSettings,
} from './types';
export { writeOutput } from './report';
export { planClose } from './planClose';
export { runGroupWrites } from './groups';
export type { PlannedGroupWrite } from './groups';

/** A copy of the error (it may be shared by several items) whose description says the write stood. */
function withAppliedWriteNote(error: unknown, changes: IDataObject): unknown {
	if (!error || typeof error !== 'object') return error;
	const copy = Object.assign(
		Object.create(Object.getPrototypeOf(error) as object) as {
			description?: string | null;
			message?: string;
		},
		error,
	);
	copy.message = (error as Error).message; // not enumerable, so Object.assign leaves it out
	const what = Object.keys(changes).join(', ') || 'the change';
	copy.description = [
		copy.description,
		`DocuSign already applied this item's write (${what}); running the item again does not repeat it.`,
	]
		.filter(Boolean)
		.join(' ');
	return copy;
}

/** The output of a change: the planned user, with the status DocuSign reported for a reopen. */
async function reportChange(
	{ results, settings: { dryRun } }: Run,
	change: PlannedChange,
	reopened?: Reopened,
): Promise<void> {
	if (results.stopRequested()) return;
	const output = async (): Promise<IDataObject> => {
		let { after, changes } = change;
		if (change.reopen && reopened !== undefined) {
			after = withStatus(after, reopened.status);
			changes = { ...changes, status: { before: change.user.status, after: reopened.status } };
		}
		let extra: IDataObject = {};
		try {
			extra = change.extraOutput ? await change.extraOutput(after, changes) : {};
		} catch (error) {
			// The write itself stood: say so, so that a failed item is not mistaken for an untouched user.
			throw !dryRun && sendsRequest(change) ? withAppliedWriteNote(error, changes) : error;
		}
		// Activate names the API that reopened the user.
		const via = change.action === 'activate' && reopened ? { via: reopened.via } : {};
		return writeOutput(after, change.action, changes, dryRun, { ...via, ...extra });
	};
	await results.settle(change.itemIndex, output());
}

/** Sends the changes (as few requests as DocuSign allows), then records each item's output. */
async function applyChanges(run: Run, changes: PlannedChange[]): Promise<void> {
	if (!changes.length) return;
	const { results } = run;
	const reopened = await sendChanges(run, changes.filter(sendsRequest));
	for (const change of changes) {
		if (!results.failed(change.itemIndex))
			await reportChange(run, change, reopened.get(change.itemIndex));
	}
}

/**
 * Create or Update: these users were created by another execution between our lookup and our
 * POST (two n8n workers on the same person). Read them again and continue as updates, so the
 * item ends in the wanted state instead of failing.
 */
async function updateCreatedMeanwhile(run: Run, raced: PlannedCreate[]): Promise<void> {
	const { n8n, session, results } = run;
	let found: FoundUsers;
	try {
		found = await lookupEach(
			run,
			raced.map((e) => ({ by: 'email' as const, value: e.input.email })),
		);
	} catch (error) {
		for (const entry of raced) results.fail(entry.itemIndex, error);
		return;
	}
	const changes: PlannedChange[] = [];
	for (const entry of raced) {
		const raw = lookedUp(found, { by: 'email', value: entry.input.email });
		if (raw instanceof LookupFailed) {
			// Only this user's read failed: this item fails, the other raced items go on.
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					n8n,
					entry.itemIndex,
					`DocuSign said a user with the email ${entry.input.email} already exists, but reading it failed (${plainMessageOf(raw.error)})`,
					'Nothing was written for this item. Run it again in a moment: Create or Update then finds the user and updates it.',
					{ errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' },
				),
			);
			continue;
		}
		if (!raw) {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					n8n,
					entry.itemIndex,
					`DocuSign said a user with the email ${entry.input.email} already exists, but no such user can be read`,
					'Nothing was written for this item. Run it again in a moment; if it keeps failing, check the user in DocuSign Admin.',
					{ errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' },
				),
			);
			continue;
		}
		try {
			changes.push(entry.createdMeanwhile!(simplifyUser(raw, session.account.accountId)));
		} catch (error) {
			results.fail(entry.itemIndex, error);
		}
	}
	await applyChanges(run, changes);
}

/**
 * Creates through eSignature, one POST /users per batch (createUsers.ts), recording each batch's
 * items before the next goes out, so that a later failure of the run cannot lose a create. Returns
 * the entries that met a user created meanwhile, to continue as updates.
 */
async function createInBatches(run: Run, entries: PlannedCreate[]): Promise<PlannedCreate[]> {
	const { results } = run;
	const raced: PlannedCreate[] = [];
	for (const batch of chunk(entries, run.settings.batchSize)) {
		if (results.stopRequested()) break;
		const open = batch.filter((e) => !results.failed(e.itemIndex));
		if (!open.length) continue;
		const outcome = await createBatch(run, open);
		for (const item of outcome.settled) {
			if ('error' in item) {
				results.fail(item.itemIndex, item.error);
				continue;
			}
			if (item.created) results.noteWritten(item.itemIndex, 'created', item.created);
			results.ok(item.itemIndex, item.json);
		}
		raced.push(...outcome.raced);
	}
	return raced;
}

/**
 * The one write engine: takes the operations' planned writes, sends them in as few requests as
 * DocuSign allows (changes to existing users first, then creates), matches DocuSign's answers
 * to items by identity, and records each item's outcome in Results. A Dry Run records the plan
 * and sends nothing. With Continue On Fail off, nothing is sent once an item has failed.
 */
export async function runWrites(run: Run, plan: PlannedWrite[]): Promise<void> {
	const { session, results } = run;
	const { dryRun } = run.settings;
	if (results.stopRequested()) return;
	const live = plan.filter((w) => !results.failed(w.itemIndex));
	const changes = live.filter((w): w is PlannedChange => w.kind === 'change');
	const creates = live.filter((w): w is PlannedCreate => w.kind === 'create');
	if (dryRun) {
		for (const change of changes) await reportChange(run, change);
		for (const entry of creates) {
			const user = plannedUser(session, entry.input, entry.activation === 'immediate');
			const activation = entry.activation ? { activation: entry.activation } : undefined;
			results.ok(
				entry.itemIndex,
				writeOutput(user, 'create', createChanges(user), true, activation),
			);
		}
		return;
	}
	await applyChanges(run, changes);
	// Activate Immediately goes through the Admin API; an unclaimed domain may fall back to eSignature.
	const immediate = creates.filter((c) => c.activation === 'immediate');
	const { fallBack, raced: racedAdmin } = immediate.length
		? await createActiveUsers(run, immediate)
		: { fallBack: [], raced: [] };
	const viaESignature = [...creates.filter((c) => c.activation !== 'immediate'), ...fallBack].sort(
		(a, b) => a.itemIndex - b.itemIndex,
	);
	const raced = [
		...racedAdmin,
		...(viaESignature.length ? await createInBatches(run, viaESignature) : []),
	];
	if (raced.length && !results.stopRequested()) await updateCreatedMeanwhile(run, raced);
}
