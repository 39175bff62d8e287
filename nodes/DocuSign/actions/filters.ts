/**
 * The options of the Filters collections of User > Get Many and Group > Get Many, one spec each. A
 * filter left out is read as its fallback, which means "no filter"; an option is taken from the
 * Filters read of its item (see readOnce), so the collection is still one getNodeParameter call.
 */
import { toIsoDate, USER_STATUSES } from '../users/model';
import type { Checked } from '../users/validate';
import { asList, asNameList, asText, checkBoolean, echo } from '../users/validate';
import type { ParameterSpec } from '../parameters/spec';
import { spec } from '../parameters/spec';

/** A text filter: any text (trimmed), empty for none. */
const textFilter = (name: string, label: string) =>
	spec({
		path: `filters.${name}`,
		label: `Filters > ${label}`,
		fallback: '',
		check: asText,
	});

/** A date filter, as a time in milliseconds; undefined for none. */
const dateFilter = (name: string, label: string): ParameterSpec<number | undefined> =>
	spec({
		path: `filters.${name}`,
		label: `Filters > ${label}`,
		fallback: '',
		check: checkDate,
	});

export const FILTERS = {
	userEmail: textFilter('email', 'Email'),
	userEmailContains: textFilter('emailContains', 'Email Contains'),
	userNameContains: textFilter('userNameContains', 'User Name Contains'),
	userStatus: spec({
		path: 'filters.status',
		label: 'Filters > Status',
		fallback: [],
		check: checkStatuses,
	}),
	// Names checked here (a list holding anything but text is an error, never "no filter"); resolved by the operation.
	userGroups: spec({
		path: 'filters.groups',
		label: 'Filters > Group Names or IDs',
		fallback: [],
		check: asNameList,
	}),
	lastLoginBefore: dateFilter('lastLoginBefore', 'Last Login Before'),
	createdBefore: dateFilter('createdBefore', 'Created Before'),
	neverLoggedIn: spec({
		path: 'filters.neverLoggedIn',
		label: 'Filters > Never Logged In',
		fallback: false,
		check: checkBoolean,
	}),
	groupNameContains: textFilter('search', 'Name Contains'),
};

/** DocuSign's statuses only (an expression may give anything): checked before any request. */
function checkStatuses(value: unknown): Checked<string[]> {
	const known = USER_STATUSES.map((s) => s.value as string);
	const statuses = asList(value, {
		what: 'user statuses',
		examples: ['Active', 'Closed'],
		valid: known,
	});
	if ('problem' in statuses) return statuses;
	const unknown = statuses.value.find((s) => !known.includes(s));
	if (unknown !== undefined)
		return {
			problem: `contains ${echo(unknown)}, not a DocuSign user status`,
			hint: `Use only: ${known.join(', ')} (case matters).`,
		};
	return statuses;
}

/** A date from the editor (text) or an expression (text, Date, Luxon DateTime, epoch milliseconds). */
function checkDate(value: unknown): Checked<number | undefined> {
	if (value === undefined || value === null || value === '') return { value: undefined };
	const iso =
		typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function'
			? String((value as { toISO(): string }).toISO())
			: value instanceof Date
				? value.toISOString()
				: typeof value === 'number'
					? new Date(value).toISOString()
					: typeof value === 'string'
						? toIsoDate(value.trim())
						: null;
	const time = iso ? Date.parse(iso) : NaN;
	if (Number.isFinite(time)) return { value: time };
	return {
		problem: `is not a date: ${JSON.stringify(value)}`,
		hint: 'Pick a date, or give an ISO date such as 2026-09-01 or {{ $now.minus({ days: 90 }) }}.',
	};
}
