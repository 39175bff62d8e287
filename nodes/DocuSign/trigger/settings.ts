/** The trigger's parameters, coerced strictly: an expression may return anything. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Group } from '../users/model';
import { USER_STATUSES } from '../users/status';
import { asNameList, findByIdOrName, GUID_PATTERN } from '../users/validate';
import { DEFAULT_CALLS_PER_HOUR, DEFAULT_RECONCILE_HOURS, HOURLY_LIMIT } from './cost';
import { DRIFT_EVENTS } from './drift';

const STATUSES = USER_STATUSES.map((s) => s.value);

export interface TriggerSettings {
	/** The node's Account (an API Account ID); empty = the credential's account. */
	accountId: string;
	events: Set<string>;
	statuses: Set<string>;
	/** Group names or IDs as given; resolved once the groups are read. */
	groups: string[];
	emitExistingOnFirstPoll: boolean;
	/** What the state keeps of names, e-mail and job title for User Updated. */
	personalData: 'fingerprints' | 'values';
	/** With Organization Admin Access: hours between full reconciliations. */
	reconcileHours: number;
	/** The most API calls the trigger's polls may spend in an hour. */
	maxCallsPerHour: number;
}

export const PERSONAL_DATA_CHOICES = ['fingerprints', 'values'] as const;

function parameterError(
	fn: IPollFunctions,
	parameter: string,
	problem: string,
	hint: string,
): NodeOperationError {
	return new NodeOperationError(fn.getNode(), `The parameter "${parameter}" ${problem}`, {
		description: hint,
	});
}

/** Only a real boolean or the words true / false; anything else is a mistake worth naming. */
export function strictBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
		return value.trim().toLowerCase() === 'true';
	return undefined;
}

function readList(
	fn: IPollFunctions,
	parameter: string,
	value: unknown,
	allowed: readonly string[],
): string[] {
	const list = asNameList(value);
	if ('problem' in list) throw parameterError(fn, parameter, list.problem, list.hint);
	return list.value.map((entry) => {
		const known = allowed.find((a) => a.toLowerCase() === entry.toLowerCase());
		if (!known)
			throw parameterError(
				fn,
				parameter,
				`contains an unknown value: "${entry}"`,
				`Use one of: ${allowed.join(', ')}`,
			);
		return known;
	});
}

/** A whole number in range; an expression's text of digits is accepted, anything else is an error. */
function readNumber(
	fn: IPollFunctions,
	parameter: string,
	value: unknown,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isInteger(number) || number < min || number > max)
		throw parameterError(
			fn,
			parameter,
			`is ${JSON.stringify(value)}, not a whole number from ${min} to ${max}`,
			`Enter a whole number from ${min} to ${max}, or remove the option for the default (${fallback}).`,
		);
	return number;
}

/** The Account parameter: empty, or an API Account ID (a GUID) picked from the list or typed. */
function readAccount(fn: IPollFunctions): string {
	const value = fn.getNodeParameter('account', '', { extractValue: true });
	const text =
		value === undefined || value === null
			? ''
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === undefined || (text && !GUID_PATTERN.test(text)))
		throw parameterError(
			fn,
			'Account',
			`is ${JSON.stringify(value)}, not an API Account ID`,
			"Pick the account from the list, or give its API Account ID (a GUID) from Settings > Apps and Keys; leave it empty for the credential's account.",
		);
	return text;
}

export function readSettings(fn: IPollFunctions): TriggerSettings {
	const events = readList(fn, 'Events', fn.getNodeParameter('events', []), DRIFT_EVENTS);
	if (!events.length)
		throw parameterError(fn, 'Events', 'is empty', 'Pick at least one event to watch.');
	const filters = (fn.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const statuses = readList(fn, 'Filters > Status', filters.statuses, STATUSES);
	const groups = asNameList(filters.groups);
	if ('problem' in groups)
		throw parameterError(fn, 'Filters > Group Names or IDs', groups.problem, groups.hint);
	const options = (fn.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const emitExisting =
		options.emitExistingOnFirstPoll === undefined
			? false
			: strictBoolean(options.emitExistingOnFirstPoll);
	if (emitExisting === undefined) {
		throw parameterError(
			fn,
			'Options > Emit Existing Users on First Poll',
			`is ${JSON.stringify(options.emitExistingOnFirstPoll)}, not true or false`,
			'Switch the option on or off, or make the expression return true or false.',
		);
	}
	const personalData = options.personalData ?? 'fingerprints';
	if (!(PERSONAL_DATA_CHOICES as readonly unknown[]).includes(personalData))
		throw parameterError(
			fn,
			'Options > Personal Data in State',
			`is ${JSON.stringify(personalData)}`,
			`Use one of: ${PERSONAL_DATA_CHOICES.join(', ')}`,
		);
	return {
		accountId: readAccount(fn),
		events: new Set(events),
		statuses: new Set(statuses.map((s) => s.toLowerCase())),
		groups: groups.value,
		emitExistingOnFirstPoll: emitExisting,
		personalData: personalData as TriggerSettings['personalData'],
		reconcileHours: readNumber(
			fn,
			'Options > Full Reconciliation Every (Hours)',
			options.reconcileHours,
			DEFAULT_RECONCILE_HOURS,
			1,
			24 * 7,
		),
		maxCallsPerHour: readNumber(
			fn,
			'Options > Max API Calls per Hour',
			options.maxCallsPerHour,
			DEFAULT_CALLS_PER_HOUR,
			10,
			HOURLY_LIMIT,
		),
	};
}

/** The group filter as IDs of custom groups; an unknown name is an error that lists the valid ones. */
export function resolveGroupFilter(
	fn: IPollFunctions,
	groups: Group[],
	wanted: string[],
): Set<string> {
	const ids = new Set<string>();
	for (const value of wanted) {
		const group = findByIdOrName(groups, value);
		if (!group) {
			throw parameterError(
				fn,
				'Filters > Group Names or IDs',
				`names no custom group of this account: "${value}"`,
				`Use one of: ${groups.map((g) => g.name).join(', ')}`,
			);
		}
		ids.add(group.id);
	}
	return ids;
}
