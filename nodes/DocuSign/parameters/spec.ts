/**
 * How a node parameter is declared and read, for the action node and the trigger alike: one spec per
 * parameter (path, label, scope, default, check, bounds, description), and one read per parameter
 * and item, whatever asks for it.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Checked } from '../users/validate';
import { checkBoolean, checkNumber } from '../users/validate';

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
	/** A number's bounds: checked on every read and shown by the editor (minValue, maxValue). */
	bounds?: { min: number; max: number; integer: boolean };
	/** The editor's description of the option (see editorEntry). */
	description?: string;
	/** A resource locator read as its value alone (n8n's extractValue). */
	extractValue?: boolean;
}

export const spec = <T>(s: ParameterSpec<T>): ParameterSpec<T> => s;

/** A number option: its check comes from its bounds, so the editor and the run agree. */
export const numberSpec = (
	s: Omit<ParameterSpec<number>, 'check'> & {
		bounds: NonNullable<ParameterSpec<number>['bounds']>;
	},
): ParameterSpec<number> =>
	spec({ ...s, check: (v) => checkNumber(v, s.bounds.min, s.bounds.max, s.bounds.integer) });

export const booleanOption = (name: string, label: string, scope: Scope, fallback: boolean) =>
	spec({
		path: `options.${name}`,
		label: `Options > ${label}`,
		scope,
		fallback,
		check: checkBoolean,
	});

/** A value whose checks need more than the value (a name to resolve, a locator's mode): taken as read. */
export const asRead = <T>(value: unknown): Checked<T> => ({ value: value as T });

/** A collection (Filters, Options): an object, else a parameter error. */
export function checkCollection(value: unknown): Checked<IDataObject> {
	if (value === undefined || value === null) return { value: {} };
	if (typeof value === 'object' && !Array.isArray(value)) return { value: value as IDataObject };
	return {
		problem: `is ${Array.isArray(value) ? 'a list' : typeof value}, not a set of fields`,
		hint: 'Add the fields in the editor instead of giving the whole collection as an expression.',
	};
}

/**
 * A number option's editor entry, generated from its spec: name, label, default, bounds and
 * description are written once, in the spec.
 */
export function editorEntry(parameter: ParameterSpec<number>): INodeProperties {
	return entryFor(parameter, { type: 'number', description: parameter.description });
}

/** The parameter as saved in the workflow, before n8n resolves expressions; undefined when not set. */
export function savedValue(node: INode, path: string): unknown {
	let value: unknown = node.parameters;
	for (const key of path.split('.'))
		value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	return value;
}

/** Whether n8n resolves anything in a saved value: an expression is a string starting with "=". */
export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * n8n's resolved values by context, path and item: whatever asks for a parameter of an item a second
 * time (a planning pass, then the write) gets the first read, so n8n evaluates each expression once.
 */
const readsByContext = new WeakMap<object, Map<string, unknown>>();

/** One parameter of one item as n8n resolves it, read at most once per context; `read` calls n8n. */
export function readOnce(
	context: object,
	parameter: ParameterSpec<unknown>,
	itemIndex: number,
	read: () => unknown,
): unknown {
	let reads = readsByContext.get(context);
	if (!reads) readsByContext.set(context, (reads = new Map()));
	const key = `${itemIndex}\u0000${parameter.path}\u0000${parameter.extractValue ? 'v' : ''}`;
	if (reads.has(key)) return reads.get(key);
	const value = read();
	reads.set(key, value);
	return value;
}

/** A value read now and used later, or the error reading it threw, kept to be thrown where the value is used. */
export type Read<T> = { value: T } | { error: unknown };

export function attempt<T>(read: () => T): Read<T> {
	try {
		return { value: read() };
	} catch (error) {
		return { error };
	}
}

export async function attemptAsync<T>(read: () => Promise<T>): Promise<Read<T>> {
	try {
		return { value: await read() };
	} catch (error) {
		return { error };
	}
}

/** The value read, or the error its read threw. */
export function take<T>(read: Read<T>): T {
	if ('error' in read) throw read.error;
	return read.value;
}

/**
 * A parameter where there are no items, checked: a trigger's poll or an editor dropdown reads the
 * value once, and a problem is that poll's (or dropdown's) error, naming the parameter and the fix.
 */
export function readWithoutItems<T>(
	fn: IPollFunctions | ILoadOptionsFunctions,
	parameter: ParameterSpec<T>,
): T {
	const raw =
		savedValue(fn.getNode(), parameter.path) === undefined
			? parameter.fallback
			: readOnce(fn, parameter as ParameterSpec<unknown>, 0, () =>
					fn.getNodeParameter(
						parameter.path,
						undefined,
						parameter.extractValue ? { extractValue: true } : undefined,
					),
				);
	const checked = parameter.check(raw);
	if ('problem' in checked)
		throw new NodeOperationError(
			fn.getNode(),
			`The parameter "${parameter.label}" ${checked.problem}`,
			{ description: checked.hint },
		);
	return checked.value;
}

/**
 * The default the editor shows for a parameter: its spec's fallback (an AI agent's, for the entry
 * shown to tools). A locator read as its value alone shows that value in its From List mode.
 */
export function editorDefault(
	parameter: ParameterSpec<unknown>,
	type: INodeProperties['type'],
	tool = false,
): INodeProperties['default'] {
	const fallback = (
		tool ? parameter.toolFallback : parameter.fallback
	) as INodeProperties['default'];
	return type === 'resourceLocator' && parameter.extractValue
		? { mode: 'list', value: fallback as string }
		: fallback;
}

/**
 * A parameter's editor entry whose name, label, default and bounds come from its spec, so the
 * default the editor shows and the one a run falls back to are written once. `displayName` may
 * differ from the label where an operation names the parameter its own way ("User to Update").
 */
export function entryFor<T>(
	parameter: ParameterSpec<T>,
	rest: Omit<INodeProperties, 'name' | 'displayName' | 'default'> & { displayName?: string },
	shownTo: 'workflow' | 'tool' = 'workflow',
): INodeProperties {
	return {
		displayName: parameter.label.split(' > ').pop() as string,
		name: parameter.path.split('.').pop() as string,
		...(parameter.bounds
			? { typeOptions: { minValue: parameter.bounds.min, maxValue: parameter.bounds.max } }
			: {}),
		...rest,
		default: editorDefault(parameter as ParameterSpec<unknown>, rest.type, shownTo === 'tool'),
	};
}
