/**
 * DocuSign's Admin (organization) API under /Management/v2/organizations/{organizationId}: the calls
 * the node makes (docs/sources.md#s2, docs/sources.md#admin-api). Users and memberships are the eSignature
 * accounts' own (AccountStore): a user created here is listed by /restapi and the other way round.
 * Errors are the Admin API's `{error, error_description}`; scopes are enforced from the token.
 */
import type { Stamps } from '../modifications';
import { modifiedSince, stampModifications } from '../modifications';
import type { AccountStore, SimOrganization, SimStore } from '../state';
import type { DocuSignBehaviour, SimRequest, SimResponse, SimUser, UserStatus } from '../types';
import {
	adminDefaultMembershipStatuses,
	adminMembershipIds,
	autoActivatedStatus,
	autoActivationRefusal,
	findDuplicateForNewUser,
	modifiedSinceCovers,
} from '../unverified';
import { isObject } from '../validate';

export class AdminError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		description: string,
	) {
		super(description);
	}
}

export function adminErrorResponse(error: AdminError): SimResponse {
	return { status: error.status, json: { error: error.error, error_description: error.message } };
}

export interface AdminRoute {
	method: string;
	pattern: RegExp;
	/** The Admin scope the operation requires (docs/sources.md#s2 per-operation security). */
	scope: 'user_read' | 'user_write';
	handler: (
		req: SimRequest,
		store: SimStore,
		params: string[],
		behaviour: DocuSignBehaviour,
	) => SimResponse;
}

/** Routes under /Management/v2/organizations/{organizationId}. */
export const ADMIN_ROUTES: AdminRoute[] = [
	{ method: 'GET', pattern: /^\/users$/, scope: 'user_read', handler: listOrganizationUsers },
	{ method: 'POST', pattern: /^\/users$/, scope: 'user_write', handler: createOrganizationUser },
	{ method: 'GET', pattern: /^\/users\/profile$/, scope: 'user_read', handler: userProfiles },
	{
		method: 'POST',
		pattern: /^\/users\/([^/]+)\/memberships\/([^/]+)$/,
		scope: 'user_write',
		handler: activateMembership,
	},
];

export const ORGANIZATION_PATH = /^\/Management\/v2\/organizations\/([^/]+)(\/.*)?$/;

/** Admin membership_status values (docs/sources.md#s2): snake case of eSignature's statuses. */
const MEMBERSHIP_STATUS: Record<UserStatus, string> = {
	ActivationRequired: 'activation_required',
	ActivationSent: 'activation_sent',
	Active: 'active',
	Closed: 'closed',
	Disabled: 'disabled',
};

const iso = (ms: number): string => new Date(ms).toISOString();

/** Every membership of the organization: one per user and account. */
function* memberships(
	store: SimStore,
	accountId?: string,
): Generator<{ account: AccountStore; user: SimUser }> {
	for (const account of store.accounts) {
		if (accountId && account.accountId.toLowerCase() !== accountId.toLowerCase()) continue;
		for (const user of account.users) yield { account, user };
	}
}

function userStatusOf(user: SimUser): string {
	return user.status === 'Closed'
		? 'closed'
		: user.everActive || user.status === 'Active'
			? 'active'
			: 'created';
}

/** Admin paging: start / take (default 20, docs/sources.md#s2), paging object with numbers and a next link. */
function page(query: Record<string, string>): { start: number; take: number } {
	const start = query.start === undefined ? 0 : Number(query.start);
	const take = query.take === undefined ? 20 : Number(query.take);
	if (!Number.isInteger(start) || start < 0 || !Number.isInteger(take) || take < 1 || take > 250) {
		throw new AdminError(
			400,
			'invalid_request',
			`Invalid paging: start=${query.start ?? ''} take=${query.take ?? ''}.`,
		);
	}
	return { start, take };
}

