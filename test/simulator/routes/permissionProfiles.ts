/** GET /permission_profiles (no paging; `include=user_count[,closed_users]` adds userCount). */
import { permissionProfile } from '../shapes';
import type { AccountStore } from '../state';
import type { SimRequest, SimResponse } from '../types';

export function listPermissionProfiles(req: SimRequest, account: AccountStore): SimResponse {
	const include = (req.query.include ?? '').split(',').map((part) => part.trim().toLowerCase());
	const withCount = include.includes('user_count');
	const countClosed = include.includes('closed_users');
	const counts = new Map<string, number>();
	if (withCount) {
		for (const user of account.users) {
			if (user.status === 'Closed' && !countClosed) continue;
			counts.set(user.permissionProfileId, (counts.get(user.permissionProfileId) ?? 0) + 1);
		}
	}
	return {
		status: 200,
		json: {
			permissionProfiles: account.profiles.map((profile) =>
				permissionProfile(
					profile,
					withCount ? (counts.get(profile.permissionProfileId) ?? 0) : undefined,
				),
			),
		},
	};
}
