import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiErrorFor } from '../results';

interface Identity {
	userId?: string;
	email?: string;
}

/**
 * Pairs each entry with DocuSign's answer for the same user, by user ID or e-mail only; never by
 * position, because DocuSign's answer order is not documented and a dropped entry would shift
 * every later one onto the wrong user. An entry without an answer maps to undefined.
 */
export function matchAnswers<T>(
	entries: T[],
	answers: IDataObject[],
	identityOf: (entry: T) => Identity,
): Array<IDataObject | undefined> {
	const byUserId = new Map<string, IDataObject>();
	const byEmail = new Map<string, IDataObject>();
	for (const answer of answers) {
		const userId = String(answer.userId ?? '').toLowerCase();
		const email = String(answer.email ?? '').toLowerCase();
		if (userId && !byUserId.has(userId)) byUserId.set(userId, answer);
		if (email && !byEmail.has(email)) byEmail.set(email, answer);
	}
	return entries.map((entry) => {
		const { userId, email } = identityOf(entry);
		return (
			(userId ? byUserId.get(userId.toLowerCase()) : undefined) ??
			(email ? byEmail.get(email.toLowerCase()) : undefined)
		);
	});
}

/** A success answer that does not mention this user: the outcome is unknown, and says so. */
export function notConfirmedError(
	n8n: IExecuteFunctions,
	itemIndex: number,
	email: string,
	what: string,
) {
	return apiErrorFor(
		n8n,
		itemIndex,
		`DocuSign did not confirm this user (${email}): its answer to "${what}" does not mention them`,
		'The outcome is unknown: DocuSign may or may not have applied the change. Create or Update is safe to re-run: it looks the user up first and changes only what still differs.',
	);
}
