import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_BATCH_SIZE } from '../transport/batch';
import type { Checked } from '../users/validate';
import {
	asNameList,
	checkBoolean,
	checkEmail,
	checkNumber,
	checkOption,
	checkPlainText,
	GUID_PATTERN,
} from '../users/validate';
import { TOOL_LIMIT } from './common.descriptions';
import { MAX_DIRECTORY_TTL_SECONDS } from '../users/directoryCache';
import { parameterError } from '../users/results';
import type { WriteSettings } from '../users/writes/types';

export const TOOL_MAX_WAIT_SECONDS = 20;
export const OUTPUTS = ['simplified', 'raw', 'selected'] as const;

/**
 * Per item: read for every item; batching groups the items that share a value.
 * Per run: holds for the whole execution; an expression that yields different values for
 * different items is a parameter error naming both items, never a silent "item 0 wins".
 */
export type Scope = 'item' | 'run';

export interface ParameterSpec<T> {
	/** The path for getNodeParameter, e.g. "options.batchSize". */
	path: string;
	/** As the user sees it in the node, e.g. "Options > Batch Size". */
	label: string;
	scope: Scope;
	/** The editor's default, used when the parameter is not set. */
	fallback: unknown;
	/** The default when an AI agent calls the node (see isToolCall), if it differs. */
	toolFallback?: unknown;
	check: (value: unknown) => Checked<T>;
	/** Why the limits are what they are; goes in front of the fix. */
	explain?: string;
}

const spec = <T>(s: ParameterSpec<T>): ParameterSpec<T> => s;
const booleanOption = (name: string, label: string, scope: Scope, fallback: boolean) =>
	spec({
		path: `options.${name}`,
		label: `Options > ${label}`,
		scope,
		fallback,
		check: checkBoolean,
	});

/**
 * Whether an AI agent calls the node: n8n runs a usableAsTool node as the derived type
 * "<name>Tool" (the same test n8n's own "@tool" display option uses, in 1.x and 2.x).
 */
export function isToolCall(fn: IExecuteFunctions): boolean {
	return fn.getNode().type.endsWith('Tool');
}

export const GROUP_CHANGES = ['keep', 'replace', 'add', 'remove', 'removeAll'] as const;
export type GroupChange = (typeof GROUP_CHANGES)[number];

