import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Execution } from '../run';

import type { AdminApi } from '../model';
import { adminAccessAdvice, apiRequest, apiRequestAllItems } from '../../transport';
import { apiErrorFor } from '../results';
import { FIELD_ROWS } from '../fields';
import type { NewUserInput } from '../model';

/**
 * The Admin (organization) API calls of the write engine, all through the one transport:
 * create an active user, find a membership, activate it. Only reached with Organization Admin
 * Access on (session.admin); without it nothing here is called.
 */

/** The session's Admin API with a known organization, or a clear error naming the fix. */
function requireAdmin(run: Execution, itemIndex: number): AdminApi & { organizationId: string } {
	const { n8n, session } = run;
	const admin = session.admin;
	if (!admin) {
		throw new NodeOperationError(
			n8n.getNode(),
			'This needs Organization Admin Access, which the DocuSign credential does not have',
			{
				description: adminAccessAdvice(session.credentialType),
				itemIndex,
			},
		);
	}
	if (!admin.organizationId) {
		throw new NodeOperationError(n8n.getNode(), 'DocuSign names no organization for this account', {
			description:
				'Enter the Organization ID in the DocuSign credential (DocuSign Admin > Organization), or connect with an account that belongs to a DocuSign organization.',
			itemIndex,
		});
	}
	return admin as AdminApi & { organizationId: string };
}

/** The Admin API takes profile and group IDs as integers (int64); eSignature gives them as digit strings. */
function adminId(id: string): number {
	return /^\d{1,15}$/.test(id) ? Number(id) : NaN;
}

/** NewUserRequest (POST /v2/organizations/{organizationId}/users): one account, auto-activated. */
function activeUserBody(accountId: string, input: NewUserInput): IDataObject {
	const account: IDataObject = { id: accountId };
	if (input.permissionProfile)
		account.permission_profile = { id: adminId(input.permissionProfile.id) };
	if (input.groups.length) account.groups = input.groups.map((g) => ({ id: adminId(g.id) }));
	const user: IDataObject = {};
	for (const { key, admin } of FIELD_ROWS) {
		const value = input[key];
		if (value && admin) (admin.onAccount ? account : user)[admin.key] = value;
	}
	return { ...user, auto_activate_memberships: true, accounts: [account] };
}

/** Why DocuSign refused an Admin create, read from its `error` field (never from its wording). */
export interface CreateRefusal {
	reason: 'domainNotClaimed' | 'alreadyExists' | 'other';
	code: string;
	/** DocuSign's error_description, if any. */
	says: string;
}

/**
 * UNVERIFIED (docs/sources.md#s14: auto-activation only for a domain the organization has claimed): the
 * Admin API documents neither the status (400 or 403, both handled) nor the `error` code of that refusal.
 * `domain_not_claimed` is the code the node recognises (the simulator's); any other code is a refusal
 * of its own (an organization policy …), reported with DocuSign's code and words and never turned into
 * an activation e-mail. "Already exists" is recognised in the Admin and the eSignature spelling.
 * Change the codes here, and only here.
 */
const UNCLAIMED_DOMAIN_CODES = new Set(['domain_not_claimed']);
const ALREADY_EXISTS_CODES = new Set(['user_already_exists_in_account']);

export function createRefusalOf(error: unknown): CreateRefusal | undefined {
	const failure = error as
		| { httpCode?: string | null; context?: IDataObject; errorResponse?: IDataObject }
		| undefined;
	const status = String(failure?.httpCode ?? '');
	const code = failure?.context?.errorCode;
	if ((status !== '400' && status !== '403') || typeof code !== 'string' || !code) return undefined;
	const says = failure?.errorResponse?.message;
	const key = code.toLowerCase();
	return {
		reason: UNCLAIMED_DOMAIN_CODES.has(key)
			? 'domainNotClaimed'
			: ALREADY_EXISTS_CODES.has(key)
				? 'alreadyExists'
				: 'other',
		code,
		says: typeof says === 'string' ? says : '',
	};
}

/** Creates one user already active (one request per user: the Admin API has no batch create). */
export async function createActiveUser(
	run: Execution,
	itemIndex: number,
	input: NewUserInput,
): Promise<IDataObject> {
	const { n8n, session } = run;
	requireAdmin(run, itemIndex);
	return await apiRequest.call(n8n, session, {
		method: 'POST',
		api: 'admin',
		path: '/users',
		body: activeUserBody(session.account.accountId, input),
		idempotent: false,
		what: `create the active user ${input.email}`,
		itemIndex,
	});
}

