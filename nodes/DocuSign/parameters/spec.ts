/**
 * How a node parameter is declared and read, for the action node and the trigger alike: one spec per
 * parameter (path, label, default, check, bounds, description), and one read per parameter
 * and item, whatever asks for it. A spec is data: its check is a function it carries, so reading
 * and checking happen here, in one pass, without calling back into the file that declares it.
 * The action node's router reads everything an operation declares in one call (readParameters).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ParameterError } from '../users/errors';
import type { Checked } from '../users/validate';
import { checkBoolean, checkNumber } from '../users/validate';

export interface ParameterSpec<T> {
	/** The path for getNodeParameter, e.g. "options.batchSize". */
	path: string;
	/** As the user sees it in the node, e.g. "Options > Batch Size". */
	label: string;
	/** The editor's default, used when the parameter is not set. */
	fallback: unknown;
	/** The default when an AI agent calls the node (see isToolCall), if it differs. */
	toolFallback?: unknown;
	/**
	 * The value's check; `read` holds the values read before it in the same record (as `when` sees
	 * them), for a check that spans fields, e.g. a User Name made of First and Last Name.
	 */
	check: (value: unknown, read: Readonly<Record<string, unknown>>) => Checked<T>;
	/** Why the limits are what they are; goes in front of the fix. */
	explain?: string;
	/** A number's bounds: checked on every read and shown by the editor (minValue, maxValue). */
	bounds?: { min: number; max: number; integer: boolean };
	/** The editor's description of the option (see editorEntry). */
	description?: string;
	/** A resource locator read as its value alone (n8n's extractValue). */
	extractValue?: boolean;
	/** Not set in the node: undefined, neither read nor checked (an optional field left out). */
	optional?: boolean;
	/**
	 * Read only when this holds for the values read before it in the same record (see readParameters)
	 * and for how the node is called (`tool`: by an AI agent, see isToolCall); otherwise undefined and
	 * not read, e.g. Limit only without Return All.
	 */
	when?: (read: Readonly<Record<string, unknown>>, call: { tool: boolean }) => boolean;
}

export const spec = <T>(s: ParameterSpec<T>): ParameterSpec<T> => s;

/** A number option: its check comes from its bounds, so the editor and the run agree. */
export const numberSpec = (
	s: Omit<ParameterSpec<number>, 'check'> & {
		bounds: NonNullable<ParameterSpec<number>['bounds']>;
	},
): ParameterSpec<number> =>
	spec({ ...s, check: (v) => checkNumber(v, s.bounds.min, s.bounds.max, s.bounds.integer) });

export const booleanOption = (name: string, label: string, fallback: boolean) =>
	spec({
		path: `options.${name}`,
		label: `Options > ${label}`,
		fallback,
		check: checkBoolean,
	});

/** A value whose checks need more than the value (a name to resolve, a locator's mode): taken as read. */
export const asRead = <T>(value: unknown): Checked<T> => ({ value: value as T });

/**
 * A collection (Filters, Options): an object, else a parameter error. A collection saved as one
 * expression reaches the node empty: n8n's Workflow reads each option off the saved text, so an
 * option named like a method of text (`search`) comes as that function, the only trace left of it.
 */
