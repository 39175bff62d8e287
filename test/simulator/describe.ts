/** Human-readable views of the simulator: connection info (CLI, /__control/info) and the state dump (/__control/state). */
import type { SimContext } from './context';
import type { AccountStore } from './state';

/** The n8n credential (`docuSignOAuth2Api`) that points at this simulator. */
export function n8nCredential(
	ctx: Pick<SimContext, 'baseUrl' | 'clientId' | 'clientSecret'>,
): Record<string, string> {
	return {
		environment: 'custom',
		authServerUrl: ctx.baseUrl,
		clientId: ctx.clientId,
		clientSecret: ctx.clientSecret,
		accountId: '',
	};
}

export function simulatorInfo(ctx: SimContext): Record<string, unknown> {
	return {
		baseUrl: ctx.baseUrl,
		clientId: ctx.clientId,
		clientSecret: ctx.clientSecret,
		accounts: ctx.store.accounts.map((account) => ({
			...account.info,
			users: account.users.length,
		})),
		credential: n8nCredential(ctx),
		oauth: {
			authorizationUrl: `${ctx.baseUrl}/oauth/auth`,
			tokenUrl: `${ctx.baseUrl}/oauth/token`,
			userinfoUrl: `${ctx.baseUrl}/oauth/userinfo`,
		},
		config: ctx.config,
	};
}

function describeAccount(account: AccountStore): Record<string, unknown> {
	const profileName = (id: string): string => account.profileById(id)?.permissionProfileName ?? id;
	return {
		...account.info,
		profiles: account.profiles.map((profile) => ({
			id: profile.permissionProfileId,
			name: profile.permissionProfileName,
			isAdminProfile: profile.grantsAdmin,
		})),
		groups: account.groups.map((group) => ({
			id: group.groupId,
			name: group.groupName,
			type: group.groupType,
			memberCount: account.memberCount(group),
			...(group.groupType === 'CustomGroup'
				? { members: [...account.memberIterator(group)].map((user) => user.email) }
				: {}),
		})),
		users: account.users.map((user) => ({
			userId: user.userId,
			userName: user.userName,
			email: user.email,
			status: user.status,
			isAdmin: account.isAdmin(user),
			permissionProfile: profileName(user.permissionProfileId),
			groups: account.groupsOf(user).map((group) => group.groupName),
		})),
	};
}

export function describeState(ctx: SimContext): Record<string, unknown> {
	return { accounts: ctx.store.accounts.map(describeAccount) };
}
