/** The simulator's hostile-server faults (issue 10): redirects and crafted list pages, over real HTTP. */
import { Simulator, startSimulator } from '../simulator';

let sim: Simulator;
let api: string;
let auth: Record<string, string>;

beforeAll(async () => {
	sim = await startSimulator();
	api = `${sim.baseUrl}/restapi/v2.1/accounts/${sim.defaultAccountId}`;
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.reset();
	auth = { authorization: `Bearer ${sim.issueTokens().access_token}` };
});

const list = async (query: string): Promise<any> =>
	(await fetch(`${api}/users?${query}`, { headers: auth })).json();

describe('redirect fault', () => {
	test('answers the status and Location before any processing, and is logged', async () => {
		sim.addFault({
			method: 'POST',
			path: '/users$',
			action: { redirect: { status: 307, location: 'http://127.0.0.1:9/elsewhere' } },
		});
		const response = await fetch(`${api}/users`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ newUsers: [{ userName: 'R', email: 'r@acme.example' }] }),
		});
		expect(response.status).toBe(307);
		expect(response.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere');
		expect(sim.userByEmail('r@acme.example')).toBeUndefined();
		expect(sim.writeCount()).toBe(0);
		expect(sim.log[0].fault).toMatch(/redirect-307/);
	});
});

describe('page fault', () => {
	test('totalSetSize replaced, entries real', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { page: { totalSetSize: '1000000000' } },
		});
		const page = await list('count=5');
		expect(page.totalSetSize).toBe('1000000000');
		expect(page.users).toHaveLength(5);
	});

	test('no total, and a nextUri past the end', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { page: { omitTotal: true, endlessNextUri: true } },
		});
		const page = await list('start_position=500&count=10');
		expect(page.totalSetSize).toBeUndefined();
		expect(page.users ?? []).toEqual([]);
		expect(page.nextUri).toBe(
			`/v2.1/accounts/${sim.defaultAccountId}/users?start_position=510&count=10`,
		);
	});

	test('stuck: every start_position reads as the first page, nextUri at 0 (or advancing with endlessNextUri)', async () => {
		const first = await list('count=3');
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 2,
			action: { page: { stuckStartPosition: true } },
		});
		const stuck = await list('start_position=30&count=3');
		expect(stuck.users.map((u: any) => u.userId)).toEqual(first.users.map((u: any) => u.userId));
		expect(stuck.startPosition).toBe('0');
		expect(stuck.nextUri).toMatch(/start_position=0&/);
		sim.addFault({
			method: 'GET',
			path: '/users$',
			action: { page: { stuckStartPosition: true, endlessNextUri: true } },
		});
		await list('count=3');
		expect((await list('start_position=30&count=3')).nextUri).toMatch(/start_position=33&/);
	});

	test('fabricated users: new IDs at every start_position', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 2,
			action: { page: { fabricateUsers: 2 } },
		});
		expect((await list('start_position=0&count=100')).users.map((u: any) => u.userId)).toEqual([
			'fabricated-0',
			'fabricated-1',
		]);
		expect((await list('start_position=2&count=100')).users.map((u: any) => u.userId)).toEqual([
			'fabricated-2',
			'fabricated-3',
		]);
	});
});

describe('query match', () => {
	test('a rule with `query` fires only on requests whose parameters match it', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			query: { email: '^liam' },
			times: 10,
			action: { status: 400, errorCode: 'UNSPECIFIED_ERROR' },
		});
		const liam = await fetch(`${api}/users?email=LIAM.x@acme.example`, { headers: auth });
		const other = await fetch(`${api}/users?email=sofia.martinez@acme.example`, { headers: auth });
		const unfiltered = await fetch(`${api}/users?count=1`, { headers: auth });
		expect([liam.status, other.status, unfiltered.status]).toEqual([400, 200, 200]);
	});
});
