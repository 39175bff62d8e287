import type { IDataObject } from 'n8n-workflow';
import type { Execution, Run } from '../run';

import { chunk } from '../../transport/concurrency';
import { isClosedStatus, toIsoDate } from '../model';
import { apiRequest, docuSignApiError, OutcomeUnknownError } from '../../transport';
import { plainMessageOf } from '../errors';
import { apiErrorFor } from '../results';
import { lookupUsers, userFrom } from '../lookup';
import { matchAnswers, notConfirmedError } from './answers';
import { existsOutput, holdsWhatWeSent } from './ours';
import { createChanges, createdUser, newUserBody, writeOutput } from './report';
import type { PlannedCreate } from './types';

/**
 * A user created this long before our send still counts as created during our attempt (another
 * execution's POST may have gone out a little earlier; DocuSign's clock may differ from ours).
 */
const APPEARED_WINDOW_MS = 5 * 60_000;

async function postUsers(run: Execution, batch: PlannedCreate[]): Promise<IDataObject[]> {
	const { n8n, session } = run;
	const response = await apiRequest.call(n8n, session, {
		method: 'POST',
		path: '/users',
		body: { newUsers: batch.map((c) => newUserBody(c.input)) },
		idempotent: false,
		what: 'create the users',
	});
	return Array.isArray(response.newUsers) ? (response.newUsers as IDataObject[]) : [];
}

/** A create's output, recorded at once so that a later failure of the run cannot lose it. */
function recordCreated({ session, results }: Run, entry: PlannedCreate, answer: IDataObject): void {
	const user = createdUser(session, entry.input, answer);
	results.noteWritten(entry.itemIndex, 'created', entry.input.email);
	results.ok(entry.itemIndex, {
		...writeOutput(user, 'create', createChanges(user), false),
		...(entry.activation ? { activation: 'email' } : {}),
	});
}

/**
 * Settles DocuSign's per-user answers by e-mail (never by position). On a resend after an
 * unknown outcome, "already exists" means the first attempt landed late or someone else created
 * the user meanwhile: those entries go to `unsure`, to be decided from a read. Otherwise an entry
 * that can continue as an update (createdMeanwhile) goes to `raced`.
 */
