import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Execution, Run } from '../run';

import { windowsOf } from '../../transport/pacing';
import { OutcomeUnknownError } from '../../transport';
import { apiErrorFor, nodeErrorOf } from '../results';
import { plainMessageOf } from '../errors';
import type { FoundUsers, UserRef } from '../lookup';
import { LookupFailed, lookedUp, lookupEach } from '../lookup';
import { isClosedStatus, simplifyUser } from '../model';
import type { CreateRefusal } from './admin';
import { createActiveUser, createRefusalOf, openMembershipsOf } from './admin';
import { createChanges, createdUser, writeOutput } from './report';
import type { PlannedCreate } from './types';

/** What the Admin creates leave for the engine: eSignature creates (fallback) and Create or Update races. */
interface ActiveCreateRest {
	fallBack: PlannedCreate[];
	/** Create or Update: DocuSign says the user exists now; the engine continues them as updates. */
	raced: PlannedCreate[];
}

type Attempt = { userId: string } | { exists: true } | { refusal: CreateRefusal; error: unknown };

const byEmail = (entry: PlannedCreate) => ({ by: 'email' as const, value: entry.input.email });

/**
 * One Admin create, reconciled when its outcome is unknown (connection lost, 5xx, timeout): the
 * organization's user list shows whether the user exists now; only if it does not is the create
 * sent once more. A refusal DocuSign names comes back classified; anything else throws.
 */
async function createOrReconcile(run: Execution, entry: PlannedCreate): Promise<Attempt> {
	const { n8n } = run;
	for (let attempt = 0; ; attempt++) {
		let unknown: unknown;
		try {
			const answer = await createActiveUser(run, entry.itemIndex, entry.input);
			const userId = typeof answer.id === 'string' ? answer.id : '';
			if (userId) return { userId };
			unknown = new Error('its answer names no user ID');
		} catch (error) {
			const refusal = createRefusalOf(error);
			if (refusal?.reason === 'alreadyExists') return { exists: true };
			if (refusal) return { refusal, error };
			if (!(error instanceof OutcomeUnknownError)) throw nodeErrorOf(n8n, entry.itemIndex, error);
			unknown = error;
		}
		let present: IDataObject[];
		try {
			present = await openMembershipsOf(run, entry.itemIndex, entry.input.email);
		} catch (error) {
			throw apiErrorFor(
				n8n,
				entry.itemIndex,
				`DocuSign may or may not have created ${entry.input.email}: the request's outcome is unknown (${plainMessageOf(unknown)}) and looking the user up failed too`,
				`The user may exist now; nothing was sent again. Create or Update is safe to re-run: it looks the user up by e-mail first. (${(error as Error).message})`,
			);
		}
		if (present.length) return { userId: String(present[0].id) };
		if (attempt >= 1) throw nodeErrorOf(n8n, entry.itemIndex, unknown);
	}
}

/** The failure for a refusal: the unclaimed domain with its fix, anything else in DocuSign's words. */
function refusalError(n8n: IExecuteFunctions, entry: PlannedCreate, refusal: CreateRefusal) {
	const says = refusal.says ? ` DocuSign says: "${refusal.says}"` : '';
	if (refusal.reason === 'domainNotClaimed') {
		const domain = entry.input.email.split('@').pop() ?? '';
		return apiErrorFor(
			n8n,
			entry.itemIndex,
			`DocuSign cannot activate ${entry.input.email} immediately: the domain ${domain} is not claimed by the organization`,
			`Nothing was created for this item. Claim the domain in DocuSign Admin (Domains), or turn on Options > Fall Back to Activation Email to create such users with an activation email.${says}`,
			{ errorCode: 'DOMAIN_NOT_CLAIMED' },
		);
	}
	return apiErrorFor(
		n8n,
		entry.itemIndex,
		`DocuSign refused to create ${entry.input.email} already active (${refusal.code})`,
		`Nothing was created for this item, and no activation email was sent instead: DocuSign's refusal is not about the email domain, so Fall Back to Activation Email does not apply. Check the organization's settings in DocuSign Admin, or use Send Activation Email for this user.${says}`,
		{ errorCode: refusal.code },
	);
}

/**
 * Activation > Activate Immediately: each user through the Admin API with
 * auto_activate_memberships, profile and groups. Create looks first: a user the account already
 * has is reported as `exists` (the Admin create may answer an existing user as if it were new).
 * The status reported is DocuSign's, read back through the eSignature API (one pass for the
 * whole run; the Admin create answers no status): a user left pending is reported pending.
 * A refused unclaimed domain fails the item, or, with Fall Back to Activation Email, is
 * returned to be created through eSignature instead; any other refusal fails the item.
 */
