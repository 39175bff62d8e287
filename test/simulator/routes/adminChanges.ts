/**
 * POST /__control/admin-changes: changes users the way an administrator does in DocuSign's web app, outside
 * the API (and its rules: the web app may change an e-mail, set any status). For the trigger's drift tests.
 * Every change of a request is checked before any is applied, so a bad one changes nothing.
 */
import type { SimContext } from '../context';
import type { AccountStore } from '../state';
import type { SimGroup, SimRequest, SimResponse, SimUser, UserStatus } from '../types';
import { USER_STATUSES } from '../types';
import { isObject } from '../validate';

const SETTABLE = [
	'userName',
	'firstName',
	'middleName',
	'lastName',
	'suffixName',
	'email',
	'jobTitle',
	'company',
	'title',
] as const;
type Settable = (typeof SETTABLE)[number];

export interface AdminChange {
	/** A new user (created as DocuSign's web app does: ActivationSent unless `status` says otherwise). */
	create?: Partial<Record<Settable, string>> & {
		profile?: string;
		groups?: string[];
		status?: string;
	};
	/** The user to change: ID or e-mail (the newest open membership with it). */
	user?: string;
	set?: Partial<Record<Settable, string>>;
	/** Permission profile by name or ID. */
	profile?: string;
	addGroups?: string[];
	removeGroups?: string[];
	/** Any DocuSign status: Closed closes, Active reopens or activates, ActivationSent resets to pending. */
	status?: string;
	/** Renames a custom group or a permission profile (name or ID), as the web app's edit dialog does. */
	rename?: { group?: string; profile?: string; to: string };
}

class ChangeError extends Error {}

const badRequest = (message: string): SimResponse => ({ status: 400, json: { error: message } });

function findUser(account: AccountStore, ref: string): SimUser {
	const byId = account.userById(ref);
	if (byId) return byId;
	const matches = [...account.usersByEmail(ref)].reverse();
	const user = matches.find((u) => u.status !== 'Closed') ?? matches[0];
	if (!user) throw new ChangeError(`No user "${ref}" in account ${account.accountId}.`);
	return user;
}

function findGroup(account: AccountStore, ref: string): SimGroup {
	const group = account.groupById(ref) ?? account.groupByName(ref);
	if (!group) throw new ChangeError(`No group "${ref}" in account ${account.accountId}.`);
	if (group.groupType !== 'CustomGroup')
		throw new ChangeError(
			`"${group.groupName}" is a built-in group; DocuSign manages its members.`,
		);
	return group;
}

function findProfile(account: AccountStore, ref: string) {
	const profile = account.profileById(ref) ?? account.profileByName(ref);
	if (!profile)
		throw new ChangeError(`No permission profile "${ref}" in account ${account.accountId}.`);
	return profile;
}

function findStatus(value: string): UserStatus {
	const status = USER_STATUSES.find((s) => s.toLowerCase() === value.toLowerCase());
	if (!status)
		throw new ChangeError(`Unknown status "${value}"; use one of ${USER_STATUSES.join(', ')}.`);
	return status;
}

function checkFields(fields: unknown, where: string): Partial<Record<Settable, string>> {
	if (fields === undefined) return {};
	if (!isObject(fields)) throw new ChangeError(`${where} must be an object.`);
	for (const [key, value] of Object.entries(fields)) {
		if (!(SETTABLE as readonly string[]).includes(key))
			throw new ChangeError(`${where}.${key} cannot be set; use ${SETTABLE.join(', ')}.`);
		if (typeof value !== 'string') throw new ChangeError(`${where}.${key} must be text.`);
	}
	return fields as Partial<Record<Settable, string>>;
}

function text(value: unknown, where: string): string {
	if (typeof value !== 'string') throw new ChangeError(`${where} must be text.`);
	return value;
}

function textList(value: unknown, where: string): string[] {
	if (value === undefined) return [];
	if (!Array.isArray(value))
		throw new ChangeError(`${where} must be a list of group names or IDs.`);
	return value.map((entry, i) => text(entry, `${where}[${i}]`));
}

function setStatus(user: SimUser, status: UserStatus): void {
	user.status = status;
	if (status === 'Active') user.everActive = true;
}

