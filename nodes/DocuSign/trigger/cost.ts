/**
 * What a poll costs, from DocuSign's documented figures (not from a call): 100 users per list page
 * (eSignature `count` maximum) and 3,000 calls per hour per account, shared by every integration.
 */
import { MAX_PAGE_SIZE } from '../transport';

export const HOURLY_LIMIT = 3000;
/** The trigger's default share: a tenth of the account's hourly limit. */
export const DEFAULT_CALLS_PER_HOUR = HOURLY_LIMIT / 10;
export const DEFAULT_RECONCILE_HOURS = 24;

/** A full read: the user list, and with group events the group list and every member list (each user in one group). */
export function fullReadCalls(users: number, groupEvents: boolean, customGroups = 0): number {
	const pages = Math.max(1, Math.ceil(users / MAX_PAGE_SIZE));
	return groupEvents ? pages + 1 + customGroups + pages : pages;
}

/** An incremental read with Organization Admin Access: the modified-since list, then one read per changed user. */
export function incrementalCalls(changedUsers: number): number {
	return Math.max(1, Math.ceil(changedUsers / MAX_PAGE_SIZE)) + changedUsers;
}

/** Calls per hour of a poll costing `calls` every `minutes`, or, when the budget is lower, the budget. */
export function callsPerHour(calls: number, minutes: number): number {
	return Math.round((calls * 60) / minutes);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const SIZES = [1_000, 10_000, 50_000];
const INTERVALS: Array<[number, string]> = [
	[1, 'every minute'],
	[15, 'every 15 minutes'],
	[60, 'every hour'],
];

/** The editor's cost notice: a few lines computed from the figures above. */
export function costNotice(): string {
	const withoutAdmin = SIZES.map((users) => {
		const calls = fullReadCalls(users, false);
		const perHour = INTERVALS.map(([m, label]) => `${fmt(callsPerHour(calls, m))} ${label}`);
		return `${fmt(users)} users: ${fmt(calls)} calls a poll (${perHour.join(', ')} an hour)`;
	});
	return [
		`<b>API calls.</b> DocuSign allows ${fmt(HOURLY_LIMIT)} calls an hour per account, shared with every other app on it.`,
		`<b>Without Organization Admin Access</b> each poll reads the whole user list (${MAX_PAGE_SIZE} users a call):`,
		...withoutAdmin,
		`Group Membership Changed adds one call per custom group and per ${MAX_PAGE_SIZE} members.`,
		`<b>With Organization Admin Access</b> a poll without changes costs ${incrementalCalls(0)} call (${callsPerHour(incrementalCalls(0), 1)} an hour every minute), plus one per changed user; the full reconciliation reads the whole list once a day.`,
		`The trigger skips polls that would take it over <b>Max API Calls per Hour</b> (default ${fmt(DEFAULT_CALLS_PER_HOUR)}, a tenth of the limit).`,
	].join('<br>');
}
