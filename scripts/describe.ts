/**
 * Prints both nodes' built editor descriptions (properties, credentials) as stable JSON, so that a
 * change meant to keep them can be checked by a diff: `npx tsx scripts/describe.ts > before.json`.
 */
import { DocuSign } from '../nodes/DocuSign/DocuSign.node';
import { DocuSignTrigger } from '../nodes/DocuSign/DocuSignTrigger.node';

const sorted = (value: unknown): unknown =>
	Array.isArray(value)
		? value.map(sorted)
		: value !== null && typeof value === 'object'
			? Object.fromEntries(
					Object.keys(value)
						.sort()
						.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
						.map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
				)
			: value;

const nodes = { docuSign: new DocuSign(), docuSignTrigger: new DocuSignTrigger() };
console.log(
	JSON.stringify(
		sorted(
			Object.fromEntries(Object.entries(nodes).map(([name, node]) => [name, node.description])),
		),
		null,
		1,
	),
);
