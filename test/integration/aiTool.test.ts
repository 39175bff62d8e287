/**
 * The node as an AI Agent's tool, driven the way n8n's tool wrapper drives it: n8n-core's
 * getInputConnectionData wraps it with createNodeAsTool, the schema comes from the $fromAI()
 * expressions, and each call runs the node as the derived type "docuSignTool" with the model's
 * arguments. Only the model is a stand-in (see runAsTool in harness.ts).
 */
import type { Simulator } from '../simulator';
import { SEED_USERS } from '../simulator/seed';
import { rl, runAsTool, runNode, useSimulator } from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const fromAI = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

/** "Who has the HR Sender profile?": the agent lists active users with three fields each. */
const listUsers = {
	resource: 'user',
	operation: 'getAll',
	limit: fromAI('limit', 'How many users at most, 1 to 100', 'number'),
	filters: { status: ['Active', 'ActivationSent'] },
	output: 'selected',
	fields: 'userName, email, permissionProfile',
};

/** "Add Barbara to Legal": one user and one custom group, both named by the model. */
const addToGroup = {
	resource: 'group',
	operation: 'addUsers',
	group: rl('name', fromAI('group', 'The custom group name, e.g. Legal')),
	user: rl('email', fromAI('email', 'The user email address')),
};

test("a read: the schema holds the $fromAI keys, the model's Limit reaches DocuSign, the answer holds only the selected fields", async () => {
	sim.clearLog();
	const [call] = (await runAsTool(sim, { parameters: listUsers, calls: [{ limit: 5 }] })).json;
	expect(call.tool).toBe('DocuSign_Users');
	expect(call.arguments).toEqual(['limit']);
	const answer = call.answer as Array<Record<string, unknown>>;
	expect(answer).toHaveLength(5);
	for (const user of answer)
		expect(Object.keys(user).sort()).toEqual(['email', 'permissionProfile', 'userName']);
	const lists = sim.log.filter((e) => /\/users$/.test(e.path));
	expect(lists.map((e) => e.query.count)).toEqual(['5']);
});

test('a read without a model-given Limit returns 10 users as a tool (50 in a workflow)', async () => {
	sim.reset({ extraUsers: 60 });
	const { limit, ...rest } = listUsers;
	void limit;
	const [call] = (
		await runAsTool(sim, { parameters: { ...rest, output: 'simplified' }, calls: [{}] })
	).json;
	expect(call.answer).toHaveLength(10);
	expect(Object.keys((call.answer as object[])[0])).toContain('permissionProfile');
	const workflow = await runNode(sim, {
		parameters: { resource: 'user', operation: 'getAll', filters: {} },
	});
	expect(workflow.json).toHaveLength(50);
});

test('a write: the model names the group and the user; DocuSign gets one PUT and the answer says what changed', async () => {
	sim.reset();
	const barbara = SEED_USERS.adminBarbara;
	const [call] = (
		await runAsTool(sim, {
			parameters: addToGroup,
			calls: [{ group: 'legal', email: barbara.email }],
		})
	).json;
	expect(call.arguments).toEqual(['email', 'group']);
	expect(call.answer).toEqual([
		expect.objectContaining({
			email: barbara.email,
			action: 'addUsers',
			changed: true,
			changes: { groups: { added: ['Legal'], removed: [] } },
			group: expect.objectContaining({ name: 'Legal' }),
		}),
	]);
	expect(sim.userGroupNames(barbara.userId)).toContain('Legal');
	expect(
		sim.log.filter((e) => e.method === 'PUT' && /\/groups\/[^/]+\/users$/.test(e.path)),
	).toHaveLength(1);
});

test('a write the model gets wrong (a built-in group) writes nothing and tells the agent how to fix it', async () => {
	sim.reset();
	sim.clearLog();
	const [call] = (
		await runAsTool(sim, {
			parameters: addToGroup,
			calls: [{ group: 'Administrators', email: SEED_USERS.adminBarbara.email }],
		})
	).json;
	expect(String((call.answer as { toolError: string }).toolError)).toMatch(/Group/);
	expect(sim.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/restapi'))).toEqual([]);
});

test('as a tool the rate-limit wait is short: an hourly limit that resets in 2 minutes fails the call at once with the reset time', async () => {
	sim.reset();
	sim.addFault({
		method: 'GET',
		path: '/users$',
		action: {
			status: 429,
			errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
			headers: {
				'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 120),
				'X-RateLimit-Remaining': '0',
			},
		},
	});
	const started = Date.now();
	const [call] = (await runAsTool(sim, { parameters: listUsers, calls: [{ limit: 3 }] })).json;
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(String((call.answer as { toolError: string }).toolError)).toMatch(
		/hourly API limit for this account is used up until .*Z/,
	);
});

test('Sync Roster as a tool always runs as a Dry Run: the agent gets the plan, DocuSign gets no write', async () => {
	sim.reset();
	sim.clearLog();
	const [call] = (
		await runAsTool(sim, {
			parameters: {
				resource: 'user',
				operation: 'syncRoster',
				email: fromAI('email', 'The person email address'),
				firstName: fromAI('first', 'First name'),
				lastName: fromAI('last', 'Last name'),
				outOfRoster: 'report',
			},
			calls: [{ email: 'agent.joiner@acme.example', first: 'Agent', last: 'Joiner' }],
		})
	).json;
	const answer = call.answer as Array<Record<string, unknown>>;
	expect(answer[0]).toMatchObject({
		email: 'agent.joiner@acme.example',
		action: 'create',
		dryRun: true,
	});
	expect(answer.filter((a) => a.action === 'report').length).toBeGreaterThan(10);
	expect(answer.every((a) => a.dryRun === true)).toBe(true);
	expect(sim.userByEmail('agent.joiner@acme.example')).toBeUndefined();
	expect(sim.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/restapi'))).toEqual([]);
});