export async function createActiveUsers(
	run: Run,
	entries: PlannedCreate[],
): Promise<ActiveCreateRest> {
	const { n8n, results } = run;
	const rest: ActiveCreateRest = { fallBack: [], raced: [] };
	const existing: Array<{ entry: PlannedCreate }> = [];
	const created: Array<{ entry: PlannedCreate; userId: string }> = [];
	// Create or Update has looked already; Create looks here, in one pass for the run.
	const unlooked = entries.filter((e) => !e.createdMeanwhile);
	let toCreate = entries;
	if (unlooked.length) {
		try {
			const found = await lookupEach(run, unlooked.map(byEmail), { groupIds: [] });
			toCreate = entries.filter((entry) => {
				const raw = entry.createdMeanwhile ? undefined : lookedUp(found, byEmail(entry));
				// Only this user's read failed: this item fails, nothing is created for it; the others go on.
				if (raw instanceof LookupFailed) {
					results.fail(entry.itemIndex, raw.error);
					return false;
				}
				if (raw && !isClosedStatus(raw.userStatus)) existing.push({ entry });
				return !existing.some((e) => e.entry === entry);
			});
		} catch (error) {
			for (const entry of unlooked) results.fail(entry.itemIndex, error);
			toCreate = entries.filter((e) => e.createdMeanwhile);
		}
	}
	const createOne = async (entry: PlannedCreate) => {
		if (results.stopRequested() || results.failed(entry.itemIndex)) return;
		try {
			const attempt = await createOrReconcile(run, entry);
			if ('userId' in attempt) {
				results.noteWritten(entry.itemIndex, 'created', entry.input.email);
				created.push({ entry, userId: attempt.userId });
			} else if ('exists' in attempt) {
				if (entry.createdMeanwhile) rest.raced.push(entry);
				else existing.push({ entry });
			} else if (attempt.refusal.reason === 'domainNotClaimed' && entry.fallbackToEmail) {
				rest.fallBack.push({ ...entry, activation: 'email' });
			} else {
				results.fail(entry.itemIndex, refusalError(n8n, entry, attempt.refusal));
			}
		} catch (error) {
			results.fail(entry.itemIndex, error);
		}
	};
	for (const window of windowsOf('activeCreates', toCreate))
		await Promise.all(window.map(createOne));
	await reportExisting(run, existing);
	await reportCreated(run, created);
	return rest;
}

/** One user read back: the user, or why not (the whole lookup's error, or only this user's failed read). */
function readBack(
	found: FoundUsers | undefined,
	ref: UserRef,
	lookupError: unknown,
): { raw?: IDataObject; readError?: unknown } {
	const entry = found ? lookedUp(found, ref) : undefined;
	if (entry instanceof LookupFailed) return { readError: entry.error };
	return { raw: entry, readError: lookupError };
}

/** Users the account already had: reported as DocuSign holds them, action `exists`, nothing written. */
async function reportExisting(run: Run, existing: Array<{ entry: PlannedCreate }>): Promise<void> {
	const { n8n, session, results } = run;
	if (!existing.length) return;
	let found: FoundUsers | undefined;
	let lookupError: unknown;
	try {
		found = await lookupEach(
			run,
			existing.map(({ entry }) => byEmail(entry)),
		);
	} catch (error) {
		lookupError = error;
	}
	for (const { entry } of existing) {
		const { raw, readError } = readBack(found, byEmail(entry), lookupError);
		if (!raw) {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					n8n,
					entry.itemIndex,
					`DocuSign says a user with the email ${entry.input.email} already exists, but it could not be read${readError ? ` (${(readError as Error).message})` : ''}`,
					'Nothing was created for this item. Run it again in a moment, or use Create or Update to bring the existing user to the wanted state.',
				),
			);
			continue;
		}
		results.ok(
			entry.itemIndex,
			writeOutput(simplifyUser(raw, session.account.accountId), 'exists', {}, false),
		);
	}
}

/** Created users, as a re-read through the eSignature API shows them (status, pending or not). */
async function reportCreated(
	run: Run,
	created: Array<{ entry: PlannedCreate; userId: string }>,
): Promise<void> {
	const { n8n, session, results } = run;
	if (!created.length) return;
	const refs = created.map(({ userId }) => ({ by: 'id' as const, value: userId }));
	let found: FoundUsers | undefined;
	let lookupError: unknown;
	try {
		// The statuses only: the output's groups are the ones the create sent, so no member list is read.
		found = await lookupEach(run, refs, { groupIds: [] });
	} catch (error) {
		lookupError = error;
	}
	for (const { entry, userId } of created) {
		const { raw, readError } = readBack(found, { by: 'id', value: userId }, lookupError);
		if (!raw) {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					n8n,
					entry.itemIndex,
					`DocuSign created ${entry.input.email} (user ID ${userId}) but the user could not be read back${readError ? ` (${(readError as Error).message})` : ''}`,
					'The user exists in DocuSign; check its status there. Running Create or Update again does not create it twice.',
				),
			);
			continue;
		}
		// The method asked for; whether DocuSign left the user pending is in status / activationPending.
		const user = createdUser(session, entry.input, raw);
		results.ok(
			entry.itemIndex,
			writeOutput(user, 'create', createChanges(user), false, { activation: 'immediate' }),
		);
	}
}