/** Every parameter whose meaning is more than "a text of this item", declared once with its scope. */
export const PARAMETERS = {
	batchSize: spec({
		path: 'requestSettings.batchSize',
		label: 'Request Settings > Batch Size',
		scope: 'run',
		fallback: 100,
		check: (v) => checkNumber(v, 1, MAX_BATCH_SIZE, true),
		explain: `DocuSign takes at most ${MAX_BATCH_SIZE} users per request;`,
	}),
	dryRun: booleanOption('dryRun', 'Dry Run', 'run', false),
	// An agent waiting minutes for a tool answer looks hung: a tool call waits briefly, then reports the reset time.
	maxWaitSeconds: spec({
		path: 'requestSettings.maxWaitSeconds',
		label: 'Request Settings > Max Rate-Limit Wait (Seconds)',
		scope: 'run',
		fallback: 300,
		toolFallback: TOOL_MAX_WAIT_SECONDS,
		check: (v) => checkNumber(v, 0, 3600, false),
	}),
	directoryCacheSeconds: spec({
		path: 'requestSettings.directoryCacheSeconds',
		label: 'Request Settings > Directory Cache (Seconds)',
		scope: 'run',
		fallback: 300,
		check: (v) => checkNumber(v, 0, MAX_DIRECTORY_TTL_SECONDS, false),
	}),
	account: spec({
		path: 'account',
		label: 'Account',
		scope: 'run',
		fallback: { mode: 'list', value: '' },
		check: checkAccount,
	}),
	timeoutSeconds: spec({
		path: 'requestSettings.timeoutSeconds',
		label: 'Request Settings > Timeout (Seconds)',
		scope: 'run',
		fallback: 60,
		check: (v) => checkNumber(v, 1, 600, false),
	}),
	groupSync: spec({
		path: 'options.groupSync',
		label: 'Options > Group Sync',
		scope: 'item',
		fallback: 'add',
		check: (v) => checkOption(v, ['add', 'replace'] as const),
	}),
	reactivateClosedUsers: booleanOption(
		'reactivateClosedUsers',
		'Reactivate Closed Users',
		'item',
		false,
	),
	activation: spec({
		path: 'options.activation',
		label: 'Options > Activation',
		scope: 'item',
		fallback: 'email',
		check: (v) => checkOption(v, ['email', 'immediate'] as const),
	}),
	fallbackToEmail: booleanOption('fallbackToEmail', 'Fall Back to Activation Email', 'item', false),
	removeFromGroups: booleanOption('removeFromGroups', 'Remove From Groups', 'item', false),
	rosterScope: spec({
		path: 'scope',
		label: 'Scope',
		scope: 'run',
		fallback: 'all',
		check: (v) => checkOption(v, ['all', 'groups', 'domains'] as const),
	}),
	scopeGroups: spec({
		path: 'scopeGroups',
		label: 'Scope Groups',
		scope: 'run',
		fallback: [],
		check: asNameList,
	}),
	scopeDomains: spec({
		path: 'scopeDomains',
		label: 'Scope Domains',
		scope: 'run',
		fallback: '',
		check: checkDomains,
	}),
	outOfRoster: spec({
		path: 'outOfRoster',
		label: 'Users Missing From the Roster',
		scope: 'run',
		fallback: 'report',
		check: (v) => checkOption(v, ['report', 'close', 'closeAndRequestDeletion'] as const),
	}),
	includeAdministrators: booleanOption(
		'includeAdministrators',
		'Include Administrators',
		'run',
		false,
	),
	neverTouch: spec({
		path: 'options.neverTouch',
		label: 'Options > Never Touch',
		scope: 'run',
		fallback: '',
		check: checkRecipients,
	}),
	maxCloses: spec({
		path: 'options.maxCloses',
		label: 'Options > Max Closes',
		scope: 'run',
		fallback: 100,
		check: (v) => checkNumber(v, 0, 300_000, true),
	}),
	maxClosePercent: spec({
		path: 'options.maxClosePercent',
		label: 'Options > Max Close Share (%)',
		scope: 'run',
		fallback: 10,
		check: (v) => checkNumber(v, 0, 100, false),
	}),
	newUserGraceHours: spec({
		path: 'options.newUserGraceHours',
		label: 'Options > New User Grace (Hours)',
		scope: 'run',
		fallback: 24,
		check: (v) => checkNumber(v, 0, 720, false),
	}),
	deleteWithMembers: booleanOption('deleteWithMembers', 'Delete Even With Members', 'item', false),
	suspendFirst: booleanOption('suspendFirst', 'Suspend User First', 'item', true),
	reason: spec({
		path: 'options.reason',
		label: 'Options > Reason',
		scope: 'item',
		fallback: '',
		check: (v) => checkPlainText(v, 'the reason'),
	}),
	recipients: spec({
		path: 'options.recipients',
		label: 'Options > Recipients',
		scope: 'item',
		fallback: '',
		check: checkRecipients,
	}),
	groupChange: spec({
		path: 'groupMode',
		label: 'Group Change',
		scope: 'item',
		fallback: 'keep',
		check: (v) => checkOption(v, GROUP_CHANGES),
	}),
	returnAll: spec({
		path: 'returnAll',
		label: 'Return All',
		scope: 'item',
		fallback: false,
		check: checkBoolean,
	}),
	limit: spec({
		path: 'limit',
		label: 'Limit',
		scope: 'item',
		fallback: 50,
		toolFallback: TOOL_LIMIT,
		check: (v) => checkNumber(v, 1, 1_000_000, true),
	}),
	simplify: spec({
		path: 'simplify',
		label: 'Simplify',
		scope: 'item',
		fallback: true,
		check: checkBoolean,
	}),
	output: spec({
		path: 'output',
		label: 'Output',
		scope: 'item',
		fallback: 'simplified',
		check: (v) => checkOption(v, OUTPUTS),
	}),
	fields: spec({ path: 'fields', label: 'Fields', scope: 'item', fallback: [], check: asNameList }),
	countClosedUsers: spec({
		path: 'countClosedUsers',
		label: 'Count Closed Users',
		scope: 'item',
		fallback: false,
		check: checkBoolean,
	}),
};

/**
 * The Account locator (From List, By ID, or an expression giving either form): an API Account ID,
 * or empty for the credential's account. An account number is refused here with its own hint.
 */
function checkAccount(value: unknown): Checked<string> {
	const raw =
		value !== null && typeof value === 'object' && 'value' in value
			? (value as { value: unknown }).value
			: value;
	const text =
		raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw.trim() : undefined;
	if (text === undefined)
		return {
			problem: `is ${typeof raw}, not an API Account ID`,
			hint: "Pick the account from the list, or give its API Account ID (a GUID); leave it empty for the credential's account.",
		};
	if (/^\d+$/.test(text))
		return {
			problem: `"${text}" is an account number, not an API Account ID`,
			hint: 'Give the API Account ID (a GUID) from Settings > Apps and Keys, or pick the account from the list.',
		};
	if (text && !GUID_PATTERN.test(text))
		return {
			problem: `"${text}" is not an API Account ID (a GUID)`,
			hint: 'Pick the account from the list, or copy the API Account ID from Settings > Apps and Keys.',
		};
	return { value: text };
}

/** Email domains, comma-separated or a list: "acme.example, @acme.co.uk" → ["acme.example", "acme.co.uk"]. */
function checkDomains(value: unknown): Checked<string[]> {
	const list = asNameList(value);
	if ('problem' in list) return list;
	const domains = list.value.map((d) => d.replace(/^@/, '').toLowerCase());
	const bad = domains.find((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d));
	if (bad !== undefined)
		return {
			problem: `contains "${bad}", which is not an email domain`,
			hint: 'Give domains such as acme.example, comma-separated.',
		};
	return { value: domains };
}

