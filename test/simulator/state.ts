/** The simulator's store: accounts with users, profiles, groups and memberships, and DocuSign's rules for changing them. */
import { ErrorDetails, errorDetails } from './errors';
import { seededGuid } from './ids';
import {
	DOCUMENTED_NAME_MAX_LENGTH,
	UNDOCUMENTED_TEXT_MAX_LENGTH,
	applyReopen,
	builtInGroupIncludes,
	closedUserUpdateError,
	duplicateUserError,
	emailChangeError,
	findDuplicateForNewUser,
	profileIdWinsOverName,
	textTooLongError,
	unknownGroupError,
	unknownProfileError,
} from './unverified';
import type {
	DocuSignBehaviour,
	SimAccountInfo,
	SimGroup,
	SimProfile,
	SimUser,
	UserStatus,
} from './types';

export const ADMIN_PROFILE_NAME = 'Account Administrator';
export const DEFAULT_PROFILE_NAME = 'DocuSign Sender';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Outcome<T> =
	| { ok: true; value: T }
	| { ok: false; error: ErrorDetails; existing?: SimUser };

const fail = <T>(error: ErrorDetails, existing?: SimUser): Outcome<T> => ({
	ok: false,
	error,
	existing,
});

/** Text fields a create or update may set. */
export const USER_TEXT_FIELDS = [
	'userName',
	'email',
	'firstName',
	'middleName',
	'lastName',
	'suffixName',
	'title',
	'company',
	'jobTitle',
] as const;
export type UserTextField = (typeof USER_TEXT_FIELDS)[number];

export type NewUserInput = Partial<Record<UserTextField, string>> & {
	permissionProfileId?: string;
	permissionProfileName?: string;
	groupIds?: string[];
	activationAccessCode?: string;
	userSettings?: Record<string, unknown>;
};

export type UserPatch = Partial<Record<UserTextField, string>> & {
	permissionProfileId?: string;
	permissionProfileName?: string;
	userStatus?: string;
	activationAccessCode?: string;
	userSettings?: Record<string, unknown>;
};

export class AccountStore {
	/** Creation order: list endpoints page over this array directly (O(page)). */
	readonly users: SimUser[] = [];
	private readonly byId = new Map<string, SimUser>();
	private readonly byEmail = new Map<string, SimUser[]>();
	/** Custom group ID -> member user IDs (insertion order). */
	private readonly members = new Map<string, Set<string>>();
	private createdCount = 0;

	constructor(
		readonly info: SimAccountInfo,
		readonly profiles: SimProfile[],
		readonly groups: SimGroup[],
	) {
		for (const group of groups)
			if (group.groupType === 'CustomGroup') this.members.set(group.groupId, new Set());
	}

	get accountId(): string {
		return this.info.accountId;
	}

	// ---- lookups ----

	userById(userId: string): SimUser | undefined {
		return this.byId.get(userId.toLowerCase());
	}

	/** All memberships with that email (case-insensitive), oldest first. */
	usersByEmail(email: string): readonly SimUser[] {
		return this.byEmail.get(email.toLowerCase()) ?? [];
	}

	profileById(id: string): SimProfile | undefined {
		return this.profiles.find((profile) => profile.permissionProfileId === id);
	}

	profileByName(name: string): SimProfile | undefined {
		const wanted = name.toLowerCase();
		return this.profiles.find((profile) => profile.permissionProfileName.toLowerCase() === wanted);
	}

	profileOf(user: SimUser): SimProfile {
		return this.profileById(user.permissionProfileId) ?? this.defaultProfile();
	}

	defaultProfile(): SimProfile {
		return this.profileByName(DEFAULT_PROFILE_NAME) as SimProfile;
	}

	groupById(groupId: string): SimGroup | undefined {
		return this.groups.find((group) => group.groupId === groupId);
	}

	groupByName(name: string): SimGroup | undefined {
		const wanted = name.toLowerCase();
		return this.groups.find((group) => group.groupName.toLowerCase() === wanted);
	}

