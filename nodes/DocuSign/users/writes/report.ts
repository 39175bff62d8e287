/**
 * What a write reports: DocuSign's answer to a batch paired with the entries sent (or the outcome
 * unknown), the user as created, and every write's output with the audit of its change.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { AUDITED_FIELDS, FIELD_ROWS } from '../fields';
import type { NewUserInput, User } from '../model';
import { simplifyUser } from '../model';
import { apiErrorFor } from '../results';
import type { Session } from '../../transport';

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

/** Every write output: the user after the change, what was done, and the audit of the change. */
export function writeOutput(
	user: User,
	action: string,
	changes: IDataObject,
	dryRun: boolean,
	extra?: IDataObject,
): IDataObject {
	return {
		...(user as unknown as IDataObject),
		action,
		changed: Object.keys(changes).length > 0,
		changes,
		...(dryRun ? { dryRun: true } : {}),
		// Added here, not spread over the result: each output is copied once.
		...extra,
	};
}

/** The newUsers[] entry DocuSign's Users:create takes. */
export function newUserBody(input: NewUserInput): IDataObject {
	const body: IDataObject = {};
	for (const { key } of FIELD_ROWS) if (input[key]) body[key] = input[key];
	return {
		...body,
		...(input.permissionProfile ? { permissionProfileId: input.permissionProfile.id } : {}),
		...(input.groups.length ? { groupList: input.groups.map((g) => ({ groupId: g.id })) } : {}),
	};
}

/** The user as created: DocuSign's answer completed by what was sent. */
export function createdUser(session: Session, input: NewUserInput, answer: IDataObject): User {
	const user = simplifyUser({ ...newUserBody(input), ...answer }, session.account.accountId);
	user.groups = input.groups.map((g) => ({ id: g.id, name: g.name }));
	if (input.permissionProfile && !answer.permissionProfileName)
		user.permissionProfile = { ...input.permissionProfile };
	return user;
}

/** What Dry Run shows for a user that would be created (DocuSign sends new users an activation e-mail). */
export function plannedUser(session: Session, input: NewUserInput, activeAtOnce = false): User {
	return createdUser(session, input, {
		userId: null,
		userStatus: activeAtOnce ? 'Active' : 'ActivationSent',
	});
}

export function createChanges(user: User): IDataObject {
	const changes: IDataObject = { status: { before: null, after: user.status || null } };
	for (const { key } of AUDITED_FIELDS) {
		if (user[key]) changes[key] = { before: null, after: user[key] };
	}
	if (user.permissionProfile)
		changes.permissionProfile = { before: null, after: user.permissionProfile.name };
	if (user.groups.length) changes.groups = { added: user.groups.map((g) => g.name), removed: [] };
	return changes;
}
