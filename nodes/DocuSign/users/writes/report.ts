import type { IDataObject } from 'n8n-workflow';

import { AUDITED_FIELDS, FIELD_ROWS } from '../fields';
import type { User } from '../model';
import { simplifyUser } from '../model';
import type { Session } from '../../transport';
import type { NewUserInput } from '../model';

/** Every write output: the user after the change, what was done, and the audit of the change. */
export function writeOutput(
	user: User,
	action: string,
	changes: IDataObject,
	dryRun: boolean,
): IDataObject {
	return {
		...(user as unknown as IDataObject),
		action,
		changed: Object.keys(changes).length > 0,
		changes,
		...(dryRun ? { dryRun: true } : {}),
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
