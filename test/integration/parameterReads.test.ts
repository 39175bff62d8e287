/**
 * One read per parameter and item: every operation, run in n8n's engine with every option it has
 * set (so that each option is really read), calls getNodeParameter at most once for each
 * (parameter, item). n8n evaluates an expression on every call, so a second read of the same
 * parameter for the same item costs CPU for nothing, and two reads could even disagree. And every
 * read comes before the first request: the router reads each item's record before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { ExecuteContext } from 'n8n-core';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { rl, runNode, useSimulator } from '../support';

const { SEED_USERS } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;
const liam = SEED_USERS.legalReviewer;

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** Every outermost getNodeParameter call of the node, as "name@item". */
const reads: string[] = [];
/** For each of those reads, how many requests the simulator had received by then. */
const requestsBefore: number[] = [];
beforeAll(() => {
	type Owner = { _getNodeParameter?: (...args: unknown[]) => unknown } | null;
	let owner = ExecuteContext.prototype as unknown as Owner;
	while (owner && !Object.prototype.hasOwnProperty.call(owner, '_getNodeParameter'))
		owner = Object.getPrototypeOf(owner);
	const original = owner!._getNodeParameter!;
	let depth = 0;
	owner!._getNodeParameter = function (this: unknown, ...args: unknown[]) {
		if (depth++ === 0) {
			reads.push(`${String(args[0])}@${String(args[1])}`);
			requestsBefore.push(sim?.log.length ?? 0);
		}
		try {
			return original.apply(this, args);
		} finally {
			depth--;
		}
	};
});

function repeated(): string[] {
	const seen = new Map<string, number>();
	for (const read of reads) seen.set(read, (seen.get(read) ?? 0) + 1);
	return [...seen].filter(([, n]) => n > 1).map(([read, n]) => `${read} ×${n}`);
}

const byEmail = (field: string) => rl('email', `={{ $json.${field} }}`);
const requestSettings = { batchSize: '={{ 100 }}', directoryCacheSeconds: 0 };

