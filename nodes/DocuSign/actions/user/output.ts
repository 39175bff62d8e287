import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyUser } from '../../users/model';
import { simplifyField } from '../common.descriptions';
import type { ValuesOf } from '../../parameters/spec';
import { onlyWhen } from '../../parameters/spec';
import { PARAMETERS } from '../parameters';
import { parameterError } from '../../users/results';
import { entryFor } from '../../parameters/spec';

/** The fields of a simplified user, for Output > Selected Fields. */
const USER_FIELDS = Object.keys(simplifyUser({}, ''));

/**
 * How a list of users comes out: Simplify in a workflow; as a tool, the Output choice n8n asks of
 * tool nodes (an agent pays for every field in tokens).
 */
export const userOutputProperties: INodeProperties[] = [
	{ ...simplifyField, displayOptions: { show: { '@tool': [false] } } },
	entryFor(PARAMETERS.output, {
		type: 'options',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'The flat user (ID, names, email, status, profile, groups, …)',
			},
			{ name: 'Raw', value: 'raw', description: "DocuSign's own user object, string-typed" },
			{
				name: 'Selected Fields',
				value: 'selected',
				description: 'Only the fields named below, from the simplified user',
			},
		],
		displayOptions: { show: { '@tool': [true] } },
	}),
	entryFor(PARAMETERS.fields, {
		type: 'string',
		placeholder: 'e.g. email, status, permissionProfile',
		description: `Comma-separated fields of the simplified user: ${USER_FIELDS.join(', ')}`,
		displayOptions: { show: { '@tool': [true], output: ['selected'] } },
	}),
];

/** How a list of users comes out: Output for an AI agent (Fields with Selected), Simplify otherwise. */
export const OUTPUT_READS = {
	output: onlyWhen(PARAMETERS.output, (_, call) => call.tool),
	simplify: onlyWhen(PARAMETERS.simplify, (_, call) => !call.tool),
	fields: onlyWhen(PARAMETERS.fields, (read) => read.output === 'selected'),
};

type OutputValues = ValuesOf<typeof OUTPUT_READS>;

export function shapeUsers(
	n8n: IExecuteFunctions,
	itemIndex: number,
	users: IDataObject[],
	accountId: string,
	options: OutputValues,
	extra: IDataObject = {},
): IDataObject[] {
	const output = options.output ?? (options.simplify ? 'simplified' : 'raw');
	if (output === 'raw') return users.map((u) => ({ ...u, ...extra }));
	const simplified = users.map((u) => ({
		...(simplifyUser(u, accountId) as unknown as IDataObject),
		...extra,
	}));
	if (output === 'simplified') return simplified;
	const fields = options.fields ?? [];
	const unknown = fields.filter((f) => !USER_FIELDS.includes(f));
	if (!fields.length || unknown.length) {
		throw parameterError(
			n8n,
			itemIndex,
			'Fields',
			fields.length ? `names unknown fields: ${unknown.join(', ')}` : 'is empty',
			`Use some of: ${USER_FIELDS.join(', ')}.`,
		);
	}
	return simplified.map((u) =>
		Object.fromEntries([...fields, ...Object.keys(extra)].map((f) => [f, u[f] ?? null])),
	);
}
