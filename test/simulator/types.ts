/** Shared types of the DocuSign simulator (internal model, options, log, faults). */
import type { AdminChange } from './routes/adminChanges';

export type UserStatus = 'ActivationRequired' | 'ActivationSent' | 'Active' | 'Closed' | 'Disabled';
export const USER_STATUSES: readonly UserStatus[] = [
	'ActivationRequired',
	'ActivationSent',
	'Active',
	'Closed',
	'Disabled',
];

export type GroupType = 'EveryoneGroup' | 'AdminGroup' | 'CustomGroup';

/** One user's membership in one account (DocuSign's userInformation, as plain typed data). */
export interface SimUser {
	userId: string;
	membershipId: string;
	userName: string;
	email: string;
	firstName: string;
	middleName: string;
	lastName: string;
	suffixName: string;
	title: string;
	company: string;
	jobTitle: string;
	status: UserStatus;
	permissionProfileId: string;
	/** Custom group IDs only; Everyone and Administrators are derived. */
	groupIds: Set<string>;
	createdAt: number;
	addedToAccountAt: number;
	lastLoginAt?: number;
	/** Whether the membership was ever Active: decides what a reopen restores. */
	everActive: boolean;
	activationAccessCode?: string;
	userSettings?: Record<string, unknown>;
}

export interface SimGroup {
	groupId: string;
	groupName: string;
	groupType: GroupType;
	permissionProfileId: string;
}

export interface SimProfile {
	permissionProfileId: string;
	permissionProfileName: string;
	/** Users with this profile are account administrators. */
	grantsAdmin: boolean;
	modifiedAt: number;
	modifiedByUsername: string;
	settings: Record<string, string>;
}

export interface SimAccountInfo {
	accountId: string;
	accountName: string;
	isDefault: boolean;
	baseUri: string;
}

export interface SeedOptions {
	/** More Active users in the default account, for big-list benches. */
	extraUsers?: number;
	/** Number of accounts (default 2, at least 1). */
	accounts?: number;
}

export interface RateLimitConfig {
	hourlyLimit: number;
	/** Undefined: the window ends at the next top of the hour (DocuSign). A number: window length from its first request. */
	hourlyWindowMs?: number;
	burstLimit: number;
	burstWindowMs: number;
	status: 429 | 400;
	sendRetryAfter: boolean;
}

/**
 * What DocuSign does where no source pins it down (docs/sources.md#list-users, docs/sources.md#get-user, docs/sources.md#reopen): one switch per unknown.
 * Defaults follow the best evidence; the integration suite runs the lifecycle under each value
 * (test/integration/variants.test.ts). Read only through the functions in unverified.ts.
 */
