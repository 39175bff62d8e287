/**
 * Editor entries that no run reads as a whole, so they have no spec: a notice, and a collection whose
 * options are read one by one. Their defaults are editor constants, written here once; every other
 * default comes from a spec (see entryFor).
 */
import type { INodeProperties, NodePropertyTypes } from 'n8n-workflow';

/** What an entry holds when nobody filled it in: nothing added. */
const EMPTY = {
	collection: {},
	notice: '',
} satisfies Partial<Record<NodePropertyTypes, INodeProperties['default']>>;

type EmptyType = keyof typeof EMPTY;

/** An entry whose default is its type's empty value (a new object each time: n8n may change it in place). */
function emptyEntry(
	name: string,
	displayName: string,
	rest: Omit<INodeProperties, 'name' | 'displayName' | 'default' | 'type'> & { type: EmptyType },
): INodeProperties {
	const empty = EMPTY[rest.type];
	return {
		displayName,
		name,
		...rest,
		default: typeof empty === 'object' ? {} : empty,
	};
}

/** A notice: text the editor shows, never a value. */
export function notice(name: string, text: string): INodeProperties {
	return emptyEntry(name, text, { type: 'notice' });
}

/** A collection (Options, Request Settings, Additional Fields) whose options are read one by one. */
export function collection(
	name: string,
	displayName: string,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	return emptyEntry(name, displayName, { type: 'collection', placeholder, options });
}
