import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdminApi } from '../model';
import type { Session } from '../../transport';
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
export function requireAdmin(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
): AdminApi & { organizationId: string } {
	const admin = session.admin;
	if (!admin) {
		throw new NodeOperationError(
			fn.getNode(),
			'This needs Organization Admin Access, which the DocuSign credential does not have',
			{
				description: adminAccessAdvice(session.credentialType),
				itemIndex,
			},
		);
	}
	if (!admin.organizationId) {
		throw new NodeOperationError(fn.getNode(), 'DocuSign names no organization for this account', {
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
export function activeUserBody(accountId: string, input: NewUserInput): IDataObject {
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

/**
 * UNVERIFIED (docs/sources.md#s14: auto-activation only for a domain the organization has claimed): how the Admin
 * API refuses an e-mail outside the claimed domains is not documented. A 400 whose error or
 * description mentions the domain is taken as that refusal; change the test here, and only here.
 */
export function isUnclaimedDomainRefusal(error: unknown): boolean {
	const context = error as
		| {
				httpCode?: string | null;
				context?: IDataObject;
				description?: string | null;
				message?: string;
		  }
		| undefined;
	if (!context || String(context.httpCode ?? '') !== '400') return false;
	const text = `${String(context.context?.errorCode ?? '')} ${context.description ?? ''} ${context.message ?? ''}`;
	return /domain/i.test(text);
}

/** Creates one user already active (one request per user: the Admin API has no batch create). */
export async function createActiveUser(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
	input: NewUserInput,
): Promise<IDataObject> {
	requireAdmin(fn, session, itemIndex);
	return await apiRequest.call(fn, session, {
		method: 'POST',
		api: 'admin',
		path: '/users',
		body: activeUserBody(session.account.accountId, input),
		idempotent: false,
		what: `create the active user ${input.email}`,
		itemIndex,
	});
}

export interface Membership {
	userId: string;
	membershipId: string;
	siteId: number;
}

/**
 * The user's membership in this account, from the organization's user list by e-mail (docs/sources.md#s18: the
 * membership ID is never the account ID), and the site ID from the user's profile.
 */
export async function membershipOf(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
	userId: string,
	email: string,
): Promise<Membership> {
	requireAdmin(fn, session, itemIndex);
	const listed = await apiRequestAllItems.call(fn, session, {
		api: 'admin',
		path: '/users',
		key: 'users',
		qs: { email, account_id: session.account.accountId },
		what: `find the organization membership of ${email}`,
		itemIndex,
	});
	const entry = listed.find(
		(u) =>
			String(u.id ?? '').toLowerCase() === userId.toLowerCase() &&
			typeof u.membership_id === 'string',
	);
	const profile = await apiRequest.call(fn, session, {
		method: 'GET',
		api: 'admin',
		path: '/users/profile',
		qs: { email },
		idempotent: true,
		what: `read the organization profile of ${email}`,
		itemIndex,
	});
	const profiles = Array.isArray(profile.users) ? (profile.users as IDataObject[]) : [];
	const siteId = profiles.find(
		(u) => String(u.id ?? '').toLowerCase() === userId.toLowerCase(),
	)?.site_id;
	if (!entry || typeof siteId !== 'number') {
		throw apiErrorFor(
			fn,
			itemIndex,
			`DocuSign's organization lists no membership of ${email} (user ID ${userId}) in this account`,
			'The account may not belong to the organization of the credential. Check the Organization ID in the credential, or turn Organization Admin Access off to reopen through the eSignature API.',
		);
	}
	return { userId, membershipId: String(entry.membership_id), siteId };
}

/** activateMembership: POST …/users/{userId}/memberships/{membershipId} with the site ID. */
export async function activateMembership(
	fn: IExecuteFunctions,
	session: Session,
	itemIndex: number,
	membership: Membership,
	email: string,
): Promise<void> {
	await apiRequest.call(fn, session, {
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