	isAdmin(user: SimUser): boolean {
		return this.profileOf(user).grantsAdmin;
	}

	isMember(group: SimGroup, user: SimUser): boolean {
		if (group.groupType !== 'CustomGroup')
			return builtInGroupIncludes(group, user, this.isAdmin(user));
		return user.groupIds.has(group.groupId);
	}

	/** Members of a group in a stable order; iterates lazily so a page costs O(start + count) for custom groups and Everyone. */
	*memberIterator(group: SimGroup): Generator<SimUser> {
		if (group.groupType === 'CustomGroup') {
			for (const id of this.members.get(group.groupId) ?? []) yield this.byId.get(id) as SimUser;
			return;
		}
		for (const user of this.users) if (this.isMember(group, user)) yield user;
	}

	memberCount(group: SimGroup): number {
		if (group.groupType === 'CustomGroup') return this.members.get(group.groupId)?.size ?? 0;
		if (group.groupType === 'EveryoneGroup') return this.users.length;
		let count = 0;
		for (const user of this.users) if (this.isMember(group, user)) count++;
		return count;
	}

	/** Every group the user is in: built-in first, then custom in account order. */
	groupsOf(user: SimUser): SimGroup[] {
		return this.groups.filter((group) => this.isMember(group, user));
	}

	// ---- raw inserts (seed) ----

	insertUser(user: SimUser): SimUser {
		this.users.push(user);
		this.byId.set(user.userId.toLowerCase(), user);
		const key = user.email.toLowerCase();
		const list = this.byEmail.get(key);
		if (list) list.push(user);
		else this.byEmail.set(key, [user]);
		for (const groupId of user.groupIds) this.members.get(groupId)?.add(user.userId);
		return user;
	}

	/**
	 * Removes the membership from every list, as if DocuSign had erased the user's data (the Admin API's
	 * data redaction, allowed 24 hours after closing): GET /users/{id} then answers USER_NOT_FOUND.
	 */
	removeUser(user: SimUser): void {
		this.users.splice(this.users.indexOf(user), 1);
		this.byId.delete(user.userId.toLowerCase());
		const key = user.email.toLowerCase();
		const list = (this.byEmail.get(key) ?? []).filter((u) => u !== user);
		if (list.length) this.byEmail.set(key, list);
		else this.byEmail.delete(key);
		for (const members of this.members.values()) members.delete(user.userId);
	}

	/** A custom group created in DocuSign's web app (the API surface the node uses cannot create groups). */
	insertGroup(group: SimGroup): SimGroup {
		this.groups.push(group);
		if (group.groupType === 'CustomGroup') this.members.set(group.groupId, new Set());
		return group;
	}

	/** POST /groups: a new custom group with the next free numeric ID. */
	createGroup(groupName: string, permissionProfileId: string): SimGroup {
		const next = Math.max(70_000_000, ...this.groups.map((g) => Number(g.groupId) || 0)) + 1;
		return this.insertGroup({
			groupId: String(next),
			groupName,
			groupType: 'CustomGroup',
			permissionProfileId,
		});
	}

	/** DELETE /groups: the group goes, and with it every membership in it. */
	deleteGroup(group: SimGroup): void {
		for (const userId of this.members.get(group.groupId) ?? [])
			this.byId.get(userId.toLowerCase())?.groupIds.delete(group.groupId);
		this.members.delete(group.groupId);
		this.groups.splice(this.groups.indexOf(group), 1);
	}

	// ---- DocuSign rules ----