/**
 * The open memberships of an e-mail in this account, as the organization's user list shows them
 * (DocuSign's own record of who exists, read before a create is sent again).
 */
export async function openMembershipsOf(
	run: Execution,
	itemIndex: number,
	email: string,
): Promise<IDataObject[]> {
	const { n8n, session } = run;
	requireAdmin(run, itemIndex);
	const listed = await apiRequestAllItems.call(n8n, session, {
		api: 'admin',
		path: '/users',
		key: 'users',
		qs: { email, account_id: session.account.accountId },
		what: `look up ${email} in the organization`,
		itemIndex,
	});
	return listed.filter(
		(u) =>
			String(u.email ?? '').toLowerCase() === email.toLowerCase() &&
			String(u.membership_status ?? '').toLowerCase() !== 'closed' &&
			typeof u.id === 'string',
	);
}

export interface Membership {
	userId: string;
	membershipId: string;
	siteId: number;
}

/** A non-empty string, else undefined (DocuSign was seen answering `membership_id: null`, docs/sources.md#s18). */
const idOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() ? value : undefined;

const sameId = (a: unknown, b: string) => String(a ?? '').toLowerCase() === b.toLowerCase();

/**
 * The user's membership in this account (docs/sources.md#s18: the membership ID is never the account ID):
 * from the organization's user list by e-mail, asking for closed memberships explicitly (a default that
 * leaves them out must not hide the user); where the list names no ID, from the user's profile
 * (`memberships[].id` of this account), which also gives the site ID. Neither: the item fails, nothing written.
 */
export async function membershipOf(
	run: Execution,
	itemIndex: number,
	userId: string,
	email: string,
): Promise<Membership> {
	const { n8n, session } = run;
	requireAdmin(run, itemIndex);
	const { accountId } = session.account;
	const listed = await apiRequestAllItems.call(n8n, session, {
		api: 'admin',
		path: '/users',
		key: 'users',
		qs: { email, account_id: accountId, membership_status: 'closed' },
		what: `find the organization membership of ${email}`,
		itemIndex,
	});
	const profile = await apiRequest.call(n8n, session, {
		method: 'GET',
		api: 'admin',
		path: '/users/profile',
		qs: { email },
		idempotent: true,
		what: `read the organization profile of ${email}`,
		itemIndex,
	});
	const profiles = Array.isArray(profile.users) ? (profile.users as IDataObject[]) : [];
	const user = profiles.find((u) => sameId(u.id, userId));
	const siteId = user?.site_id;
	const memberships = Array.isArray(user?.memberships) ? (user.memberships as IDataObject[]) : [];
	const inAccount = memberships.filter((m) => sameId(m.account_id, accountId));
	const entry = listed.find((u) => sameId(u.id, userId));
	if ((!entry && !inAccount.length) || typeof siteId !== 'number') {
		throw apiErrorFor(
			n8n,
			itemIndex,
			`DocuSign's organization lists no membership of ${email} (user ID ${userId}) in this account`,
			'The account may not belong to the organization of the credential. Check the Organization ID in the credential, or turn Organization Admin Access off to reopen through the eSignature API.',
		);
	}
	const membershipId =
		idOf(entry?.membership_id) ?? (inAccount.length === 1 ? idOf(inAccount[0].id) : undefined);
	if (!membershipId) {
		throw apiErrorFor(
			n8n,
			itemIndex,
			`DocuSign's Admin API names no membership ID for ${email} (user ID ${userId}) in this account: its organization user list and the user's profile leave it out`,
			'Nothing was changed. Reopen the user in DocuSign Admin (Users > the user > Reactivate), or turn Organization Admin Access off in the credential to reopen through the eSignature API.',
		);
	}
	return { userId, membershipId, siteId };
}

/** activateMembership: POST …/users/{userId}/memberships/{membershipId} with the site ID. */
export async function activateMembership(
	run: Execution,
	itemIndex: number,
	membership: Membership,
	email: string,
): Promise<void> {
	const { n8n, session } = run;
	await apiRequest.call(n8n, session, {
		method: 'POST',
		api: 'admin',
		path: `/users/${encodeURIComponent(membership.userId)}/memberships/${encodeURIComponent(membership.membershipId)}`,
		body: { site_id: membership.siteId },
		// Activating an active membership again changes nothing.
		idempotent: true,
		what: `activate the membership of ${email}`,
		itemIndex,
	});
}