/** [operation, parameters, input items]: each operation with every option it reads set. */
const cases: Array<[string, IDataObject, IDataObject[]]> = [
	[
		'user create (Activation email)',
		{
			resource: 'user',
			operation: 'create',
			email: '={{ $json.email }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			permissionProfile: 'DocuSign Sender',
			groups: '={{ $json.groups }}',
			additionalFields: { jobTitle: '={{ $json.title }}', middleName: 'Q' },
			options: { activation: 'email', dryRun: true },
			requestSettings,
		},
		[
			{ email: 'a1@acme.example', first: 'A', last: 'One', groups: 'Sales', title: 'T' },
			{ email: 'a2@acme.example', first: 'A', last: 'Two', groups: 'Sales', title: 'T' },
		],
	],
	[
		'user upsert (Activate Immediately)',
		{
			resource: 'user',
			operation: 'upsert',
			email: '={{ $json.email }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			permissionProfile: 'DocuSign Sender',
			groups: '={{ $json.groups }}',
			additionalFields: { jobTitle: '={{ $json.title }}' },
			options: {
				groupSync: '={{ "add" }}',
				reactivateClosedUsers: true,
				activation: 'immediate',
				fallbackToEmail: true,
				dryRun: true,
			},
			requestSettings,
		},
		[
			{ email: sofia.email, first: 'Sofia', last: 'Martinez', groups: 'Sales', title: 'T' },
			{ email: 'u2@acme.example', first: 'U', last: 'Two', groups: 'Sales', title: 'T' },
		],
	],
	...(['add', 'remove', 'replace', 'removeAll', 'keep'] as const).map(
		(mode): [string, IDataObject, IDataObject[]] => [
			`user update (Group Change ${mode})`,
			{
				resource: 'user',
				operation: 'update',
				user: byEmail('email'),
				updateFields: { jobTitle: '={{ $json.title }}', permissionProfile: 'DocuSign Sender' },
				groupMode: `={{ "${mode}" }}`,
				groups: '={{ $json.groups }}',
				options: { dryRun: true },
				requestSettings,
			},
			[
				{ email: sofia.email, groups: 'Engineering', title: 'T' },
				{ email: liam.email, groups: 'Engineering', title: 'T' },
			],
		],
	),
	[
		'user suspend',
		{
			resource: 'user',
			operation: 'suspend',
			user: byEmail('email'),
			options: { removeFromGroups: '={{ true }}', dryRun: true },
			requestSettings,
		},
		[{ email: sofia.email }, { email: liam.email }],
	],
	[
		'user activate',
		{
			resource: 'user',
			operation: 'activate',
			user: byEmail('email'),
			options: { dryRun: true },
			requestSettings,
		},
		[{ email: sofia.email }, { email: liam.email }],
	],
	[
		'user notifyDelete',
		{
			resource: 'user',
			operation: 'notifyDelete',
			user: byEmail('email'),
			options: {
				dryRun: true,
				suspendFirst: true,
				reason: '={{ "left" }}',
				recipients: 'it@acme.example',
			},
			requestSettings,
		},
		[{ email: sofia.email }, { email: liam.email }],
	],
	[
		'user get',
		{ resource: 'user', operation: 'get', user: byEmail('email'), simplify: true },
		[{ email: sofia.email }, { email: liam.email }],
	],
	[
		'user getAll',
		{
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			// every filter but Email (it cannot be combined with Email Contains), each read with Filters
			filters: {
				status: '={{ ["Active"] }}',
				neverLoggedIn: false,
				emailContains: '={{ "@" }}',
				userNameContains: '={{ "a" }}',
				groups: '={{ "Sales" }}',
				createdBefore: '={{ "2100-01-01" }}',
				lastLoginBefore: '={{ "2100-01-01" }}',
			},
			sort: 'name',
			output: 'selected',
			fields: ['email'],
		},
		[{}, {}],
	],
	[
		'group getAll',
		{
			resource: 'group',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { search: '={{ "a" }}', groupType: 'CustomGroup' },
		},
		[{}, {}],
	],
	[
		'group getMembers',
		{
			resource: 'group',
			operation: 'getMembers',
			group: rl('name', '={{ $json.group }}'),
			returnAll: true,
		},
		[{ group: 'Sales' }, { group: 'Legal' }],
	],
	[
		'group addUsers',
		{
			resource: 'group',
			operation: 'addUsers',
			group: rl('name', '={{ $json.group }}'),
			user: byEmail('email'),
			options: { dryRun: true },
			requestSettings,
		},
		[
			{ group: 'Sales', email: sofia.email },
			{ group: 'Legal', email: liam.email },
		],
	],
	[
		'group create',
		{
			resource: 'group',
			operation: 'create',
			name: '={{ $json.name }}',
			options: { dryRun: true },
			requestSettings,
		},
		[{ name: 'New One' }, { name: 'New Two' }],
	],
	[
		'group rename',
		{
			resource: 'group',
			operation: 'rename',
			group: rl('name', '={{ $json.group }}'),
			name: '={{ $json.name }}',
			options: { dryRun: true },
			requestSettings,
		},
		[
			{ group: 'Sales', name: 'Sales 2' },
			{ group: 'Legal', name: 'Legal 2' },
		],
	],
	[
		'group delete',
		{
			resource: 'group',
			operation: 'delete',
			group: rl('name', '={{ $json.group }}'),
			options: { dryRun: true, deleteWithMembers: true },
			requestSettings,
		},
		[{ group: 'Sales' }, { group: 'Legal' }],
	],
	[
		// item 1 fails its check: a failed row's email is still counted as listed, from the same read
		'user syncRoster (Report Only, one bad row)',
		{
			resource: 'user',
			operation: 'syncRoster',
			email: '={{ $json.email }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			groups: '={{ $json.groups }}',
			scope: 'all',
			outOfRoster: 'report',
			options: { groupSync: 'add', dryRun: true },
			requestSettings,
		},
		[
			{ email: sofia.email, first: 'Sofia', last: 'Martinez', groups: 'Sales' },
			{ email: 'bad one@acme.example', first: 'B', last: 'Ad', groups: 'Sales' },
		],
	],
	[
		'permissionProfile getAll',
		{
			resource: 'permissionProfile',
			operation: 'getAll',
			returnAll: true,
			countClosedUsers: '={{ false }}',
		},
		[{}, {}],
	],
];

describe('each operation reads a parameter at most once per item', () => {
	test.each(cases)('%s', async (_name, parameters, items) => {
		reads.length = 0;
		requestsBefore.length = 0;
		const requestsAtStart = sim.log.length;
		const result = await runNode(sim, { parameters, items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		// the recorder sees the reads at all (else an empty list would pass)
		expect(reads).toContain('operation@0');
		expect(reads.some((read) => read.endsWith('@1'))).toBe(true);
		expect(repeated()).toEqual([]);
		// Every parameter of every item is read before the first request (issue 20, D4: a record per item before the look-up).
		expect(sim.log.length).toBeGreaterThan(requestsAtStart);
		expect(reads.filter((_, i) => requestsBefore[i] > requestsAtStart)).toEqual([]);
	});
});