/** A rename changes no user: it answers nobody. */
function planRename(
	account: AccountStore,
	rename: NonNullable<AdminChange['rename']>,
	where: string,
): () => undefined {
	const to = text(rename.to, `${where}.rename.to`).trim();
	if (!to) throw new ChangeError(`${where}.rename.to must not be empty.`);
	if (rename.group !== undefined) {
		const group = findGroup(account, text(rename.group, `${where}.rename.group`));
		return () => {
			group.groupName = to;
			return undefined;
		};
	}
	const profile = findProfile(account, text(rename.profile, `${where}.rename.profile`));
	return () => {
		profile.permissionProfileName = to;
		return undefined;
	};
}

/** Checks one change and returns the function that applies it. */
function plan(
	account: AccountStore,
	change: AdminChange,
	index: number,
): () => SimUser | undefined {
	const where = `changes[${index}]`;
	if (!isObject(change as unknown)) throw new ChangeError(`${where} must be an object.`);
	if (change.rename) return planRename(account, change.rename, where);
	if (change.create) {
		const { profile: profileRef, groups: groupRefs, status: statusRef, ...rest } = change.create;
		const fields = checkFields(rest, `${where}.create`);
		const profile =
			profileRef !== undefined
				? findProfile(account, text(profileRef, `${where}.create.profile`))
				: undefined;
		const groups = textList(groupRefs, `${where}.create.groups`).map((g) => findGroup(account, g));
		const status =
			statusRef !== undefined ? findStatus(text(statusRef, `${where}.create.status`)) : undefined;
		return () => {
			const created = account.createUser(
				{
					...fields,
					permissionProfileId: profile?.permissionProfileId,
					groupIds: groups.map((g) => g.groupId),
				},
				Date.now(),
			);
			if (!created.ok)
				throw new ChangeError(
					`${where}.create: ${created.error.errorCode} ${created.error.message}`,
				);
			if (status) setStatus(created.value, status);
			return created.value;
		};
	}
	if (typeof change.user !== 'string')
		throw new ChangeError(`${where} needs "user" (an ID or e-mail) or "create".`);
	const user = findUser(account, change.user);
	const fields = checkFields(change.set, `${where}.set`);
	const profile =
		change.profile !== undefined
			? findProfile(account, text(change.profile, `${where}.profile`))
			: undefined;
	const add = textList(change.addGroups, `${where}.addGroups`).map((g) => findGroup(account, g));
	const remove = textList(change.removeGroups, `${where}.removeGroups`).map((g) =>
		findGroup(account, g),
	);
	const status =
		change.status !== undefined ? findStatus(text(change.status, `${where}.status`)) : undefined;
	return () => {
		for (const field of SETTABLE) {
			const value = fields[field];
			if (value === undefined) continue;
			if (field === 'email') account.setEmail(user, value);
			else user[field] = value;
		}
		if (profile) user.permissionProfileId = profile.permissionProfileId;
		for (const group of add) account.addToGroup(group.groupId, user);
		for (const group of remove) account.removeFromGroup(group.groupId, user);
		if (status) setStatus(user, status);
		return user;
	};
}

/**
 * Checks every change, then applies them all; returns the changed users. Also what the fault
 * `adminChanges` runs between two requests (a change made elsewhere while a list is being paged).
 */
export function applyAdminChanges(account: AccountStore, changes: AdminChange[]): SimUser[] {
	const steps = changes.map((change, index) => plan(account, change, index));
	return steps.map((apply) => apply()).filter((u): u is SimUser => u !== undefined);
}

/** Body: `{accountId?, changes: AdminChange[]}` or one AdminChange. Answers the changed users. */
export function handleAdminChanges(req: SimRequest, ctx: SimContext): SimResponse {
	if (req.method !== 'POST') return { status: 405, json: { error: 'Use POST.' } };
	const body = isObject(req.body) ? req.body : {};
	const accountId = typeof body.accountId === 'string' ? body.accountId : undefined;
	const account = ctx.store.account(accountId);
	if (!account) return badRequest(`Unknown account ${accountId}.`);
	const changes = (Array.isArray(body.changes) ? body.changes : [body]) as AdminChange[];
	try {
		const users = applyAdminChanges(account, changes);
		return {
			status: 200,
			json: {
				ok: true,
				users: users.map((u) => ({
					userId: u.userId,
					email: u.email,
					userName: u.userName,
					status: u.status,
					permissionProfile: account.profileOf(u).permissionProfileName,
					groups: account
						.groupsOf(u)
						.filter((g) => g.groupType === 'CustomGroup')
						.map((g) => g.groupName),
				})),
			},
		};
	} catch (error) {
		if (error instanceof ChangeError) return badRequest(error.message);
		throw error;
	}
}