function settleCreated(
	run: Run,
	batch: PlannedCreate[],
	answers: IDataObject[],
	raced: PlannedCreate[],
	unsure?: PlannedCreate[],
): void {
	const { n8n, results } = run;
	const matched = matchAnswers(batch, answers, (c) => ({ email: c.input.email }));
	batch.forEach((entry, position) => {
		const answer = matched[position];
		const details = answer?.errorDetails as IDataObject | undefined;
		if (!answer) {
			results.fail(
				entry.itemIndex,
				notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else if (unsure && details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			unsure.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT' && entry.createdMeanwhile) {
			raced.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					n8n,
					entry.itemIndex,
					`A DocuSign user with the email ${entry.input.email} already exists${answer.userId ? ` (user ID ${String(answer.userId)})` : ''}`,
					'Nothing was created for this item. Use the Create or Update operation to bring an existing user to the wanted state.',
					{ errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT', existingUserId: answer.userId ?? null },
				),
			);
		} else if (details) {
			results.fail(
				entry.itemIndex,
				docuSignApiError(n8n.getNode(), 400, details, {
					what: 'create the user',
					itemIndex: entry.itemIndex,
				}),
			);
		} else if (!answer.userId) {
			results.fail(
				entry.itemIndex,
				notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else {
			recordCreated(run, entry, answer);
		}
	});
}

/**
 * Decides entries whose POST outcome is unknown from a read of the users (with their groups):
 * a user holding what we sent, created after our send, is ours (`create`); another open user is
 * someone else's: Create reports it as it `exists` when it appeared during our attempt (an older
 * one is "already exists"), Create or Update goes on as an update (`raced`). Returns the entries
 * no user answers for.
 */
async function reconcile(
	run: Run,
	entries: PlannedCreate[],
	raced: PlannedCreate[],
	sentAt: number,
	unknownOutcome: unknown,
): Promise<PlannedCreate[]> {
	const { session, results } = run;
	let found: Map<string, IDataObject | undefined>;
	try {
		found = await lookupUsers(
			run,
			entries.map((e) => ({ by: 'email' as const, value: e.input.email })),
		);
	} catch (error) {
		failUnreconciled(run, entries, error ?? unknownOutcome);
		return [];
	}
	const missing: PlannedCreate[] = [];
	for (const entry of entries) {
		const existing = userFrom(found, { by: 'email', value: entry.input.email });
		if (existing && holdsWhatWeSent(existing, entry.input, sentAt))
			recordCreated(run, entry, existing);
		else if (existing && !isClosedStatus(existing.userStatus)) {
			if (entry.createdMeanwhile) raced.push(entry);
			else if (appearedSince(existing, sentAt))
				results.ok(entry.itemIndex, existsOutput(session, existing));
			else
				settleCreated(
					run,
					[entry],
					[{ ...existing, errorDetails: { errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' } }],
					raced,
				);
		} else missing.push(entry);
	}
	return missing;
}

/** Created while our attempt was under way (give or take DocuSign's clock): another creator's, not an old user. */
function appearedSince(user: IDataObject, sentAt: number): boolean {
	const created = Date.parse(toIsoDate(user.createdDateTime) ?? '');
	return Number.isFinite(created) && created >= sentAt - APPEARED_WINDOW_MS;
}

/** The batch's outcome stays unknown (the reconciling lookup failed too): only its items fail, saying so. */
function failUnreconciled({ n8n, results }: Run, batch: PlannedCreate[], cause: unknown): void {
	const reason = plainMessageOf(cause);
	for (const entry of batch) {
		results.fail(
			entry.itemIndex,
			apiErrorFor(
				n8n,
				entry.itemIndex,
				`DocuSign may or may not have created ${entry.input.email}: the request's outcome is unknown and looking the user up failed too (${reason})`,
				'The user may exist now. Create or Update is safe to re-run: it looks each user up by e-mail and creates only the missing ones.',
			),
		);
	}
}

/**
 * Creates users in batches of one POST /users each (DocuSign takes up to 500). When a batch's
 * outcome is unknown (connection lost, 5xx), the users it may have created are looked up by
 * e-mail, and only the missing ones are sent again: nobody is lost, nobody is created twice.
 * Each batch's items are settled before the next batch goes out. Returns the entries that met a
 * user created meanwhile and can continue as an update (no outcome recorded for them yet).
 */
export async function createUsers(run: Run, entries: PlannedCreate[]): Promise<PlannedCreate[]> {
	const { n8n, results } = run;
	const { batchSize } = run.settings;
	const raced: PlannedCreate[] = [];
	for (const batch of chunk(entries, batchSize)) {
		if (results.stopRequested()) return raced;
		const open = batch.filter((e) => !results.failed(e.itemIndex));
		if (!open.length) continue;
		let answers: IDataObject[] | undefined;
		let unknownOutcome: unknown;
		const sentAt = Date.now();
		try {
			answers = await postUsers(run, open);
		} catch (error) {
			if (!(error instanceof OutcomeUnknownError)) {
				for (const entry of open) results.fail(entry.itemIndex, error);
				continue;
			}
			unknownOutcome = error;
		}
		if (answers) {
			settleCreated(run, open, answers, raced);
			continue;
		}
		const missing = await reconcile(run, open, raced, sentAt, unknownOutcome);
		if (!missing.length) continue;
		let resent: IDataObject[];
		try {
			resent = await postUsers(run, missing);
		} catch (error) {
			for (const entry of missing) results.fail(entry.itemIndex, error);
			continue;
		}
		const unsure: PlannedCreate[] = [];
		settleCreated(run, missing, resent, raced, unsure);
		if (!unsure.length) continue;
		// "Already exists" on the resend: our first POST landed late, or someone else created the user.
		const vanished = await reconcile(run, unsure, raced, sentAt, unknownOutcome);
		for (const entry of vanished)
			results.fail(
				entry.itemIndex,
				notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'),
			);
	}
	return raced;
}