export interface DocuSignBehaviour {
	/**
	 * A closed user asked to reopen through Users:update (`userStatus` on PUT /users or PUT /users/{id}):
	 * `ActivationSent` (default: DocuSign's blog says the user must accept an e-mail again, docs/sources.md#s16),
	 * `Active`, or `ignored` (200, the user stays Closed).
	 */
	reopenResult: 'ActivationSent' | 'Active' | 'ignored';
	/**
	 * GET /users with a filter that matches nobody: `error` (default: 400 USER_NOT_FOUND for the `email` filter,
	 * as DocuSign's own sample expects, docs/sources.md#s20), `errorAnyFilter` (the same 400 for every filtered list:
	 * email, email_substring, user_name_substring, status, group_id) or `empty` (200 with an empty list).
	 */
	listNoMatch: 'error' | 'errorAnyFilter' | 'empty';
	/** GET /users/{id} of a Closed user: `user` (default: its userInformation) or `USER_LACKS_MEMBERSHIP` (400). */
	closedUserById: 'user' | 'USER_LACKS_MEMBERSHIP';
	/**
	 * `groupList` in GET /users list entries with additional_info=true: false (default: only GET /users/{id} is
	 * documented with it) or true.
	 */
	listGroupList: boolean;
	/** GET /users without `status`: `all` (default) lists every status, `withoutClosed` leaves Closed users out. */
	defaultStatusFilter: 'all' | 'withoutClosed';
	/**
	 * Where the Admin API names a membership's ID: `listed` (default: `membership_id` in the organization's
	 * user list and `memberships[].id` in the profile, as the Admin OpenAPI declares), `profileOnly` (the list
	 * answers `membership_id: null`, the profile has it), `nowhere` (null in the list, no `id` in the profile:
	 * what a DocuSign user reported, docs/sources.md#s18).
	 */
	adminMembershipId: 'listed' | 'profileOnly' | 'nowhere';
	/** Admin GET /users without `membership_status`: `listed` (default) includes closed memberships, `omitted` leaves them out. */
	adminClosedMemberships: 'listed' | 'omitted';
	/** How the Admin API refuses an auto-activation (unclaimed domain, organization policy): HTTP `400` (default) or `403`. */
	adminCreateRefusal: '400' | '403';
	/** What an Admin create with auto_activate_memberships leaves: `active` (default, docs/sources.md#s14) or `pending` (activation e-mail sent). */
	adminCreateStatus: 'active' | 'pending';
	/**
	 * Admin create for an e-mail with an open membership in the account: `refused` (default: 400
	 * `user_already_exists_in_account`) or `answered` (200 with the existing user, as if created).
	 */
	adminCreateExisting: 'refused' | 'answered';
	/**
	 * PUT /users/{userId} (Users:update) for a user other than the caller: `allowed` (default: the spec's
	 * DELETE /users text names Users:update for re-opening) or `refused` (400: the 2026 spec text says a user
	 * "cannot access another user's settings", even an admin).
	 */
	updateOtherUser: 'allowed' | 'refused';
	/**
	 * The answer of PUT/DELETE /groups/{groupId}/users: `full` (default: every user sent, as the spec's
	 * usersResponse example), `empty` (no `users`), `partial` (only the users whose membership changed).
	 */
	groupUsersEcho: 'full' | 'empty' | 'partial';
	/** Closed users in GET /groups/{groupId}/users: `listed` (default) or `omitted`. */
	closedGroupMembers: 'listed' | 'omitted';
	/**
	 * Which changes make the Admin API's `GET /v2/organizations/{id}/users?last_modified_since=` list a user
	 * (undocumented beyond "users whose data have been modified since", docs/sources.md#modified-since). Each true by default:
	 * DocuSign's own user-audit example reads the profiles of the users it lists to audit their changes.
	 * `modifiedSinceProfile`: names, e-mail, job title, company; `modifiedSinceStatus`: the membership status;
	 * `modifiedSincePermissionProfile`; `modifiedSinceGroups`: custom group memberships;
	 * `modifiedSinceNewUsers`: a membership created since.
	 */
	modifiedSinceProfile: boolean;
	modifiedSinceStatus: boolean;
	modifiedSincePermissionProfile: boolean;
	modifiedSinceGroups: boolean;
	modifiedSinceNewUsers: boolean;
	/**
	 * POST /groups with the name of an existing group: `error` (default: a per-group errorDetails; the spec is
	 * silent, and DocuSign's web app refuses a second group of the same name) or `allow` (a second group).
	 */
	duplicateGroupName: 'error' | 'allow';
	/**
	 * `lastLogin` in GET /users list entries: `always` (default: it is a userInformation field, and list entries
	 * are userInformation), `withLoginStatus` (only with login_status=true, the list's switch for login
	 * information) or `never` (list entries never carry it; only GET /users/{id} does).
	 */
	listLastLogin: 'always' | 'withLoginStatus' | 'never';
}

export interface SimConfig {
	latencyMs: number;
	tokenTtlSec: number;
	rateLimits: RateLimitConfig;
	behaviour: DocuSignBehaviour;
}

export interface SimConfigPatch {
	latencyMs?: number;
	tokenTtlSec?: number;
	rateLimits?: Partial<RateLimitConfig>;
	behaviour?: Partial<DocuSignBehaviour>;
}

