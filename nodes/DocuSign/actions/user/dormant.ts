import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toIsoDate } from '../../users/model';
import { apiErrorFor } from '../../users/results';
import { entryFor } from '../../parameters/spec';
import type { Sort } from '../parameters';
import { PARAMETERS } from '../parameters';

/**
 * Get Many's filters for license reclamation: Last Login Before, Never Logged In, Created Before, and
 * a Sort. DocuSign's GET /users has no query parameter for any of them (its spec lists none), so the
 * node applies them itself, after reading every page the other (server-side) filters match.
 */
export const dormantFilterOptions: INodeProperties[] = [
	entryFor(PARAMETERS.createdBefore, {
		type: 'dateTime',
		description:
			'Only users added before this date, e.g. to leave out joiners who had no chance to log in yet. Applied by the node after reading every page.',
	}),
	entryFor(PARAMETERS.lastLoginBefore, {
		type: 'dateTime',
		description:
			'Only users whose last login is before this date, and users who never logged in. E.g. {{ $now.minus({ days: 90 }) }}. Applied by the node after reading every page.',
	}),
	entryFor(PARAMETERS.neverLoggedIn, {
		type: 'boolean',
		description:
			'Whether to return only users with no login at all. Applied by the node after reading every page.',
	}),
];

export const sortField: INodeProperties = entryFor(PARAMETERS.sort, {
	type: 'options',
	options: [
		{ name: 'As DocuSign Lists Them', value: 'none' },
		{
			name: 'Created (Oldest First)',
			value: 'created',
			description: 'Applied by the node after reading every page',
		},
		{
			name: 'Last Login (Oldest First, Never First)',
			value: 'lastLogin',
			description: 'Applied by the node after reading every page',
		},
		{
			name: 'Name (A to Z)',
			value: 'name',
			description: 'By user name; applied by the node after reading every page',
		},
	],
	description:
		"The order of the results. Any order other than DocuSign's makes the node read every page before Limit applies.",
});

interface ClientSideListing {
	/** Whether the node must read every page before Limit (a client-side filter or a sort). */
	readsAll: boolean;
	/** The query the login filters need (login_status=true), added to the server-side ones. */
	qs: IDataObject;
	keep: (user: IDataObject) => boolean;
	sort: Sort;
	/** Whether login dates are needed, so their absence from DocuSign's list must be detected. */
	needsLogins: boolean;
}

/** The client-side filters of one item and its Sort, as its record holds them (see FILTERS). */
export function clientSideListing(
	filters: { lastLoginBefore?: number; createdBefore?: number; neverLoggedIn: boolean },
	sort: Sort,
): ClientSideListing {
	const { lastLoginBefore, createdBefore, neverLoggedIn } = filters;
	const needsLogins = lastLoginBefore !== undefined || neverLoggedIn || sort === 'lastLogin';
	const timeOf = (user: IDataObject, key: string) => Date.parse(toIsoDate(user[key]) ?? '');
	return {
		readsAll: needsLogins || createdBefore !== undefined || sort !== 'none',
		qs: needsLogins ? { login_status: 'true' } : {},
		needsLogins,
		sort,
		keep: (user) => {
			const login = timeOf(user, 'lastLogin');
			if (neverLoggedIn && Number.isFinite(login)) return false;
			if (lastLoginBefore !== undefined && Number.isFinite(login) && login >= lastLoginBefore)
				return false;
			const created = timeOf(user, 'createdDateTime');
			return !(createdBefore !== undefined && !(created < createdBefore));
		},
	};
}

/** The sort's order; users without the date come first (never logged in is the most dormant). */
export function sortUsers(users: IDataObject[], sort: Sort): IDataObject[] {
	if (sort === 'none') return users;
	const key = (u: IDataObject) =>
		sort === 'name'
			? String(u.userName ?? '').toLowerCase()
			: Date.parse(toIsoDate(sort === 'lastLogin' ? u.lastLogin : u.createdDateTime) ?? '') ||
				-Infinity;
	return [...users].sort((a, b) => {
		const [x, y] = [key(a), key(b)];
		return x < y ? -1 : x > y ? 1 : 0;
	});
}

/**
 * DocuSign's list may leave `lastLogin` out (its spec does not say the list fills it): then every user
 * would look like one who never logged in, and a reclamation run would suspend active people. An
 * active user has logged in, so a listing where no active user carries a date is refused.
 */
export function checkLoginDatesListed(
	n8n: IExecuteFunctions,
	itemIndex: number,
	users: IDataObject[],
): void {
	const active = users.filter((u) => String(u.userStatus ?? '').toLowerCase() === 'active');
	if (active.length && !active.some((u) => toIsoDate(u.lastLogin) !== null))
		throw apiErrorFor(
			n8n,
			itemIndex,
			`DocuSign's user list carries no last-login dates (${active.length} active users, none with a date), so dormant users cannot be told apart`,
			'Nothing was filtered. Remove Last Login Before, Never Logged In and the Last Login sort, or read the users one by one with User > Get, which carries the date.',
		);
}
