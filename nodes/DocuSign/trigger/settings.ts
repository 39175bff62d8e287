/** The trigger's parameters, coerced strictly: an expression may return anything. */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Group } from '../users/model';
import { USER_STATUSES } from '../users/model';
import type { Checked } from '../users/validate';
import { asList, asNameList } from '../users/validate';
import { findByIdOrName } from '../users/directory';
import { ACCOUNT } from '../parameters/account';
import type { ParameterSpec } from '../parameters/spec';
import { booleanOption, numberSpec, readWithoutItems, spec } from '../parameters/spec';
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

const PERSONAL_DATA_CHOICES = ['fingerprints', 'values'] as const;

function parameterError(
	n8n: IPollFunctions,
	parameter: string,
	problem: string,
	hint: string,
): NodeOperationError {
	return new NodeOperationError(n8n.getNode(), `The parameter "${parameter}" ${problem}`, {
		description: hint,
	});
}

/** A list of allowed values, matched case-insensitively and given back as spelled in `allowed`. */
const listOf =
	(what: string, allowed: readonly string[]) =>
	(value: unknown): Checked<string[]> => {
		const list = asList(value, { what, examples: [allowed[0], allowed[1]], valid: allowed });
		if ('problem' in list) return list;
		const known: string[] = [];
		for (const entry of list.value) {
			const match = allowed.find((a) => a.toLowerCase() === entry.toLowerCase());
			if (!match)
				return {
					problem: `contains an unknown value: "${entry}"`,
					hint: `Use one of: ${allowed.join(', ')}`,
				};
			known.push(match);
		}
		return { value: known };
	};

/** The trigger's parameters: each read once per poll, through the same specs as the action node's. */
export const TRIGGER_PARAMETERS = {
	account: ACCOUNT,
	// On by default: the access events (who is in, who is out, who holds which rights); they need one user
	// list and no personal data in the state. Group Membership Changed reads every custom group's member
	// list (about twice the calls of a full read); User Updated keeps fingerprints of names: both opt-in.
	events: spec<string[]>({
		path: 'events',
		label: 'Events',
		fallback: ['userCreated', 'statusChanged', 'permissionProfileChanged'],
		check: (value) => {
			const events = listOf('events', DRIFT_EVENTS)(value);
			if ('value' in events && !events.value.length)
				return { problem: 'is empty', hint: 'Pick at least one event to watch.' };
			return events;
		},
	}),
	statuses: spec<string[]>({
		path: 'filters.statuses',
		label: 'Filters > Status',
		fallback: [],
		check: listOf('user statuses', STATUSES),
	}),
	groups: spec<string[]>({
		path: 'filters.groups',
		label: 'Filters > Group Names or IDs',
		fallback: [],
		check: asNameList,
	}),
	emitExistingOnFirstPoll: booleanOption(
		'emitExistingOnFirstPoll',
		'Emit Existing Users on First Poll',
		false,
	),
	personalData: spec<TriggerSettings['personalData']>({
		path: 'options.personalData',
		label: 'Options > Personal Data in State',
		fallback: 'fingerprints',
		check: (value) => {
			const choice = value ?? 'fingerprints';
			return (PERSONAL_DATA_CHOICES as readonly unknown[]).includes(choice)
				? { value: choice as TriggerSettings['personalData'] }
				: {
						problem: `is ${JSON.stringify(choice)}`,
						hint: `Use one of: ${PERSONAL_DATA_CHOICES.join(', ')}`,
					};
		},
	}),
	reconcileHours: numberSpec({
		path: 'options.reconcileHours',
		label: 'Options > Full Reconciliation Every (Hours)',
		fallback: DEFAULT_RECONCILE_HOURS,
		bounds: { min: 1, max: 24 * 7, integer: true },
		description:
			'With Organization Admin Access, polls read only the users DocuSign lists as modified since the last poll; this often the whole account is read and compared, to catch changes that list does not report (their events say so). Without it, every poll reads the whole account.',
	}),
	maxCallsPerHour: numberSpec({
		path: 'options.maxCallsPerHour',
		label: 'Options > Max API Calls per Hour',
		fallback: DEFAULT_CALLS_PER_HOUR,
		bounds: { min: 10, max: HOURLY_LIMIT, integer: true },
		description: `The trigger skips a poll that would take its calls of the last hour over this. DocuSign allows ${HOURLY_LIMIT.toLocaleString('en-US')} an hour per account, shared with every other app on it.`,
	}),
};

export function readSettings(n8n: IPollFunctions): TriggerSettings {
	const read = <T>(parameter: ParameterSpec<T>) => readWithoutItems(n8n, parameter);
	const p = TRIGGER_PARAMETERS;
	// In the order the editor shows them (Account, Events, Filters, Options), so that the first wrong one is the one reported.
	const accountId = read(p.account);
	const events = read(p.events);
	const groups = read(p.groups);
	const statuses = read(p.statuses);
	const emitExistingOnFirstPoll = read(p.emitExistingOnFirstPoll);
	const reconcileHours = read(p.reconcileHours);
	const maxCallsPerHour = read(p.maxCallsPerHour);
	const personalData = read(p.personalData);
	return {
		accountId,
		events: new Set(events),
		statuses: new Set(statuses.map((s) => s.toLowerCase())),
		groups,
		emitExistingOnFirstPoll,
		personalData,
		reconcileHours,
		maxCallsPerHour,
	};
}

/** The group filter as IDs of custom groups; an unknown name is an error that lists the valid ones. */
export function resolveGroupFilter(
	n8n: IPollFunctions,
	groups: Group[],
	wanted: string[],
): Set<string> {
	const ids = new Set<string>();
	for (const value of wanted) {
		const group = findByIdOrName(groups, value);
		if (!group) {
			throw parameterError(
				n8n,
				'Filters > Group Names or IDs',
				`names no custom group of this account: "${value}"`,
				`Use one of: ${groups.map((g) => g.name).join(', ')}`,
			);
		}
		ids.add(group.id);
	}
	return ids;
}