const STATUS_BY_MEMBERSHIP = new Map<string, UserStatus>(
	Object.entries(MEMBERSHIP_STATUS).map(([status, name]) => [name, status as UserStatus]),
);

/** `membership_status` (one value, or a comma list): the statuses asked for; without it, switch `adminClosedMemberships`. */
function membershipStatusesOf(
	query: Record<string, string>,
	behaviour: DocuSignBehaviour,
): Set<UserStatus> | undefined {
	if (query.membership_status === undefined) return adminDefaultMembershipStatuses(behaviour);
	const statuses = new Set<UserStatus>();
	for (const name of query.membership_status.split(',')) {
		const status = STATUS_BY_MEMBERSHIP.get(name.trim().toLowerCase());
		if (!status)
			throw new AdminError(400, 'invalid_request', `Invalid membership_status: ${name}.`);
		statuses.add(status);
	}
	return statuses;
}

/**
 * `last_modified_since` (docs/sources.md#modified-since: "users whose data have been modified since the date specified", with
 * `account_id` or `organization_reserved_domain_id`). The format is undocumented; DocuSign's user-audit
 * example sends an ISO 8601 date-time with offset, which is what is accepted here.
 */
function modifiedFilter(
	req: SimRequest,
	store: SimStore,
	behaviour: DocuSignBehaviour,
): ((account: AccountStore, user: SimUser) => boolean) | undefined {
	const value = req.query.last_modified_since;
	if (value === undefined) return undefined;
	const since = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
	if (Number.isNaN(since))
		throw new AdminError(400, 'invalid_request', `Invalid last_modified_since: ${value}.`);
	if (!req.query.account_id && !req.query.organization_reserved_domain_id)
		throw new AdminError(
			400,
			'invalid_request',
			'last_modified_since needs account_id or organization_reserved_domain_id.',
		);
	const now = Date.now();
	const stamped = new Map<SimUser, Stamps>();
	for (const account of store.accounts)
		for (const [user, stamp] of stampModifications(account, now)) stamped.set(user, stamp);
	return (_account, user) => {
		const stamp = stamped.get(user);
		return !!stamp && modifiedSince(stamp, since, (kind) => modifiedSinceCovers(kind, behaviour));
	};
}

function listOrganizationUsers(
	req: SimRequest,
	store: SimStore,
	_params: string[],
	behaviour: DocuSignBehaviour,
): SimResponse {
	const { email, account_id: accountId } = req.query;
	if (!email && !accountId && !req.query.organization_reserved_domain_id) {
		throw new AdminError(
			400,
			'invalid_request',
			'At least one of email, account_id or organization_reserved_domain_id must be specified.',
		);
	}
	const { start, take } = page(req.query);
	const statuses = membershipStatusesOf(req.query, behaviour);
	const modified = modifiedFilter(req, store, behaviour);
	const all = [...memberships(store, accountId)].filter(
		({ account, user }) =>
			(!email || user.email.toLowerCase() === email.toLowerCase()) &&
			(!statuses || statuses.has(user.status)) &&
			(!modified || modified(account, user)),
	);
	const users = all.slice(start, start + take).map(({ user }) => ({
		id: user.userId,
		user_name: user.userName,
		first_name: user.firstName,
		last_name: user.lastName,
		user_status: userStatusOf(user),
		membership_status: MEMBERSHIP_STATUS[user.status],
		email: user.email,
		created_on: iso(user.createdAt),
		membership_created_on: iso(user.addedToAccountAt),
		membership_id: adminMembershipIds(user.membershipId, behaviour).listed,
	}));
	const paging: Record<string, unknown> = {
		result_set_size: users.length,
		result_set_start_position: start,
		result_set_end_position: start + Math.max(0, users.length - 1),
		total_set_size: all.length,
	};
	if (start + users.length < all.length) {
		const next = new URLSearchParams({
			...req.query,
			start: String(start + users.length),
			take: String(take),
		});
		paging.next = `${req.path}?${next.toString()}`;
	}
	return { status: 200, json: { users, paging } };
}

