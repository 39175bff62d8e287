import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../transport/batch';
import { toIsoDate } from '../normalize';
import { isClosedStatus } from '../status';
import type { Session } from '../../transport';
import { apiRequest, docuSignApiError, OutcomeUnknownError } from '../../transport';
import type { Results } from '../results';
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

async function postUsers(
	fn: IExecuteFunctions,
	session: Session,
	batch: PlannedCreate[],
): Promise<IDataObject[]> {
	const response = await apiRequest.call(fn, session, {
		method: 'POST',
		path: '/users',
		body: { newUsers: batch.map((c) => newUserBody(c.input)) },
		idempotent: false,
		what: 'create the users',
	});
	return Array.isArray(response.newUsers) ? (response.newUsers as IDataObject[]) : [];
}

/** A create's output, recorded at once so that a later failure of the run cannot lose it. */
function recordCreated(
	session: Session,
	results: Results,
	entry: PlannedCreate,
	answer: IDataObject,
): void {
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
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	batch: PlannedCreate[],
	answers: IDataObject[],
	raced: PlannedCreate[],
	unsure?: PlannedCreate[],
): void {
	const matched = matchAnswers(batch, answers, (c) => ({ email: c.input.email }));
	batch.forEach((entry, position) => {
		const answer = matched[position];
		const details = answer?.errorDetails as IDataObject | undefined;
		if (!answer) {
			results.fail(
				entry.itemIndex,
				notConfirmedError(fn, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else if (unsure && details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			unsure.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT' && entry.createdMeanwhile) {
			raced.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					fn,
					entry.itemIndex,
					`A DocuSign user with the email ${entry.input.email} already exists${answer.userId ? ` (user ID ${String(answer.userId)})` : ''}`,
					'Nothing was created for this item. Use the Create or Update operation to bring an existing user to the wanted state.',
					{ errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT', existingUserId: answer.userId ?? null },
				),
			);
		} else if (details) {
			results.fail(
				entry.itemIndex,
				docuSignApiError(fn.getNode(), 400, details, {
					what: 'create the user',
					itemIndex: entry.itemIndex,
				}),
			);
		} else if (!answer.userId) {
			results.fail(
				entry.itemIndex,
				notConfirmedError(fn, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else {
			recordCreated(session, results, entry, answer);
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
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	entries: PlannedCreate[],
	raced: PlannedCreate[],
	sentAt: number,
	unknownOutcome: unknown,
): Promise<PlannedCreate[]> {
	let found: Map<string, IDataObject | undefined>;
	try {
		found = await lookupUsers(
			fn,
			session,
			entries.map((e) => ({ by: 'email' as const, value: e.input.email })),
		);
	} catch (error) {
		failUnreconciled(fn, results, entries, error ?? unknownOutcome);
		return [];
	}
	const missing: PlannedCreate[] = [];
	for (const entry of entries) {
		const existing = userFrom(found, { by: 'email', value: entry.input.email });
		if (existing && holdsWhatWeSent(existing, entry.input, sentAt))
			recordCreated(session, results, entry, existing);
		else if (existing && !isClosedStatus(existing.userStatus)) {
			if (entry.createdMeanwhile) raced.push(entry);
			else if (appearedSince(existing, sentAt))
				results.ok(entry.itemIndex, existsOutput(session, existing));
			else
				settleCreated(
					fn,
					session,
					results,
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
function failUnreconciled(
	fn: IExecuteFunctions,
	results: Results,
	batch: PlannedCreate[],
	cause: unknown,
): void {
	const reason = plainMessageOf(cause);
	for (const entry of batch) {
		results.fail(
			entry.itemIndex,
			apiErrorFor(
				fn,
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
export async function createUsers(
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	entries: PlannedCreate[],
	batchSize: number,
): Promise<PlannedCreate[]> {
	const raced: PlannedCreate[] = [];
	for (const batch of chunk(entries, batchSize)) {
		if (results.stopRequested()) return raced;
		const open = batch.filter((e) => !results.failed(e.itemIndex));
		if (!open.length) continue;
		let answers: IDataObject[] | undefined;
		let unknownOutcome: unknown;
		const sentAt = Date.now();
		try {
			answers = await postUsers(fn, session, open);
		} catch (error) {
			if (!(error instanceof OutcomeUnknownError)) {
				for (const entry of open) results.fail(entry.itemIndex, error);
				continue;
			}
			unknownOutcome = error;
		}
		if (answers) {
			settleCreated(fn, session, results, open, answers, raced);
			continue;
		}
		const missing = await reconcile(fn, session, results, open, raced, sentAt, unknownOutcome);
		if (!missing.length) continue;
		let resent: IDataObject[];
		try {
			resent = await postUsers(fn, session, missing);
		} catch (error) {
			for (const entry of missing) results.fail(entry.itemIndex, error);
			continue;
		}
		const unsure: PlannedCreate[] = [];
		settleCreated(fn, session, results, missing, resent, raced, unsure);
		if (!unsure.length) continue;
		// "Already exists" on the resend: our first POST landed late, or someone else created the user.
		const vanished = await reconcile(fn, session, results, unsure, raced, sentAt, unknownOutcome);
		for (const entry of vanished)
			results.fail(
				entry.itemIndex,
				notConfirmedError(fn, entry.itemIndex, entry.input.email, 'create the users'),
			);
	}
	return raced;
}