	/** POST /users, one entry: validation, duplicate rule, default profile, group memberships. */
	createUser(input: NewUserInput, now: number): Outcome<SimUser> {
		const userName = input.userName ?? '';
		const email = input.email ?? '';
		if (!userName.trim()) return fail(errorDetails('INVALID_USERNAME', 'A user name is required.'));
		if (!email.trim())
			return fail(errorDetails('INVALID_EMAIL_ADDRESS', 'An email address is required.'));
		if (!EMAIL_PATTERN.test(email))
			return fail(errorDetails('INVALID_EMAIL_ADDRESS', `Invalid email address: ${email}.`));
		const tooLong = nameTooLong(input);
		if (tooLong) return fail(tooLong);

		const profile = this.resolveProfile(input.permissionProfileId, input.permissionProfileName);
		if (!profile.ok) return profile;
		const customGroupIds: string[] = [];
		for (const groupId of input.groupIds ?? []) {
			const group = this.groupById(groupId);
			if (!group) return fail(unknownGroupError(groupId));
			if (group.groupType === 'CustomGroup' && !customGroupIds.includes(groupId))
				customGroupIds.push(groupId);
		}

		const duplicate = findDuplicateForNewUser(this.usersByEmail(email));
		if (duplicate) return fail(duplicateUserError(), duplicate);

		this.createdCount++;
		const user = this.insertUser({
			userId: seededGuid(`${this.accountId}:created-user:${this.createdCount}`),
			membershipId: seededGuid(`${this.accountId}:created-membership:${this.createdCount}`),
			userName,
			email,
			firstName: input.firstName ?? '',
			middleName: input.middleName ?? '',
			lastName: input.lastName ?? '',
			suffixName: input.suffixName ?? '',
			title: input.title ?? '',
			company: input.company ?? '',
			jobTitle: input.jobTitle ?? '',
			status: 'ActivationSent',
			permissionProfileId: (profile.value ?? this.defaultProfile()).permissionProfileId,
			groupIds: new Set(customGroupIds),
			createdAt: now,
			addedToAccountAt: now,
			everActive: false,
			activationAccessCode: input.activationAccessCode,
			userSettings: input.userSettings,
		});
		return { ok: true, value: user };
	}

	/** PUT /users or PUT /users/{id}, one entry: reopen first, then field changes (refused on a still-closed user). */
	updateUser(userId: string, patch: UserPatch, behaviour: DocuSignBehaviour): Outcome<SimUser> {
		const user = this.userById(userId);
		if (!user) return fail(errorDetails('USER_NOT_FOUND', 'Invalid UserId.'));

		let status: UserStatus = user.status;
		if (patch.userStatus !== undefined) {
			const reopened = applyReopen(user, patch.userStatus, behaviour);
			if ('error' in reopened) return fail(reopened.error);
			status = reopened.status;
		}
		const changesFields = Object.keys(patch).some(
			(key) => key !== 'userStatus' && !(key === 'email' && sameEmail(patch.email, user.email)),
		);
		if (status === 'Closed' && changesFields) return fail(closedUserUpdateError());
		if (patch.email !== undefined && !sameEmail(patch.email, user.email))
			return fail(emailChangeError());
		const tooLong = nameTooLong(patch);
		if (tooLong) return fail(tooLong);
		let profile: SimProfile | undefined;
		if (patch.permissionProfileId !== undefined || patch.permissionProfileName !== undefined) {
			const resolved = this.resolveProfile(patch.permissionProfileId, patch.permissionProfileName);
			if (!resolved.ok) return resolved;
			profile = resolved.value;
		}

		if (status !== user.status) {
			user.status = status;
			if (status === 'Active') user.everActive = true;
		}
		for (const field of USER_TEXT_FIELDS) {
			const value = patch[field];
			if (value !== undefined && field !== 'email') user[field] = value;
		}
		if (profile) user.permissionProfileId = profile.permissionProfileId;
		if (patch.activationAccessCode !== undefined)
			user.activationAccessCode = patch.activationAccessCode;
		if (patch.userSettings) user.userSettings = { ...user.userSettings, ...patch.userSettings };
		return { ok: true, value: user };
	}

	/** DELETE /users, one entry: close the membership (idempotent); `stripGroups` = query delete=Groups. */
	closeUser(userId: string, stripGroups: boolean): Outcome<SimUser> {
		const user = this.userById(userId);
		if (!user) return fail(errorDetails('USER_NOT_FOUND', 'Invalid UserId.'));
		user.status = 'Closed';
		if (stripGroups) for (const groupId of [...user.groupIds]) this.removeFromGroup(groupId, user);
		return { ok: true, value: user };
	}

