/**
 * A create whose outcome is unknown (the connection drops after DocuSign processed the POST) while another
 * creator (a second execution, an administrator) creates the same person just before it. The reconciling
 * read finds a user with that e-mail, created moments ago: that is not proof it is ours. The item reports
 * what DocuSign holds, decided from the values we sent: Create says the user `exists` with DocuSign's
 * values; Create or Update goes on as an update to the wanted state.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import {
	createFromItems,
	customGroupsOf,
	runNode,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const person: IDataObject = {
	email: 'unknown.outcome@acme.example',
	first: 'Uma',
	last: 'Known',
	role: 'HR Sender',
	groups: 'Sales, Legal',
	title: 'Analyst',
};
const withTitle = (parameters: IDataObject) => ({
	...parameters,
	additionalFields: { jobTitle: '={{ $json.title }}' },
});
const posts = () => writesOf(sim).filter((e) => e.method === 'POST');

/** The rival creates the person as a Viewer in Marketing, then our POST is processed ("already exists") and its answer lost. */
function rivalThenAnswerLost(): void {
	sim.addFault({
		method: 'POST',
		path: '/users$',
		action: {
			drop: 'after',
			concurrentCreate: {
				fields: {
					permissionProfileId: sim.profileByName('DocuSign Viewer')!.permissionProfileId,
					groupList: [{ groupId: sim.groupByName('Marketing')!.groupId }],
					jobTitle: 'Rival',
				},
			},
		},
	});
}

test('Create: the user another creator made is reported as `exists` with the values DocuSign holds, nothing else written', async () => {
	rivalThenAnswerLost();
	const result = await runNode(sim, { items: [person], parameters: withTitle(createFromItems()) });
	expect(result.error).toBeUndefined();
	expect(result.json[0]).toMatchObject({
		email: person.email,
		action: 'exists',
		changed: false,
		changes: {},
		permissionProfile: { name: 'DocuSign Viewer' },
		jobTitle: 'Rival',
	});
	expect((result.json[0].groups as IDataObject[]).map((g) => g.name)).toEqual(['Marketing']);
	expect(posts()).toHaveLength(1);
	const held = sim.userByEmail(person.email as string)!;
	expect(held.jobTitle).toBe('Rival');
	expect(customGroupsOf(sim, held.userId)).toEqual(['Marketing']);
});

test('Create or Update: continues as an update, so DocuSign ends in the wanted state and the output says what changed', async () => {
	rivalThenAnswerLost();
	const result = await runNode(sim, {
		items: [person],
		parameters: withTitle(upsertFromItems({ groupSync: 'replace' })),
	});
	expect(result.error).toBeUndefined();
	expect(result.json[0]).toMatchObject({
		action: 'update',
		changed: true,
		permissionProfile: { name: 'HR Sender' },
		jobTitle: 'Analyst',
	});
	expect(result.json[0].changes).toMatchObject({
		permissionProfile: { before: 'DocuSign Viewer', after: 'HR Sender' },
		jobTitle: { before: 'Rival', after: 'Analyst' },
	});
	const held = sim.users().filter((u) => u.email === person.email);
	expect(held).toHaveLength(1);
	expect(held[0].permissionProfileId).toBe(sim.profileByName('HR Sender')!.permissionProfileId);
	expect(held[0].jobTitle).toBe('Analyst');
	expect(customGroupsOf(sim, held[0].userId)).toEqual(['Legal', 'Sales']);
});

test('our own POST landed and only its answer was lost: `create`, with the values DocuSign holds, sent once', async () => {
	sim.addFault({ method: 'POST', path: '/users$', action: { drop: 'after' } });
	const result = await runNode(sim, { items: [person], parameters: withTitle(createFromItems()) });
	expect(result.error).toBeUndefined();
	expect(result.json[0]).toMatchObject({
		action: 'create',
		changed: true,
		permissionProfile: { name: 'HR Sender' },
		jobTitle: 'Analyst',
	});
	expect((result.json[0].groups as IDataObject[]).map((g) => g.name).sort()).toEqual([
		'Legal',
		'Sales',
	]);
	expect(posts()).toHaveLength(1);
});
