import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inFlight } from '../../transport/concurrency';
import type { Session } from '../../transport';
import type { Results } from '../results';
import { apiErrorFor } from '../results';
import { lookupUsers, userFrom } from '../lookup';
import { createActiveUser, isUnclaimedDomainRefusal } from './admin';
import { createChanges, createdUser, writeOutput } from './report';
import type { PlannedCreate } from './types';

/**
 * Activation > Activate Immediately: each user through the Admin API with
 * auto_activate_memberships, profile and groups. The status reported is DocuSign's, read back
 * through the eSignature API (one pass for the whole run; the Admin create answers no status).
 * A refused unclaimed domain fails the item, or, with Fall Back to Activation Email, is
 * returned to be created through eSignature instead.
 */
export async function createActiveUsers(
	fn: IExecuteFunctions,
	session: Session,
	results: Results,
	entries: PlannedCreate[],
): Promise<PlannedCreate[]> {
	const fallBack: PlannedCreate[] = [];
	const created: Array<{ entry: PlannedCreate; userId: string }> = [];
	await inFlight('activeCreates', entries, async (entry) => {
		if (results.stopRequested() || results.failed(entry.itemIndex)) return;
		try {
			const answer = await createActiveUser(fn, session, entry.itemIndex, entry.input);
			const userId = typeof answer.id === 'string' ? answer.id : '';
			if (!userId)
				throw apiErrorFor(
					fn,
					entry.itemIndex,
					`DocuSign did not confirm the user ${entry.input.email}: its answer names no user ID`,
					'The outcome is unknown. Create or Update is safe to re-run: it looks the user up by email first.',
				);
			results.noteWritten(entry.itemIndex, 'created', entry.input.email);
			created.push({ entry, userId });
		} catch (error) {
			if (!isUnclaimedDomainRefusal(error)) return results.fail(entry.itemIndex, error);
			if (entry.fallbackToEmail) return void fallBack.push({ ...entry, activation: 'email' });
			const domain = entry.input.email.split('@').pop() ?? '';
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					fn,
					entry.itemIndex,
					`DocuSign cannot activate ${entry.input.email} immediately: the domain ${domain} is not claimed by the organization`,
					`Nothing was created for this item. Claim the domain in DocuSign Admin (Domains), or turn on Options > Fall Back to Activation Email to create such users with an activation email. DocuSign says: "${String((error as { description?: string }).description ?? '')}"`,
					{ errorCode: 'DOMAIN_NOT_CLAIMED' },
				),
			);
		}
	});
	if (!created.length) return fallBack;
	const refs = created.map(({ userId }) => ({ by: 'id' as const, value: userId }));
	let found: Map<string, IDataObject | undefined> | undefined;
	let readError: unknown;
	try {
		// The statuses only: the output's groups are the ones the create sent, so no member list is read.
		found = await lookupUsers(fn, session, refs, { groupIds: [] });
	} catch (error) {
		readError = error;
	}
	for (const { entry, userId } of created) {
		const raw = found ? userFrom(found, { by: 'id', value: userId }) : undefined;
		if (!raw) {
			results.fail(
				entry.itemIndex,
				apiErrorFor(
					fn,
					entry.itemIndex,
					`DocuSign created ${entry.input.email} (user ID ${userId}) but the user could not be read back${readError ? ` (${(readError as Error).message})` : ''}`,
					'The user exists in DocuSign; check its status there. Running Create or Update again does not create it twice.',
				),
			);
			continue;
		}
		const user = createdUser(session, entry.input, raw);
		const activation = user.status === 'Active' ? 'immediate' : 'email';
		results.ok(entry.itemIndex, {
			...writeOutput(user, 'create', createChanges(user), false),
			activation,
		});
	}
	return fallBack;
}
