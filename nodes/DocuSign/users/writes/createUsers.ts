import type { IDataObject } from 'n8n-workflow';
import type { Execution } from '../run';

import { isClosedStatus, toIsoDate } from '../model';
import { apiRequest, docuSignApiError, OutcomeUnknownError } from '../../transport';
import { plainMessageOf } from '../errors';
import { apiErrorFor } from '../results';
import type { FoundUsers } from '../lookup';
import { LookupFailed, lookedUp, lookupEach } from '../lookup';
import { existsOutput, holdsWhatWeSent } from './ours';
import {
	createChanges,
	createdUser,
	matchAnswers,
	newUserBody,
	notConfirmedError,
	writeOutput,
} from './report';
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

/**
 * One item's outcome in a batch, in the order DocuSign's answers settled it: its output (`created`:
 * the e-mail this run created, which the ledger notes as written) or its error.
 */
export type CreateOutcome = { itemIndex: number } & (
	| { json: IDataObject; created?: string }
	| { error: unknown }
);

/** What one batch came to, for the engine to record: nothing here writes to the ledger. */
export interface BatchOutcome {
	settled: CreateOutcome[];
	/** Met a user created meanwhile: to continue as updates (no outcome yet). */
	raced: PlannedCreate[];
}

/** A create's outcome: the user as DocuSign answered for it. */
function created({ session }: Execution, entry: PlannedCreate, answer: IDataObject): CreateOutcome {
	const user = createdUser(session, entry.input, answer);
	return {
		itemIndex: entry.itemIndex,
		created: entry.input.email,
		json: writeOutput(
			user,
			'create',
			createChanges(user),
			false,
			entry.activation ? { activation: 'email' } : undefined,
		),
	};
}

/**
 * Settles DocuSign's per-user answers by e-mail (never by position). On a resend after an
 * unknown outcome, "already exists" means the first attempt landed late or someone else created
 * the user meanwhile: those entries go to `unsure`, to be decided from a read. Otherwise an entry
 * that can continue as an update (createdMeanwhile) goes to `raced`.
 */
function settleCreated(
	run: Execution,
	batch: PlannedCreate[],
	answers: IDataObject[],
	out: BatchOutcome,
	unsure?: PlannedCreate[],
): void {
	const { n8n } = run;
	const fail = (itemIndex: number, error: unknown) => out.settled.push({ itemIndex, error });
	const matched = matchAnswers(batch, answers, (c) => ({ email: c.input.email }));
	batch.forEach((entry, position) => {
		const answer = matched[position];
		const details = answer?.errorDetails as IDataObject | undefined;
		if (!answer) {
			fail(
				entry.itemIndex,
				notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else if (unsure && details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			unsure.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT' && entry.createdMeanwhile) {
			out.raced.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			fail(
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
			fail(
				entry.itemIndex,
				docuSignApiError(n8n.getNode(), 400, details, {
					what: 'create the user',
					itemIndex: entry.itemIndex,
				}),
			);
		} else if (!answer.userId) {
			fail(
				entry.itemIndex,
				notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'),
			);
		} else {
			out.settled.push(created(run, entry, answer));
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
	run: Execution,
	entries: PlannedCreate[],
	out: BatchOutcome,
	sentAt: number,
	unknownOutcome: unknown,
): Promise<PlannedCreate[]> {
	const { session } = run;
	let found: FoundUsers;
	try {
		found = await lookupEach(
			run,
			entries.map((e) => ({ by: 'email' as const, value: e.input.email })),
		);
	} catch (error) {
		failUnreconciled(run, entries, error ?? unknownOutcome, out);
		return [];
	}
	const missing: PlannedCreate[] = [];
	for (const entry of entries) {
		const existing = lookedUp(found, { by: 'email', value: entry.input.email });
		// Only this user's read failed: its outcome stays unknown and it is not sent again; the others are decided.
		if (existing instanceof LookupFailed)
			failUnreconciled(run, [entry], existing.error ?? unknownOutcome, out);
		else if (existing && holdsWhatWeSent(existing, entry.input, sentAt))
			out.settled.push(created(run, entry, existing));
		else if (existing && !isClosedStatus(existing.userStatus)) {
			if (entry.createdMeanwhile) out.raced.push(entry);
			else if (appearedSince(existing, sentAt))
				out.settled.push({ itemIndex: entry.itemIndex, json: existsOutput(session, existing) });
			else
				settleCreated(
					run,
					[entry],
					[{ ...existing, errorDetails: { errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' } }],
					out,
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
	{ n8n }: Execution,
	batch: PlannedCreate[],
	cause: unknown,
	out: BatchOutcome,
): void {
	const reason = plainMessageOf(cause);
	for (const entry of batch) {
		out.settled.push({
			itemIndex: entry.itemIndex,
			error: apiErrorFor(
				n8n,
				entry.itemIndex,
				`DocuSign may or may not have created ${entry.input.email}: the request's outcome is unknown and looking the user up failed too (${reason})`,
				'The user may exist now. Create or Update is safe to re-run: it looks each user up by e-mail and creates only the missing ones.',
			),
		});
	}
}

/**
 * Creates one batch of users with one POST /users (DocuSign takes up to 500). When its outcome is
 * unknown (connection lost, 5xx), the users it may have created are looked up by e-mail, and only
 * the missing ones are sent again: nobody is lost, nobody is created twice. Returns each item's
 * outcome as data, and the entries that met a user created meanwhile and can continue as an update;
 * the engine (index.ts) records them before the next batch goes out.
 */
export async function createBatch(run: Execution, batch: PlannedCreate[]): Promise<BatchOutcome> {
	const { n8n } = run;
	const out: BatchOutcome = { settled: [], raced: [] };
	const fail = (entries: PlannedCreate[], error: unknown) => {
		for (const entry of entries) out.settled.push({ itemIndex: entry.itemIndex, error });
	};
	let answers: IDataObject[] | undefined;
	let unknownOutcome: unknown;
	const sentAt = Date.now();
	try {
		answers = await postUsers(run, batch);
	} catch (error) {
		if (!(error instanceof OutcomeUnknownError)) {
			fail(batch, error);
			return out;
		}
		unknownOutcome = error;
	}
	if (answers) {
		settleCreated(run, batch, answers, out);
		return out;
	}
	const missing = await reconcile(run, batch, out, sentAt, unknownOutcome);
	if (!missing.length) return out;
	let resent: IDataObject[];
	try {
		resent = await postUsers(run, missing);
	} catch (error) {
		fail(missing, error);
		return out;
	}
	const unsure: PlannedCreate[] = [];
	settleCreated(run, missing, resent, out, unsure);
	if (!unsure.length) return out;
	// "Already exists" on the resend: our first POST landed late, or someone else created the user.
	const vanished = await reconcile(run, unsure, out, sentAt, unknownOutcome);
	for (const entry of vanished)
		fail([entry], notConfirmedError(n8n, entry.itemIndex, entry.input.email, 'create the users'));
	return out;
}