export function checkCollection(value: unknown): Checked<IDataObject> {
	if (value === undefined || value === null) return { value: {} };
	if (typeof value === 'object' && Object.values(value).some((v) => typeof v === 'function'))
		return {
			problem: 'was given as one expression, which n8n does not read for a collection',
			hint: 'Add each option on its own in the editor instead; each option may hold an expression.',
		};
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
function savedValue(node: INode, path: string): unknown {
	let value: unknown = node.parameters;
	for (const key of path.split('.'))
		value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	return value;
}

/** Whether n8n resolves anything in a saved value: an expression is a string starting with "=". */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * n8n's resolved values by context, then path (a locator read as its value alone apart), then item:
 * whatever asks for a parameter of an item a second time (a planning pass, then the write) gets the
 * first read, so n8n evaluates each expression once.
 */
const readsByContext = new WeakMap<object, Map<string, Map<number, unknown>>>();

/** One parameter of one item as n8n resolves it, read at most once per context; `read` calls n8n. */
export function readOnce(
	context: object,
	parameter: ParameterSpec<unknown>,
	itemIndex: number,
	read: () => unknown,
): unknown {
	let reads = readsByContext.get(context);
	if (!reads) readsByContext.set(context, (reads = new Map()));
	const path = parameter.extractValue ? `${parameter.path}\u0000value` : parameter.path;
	let byItem = reads.get(path);
	if (!byItem) reads.set(path, (byItem = new Map()));
	if (byItem.has(itemIndex)) return byItem.get(itemIndex);
	// An option of a collection read already (Filters > Type after Filters) is taken from that read.
	const dot = parameter.path.lastIndexOf('.');
	const parent = dot > 0 ? reads.get(parameter.path.slice(0, dot))?.get(itemIndex) : undefined;
	const value =
		parent !== null && typeof parent === 'object'
			? (parent as IDataObject)[parameter.path.slice(dot + 1)]
			: read();
	byItem.set(itemIndex, value);
	return value;
}

/** A value read now and used later, or the error reading it threw, kept to be thrown where the value is used. */
export type Read<T> = { value: T } | { error: unknown };

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
	const checked = parameter.check(raw, {});
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
function editorDefault(
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

/** The same parameter, read only when `condition` holds for the values read before it (see `when`). */
export function onlyWhen<T>(
	parameter: ParameterSpec<T>,
	condition: NonNullable<ParameterSpec<T>['when']>,
): ParameterSpec<T | undefined> {
	return { ...parameter, when: condition };
}

/**
 * Whether an AI agent calls the node: n8n runs a usableAsTool node as the derived type
 * "<name>Tool" (the same test n8n's own "@tool" display option uses, in 1.x and 2.x).
 */
export function isToolCall(n8n: IExecuteFunctions): boolean {
	return isToolNode(n8n.getNode());
}

const isToolNode = (node: INode) => node.type.endsWith('Tool');

/**
 * What reading a set of parameters needs of the node, taken once for all items: n8n's getNode()
 * copies the whole node on every call, and how each parameter is saved and how the node is called
 * are the same for every item.
 */
interface SavedParameters {
	n8n: IExecuteFunctions;
	/** Called by an AI agent (isToolCall). */
	tool: boolean;
	/** Each parameter of the set as saved in the node (savedValue). */
	saved: Map<ParameterSpec<unknown>, unknown>;
}

function savedParameters(
	n8n: IExecuteFunctions,
	parameters: Array<ParameterSpec<unknown>>,
): SavedParameters {
	const node = n8n.getNode();
	const saved = new Map(parameters.map((p) => [p, savedValue(node, p.path)]));
	return { n8n, tool: isToolNode(node), saved };
}

/** One parameter of one item: the default when it is not set (no read), else n8n's resolved value. */
function rawValue(
	{ n8n, tool, saved }: SavedParameters,
	parameter: ParameterSpec<unknown>,
	itemIndex: number,
): unknown {
	if (saved.get(parameter) === undefined)
		return parameter.toolFallback !== undefined && tool
			? parameter.toolFallback
			: parameter.fallback;
	return readOnce(n8n, parameter, itemIndex, () =>
		n8n.getNodeParameter(
			parameter.path,
			itemIndex,
			undefined,
			parameter.extractValue ? { extractValue: true } : undefined,
		),
	);
}

/** The parameter's value for one item, checked; a problem is the item's ParameterError (users/errors.ts). */
function readChecked<T>(
	node: SavedParameters,
	parameter: ParameterSpec<T>,
	itemIndex: number,
	read: Readonly<Record<string, unknown>>,
): T {
	const spec = parameter as ParameterSpec<unknown>;
	// An optional parameter left out is neither read nor checked.
	if (parameter.optional && node.saved.get(spec) === undefined) return undefined as T;
	const checked = parameter.check(rawValue(node, spec, itemIndex), read);
	if ('problem' in checked) {
		const hint = parameter.explain
			? `${parameter.explain} ${checked.hint[0].toLowerCase()}${checked.hint.slice(1)}`
			: checked.hint;
		throw new ParameterError(node.n8n.getNode(), itemIndex, parameter.label, checked.problem, hint);
	}
	return checked.value;
}

/** A per-item parameter of one item, checked (`read`: the values read before it in its record). */
export function readItemParameter<T>(
	n8n: IExecuteFunctions,
	parameter: ParameterSpec<T>,
	itemIndex: number,
	read: Readonly<Record<string, unknown>> = {},
): T {
	return readChecked(savedParameters(n8n, [parameter]), parameter, itemIndex, read);
}

/**
 * A per-run parameter: with an expression, read for every item (it may differ by item) and required
 * to be the same for all of them; without one, read once.
 */
export function readRunParameter<T>(
	n8n: IExecuteFunctions,
	parameter: ParameterSpec<T>,
	read: Readonly<Record<string, unknown>> = {},
): T {
	return readRunValue(savedParameters(n8n, [parameter]), parameter, read);
}

function readRunValue<T>(
	node: SavedParameters,
	parameter: ParameterSpec<T>,
	read: Readonly<Record<string, unknown>>,
): T {
	const { n8n } = node;
	const first = readChecked(node, parameter, 0, read);
	// Without an expression the value is the same for every item: one read is enough.
	if (!hasExpression(node.saved.get(parameter as ParameterSpec<unknown>))) return first;
	const itemCount = Math.max(1, n8n.getInputData().length);
	for (let itemIndex = 1; itemIndex < itemCount; itemIndex++) {
		const value = readChecked(node, parameter, itemIndex, read);
		if (JSON.stringify(value) !== JSON.stringify(first)) {
			throw new ParameterError(
				n8n.getNode(),
				itemIndex,
				parameter.label,
				`is ${JSON.stringify(value)} here but ${JSON.stringify(first)} in item 0`,
				`${parameter.label} holds for the whole run: give it one value for all items (not an expression that differs by item), or split the items into separate runs.`,
			);
		}
	}
	return first;
}

/** Parameters by the name their value has in a record, in the order they are read. */
type ParameterSpecs = Record<string, ParameterSpec<unknown>>;

/** The record a set of specs reads into: each name with its checked value. */
export type ValuesOf<S extends ParameterSpecs> = {
	[K in keyof S]: S[K] extends ParameterSpec<infer T> ? T : never;
};

/**
 * What an operation reads, in the order read. `run`: holds for the whole execution; an expression
 * that gives different values for different items is a parameter error naming both items, never a
 * silent "item 0 wins". `item`: read for every item; batching groups the items that share a value.
 */
export interface ParameterReads<
	R extends ParameterSpecs = ParameterSpecs,
	I extends ParameterSpecs = ParameterSpecs,
> {
	run?: R;
	item?: I;
}

/** The values an operation works with, read before it starts: see readParameters. */
export interface Readings<
	R extends object = Record<string, unknown>,
	I extends object = Record<string, unknown>,
> {
	/** The per-run values, read once per run. */
	run: R;
	/** By item index: the item's record, or the error of its first parameter that did not read. */
	items: Array<ItemRead<I>>;
	/** The item's record; throws the item's error when one of its parameters did not read. */
	item(itemIndex: number): I;
}

/** Each item's record, as an operation's helpers take them: see Readings.item. */
export type ItemRecords<I> = Pick<Readings<object, I & object>, 'item'>;

/** One item's record, or the error of its first parameter that did not read, with the values read before it. */
export type ItemRead<I> = { value: I } | { error: unknown; before: Partial<I> };

/** The values an operation's reads declaration gives it. */
export type ReadingsOf<D extends ParameterReads> = Readings<
	ValuesOf<NonNullable<D['run']>>,
	ValuesOf<NonNullable<D['item']>>
>;

/** The specs' values in their order, into `values`; a parameter that does not read throws its error. */
function readRecord(
	node: SavedParameters,
	specs: Array<[string, ParameterSpec<unknown>]>,
	read: (parameter: ParameterSpec<unknown>, before: Record<string, unknown>) => unknown,
	values: Record<string, unknown> = {},
): Record<string, unknown> {
	const call = { tool: node.tool };
	for (const [name, parameter] of specs)
		values[name] =
			!parameter.when || parameter.when(values, call) ? read(parameter, values) : undefined;
	return values;
}

/**
 * Every parameter an execution reads, in one pass: the per-run ones once (a problem throws: it is
 * the whole run's), then each item's into one record, read once per item before anything is looked
 * up or written; an item whose parameter does not read keeps that error, with its item as data, and
 * fails where the operation takes its record.
 */
export function readParameters(
	n8n: IExecuteFunctions,
	reads: { run?: ParameterSpecs; item?: ParameterSpecs },
): Readings {
	// The node and the specs are the same for every item: taken once.
	const runSpecs = Object.entries(reads.run ?? {});
	const itemSpecs = Object.entries(reads.item ?? {});
	const node = savedParameters(
		n8n,
		[...runSpecs, ...itemSpecs].map(([, parameter]) => parameter),
	);
	const run = readRecord(node, runSpecs, (parameter, before) =>
		readRunValue(node, parameter, before),
	);
	const items = n8n.getInputData().map((_, itemIndex): ItemRead<Record<string, unknown>> => {
		const before: Record<string, unknown> = {};
		try {
			const read = (parameter: ParameterSpec<unknown>, values: Record<string, unknown>) =>
				readChecked(node, parameter, itemIndex, values);
			return { value: readRecord(node, itemSpecs, read, before) };
		} catch (error) {
			return { error, before };
		}
	});
	return { run, items, item: (itemIndex) => take(items[itemIndex]) };
}
