/**
 * A default is written once: every editor entry of both nodes that has a default shows the fallback
 * of the spec the run reads it with, and no file under nodes/ writes a `default:` of its own except
 * the two builders in parameters/ (entryFor, and the editor-only entries of parameters/editor.ts).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import type { INodeProperties } from 'n8n-workflow';
import ts from 'typescript';

import { DocuSign } from '../../nodes/DocuSign/DocuSign.node';
import { DocuSignTrigger } from '../../nodes/DocuSign/DocuSignTrigger.node';
import {
	NEW_USER_FIELDS,
	PARAMETERS,
	UPDATE_FIELDS,
} from '../../nodes/DocuSign/actions/parameters';
import { RESOURCE, RESOURCES } from '../../nodes/DocuSign/actions/router';
import { ACCOUNT } from '../../nodes/DocuSign/parameters/account';
import { AUTHENTICATION } from '../../nodes/DocuSign/parameters/authentication';
import type { ParameterSpec } from '../../nodes/DocuSign/parameters/spec';
import { TRIGGER_PARAMETERS } from '../../nodes/DocuSign/trigger/settings';

type Spec = ParameterSpec<unknown>;
const shared: Spec[] = [ACCOUNT, AUTHENTICATION];
const SPECS: Record<string, Spec[]> = {
	docuSign: [
		...shared,
		RESOURCE,
		...Object.values(RESOURCES).map((r) => r.operation),
		...Object.values(PARAMETERS),
		...Object.values(NEW_USER_FIELDS),
		...Object.values(UPDATE_FIELDS),
	] as Spec[],
	docuSignTrigger: [...shared, ...Object.values(TRIGGER_PARAMETERS)] as Spec[],
};
const NODES = { docuSign: new DocuSign(), docuSignTrigger: new DocuSignTrigger() };

interface Entry {
	path: string;
	property: INodeProperties;
	/** Whether the entry is the one n8n shows when an AI agent calls the node. */
	tool: boolean;
}

/** Every entry with its parameter path, collections' options included ("filters.groupType"). */
function entriesOf(properties: INodeProperties[], prefix = ''): Entry[] {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.name}`;
		const tool = !!property.displayOptions?.show?.['@tool']?.includes(true);
		const inner =
			property.type === 'collection'
				? entriesOf(property.options as INodeProperties[], `${path}.`)
				: [];
		return [{ path, property, tool }, ...inner];
	});
}

/** What the editor must show for a spec: its fallback; a locator read as its value shows it in From List. */
function expectedDefault(spec: Spec, entry: Entry): unknown {
	const fallback =
		entry.tool && spec.toolFallback !== undefined ? spec.toolFallback : spec.fallback;
	return entry.property.type === 'resourceLocator' && spec.extractValue
		? { mode: 'list', value: fallback }
		: fallback;
}

const EMPTY: Record<string, unknown> = { collection: {}, notice: '' };

describe.each(Object.keys(NODES) as Array<keyof typeof NODES>)('%s', (node) => {
	const entries = entriesOf(NODES[node].description.properties);
	const specsAt = (path: string) => SPECS[node].filter((s) => s.path === path);

	test('every entry read by a spec shows that spec’s fallback as its default', () => {
		const read = entries.filter((e) => specsAt(e.path).length);
		expect(read.length).toBeGreaterThan(node === 'docuSign' ? 40 : 8);
		const wrong = read
			.filter((e) => !specsAt(e.path).some((s) => equal(e.property.default, expectedDefault(s, e))))
			.map((e) => `${e.path}: ${JSON.stringify(e.property.default)}`);
		expect(wrong).toEqual([]);
	});

	test('an entry no spec reads is a notice or a collection whose options are read one by one, and holds its empty value', () => {
		const unread = entries.filter((e) => !specsAt(e.path).length);
		for (const { path, property } of unread)
			expect([path, property.default]).toEqual([path, EMPTY[property.type]]);
		// A filter is read with its spec too (issue 20, D4): none is left to its collection's read.
		const kinds = unread.map(({ path, property }) =>
			property.type === 'notice' || property.type === 'collection'
				? property.type
				: `unread ${property.type}: ${path}`,
		);
		expect(kinds.filter((k) => k.startsWith('unread'))).toEqual([]);
	});
});

/** Object keys in any order, as n8n compares defaults. */
function equal(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	const [ka, kb] = [Object.keys(a), Object.keys(b)];
	return (
		ka.length === kb.length &&
		ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
	);
}

const ROOT = join(__dirname, '../..');
const BUILDERS = ['nodes/DocuSign/parameters/spec.ts', 'nodes/DocuSign/parameters/editor.ts'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

/** Every `default: …` written in an object literal (a switch's `default:` is not one). */
export function defaultLiterals(path: string, text = readFileSync(path, 'utf8')): string[] {
	const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (
			ts.isPropertyAssignment(node) &&
			(ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
			node.name.text === 'default'
		) {
			const { line } = file.getLineAndCharacterOfPosition(node.getStart());
			found.push(`${relative(ROOT, path)}:${line + 1}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

test('no file under nodes/ writes a default except the spec builders', () => {
	const files = sourceFiles(join(ROOT, 'nodes'));
	expect(files.length).toBeGreaterThan(50);
	const literals = files
		.filter((f) => !BUILDERS.includes(relative(ROOT, f)))
		.flatMap((f) => defaultLiterals(f));
	expect(literals).toEqual([]);
	// the scan sees a literal default, and passes over a switch's default
	expect(
		defaultLiterals('x.ts', "const a = { default: '' };\nswitch (b) { default: break; }"),
	).toEqual(['x.ts:1']);
});
