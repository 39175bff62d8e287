/** Internal model -> DocuSign JSON. Every scalar is a string, as DocuSign sends it; empty arrays are omitted. */
import { dsDate } from './ids';
import type { AccountStore } from './state';
import type { SimGroup, SimProfile, SimUser } from './types';

const bool = (value: boolean): string => (value ? 'True' : 'False');

export function groupRef(
	account: AccountStore,
	group: SimGroup,
	withCount = false,
): Record<string, unknown> {
	return {
		groupId: group.groupId,
		groupName: group.groupName,
		groupType: group.groupType,
		permissionProfileId: group.permissionProfileId,
		...(withCount ? { usersCount: String(account.memberCount(group)) } : {}),
	};
}

/** A small, realistic `userSettings` (the real object has ~120 properties). */
function userSettingsOf(account: AccountStore, user: SimUser): Record<string, unknown> {
	const profile = account.profileOf(user);
	return {
		locale: 'en',
		canManageAccount: profile.settings.allowAccountManagement ?? 'false',
		canSendEnvelope: profile.settings.allowEnvelopeSending ?? 'false',
		apiAccountWideAccess: bool(profile.grantsAdmin).toLowerCase(),
		...user.userSettings,
	};
}

export interface UserShapeOptions {
	groupList: boolean;
	userSettings: boolean;
	/** Leave `lastLogin` out (a list entry under switch listLastLogin). */
	withoutLastLogin?: boolean;
}

/** `userInformation` (GET /users/{id}, list entries, PUT responses). */
export function userInformation(
	account: AccountStore,
	user: SimUser,
	options: UserShapeOptions,
): Record<string, unknown> {
	const profile = account.profileOf(user);
	const groups = options.groupList ? account.groupsOf(user) : [];
	return {
		userName: user.userName,
		userId: user.userId,
		userType: 'CompanyUser',
		isAdmin: bool(profile.grantsAdmin),
		isNAREnabled: 'false',
		userStatus: user.status,
		uri: `/users/${user.userId}`,
		email: user.email,
		createdDateTime: dsDate(user.createdAt),
		userAddedToAccountDateTime: dsDate(user.addedToAccountAt),
		firstName: user.firstName,
		...(user.middleName ? { middleName: user.middleName } : {}),
		lastName: user.lastName,
		...(user.suffixName ? { suffixName: user.suffixName } : {}),
		...(user.title ? { title: user.title } : {}),
		jobTitle: user.jobTitle,
		company: user.company,
		permissionProfileId: profile.permissionProfileId,
		permissionProfileName: profile.permissionProfileName,
		...(user.lastLoginAt !== undefined && !options.withoutLastLogin
			? { lastLogin: dsDate(user.lastLoginAt) }
			: {}),
		...(options.userSettings ? { userSettings: userSettingsOf(account, user) } : {}),
		sendActivationOnInvalidLogin: 'false',
		enableConnectForUser: 'false',
		...(groups.length ? { groupList: groups.map((group) => groupRef(account, group)) } : {}),
		defaultAccountId: account.accountId,
	};
}

/** `newUser` entry of a POST /users 201. */
export function newUserCreated(account: AccountStore, user: SimUser): Record<string, unknown> {
	const profile = account.profileOf(user);
	return {
		userId: user.userId,
		uri: `/users/${user.userId}`,
		email: user.email,
		userName: user.userName,
		userStatus: user.status,
		createdDateTime: dsDate(user.createdAt),
		membershipId: user.membershipId,
		permissionProfileId: profile.permissionProfileId,
		permissionProfileName: profile.permissionProfileName,
	};
}

/** `userInfo` (group members, DELETE /users and group membership responses). */
export function userInfo(user: SimUser, statusOverride?: string): Record<string, unknown> {
	return {
		userId: user.userId,
		userName: user.userName,
		email: user.email,
		userStatus: statusOverride ?? user.status,
		userType: 'CompanyUser',
		uri: `/users/${user.userId}`,
		membershipId: user.membershipId,
	};
}

export function permissionProfile(
	profile: SimProfile,
	userCount: number | undefined,
): Record<string, unknown> {
	return {
		permissionProfileId: profile.permissionProfileId,
		permissionProfileName: profile.permissionProfileName,
		modifiedDateTime: dsDate(profile.modifiedAt),
		modifiedByUsername: profile.modifiedByUsername,
		...(userCount !== undefined ? { userCount: String(userCount) } : {}),
		settings: { ...profile.settings },
	};
}
