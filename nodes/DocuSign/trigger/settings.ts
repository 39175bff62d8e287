/** The trigger's parameters, coerced strictly: an expression may return anything. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { USER_STATUSES } from '../users/status';
import { DRIFT_EVENTS } from './drift';
import type { Group } from '../users/model';
import { asNameList, findByIdOrName } from '../users/validate';

const STATUSES = USER_STATUSES.map((s) => s.value);

export interface TriggerSettings {
	events: Set<string>;
	statuses: Set<string>;
	/** Group names or IDs as given; resolved once the groups are read. */
	groups: string[];
	emitExistingOnFirstPoll: boolean;
}

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
	return {
		events: new Set(events),
		statuses: new Set(statuses.map((s) => s.toLowerCase())),
		groups: groups.value,
		emitExistingOnFirstPoll: emitExisting,
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