function userProfiles(
	req: SimRequest,
	store: SimStore,
	_params: string[],
	behaviour: DocuSignBehaviour,
): SimResponse {
	const email = req.query.email;
	if (!email)
		throw new AdminError(400, 'invalid_request', 'The email query parameter is required.');
	const byUser = new Map<
		string,
		{ user: SimUser; entries: Array<{ account: AccountStore; user: SimUser }> }
	>();
	for (const entry of memberships(store)) {
		if (entry.user.email.toLowerCase() !== email.toLowerCase()) continue;
		const known = byUser.get(entry.user.userId) ?? { user: entry.user, entries: [] };
		known.entries.push(entry);
		byUser.set(entry.user.userId, known);
	}
	const users = [...byUser.values()].map(({ user, entries }) => ({
		id: user.userId,
		site_id: store.organization.siteId,
		user_name: user.userName,
		first_name: user.firstName,
		last_name: user.lastName,
		user_status: userStatusOf(user),
		created_on: iso(user.createdAt),
		memberships: entries.map(({ account, user: member }) => ({
			...optionalId(adminMembershipIds(member.membershipId, behaviour).profile),
			email: member.email,
			account_id: account.accountId,
			account_name: account.info.accountName,
			status: MEMBERSHIP_STATUS[member.status],
			permission_profile: {
				id: Number(account.profileOf(member).permissionProfileId),
				name: account.profileOf(member).permissionProfileName,
			},
			created_on: iso(member.addedToAccountAt),
			groups: account
				.groupsOf(member)
				.map((g) => ({ id: Number(g.groupId), name: g.groupName, type: g.groupType })),
			is_admin: account.isAdmin(member),
		})),
	}));
	return { status: 200, json: { users } };
}

const NEW_USER_KEYS = [
	'accounts',
	'user_name',
	'first_name',
	'last_name',
	'email',
	'default_account_id',
	'language_culture',
	'selected_languages',
	'access_code',
	'federated_status',
	'auto_activate_memberships',
];
const NEW_ACCOUNT_KEYS = ['id', 'permission_profile', 'groups', 'company_name', 'job_title'];

function isClaimed(organization: SimOrganization, email: string): boolean {
	const domain = email.split('@').pop()?.toLowerCase() ?? '';
	return organization.claimedDomains.some((claimed) => claimed.toLowerCase() === domain);
}

const optionalId = (id: string | undefined) => (id === undefined ? {} : { id });