function checkRecipients(value: unknown): Checked<string[]> {
	const list = asNameList(value);
	if ('problem' in list) return list;
	for (const email of list.value) {
		const checked = checkEmail(email);
		if ('problem' in checked) return checked;
	}
	return list;
}

/** getNodeParameter's fallback when "not set" must be told apart from every value a user can give. */
const ABSENT = '\u0000absent';

/**
 * Whether the node's stored value at a parameter path holds an expression ("=…", at any depth). Only then can
 * n8n give items different values; a fixed value (or an unset one, which takes the default) is one value for
 * the whole run, read once.
 */
function holdsExpression(fn: IExecuteFunctions, path: string): boolean {
	let value: unknown = fn.getNode().parameters;
	for (const key of path.split('.'))
		value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	const anyExpression = (v: unknown): boolean =>
		typeof v === 'string'
			? v.startsWith('=')
			: v !== null && typeof v === 'object' && Object.values(v).some(anyExpression);
	return anyExpression(value);
}

/** The raw values read in this execution, per parameter path and item (item 0 for a fixed value). */
const readValues = new WeakMap<IExecuteFunctions, Map<string, unknown>>();

/** One getNodeParameter call per parameter and item, and one per run for a fixed value. */
function rawValue(
	fn: IExecuteFunctions,
	parameter: ParameterSpec<unknown>,
	itemIndex: number,
): unknown {
	let values = readValues.get(fn);
	if (!values) readValues.set(fn, (values = new Map()));
	const key = `${parameter.path}#${holdsExpression(fn, parameter.path) ? itemIndex : 0}`;
	if (!values.has(key)) {
		const fallback =
			parameter.toolFallback !== undefined && isToolCall(fn)
				? parameter.toolFallback
				: parameter.fallback;
		// Read operations have no Request Settings collection: getNodeParameter needs a fallback there.
		const value = fn.getNodeParameter(parameter.path, itemIndex, ABSENT);
		values.set(key, value === ABSENT ? fallback : value);
	}
	return values.get(key);
}

function readChecked<T>(fn: IExecuteFunctions, parameter: ParameterSpec<T>, itemIndex: number): T {
	const checked = parameter.check(rawValue(fn, parameter as ParameterSpec<unknown>, itemIndex));
	if ('problem' in checked) {
		const hint = parameter.explain
			? `${parameter.explain} ${checked.hint[0].toLowerCase()}${checked.hint.slice(1)}`
			: checked.hint;
		throw parameterError(fn, itemIndex, parameter.label, checked.problem, hint);
	}
	return checked.value;
}

/** A per-item parameter of one item, checked. */
export function readItemParameter<T>(
	fn: IExecuteFunctions,
	parameter: ParameterSpec<T>,
	itemIndex: number,
): T {
	return readChecked(fn, parameter, itemIndex);
}

/**
 * A per-run parameter: read for every item (an expression may differ by item) and required to
 * be the same for all of them.
 */
export function readRunParameter<T>(fn: IExecuteFunctions, parameter: ParameterSpec<T>): T {
	// A fixed value is the same for every item: only an expression needs checking item by item.
	const itemCount = holdsExpression(fn, parameter.path) ? Math.max(1, fn.getInputData().length) : 1;
	const first = readChecked(fn, parameter, 0);
	for (let itemIndex = 1; itemIndex < itemCount; itemIndex++) {
		const value = readChecked(fn, parameter, itemIndex);
		if (JSON.stringify(value) !== JSON.stringify(first)) {
			throw parameterError(
				fn,
				itemIndex,
				parameter.label,
				`is ${JSON.stringify(value)} here but ${JSON.stringify(first)} in item 0`,
				`${parameter.label} holds for the whole run: give it one value for all items (not an expression that differs by item), or split the items into separate runs.`,
			);
		}
	}
	return first;
}

export type { WriteSettings };

/** Batch Size and Dry Run: per run. A Dry Run that is not clearly false is an error, never a write. */
export function readWriteSettings(fn: IExecuteFunctions): WriteSettings {
	return {
		batchSize: readRunParameter(fn, PARAMETERS.batchSize),
		dryRun: readRunParameter(fn, PARAMETERS.dryRun),
	};
}

/** Directory Cache (Seconds): per run; 0 reads profiles and groups from DocuSign on every run. */
export function readDirectoryTtlMs(fn: IExecuteFunctions): number {
	return readRunParameter(fn, PARAMETERS.directoryCacheSeconds) * 1000;
}

/** Max Rate-Limit Wait and Timeout: per run, handed to the transport's session. */
export function readSessionSettings(fn: IExecuteFunctions): {
	maxWaitMs: number;
	timeoutMs: number;
} {
	return {
		maxWaitMs: readRunParameter(fn, PARAMETERS.maxWaitSeconds) * 1000,
		timeoutMs: readRunParameter(fn, PARAMETERS.timeoutSeconds) * 1000,
	};
}

/** Return All and Limit of a list read: the number of results wanted, or undefined for all. */
export function readLimit(fn: IExecuteFunctions, itemIndex: number): number | undefined {
	return readItemParameter(fn, PARAMETERS.returnAll, itemIndex)
		? undefined
		: readItemParameter(fn, PARAMETERS.limit, itemIndex);
}