	/** An administrator's e-mail change in DocuSign's web app (the API refuses it: emailChangeError). */
	setEmail(user: SimUser, email: string): void {
		const old = this.byEmail.get(user.email.toLowerCase()) ?? [];
		this.byEmail.set(
			user.email.toLowerCase(),
			old.filter((u) => u !== user),
		);
		user.email = email;
		this.byEmail.set(email.toLowerCase(), [...(this.byEmail.get(email.toLowerCase()) ?? []), user]);
	}

	addToGroup(groupId: string, user: SimUser): void {
		user.groupIds.add(groupId);
		this.members.get(groupId)?.add(user.userId);
	}

	removeFromGroup(groupId: string, user: SimUser): void {
		user.groupIds.delete(groupId);
		this.members.get(groupId)?.delete(user.userId);
	}

	/** Picks the profile from ID and/or name; undefined value = none given. */
	private resolveProfile(
		id: string | undefined,
		name: string | undefined,
	): Outcome<SimProfile | undefined> {
		const byId = id ? this.profileById(id) : undefined;
		const byName = name ? this.profileByName(name) : undefined;
		if (id && (profileIdWinsOverName() || !name)) {
			return byId
				? { ok: true, value: byId }
				: fail(unknownProfileError('permissionProfileId', id));
		}
		if (name)
			return byName
				? { ok: true, value: byName }
				: fail(unknownProfileError('permissionProfileName', name));
		return { ok: true, value: undefined };
	}
}

function sameEmail(a: string | undefined, b: string): boolean {
	return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Length limits per text field: documented for the name parts, the conservative choice for the rest (unverified.ts). */
export const TEXT_MAX_LENGTHS: Partial<Record<UserTextField, number>> = {
	firstName: DOCUMENTED_NAME_MAX_LENGTH,
	middleName: DOCUMENTED_NAME_MAX_LENGTH,
	lastName: DOCUMENTED_NAME_MAX_LENGTH,
	suffixName: DOCUMENTED_NAME_MAX_LENGTH,
	userName: UNDOCUMENTED_TEXT_MAX_LENGTH,
	company: UNDOCUMENTED_TEXT_MAX_LENGTH,
	jobTitle: UNDOCUMENTED_TEXT_MAX_LENGTH,
};

function nameTooLong(input: Partial<Record<UserTextField, string>>): ErrorDetails | undefined {
	for (const [field, max] of Object.entries(TEXT_MAX_LENGTHS) as Array<[UserTextField, number]>) {
		const value = input[field];
		if (value !== undefined && value.length > max) return textTooLongError(field, max);
	}
	return undefined;
}

/** The DocuSign organization the simulator's accounts belong to (Admin API, docs/sources.md#admin-api). */
export interface SimOrganization {
	organizationId: string;
	/** The DocuSign site of the organization's users (Admin API `site_id`). */
	siteId: number;
	/** E-mail domains the organization has claimed: only these may be activated at creation. */
	claimedDomains: string[];
	/** Whether userinfo names the organization on each account (accounts[].organization). */
	listedInUserInfo: boolean;
}

/** All accounts; the first is the default one. */
export class SimStore {
	private readonly byId = new Map<string, AccountStore>();

	constructor(
		readonly accounts: AccountStore[],
		readonly organization: SimOrganization = {
			organizationId: seededGuid('organization'),
			siteId: 1,
			claimedDomains: [],
			listedInUserInfo: true,
		},
	) {
		for (const account of accounts) this.byId.set(account.accountId.toLowerCase(), account);
	}

	get defaultAccount(): AccountStore {
		return this.accounts[0];
	}

	account(accountId?: string): AccountStore | undefined {
		return accountId === undefined ? this.defaultAccount : this.byId.get(accountId.toLowerCase());
	}
}
