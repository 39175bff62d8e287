/**
 * After a create whose outcome is unknown, a user with the e-mail may be ours or another creator's
 * (a second execution, an administrator). A recent creation time is no proof: only a user that holds
 * the values we sent, created after our send, is taken as ours. Anyone else is reported as DocuSign
 * holds them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Session } from '../../transport';
import type { NewUserInput } from '../model';
import { simplifyUser, toIsoDate } from '../model';
import { isBuiltInGroupType } from '../directory';
import { writeOutput } from './report';
import { FIELD_ROWS } from '../fields';

/**
 * How far DocuSign's clock may run behind ours when its creation time is compared with our send.
 * UNVERIFIED: DocuSign documents no clock accuracy; a minute is generous for NTP-synchronised servers.
 */
const CLOCK_SKEW_MS = 60_000;

const same = (a: unknown, b: unknown) =>
	String(a ?? '')
		.trim()
		.toLowerCase() ===
	String(b ?? '')
		.trim()
		.toLowerCase();

/** Whether the user DocuSign holds is the one our POST created: created after our send, with every value we sent. */
export function holdsWhatWeSent(user: IDataObject, input: NewUserInput, sentAt: number): boolean {
	const created = Date.parse(toIsoDate(user.createdDateTime) ?? '');
	if (!Number.isFinite(created) || created < sentAt - CLOCK_SKEW_MS) return false;
	// Every attribute sent (users/fields.ts), as DocuSign holds it.
	for (const { key } of FIELD_ROWS) if (input[key] && !same(user[key], input[key])) return false;
	if (input.permissionProfile && String(user.permissionProfileId) !== input.permissionProfile.id)
		return false;
	const held = new Set(
		(Array.isArray(user.groupList) ? (user.groupList as IDataObject[]) : []).map((g) =>
			String(g.groupId),
		),
	);
	return input.groups.every((g) => held.has(g.id));
}

/** Create met a user it did not make: `exists`, with the values DocuSign holds and no change of ours. */
export function existsOutput(session: Session, user: IDataObject): IDataObject {
	const held = simplifyUser(
		{
			...user,
			groupList: (Array.isArray(user.groupList) ? (user.groupList as IDataObject[]) : []).filter(
				(g) => !isBuiltInGroupType(g.groupType),
			),
		},
		session.account.accountId,
	);
	return writeOutput(held, 'exists', {}, false);
}
