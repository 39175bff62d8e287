/**
 * When each user's data last changed, per kind of change, for the Admin API's `last_modified_since`.
 * Stamped lazily: each read of the modified-since list compares every user with the picture it took last
 * time and stamps the kinds that differ with the time of that read (never earlier than the change), so
 * every way the simulator changes a user (API writes, admin-changes, faults) is covered without hooks.
 */
import type { AccountStore, SimStore } from './state';
import type { ModificationKind } from './unverified';
import type { SimUser } from './types';

type Picture = Record<Exclude<ModificationKind, 'created'>, string>;

export interface Stamps {
	picture: Picture;
	at: Partial<Record<ModificationKind, number>>;
}

const stamps = new WeakMap<SimUser, Stamps>();

function pictureOf(account: AccountStore, user: SimUser): Picture {
	return {
		profile: JSON.stringify([
			user.userName,
			user.firstName,
			user.middleName,
			user.lastName,
			user.suffixName,
			user.title,
			user.email,
			user.jobTitle,
			user.company,
		]),
		status: user.status,
		permissionProfile: account.profileOf(user).permissionProfileId,
		groups: [...user.groupIds].sort().join(','),
	};
}

/** Brings every user's stamps of the account up to date; returns the stamps by user. */
export function stampModifications(account: AccountStore, now: number): Map<SimUser, Stamps> {
	const result = new Map<SimUser, Stamps>();
	for (const user of account.users) {
		const picture = pictureOf(account, user);
		let known = stamps.get(user);
		if (!known) {
			// First seen: the membership's creation is its last change (a seeded date in the future counts as now).
			known = { picture, at: { created: Math.min(user.addedToAccountAt, now) } };
			stamps.set(user, known);
		} else {
			for (const kind of Object.keys(picture) as Array<keyof Picture>) {
				if (known.picture[kind] !== picture[kind]) known.at[kind] = now;
			}
			known.picture = picture;
		}
		result.set(user, known);
	}
	return result;
}

/** Whether a change of a covered kind happened at or after `since`. */
export function modifiedSince(
	stamp: Stamps,
	since: number,
	covers: (kind: ModificationKind) => boolean,
): boolean {
	return (Object.entries(stamp.at) as Array<[ModificationKind, number]>).some(
		([kind, at]) => at >= since && covers(kind),
	);
}

/** Stamps every account of the store (after each change request, and when a store is seeded). */
export function stampStore(store: SimStore, now: number): void {
	for (const account of store.accounts) stampModifications(account, now);
}
