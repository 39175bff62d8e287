/**
 * Two executions create the same person at once (n8n queue mode, two workers): between this run's lookup
 * and its POST /users, a rival creates the user (simulator fault `concurrentCreate`). Create or Update
 * must take the rival's user as existing and bring it to the wanted state; Create must keep refusing.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import {
	callLine,
	createFromItems,
	customGroupsOf,
	runNode,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const person = (n: number): IDataObject => ({
	email: `racer${n}@acme.example`,
	first: `Racer${n}`,
	last: 'Newhire',
	role: 'HR Sender',
	groups: 'Sales, Legal',
	title: 'Analyst',
});
const upsert = (options: IDataObject = {}) => ({
	...upsertFromItems(options),
	additionalFields: { jobTitle: '={{ $json.title }}' },
});
const memberships = (email: string) =>
	sim.users().filter((u) => u.email.toLowerCase() === email.toLowerCase());
/** the rival creates the user as a Viewer in Marketing, with another title */
const rivalCreates = (...emails: string[]) => {
	const viewer = sim.profileByName('DocuSign Viewer')!.permissionProfileId;
	const marketing = sim.groupByName('Marketing')!.groupId;
	sim.addFault({
		method: 'POST',
		path: '/users$',
		action: {
			concurrentCreate: {
				emails,
				fields: {
					permissionProfileId: viewer,
					groupList: [{ groupId: marketing }],
					jobTitle: 'Rival',
				},
			},
		},
	});
};

describe('create race: the user appears between lookup and POST /users', () => {
	test('Create or Update continues as an update: one membership, the wanted profile, groups and title', async () => {
		rivalCreates('racer1@acme.example');
		const result = await runNode(sim, { items: [person(1), person(2)], parameters: upsert() });
		expect(result.error).toBeUndefined();

		const [raced, plain] = result.json;
		expect(plain).toMatchObject({ email: 'racer2@acme.example', action: 'create', changed: true });
		expect(raced).toMatchObject({
			email: 'racer1@acme.example',
			action: 'update',
			changed: true,
			permissionProfile: { name: 'HR Sender' },
			jobTitle: 'Analyst',
		});
		expect(raced.changes).toMatchObject({
			permissionProfile: { before: 'DocuSign Viewer', after: 'HR Sender' },
			jobTitle: { before: 'Rival', after: 'Analyst' },
			groups: { added: ['Sales', 'Legal'], removed: [] },
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		expect(memberships('racer1@acme.example')).toHaveLength(1);
		const user = memberships('racer1@acme.example')[0];
		expect(user.permissionProfileId).toBe(sim.profileByName('HR Sender')!.permissionProfileId);
		expect(user.jobTitle).toBe('Analyst');
		// Group Sync "Add Only": the rival's Marketing stays, ours are added
		expect(customGroupsOf(sim, user.userId)).toEqual(['Legal', 'Marketing', 'Sales']);
		// one create, then the update as one bulk PUT and one PUT per added group
		expect(writesOf(sim).map(callLine).sort()).toEqual(
			[
				'POST /users',
				'PUT /users',
				`PUT /groups/${sim.groupByName('Sales')!.groupId}/users`,
				`PUT /groups/${sim.groupByName('Legal')!.groupId}/users`,
			].sort(),
		);
	});

	test('Group Sync Replace: the raced user ends in exactly the wanted groups', async () => {
		rivalCreates('racer1@acme.example');
		const result = await runNode(sim, {
			items: [person(1)],
			parameters: upsert({ groupSync: 'replace' }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'update', changed: true });
		expect(customGroupsOf(sim, memberships('racer1@acme.example')[0].userId)).toEqual([
			'Legal',
			'Sales',
		]);
	});

	test('the rival created exactly what this run wanted: an update with nothing changed, no further write', async () => {
		sim.addFault({ method: 'POST', path: '/users$', action: { concurrentCreate: {} } });
		const result = await runNode(sim, { items: [person(3)], parameters: upsert() });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			email: 'racer3@acme.example',
			action: 'update',
			changed: false,
		});
		expect(writesOf(sim)).toHaveLength(1); // the POST that met "already exists"
		expect(memberships('racer3@acme.example')).toHaveLength(1);
	});

	test('Create (not Create or Update) still refuses: the item fails with "already exists", nothing else is written', async () => {
		rivalCreates('racer1@acme.example');
		const result = await runNode(sim, {
			items: [person(1)],
			parameters: createFromItems(),
			continueOnFail: true,
		});
		expect(result.json[0].error).toContain(
			'A DocuSign user with the email racer1@acme.example already exists',
		);
		expect(writesOf(sim)).toHaveLength(1);
		expect(sim.userByEmail('racer1@acme.example')!.jobTitle).toBe('Rival');
	});
});
