/**
 * n8n's item contract and per-item semantics (issue 9), each finding run in n8n's engine against
 * the simulator: every input item comes out exactly once, paired, and routed by n8n-core itself
 * in all three On Error modes; options are read per item where docs/operations.md says so; nothing an
 * expression returns picks a default; batch answers are matched by identity.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	byUser,
	callLine,
	createFromItems,
	customGroupsOf,
	rl,
	runNode,
	upsertFromItems,
	useSimulator,
	writesOf,
} from '../support';

const { SEED_USERS } = seedData;
const sofia = SEED_USERS.activeSalesEngineer;
const liam = SEED_USERS.legalReviewer;
const barbara = SEED_USERS.adminBarbara;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const writes = () => writesOf(sim);
const paired = (items: Array<{ pairedItem?: unknown }>) => items.map((i) => i.pairedItem);
const joiners = (...emails: string[]) =>
	emails.map((email) => ({ email, first: 'New', last: 'Joiner' }));

describe('the three On Error modes, routed by n8n-core', () => {
	const items = joiners('good.one@acme.example', 'bad one@acme.example', 'good.two@acme.example');

	test('Continue (using error output): the failed item leaves through the error output, paired', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.email)).toEqual([
			'good.one@acme.example',
			'good.two@acme.example',
		]);
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		// n8n-core merged the input item into it; the advice survives the routing
		expect(result.errorItems[0].json).toMatchObject({
			email: 'bad one@acme.example',
			error: 'The parameter "Email" contains spaces: "bad one@acme.example" [item 1]',
			message: 'Remove the spaces from the email address.',
		});
		expect(sim.userByEmail('good.one@acme.example')).toBeDefined();
	});

	test('Continue (using error output): a DocuSign per-user error leaves through the error output too', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: joiners('x1@acme.example', sofia.email),
			onError: 'continueErrorOutput',
		});
		expect(result.json.map((j) => j.email)).toEqual(['x1@acme.example']);
		expect(result.errorItems.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(String(result.errorItems[0].json.error)).toContain('already exists');
		expect(result.errorItems[0].json.message).toContain(
			"DocuSign's error code: USER_ALREADY_EXISTS_IN_ACCOUNT.",
		);
	});

	test('Continue (regular output): every item on the one output, in order, the failure with its description', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items,
			onError: 'continueRegularOutput',
		});
		expect(result.errorItems).toEqual([]);
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[1]).toEqual({
			error: 'The parameter "Email" contains spaces: "bad one@acme.example" [item 1]',
			description: 'Remove the spaces from the email address.',
		});
	});

	test('Stop Workflow: the run fails with the item named, and nothing is written', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items,
			onError: 'stopWorkflow',
		});
		expect(result.error?.message).toBe(
			'The parameter "Email" contains spaces: "bad one@acme.example" [item 1]',
		);
		expect(writes()).toEqual([]);
	});
});

describe('a run-level failure goes through Results, never passes the input through', () => {
	test('Suspend: the lookup failing after retries fails every item under Continue On Fail (no input passes as done)', async () => {
		sim.addFault({ method: 'GET', path: '/users$', times: 50, action: { status: 503 } });
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('email', '={{ $json.email }}')),
			items: [
				{ email: sofia.email, note: 'leaver' },
				{ email: liam.email, note: 'leaver' },
				{ email: barbara.email, note: 'leaver' },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.json).toEqual([]);
		expect(result.errorItems.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		for (const item of result.errorItems)
			expect(String(item.json.error)).toMatch(/list the users|find the user/);
		expect(sim.userById(sofia.userId)!.status).toBe('Active');
	});

	test('Notify Delete: the administrators read failing fails the items that need it, after their suspend', async () => {
		// The lookup by ID passes; the list of administrators (GET /users?group_id=…) fails.
		sim.addFault({ method: 'GET', path: '/users$', times: 50, action: { status: 503 } });
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', '={{ $json.id }}'), {
				options: { recipients: '={{ $json.manager }}' },
			}),
			items: [
				{ id: sofia.userId, manager: 'boss@acme.example' },
				{ id: liam.userId, manager: '' },
			],
			continueOnFail: true,
		});
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0]).toMatchObject({
			action: 'notifyDelete',
			recipients: ['boss@acme.example'],
			suspended: true,
		});
		expect(String(result.json[1].error)).toMatch(/list the account administrators.*\[item 1\]$/);
		expect(String(result.json[1].description)).toContain(
			"DocuSign already applied this item's write (status)",
		);
		expect(sim.userById(liam.userId)!.status).toBe('Closed');
		expect(result.json[1].email).toBeUndefined();
	});
});

describe('options read per item', () => {
	test('Notify Delete: Recipients {{ $json.manager }} sends each request to its own manager', async () => {
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', '={{ $json.id }}'), {
				options: { recipients: '={{ $json.manager }}', reason: '={{ $json.reason }}' },
			}),
			items: [
				{ id: sofia.userId, manager: 'manager.one@acme.example', reason: 'Left on 2026-11-30' },
				{ id: liam.userId, manager: 'manager.two@acme.example', reason: 'Contract ended' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.recipients)).toEqual([
			['manager.one@acme.example'],
			['manager.two@acme.example'],
		]);
		expect(result.json.map((j) => j.reason)).toEqual(['Left on 2026-11-30', 'Contract ended']);
		expect(String(result.json[1].message)).not.toContain('Left on 2026-11-30');
	});

	test('Suspend: Remove From Groups per item; the items are batched by its value', async () => {
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('id', '={{ $json.id }}'), {
				options: { removeFromGroups: '={{ $json.strip }}' },
			}),
			items: [
				{ id: sofia.userId, strip: true },
				{ id: liam.userId, strip: false },
			],
		});
		expect(result.error).toBeUndefined();
		expect(customGroupsOf(sim, sofia.userId)).toEqual([]);
		expect(customGroupsOf(sim, liam.userId)).toEqual(['Legal']);
		const deletes = writes().filter((e) => e.method === 'DELETE');
		expect(deletes.map((e) => e.query.delete ?? '')).toEqual(['', 'Groups']);
	});

	test('Notify Delete: Close User First per item', async () => {
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', '={{ $json.id }}'), {
				options: { suspendFirst: '={{ $json.close }}', recipients: 'it@acme.example' },
			}),
			items: [
				{ id: sofia.userId, close: false },
				{ id: liam.userId, close: true },
			],
		});
		expect(result.json.map((j) => j.suspended)).toEqual([false, true]);
		expect(sim.userById(sofia.userId)!.status).toBe('Active');
		expect(sim.userById(liam.userId)!.status).toBe('Closed');
	});

	test('Create or Update: Group Sync and Reactivate Closed Users per item', async () => {
		const chris = SEED_USERS.closed;
		const result = await runNode(sim, {
			parameters: {
				...createFromItems({
					groupSync: '={{ $json.sync }}',
					reactivateClosedUsers: '={{ $json.reopen }}',
				}),
				operation: 'upsert',
				permissionProfile: '',
			},
			items: [
				{
					email: sofia.email,
					first: 'Sofia',
					last: 'Martinez',
					groups: 'Legal',
					sync: 'replace',
					reopen: false,
				},
				{
					email: liam.email,
					first: 'Liam',
					last: 'Brennan',
					groups: 'Finance',
					sync: 'add',
					reopen: false,
				},
				{
					email: chris.email,
					first: 'Chris',
					last: 'Walker',
					groups: 'Marketing',
					sync: 'add',
					reopen: false,
				},
			],
			continueOnFail: true,
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Legal']);
		expect(customGroupsOf(sim, liam.userId)).toEqual(['Finance', 'Legal']);
		expect(String(result.json[2].error)).toContain('"Reactivate Closed Users" is off');
		expect(sim.userById(chris.userId)!.status).toBe('Closed');
	});

	test('a per-run option that differs across items is a parameter error naming both items', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems({ batchSize: '={{ $json.size }}' }),
			items: [
				{ ...joiners('a1@acme.example')[0], size: 100 },
				{ ...joiners('a2@acme.example')[0], size: 50 },
			],
		});
		expect(result.error?.message).toBe(
			'The parameter "Request Settings > Batch Size" is 50 here but 100 in item 0 [item 1]',
		);
		expect(result.error?.description).toContain('holds for the whole run');
		expect(writes()).toEqual([]);
	});
});

describe('booleans from expressions', () => {
	test('Dry Run "true" (e.g. {{ $env.DRY_RUN }}) writes nothing', async () => {
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('id', sofia.userId), {
				options: { dryRun: '={{ "true" }}' },
			}),
		});
		expect(result.json[0]).toMatchObject({ dryRun: true, changed: true, status: 'Closed' });
		expect(writes()).toEqual([]);
		expect(sim.userById(sofia.userId)!.status).toBe('Active');
	});

	test('Dry Run that is not clearly true or false is an error, never a write', async () => {
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('id', sofia.userId), {
				options: { dryRun: '={{ "yes" }}' },
			}),
		});
		expect(result.error?.message).toBe(
			'The parameter "Options > Dry Run" is "yes", not true or false [item 0]',
		);
		expect(writes()).toEqual([]);
	});

	test('Close User First "false" does not suspend', async () => {
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', sofia.userId), {
				options: { suspendFirst: '={{ "false" }}', recipients: 'it@acme.example' },
			}),
		});
		expect(result.json[0]).toMatchObject({ suspended: false, changed: false });
		expect(writes()).toEqual([]);
	});
});

describe('option values from expressions are checked', () => {
	test.each(['Remove', 'delete'])(
		'Group Change "%s" is a parameter error, not Add',
		async (value) => {
			const result = await runNode(sim, {
				parameters: {
					resource: 'user',
					operation: 'update',
					user: rl('id', liam.userId),
					groupMode: `={{ "${value}" }}`,
					groups: ['Finance'],
				},
			});
			expect(result.error?.message).toBe(
				`The parameter "Group Change" is "${value}", not one of its values [item 0]`,
			);
			expect(result.error?.description).toContain('"remove"');
			expect(writes()).toEqual([]);
			expect(customGroupsOf(sim, liam.userId)).toEqual(['Legal']);
		},
	);
});

describe('Replace never removes every group by accident', () => {
	const mover = (groups: string): IDataObject => ({
		resource: 'user',
		operation: 'update',
		user: rl('email', '={{ $json.email }}'),
		groupMode: 'replace',
		groups,
	});

	test('Update Replace with {{ $json.newDepartment }} missing is a parameter error; the user keeps their groups', async () => {
		const result = await runNode(sim, {
			parameters: mover('={{ $json.newDepartment }}'),
			items: [{ email: sofia.email }],
		});
		expect(result.error?.message).toBe(
			'The parameter "Group Names or IDs" is empty while Group Change is Replace [item 0]',
		);
		expect(result.error?.description).toContain('Remove From All Custom Groups');
		expect(writes()).toEqual([]);
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Engineering', 'Sales']);
	});

	test('Create or Update Group Sync Replace with an empty list is a parameter error', async () => {
		const upsert = await runNode(sim, {
			parameters: upsertFromItems({ groupSync: 'replace' }),
			items: [{ email: sofia.email, first: 'Sofia', last: 'Martinez', role: 'DocuSign Sender' }],
		});
		expect(upsert.error?.message).toBe(
			'The parameter "Group Names or IDs" is empty while Options > Group Sync is Replace [item 0]',
		);
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Engineering', 'Sales']);
	});

	test('Remove From All Custom Groups is the explicit way, and keeps the built-in groups', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', sofia.userId),
				groupMode: 'removeAll',
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].changes).toEqual({
			groups: { added: [], removed: expect.arrayContaining(['Sales', 'Engineering']) },
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual([]);
		expect(sim.userGroupNames(sofia.userId)).toContain('Everyone');
	});
});

describe('one target per user per run', () => {
	test.each([
		[
			'Suspend',
			'suspend',
			{ user: rl('id', '={{ $json.id }}') },
			[{ id: sofia.userId }, { id: sofia.userId.toUpperCase() }],
		],
		[
			'Activate',
			'activate',
			{ user: rl('email', '={{ $json.email }}') },
			[{ email: SEED_USERS.closed.email }, { email: SEED_USERS.closed.email.toUpperCase() }],
		],
	])('%s: the same user twice fails the later item', async (_name, operation, p, items) => {
		const result = await runNode(sim, {
			parameters: { resource: 'user', operation, ...p },
			items,
			continueOnFail: true,
		});
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBeUndefined();
		expect(String(result.json[1].error)).toMatch(/names the same user as item 0 .*\[item 1\]$/);
	});

	test('Update: once by ID and once by email is one user; only the first item is written', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: '={{ $json.user }}',
				updateFields: { jobTitle: '={{ $json.title }}' },
				groupMode: 'keep',
			},
			items: [
				{ user: rl('id', sofia.userId), title: 'Lead' },
				{ user: rl('email', sofia.email), title: 'Intern' },
			],
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ action: 'update', jobTitle: 'Lead' });
		expect(String(result.json[1].error)).toBe(
			`The parameter "User to Update" names the same user as item 0 (${sofia.email}, ID ${sofia.userId}) by the email "${sofia.email}" [item 1]`,
		);
		expect(sim.userById(sofia.userId)!.jobTitle).toBe('Lead');
		const bodies = writes().map((e) => (e.body as { users: unknown[] }).users.length);
		expect(bodies).toEqual([1]);
	});

	test('Update, Replace: items naming the same groups get those groups; a name that does not resolve fails each item naming it, as that item', async () => {
		const alan = SEED_USERS.adminAlan;
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', '={{ $json.id }}'),
				groupMode: 'replace',
				groups: '={{ $json.groups }}',
			},
			items: [
				{ id: liam.userId, groups: ['Astronauts'] },
				{ id: sofia.userId, groups: ['Finance'] },
				{ id: barbara.userId, groups: ['Astronauts'] },
				{ id: alan.userId, groups: ['Finance'] },
			],
			continueOnFail: true,
		});
		expect(paired(result.items)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		for (const item of [0, 2])
			expect(String(result.json[item].error)).toMatch(
				new RegExp(`names no group of this account: "Astronauts" \\[item ${item}\\]$`),
			);
		for (const item of [1, 3]) expect(result.json[item]).toMatchObject({ action: 'update' });
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Finance']);
		expect(customGroupsOf(sim, alan.userId)).toEqual(['Finance']);
		expect(customGroupsOf(sim, liam.userId)).toEqual(['Legal']);
	});

	test('Group > Add Users: the same user twice in one group fails the later item; two groups are fine', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'group',
				operation: 'addUsers',
				group: rl('name', '={{ $json.group }}'),
				user: rl('id', '={{ $json.id }}'),
			},
			items: [
				{ group: 'Finance', id: liam.userId },
				{ group: 'Marketing', id: liam.userId },
				{ group: 'finance', id: liam.userId },
			],
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ action: 'addUsers', changed: true });
		expect(result.json[1]).toMatchObject({ action: 'addUsers', changed: true });
		expect(String(result.json[2].error)).toMatch(/names the same user as item 0/);
		expect(customGroupsOf(sim, liam.userId)).toEqual(['Finance', 'Legal', 'Marketing']);
	});
});

describe('batch answers matched by identity, never by position', () => {
	test('Create: a user missing from the answer fails as not confirmed; the others are reported as themselves', async () => {
		sim.addFault({ method: 'POST', path: '/users$', action: { omitUsers: ['b@acme.example'] } });
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: joiners('a@acme.example', 'b@acme.example', 'c@acme.example'),
			continueOnFail: true,
		});
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[0]).toMatchObject({
			action: 'create',
			email: 'a@acme.example',
			id: sim.userByEmail('a@acme.example')!.userId,
		});
		expect(result.json[2]).toMatchObject({
			action: 'create',
			email: 'c@acme.example',
			id: sim.userByEmail('c@acme.example')!.userId,
		});
		expect(String(result.json[1].error)).toMatch(
			/^DocuSign did not confirm this user \(b@acme\.example\)/,
		);
		expect(String(result.json[1].description)).toContain('Create or Update is safe to re-run');
	});

	test('Update: a user missing from the bulk answer is not counted as updated', async () => {
		sim.addFault({ method: 'PUT', path: '/users$', action: { omitUsers: [liam.userId] } });
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', '={{ $json.id }}'),
				updateFields: { jobTitle: 'Lead' },
				groupMode: 'keep',
			},
			items: [{ id: sofia.userId }, { id: liam.userId }],
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ action: 'update', changed: true });
		expect(String(result.json[1].error)).toMatch(/^DocuSign did not confirm this user \(liam/);
	});

	test('Suspend: a user missing from the close answer is not reported as closed', async () => {
		sim.addFault({ method: 'DELETE', path: '/users$', action: { omitUsers: [liam.userId] } });
		const result = await runNode(sim, {
			parameters: byUser('suspend', rl('id', '={{ $json.id }}')),
			items: [{ id: sofia.userId }, { id: liam.userId }],
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ action: 'suspend', status: 'Closed' });
		expect(String(result.json[1].error)).toContain('DocuSign did not confirm this user');
	});
});

describe('a failed create reconciliation fails only that batch', () => {
	test('batch 1 created, batch 2 outcome unknown and its lookup failing: batch 1 keeps its results', async () => {
		// Batch 2's POST is applied but its answer is lost; every later list read fails.
		sim.addFault({ method: 'POST', path: '/users$', skip: 1, action: { drop: 'after' }, times: 5 });
		sim.addFault({ method: 'GET', path: '/users$', times: 100, action: { status: 503 } });
		sim.addFault({ method: 'GET', path: '/users/', times: 100, action: { status: 503 } });
		const result = await runNode(sim, {
			parameters: createFromItems({ batchSize: 1 }),
			items: joiners('first@acme.example', 'second@acme.example'),
			continueOnFail: true,
		});
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0]).toMatchObject({ action: 'create', email: 'first@acme.example' });
		expect(String(result.json[1].error)).toMatch(
			/^DocuSign may or may not have created second@acme\.example/,
		);
		expect(String(result.json[1].description)).toContain('Create or Update is safe to re-run');
	});
});

describe('Continue On Fail off, a later batch fails', () => {
	test('the error says what this run already wrote', async () => {
		sim.addFault({
			method: 'POST',
			path: '/users$',
			skip: 1,
			action: { status: 400, errorCode: 'INVALID_REQUEST_BODY' },
		});
		const result = await runNode(sim, {
			parameters: createFromItems({ batchSize: 2 }),
			items: joiners('w1@acme.example', 'w2@acme.example', 'w3@acme.example'),
		});
		expect(result.error?.message).toMatch(/\[item 2\]$/);
		expect(result.error?.description).toContain(
			'Already written to DocuSign by this run before it stopped (these writes stand): created 2 (w1@acme.example, w2@acme.example)',
		);
		expect(sim.userByEmail('w1@acme.example')).toBeDefined();
	});
});

describe('hostile names', () => {
	test('a first name with CR/LF is a parameter error and never reaches DocuSign', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email: 'crlf@acme.example', first: 'Ann\r\nBcc: victim@evil.example', last: 'X' }],
		});
		expect(result.error?.message).toBe(
			'The parameter "First Name" contains a control character (\\x0d, e.g. a line break or tab) [item 0]',
		);
		expect(writes()).toEqual([]);
	});

	test('a reason with a line break is a parameter error', async () => {
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', sofia.userId), {
				options: { reason: '={{ "Left\\nBcc: x@evil.example" }}', recipients: 'it@acme.example' },
			}),
		});
		expect(result.error?.message).toContain(
			'The parameter "Options > Reason" contains a control character',
		);
		expect(writes()).toEqual([]);
	});

	test('a DocuSign user name with control characters comes out on one line in the subject and message', async () => {
		const eve = sim.userById(SEED_USERS.rehiredActive.userId)!;
		eve.userName = 'Eve\r\nBcc: victim@evil.example\tJohnson';
		const result = await runNode(sim, {
			parameters: byUser('notifyDelete', rl('id', eve.userId), {
				options: { recipients: 'it@acme.example', dryRun: true },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].subject).toBe(
			`Please delete the DocuSign user Eve Bcc: victim@evil.example Johnson (${eve.email})`,
		);
		expect(String(result.json[0].message)).not.toMatch(/\r|\t|Eve\n/);
	});

	test.each([
		'a,b@acme.example',
		'<e@acme.example>',
		'"e"@acme.example',
		'e@acme.example;f@acme.example',
	])('the email %s is refused', async (email) => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email, first: 'A', last: 'B' }],
		});
		expect(result.error?.message).toMatch(/^The parameter "Email" contains the character/);
		expect(writes()).toEqual([]);
	});

	test('26 emoji are 52 characters as DocuSign counts them (UTF-16, issue 23): over the limit of 50, refused before anything is sent', async () => {
		const name = '😀'.repeat(26);
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email: 'emoji@acme.example', first: name, last: 'B' }],
		});
		expect(result.error?.message).toContain("is 52 characters long, over DocuSign's limit of 50");
		expect(writes()).toEqual([]);
	});
});

describe('reopen through Users:update, the status from DocuSign', () => {
	test('Activate sends PUT /users/{userId}; status, enabled and activationPending come from the answer', async () => {
		const nina = SEED_USERS.closedNeverActive;
		const result = await runNode(sim, { parameters: byUser('activate', rl('id', nina.userId)) });
		expect(result.error).toBeUndefined();
		expect(writes().map(callLine)).toEqual([`PUT /users/${nina.userId}`]);
		const status = sim.userById(nina.userId)!.status;
		expect(status).not.toBe('Closed');
		expect(result.json[0]).toMatchObject({
			status,
			enabled: true,
			activationPending: status !== 'Active',
			changes: { status: { before: 'Closed', after: status } },
		});
	});

	test('a user DocuSign leaves closed fails with what the administrator can do', async () => {
		const chris = SEED_USERS.closed;
		sim.addFault({
			method: 'PUT',
			path: `/users/${chris.userId}$`,
			action: { status: 200, body: { userId: chris.userId, userStatus: 'Closed' } },
		});
		const result = await runNode(sim, {
			parameters: byUser('activate', rl('id', chris.userId)),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toBe(
			`DocuSign did not reopen the membership of ${chris.email} (user ID ${chris.userId}): the user is Closed after the request [item 0]`,
		);
		expect(String(result.json[0].description)).toContain('DocuSign Admin');
	});

	test('an answer without a status is settled by re-reading the user', async () => {
		const chris = SEED_USERS.closed;
		sim.addFault({
			method: 'PUT',
			path: `/users/${chris.userId}$`,
			action: { status: 200, body: { userId: chris.userId } },
		});
		const result = await runNode(sim, {
			parameters: byUser('activate', rl('id', chris.userId)),
			continueOnFail: true,
		});
		// The fault answered without applying anything: the re-read shows the user still closed.
		expect(String(result.json[0].error)).toContain('DocuSign did not reopen the membership');
		expect(
			sim.log.filter((e) => e.method === 'GET' && e.path.endsWith(`/users/${chris.userId}`)).length,
		).toBe(2);
	});
});

describe('examples/mover.json', () => {
	// The example's own DocuSign node parameters, as imported into n8n.
	const mover = require('../../examples/mover.json') as {
		nodes: Array<{ type: string; parameters: IDataObject }>;
	};
	const parameters = mover.nodes.find(
		(n) => n.type === 'n8n-nodes-docusign-users.docuSign',
	)!.parameters;

	test("a record without the new department keeps the user's groups", async () => {
		const result = await runNode(sim, {
			parameters,
			items: [{ email: sofia.email, newRole: 'HR Sender', newTitle: 'Partner' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			action: 'update',
			permissionProfile: { name: 'HR Sender' },
		});
		expect(result.json[0].changes).not.toHaveProperty('groups');
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Engineering', 'Sales']);
	});

	test('a record with the new department replaces the groups', async () => {
		await runNode(sim, {
			parameters,
			items: [
				{ email: sofia.email, newDepartment: 'Finance', newRole: 'HR Sender', newTitle: 'Partner' },
			],
		});
		expect(customGroupsOf(sim, sofia.userId)).toEqual(['Finance']);
	});
});