const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/** POST /users (NewUserRequest): one account per request here; auto-activation only on a claimed domain (docs/sources.md#s14). */
function createOrganizationUser(
	req: SimRequest,
	store: SimStore,
	_params: string[],
	behaviour: DocuSignBehaviour,
): SimResponse {
	const body = req.body;
	if (!isObject(body))
		throw new AdminError(
			400,
			'invalid_request',
			'The request body is missing or improperly formatted.',
		);
	for (const key of Object.keys(body))
		if (!NEW_USER_KEYS.includes(key))
			throw new AdminError(400, 'invalid_request', `Unknown field ${key}.`);
	const email = text(body.email) ?? '';
	const accounts = Array.isArray(body.accounts) ? body.accounts : [];
	if (!email || accounts.length !== 1 || !isObject(accounts[0]))
		throw new AdminError(
			400,
			'invalid_request',
			'email and exactly one entry of accounts are required.',
		);
	const wanted = accounts[0];
	for (const key of Object.keys(wanted))
		if (!NEW_ACCOUNT_KEYS.includes(key))
			throw new AdminError(400, 'invalid_request', `Unknown field accounts[0].${key}.`);
	const account = store.account(String(wanted.id ?? ''));
	if (!account)
		throw new AdminError(
			400,
			'invalid_request',
			`The account ${String(wanted.id)} is not part of the organization.`,
		);
	const autoActivate = body.auto_activate_memberships === true;
	if (autoActivate && !isClaimed(store.organization, email)) {
		// The refusal's status is a switch (adminCreateRefusal); its code is invented (unverified.ts).
		const refusal = autoActivationRefusal(
			'domain_not_claimed',
			`Users can be activated automatically only for a domain the organization has claimed; ${email.split('@').pop()} is not a claimed domain.`,
			behaviour,
		);
		throw new AdminError(refusal.status, refusal.error, refusal.description);
	}
	const existing = findDuplicateForNewUser(account.usersByEmail(email));
	if (existing && behaviour.adminCreateExisting === 'answered')
		return { status: 200, json: newUserResponse(store, account, existing) };
	const profile = isObject(wanted.permission_profile) ? wanted.permission_profile : undefined;
	const groups = Array.isArray(wanted.groups) ? wanted.groups.filter(isObject) : [];
	for (const id of [profile?.id, ...groups.map((g) => g.id)]) {
		if (id !== undefined && typeof id !== 'number')
			throw new AdminError(400, 'invalid_request', 'Profile and group IDs are integers.');
	}
	const created = account.createUser(
		{
			userName:
				text(body.user_name) ??
				`${text(body.first_name) ?? ''} ${text(body.last_name) ?? ''}`.trim(),
			email,
			firstName: text(body.first_name),
			lastName: text(body.last_name),
			company: text(wanted.company_name),
			jobTitle: text(wanted.job_title),
			permissionProfileId: profile?.id === undefined ? undefined : String(profile.id),
			groupIds: groups.map((g) => String(g.id)),
		},
		Date.now(),
	);
	if (!created.ok)
		throw new AdminError(400, created.error.errorCode.toLowerCase(), created.error.message);
	const user = created.value;
	if (autoActivate) {
		user.status = autoActivatedStatus(behaviour);
		user.everActive = user.status === 'Active';
	}
	return { status: 200, json: newUserResponse(store, account, user) };
}

/** NewUserResponse for a membership: the Admin create's answer. */
function newUserResponse(store: SimStore, account: AccountStore, user: SimUser) {
	const userProfile = account.profileOf(user);
	return {
		id: user.userId,
		site_id: store.organization.siteId,
		user_name: user.userName,
		first_name: user.firstName,
		last_name: user.lastName,
		email: user.email,
		accounts: [
			{
				id: account.accountId,
				site_id: store.organization.siteId,
				permission_profile: {
					id: Number(userProfile.permissionProfileId),
					name: userProfile.permissionProfileName,
				},
				groups: account
					.groupsOf(user)
					.map((g) => ({ id: Number(g.groupId), name: g.groupName, type: g.groupType })),
				...(user.company ? { company_name: user.company } : {}),
				...(user.jobTitle ? { job_title: user.jobTitle } : {}),
			},
		],
	};
}

/**
 * activateMembership (ForceActivateMembershipRequest {site_id}). A membership ID that is not the
 * user's (docs/sources.md#s18: the account ID passed instead) is refused as `unauthorized`. Reactivation keeps
 * the user's data (docs/sources.md#s15); the membership is Active again.
 */
function activateMembership(
	req: SimRequest,
	store: SimStore,
	[userId, membershipId]: string[],
): SimResponse {
	const body = isObject(req.body) ? req.body : {};
	if (typeof body.site_id !== 'number')
		throw new AdminError(400, 'invalid_request', 'site_id is required.');
	if (body.site_id !== store.organization.siteId)
		throw new AdminError(400, 'invalid_request', `The user is not on site ${body.site_id}.`);
	const found = [...memberships(store)].find(
		({ user }) =>
			user.userId.toLowerCase() === userId.toLowerCase() &&
			user.membershipId.toLowerCase() === membershipId.toLowerCase(),
	);
	if (!found) throw new AdminError(401, 'unauthorized', 'Not Authorized');
	found.user.status = 'Active';
	found.user.everActive = true;
	return { status: 200, json: { status: 'OK' } };
}