export interface SimulatorOptions {
	/** 0 or undefined: a free port. */
	port?: number;
	latencyMs?: number;
	tokenTtlSec?: number;
	seed?: SeedOptions;
	rateLimits?: Partial<RateLimitConfig>;
	behaviour?: Partial<DocuSignBehaviour>;
}

export interface FaultAction {
	status?: number;
	body?: unknown;
	errorCode?: string;
	headers?: Record<string, string>;
	/** Wait, then continue normally unless `status` is set. */
	delayMs?: number;
	/** 'before': destroy the socket before any processing; 'after': process (state changes), then destroy. */
	drop?: 'before' | 'after';
	/** Expire every access token, then answer this request 401. */
	expireTokens?: boolean;
	/**
	 * Partial batch failure: the entries of a batch body (`newUsers[]` / `users[]`) whose userId or
	 * email is listed are not applied and come back with per-user errorDetails; the rest succeed.
	 */
	failUsers?: string[];
	/**
	 * Short batch answer: the request is applied in full, but the entries of the answer
	 * (`newUsers[]` / `users[]`) whose userId or email is listed are left out of it.
	 */
	omitUsers?: string[];
	/** Answer with a redirect (301/302/303/307/308 and `Location`) before any processing, as a gateway or proxy would. */
	redirect?: { status: number; location: string };
	/** Rewrite a list answer's paging fields after the route ran (a crafted page body). */
	page?: PageFault;
	/**
	 * Race on POST /users: another client creates the batch's users (those whose email is in `emails`,
	 * default all; with `fields` instead of what this request sends) just before this request is processed,
	 * as a second execution would between this one's lookup and its POST. They then meet "already exists".
	 */
	concurrentCreate?: { emails?: string[]; fields?: Record<string, unknown> };
	/**
	 * Changes made elsewhere (an administrator in the web app, another integration) just before this
	 * request is processed: the admin-changes format (`routes/adminChanges.ts`), applied to the account
	 * in the path. With `skip`, a change between page 1 and page 2 of a listing; also renames.
	 */
	adminChanges?: AdminChange[];
}

/** A crafted list page: what a buggy or hostile server could claim. */
export interface PageFault {
	/** Replace totalSetSize, e.g. "1000000000". */
	totalSetSize?: string;
	/** Send no totalSetSize at all. */
	omitTotal?: boolean;
	/** Always send a nextUri one page on, whatever the total. */
	endlessNextUri?: boolean;
	/** Answer every request with the first page: startPosition "0" and a nextUri that never advances (unless endlessNextUri). */
	stuckStartPosition?: boolean;
	/** Replace the page's entries by this many made-up users, new IDs at every start_position (an endless account). */
	fabricateUsers?: number;
	/** Answer the page without entries, paging fields untouched: an empty page in the middle of a listing. */
	emptyPage?: boolean;
}

export interface FaultRule {
	method?: string;
	/** Regex source matched against the path without query. */
	path?: string;
	/** Query parameters the request must carry, each a regex source matched against its value (e.g. one user's `email`). */
	query?: Record<string, string>;
	/** Let the first N matches pass. */
	skip?: number;
	/** How many matches to hit (default 1). */
	times?: number;
	action: FaultAction;
}

export interface RequestLogEntry {
	seq: number;
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	accountId?: string;
	body?: unknown;
	authorization?: 'bearer' | 'basic' | 'none';
	tokenValid?: boolean;
	host: string;
	fault?: string;
}

export interface IssuedTokens {
	access_token: string;
	refresh_token: string;
	token_type: 'Bearer';
	expires_in: number;
	scope: string;
}

/** A parsed incoming request, as handlers see it. */
export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** Raw body text (used to tell "no body" from "empty object"). */
	rawBody: string;
	/** True when a body was sent but could not be parsed as JSON / form. */
	bodyInvalid: boolean;
	/** Set once the path names an account. */
	accountId?: string;
}

/** What a handler answers; the server writes it (or drops it). */
export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** JSON body (serialized by the server). */
	json?: unknown;
	/** Plain-text body. */
	text?: string;
}
