/** What a test feeds the node: parameters as the n8n editor stores them, and HR-like input items. */
import type { IDataObject } from 'n8n-workflow';

/** A resource-locator parameter value as the n8n editor stores it. */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** A person's fields from the item, as Create, Create or Update and Sync Roster take them. */
export const PERSON_FROM_ITEMS = {
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	permissionProfile: '={{ $json.role }}',
	groups: '={{ $json.groups }}',
};

/** Create's parameters from item fields; Batch Size, Max Rate-Limit Wait, Timeout and Directory Cache go to Request Settings. */
export const createFromItems = ({
	batchSize,
	maxWaitSeconds,
	timeoutSeconds,
	directoryCacheSeconds,
	...options
}: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'create',
	...PERSON_FROM_ITEMS,
	options,
	requestSettings: Object.fromEntries(
		Object.entries({ batchSize, maxWaitSeconds, timeoutSeconds, directoryCacheSeconds }).filter(
			([, v]) => v !== undefined,
		),
	),
});

/** Sync Roster of the items' people, with what to do with users missing from the roster. */
export const syncRosterFromItems = (
	outOfRoster = 'report',
	options: IDataObject = {},
	extra: IDataObject = {},
): IDataObject => ({
	resource: 'user',
	operation: 'syncRoster',
	...PERSON_FROM_ITEMS,
	outOfRoster,
	options,
	...extra,
});

/** Create or Update with Create's parameters from item fields. */
export const upsertFromItems = (options: IDataObject = {}): IDataObject => ({
	...createFromItems(options),
	operation: 'upsert',
});

/** Create with Activation: Activate Immediately (the Admin API path). */
export const createImmediately = (options: IDataObject = {}): IDataObject =>
	createFromItems({ activation: 'immediate', ...options });

/** A User operation on one user locator, with any further parameters. */
export const byUser = (operation: string, user: IDataObject, p: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation,
	user,
	...p,
});

/** User > Activate of the user with this ID. */
export const activateUser = (userId: string): IDataObject =>
	byUser('activate', rl('id', userId), { options: {} });

/**
 * An HR-like input item for createFromItems: { email, first, last, role, groups }. A number n stands
 * for joiner<n>@acme.example, "Joiner<n> Newhire"; an email gives "Jo <local part>". `fields` replace
 * any of them.
 */
export function joiner(who: number | string, fields: IDataObject = {}): IDataObject {
	const numbered = typeof who === 'number';
	const email = numbered ? `joiner${who}@acme.example` : who;
	return {
		email,
		first: numbered ? `Joiner${who}` : 'Jo',
		last: numbered ? 'Newhire' : email.split('@')[0],
		role: 'DocuSign Sender',
		groups: 'Sales, Engineering',
		...fields,
	};
}

/** joiner(1) … joiner(count). */
export const joiners = (count: number, fields: IDataObject = {}): IDataObject[] =>
	Array.from({ length: count }, (_, i) => joiner(i + 1, fields));
