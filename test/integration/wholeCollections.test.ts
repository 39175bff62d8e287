/**
 * A collection (Filters, Update Fields, Additional Fields, Request Settings, Options) given as one
 * whole expression in the workflow JSON, e.g. `filters: '={{ { status: ["Active"] } }}'`. n8n's
 * Workflow (n8n-workflow's NodeHelpers.getNodeParameters, run when a workflow is loaded) reads a
 * collection's options off its saved value: off a text, each option is the text's property of that
 * name, so the expression is gone before the node runs. The node then sees an empty collection
 * (indistinguishable from one added without options), or, where an option's name is a method of
 * text (Group Filters > Name Contains is `search`), a function, which it refuses naming the collection.
 * The first test pins n8n's behaviour: if n8n ever hands the expression over, it fails, and the node
 * must then read it (docs/known-limits.md says so).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { byUser, loadPackage, nodeTypesOf, rl, runNode, useSimulator } from '../support';

const { SEED_USERS } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** The collection as one expression giving the same object. */
const whole = (value: IDataObject) => `={{ ${JSON.stringify(value)} }}`;

/** The node's parameters as n8n hands them to the node once the workflow is loaded. */
async function asLoaded(parameters: IDataObject): Promise<INodeParameters> {
	const workflow = new Workflow({
		active: false,
		nodeTypes: nodeTypesOf(await loadPackage()) as never,
		nodes: [
			{
				id: '1',
				name: 'DocuSign',
				type: 'n8n-nodes-docusign-users.docuSign',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
			},
		],
		connections: {},
	});
	return workflow.getNode('DocuSign')!.parameters;
}

describe('a collection given as one whole expression', () => {
	test.each([
		[
			'User > Get Many: Filters',
			{ resource: 'user', operation: 'getAll' },
			'filters',
			{ neverLoggedIn: true },
		],
		[
			'User > Update: Update Fields',
			byUser('update', rl('id', sofia.userId)),
			'updateFields',
			{ jobTitle: 'x' },
		],
		[
			'User > Create: Additional Fields',
			{ resource: 'user', operation: 'create' },
			'additionalFields',
			{ jobTitle: 'x' },
		],
		[
			'User > Suspend: Options',
			byUser('suspend', rl('id', sofia.userId)),
			'options',
			{ dryRun: true },
		],
		[
			'User > Get: Request Settings',
			byUser('get', rl('id', sofia.userId)),
			'requestSettings',
			{ timeoutSeconds: 5 },
		],
	])(
		'%s: n8n hands the node an empty collection, the expression gone',
		async (_, base, name, value) => {
			const loaded = await asLoaded({ ...base, [name]: whole(value) });
			expect(loaded[name]).toEqual({});
		},
	);

	test('Group > Get Many: n8n hands Filters > Name Contains over as a function; refused naming Filters and the item, nothing listed', async () => {
		const parameters = {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: whole({ search: 'Sal' }),
		};
		expect(typeof ((await asLoaded(parameters)).filters as IDataObject).search).toBe('function');
		const result = await runNode(sim, { parameters, items: [{}, {}], continueOnFail: true });
		expect(result.json).toHaveLength(2);
		for (const [itemIndex, item] of result.json.entries()) {
			expect(String(item.error)).toBe(
				`The parameter "Filters" was given as one expression, which n8n does not read for a collection [item ${itemIndex}]`,
			);
			expect(String(item.description)).toContain('Add each option on its own');
		}
		expect(sim.log.filter((e) => /\/groups$/.test(e.path))).toHaveLength(0);
	});
});
