/**
 * "No such user" (USER_NOT_FOUND / USER_LACKS_MEMBERSHIP) in answer to a user LIST. DocuSign's own
 * example takes it as "no match" for a search by e-mail (docs/sources.md#s20); the simulator's switch
 * `listNoMatch` sends it for a filtered search that matches nobody. It cannot mean "the account has
 * no users" for a list of every user (the account holds at least the user the credential signs in
 * as), nor "nothing more" on a page past the first (that page's search matched users a moment ago).
 * A fault sends it where DocuSign is not known to: the node must not act on a falsely empty list.
 */
import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	joiner,
	rl,
	runNode,
	syncRosterFromItems,
	upsertFromItems,
	useSimulator,
} from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
// 150 more users: the Active users take two pages.
useSimulator((s) => (sim = s), { seed: { extraUsers: 150 } });

const NO_SUCH_USER = { status: 400, errorCode: 'USER_NOT_FOUND' };
/** The next GET /users (any query) answers "no such user", after `skip` others. */
const noSuchUserOnList = (skip = 0) =>
	sim.addFault({ method: 'GET', path: '/users$', skip, action: NO_SUCH_USER });

const EVERY_USER_ANSWERED_NONE = /answered USER_NOT_FOUND to a list of every user/;

const three = [SEED_USERS.activeSalesEngineer, SEED_USERS.legalReviewer, SEED_USERS.pending];

test('Close of three users by ID: "no such user" for the list of every user is an error saying so, not "no user has the ID"; nothing written', async () => {
	const before = three.map((u) => sim.userById(u.userId)!.status);
	noSuchUserOnList();
	const result = await runNode(sim, {
		items: three.map((u) => ({ id: u.userId })),
		parameters: { resource: 'user', operation: 'suspend', user: rl('id', '={{ $json.id }}') },
		continueOnFail: true,
	});
	expect(result.json).toHaveLength(3);
	for (const json of result.json) expect(String(json.error)).toMatch(EVERY_USER_ANSWERED_NONE);
	expect(sim.writeCount()).toBe(0);
	expect(three.map((u) => sim.userById(u.userId)!.status)).toEqual(before);
});

test('Create or Update of three existing users: the same answer creates nobody (no duplicate, no POST)', async () => {
	noSuchUserOnList();
	const items = three.map((u) => joiner(u.email, { groups: 'Sales' }));
	const result = await runNode(sim, { items, parameters: upsertFromItems() });
	expect(result.error?.message).toMatch(EVERY_USER_ANSWERED_NONE);
	expect(result.error?.description).toMatch(/Nothing was decided from it/);
	expect(sim.count({ method: 'POST' })).toBe(0);
	expect(sim.writeCount()).toBe(0);
});

test('Sync Roster of three listed users: the same answer for the account list plans no joiner and writes nothing', async () => {
	noSuchUserOnList();
	const result = await runNode(sim, {
		items: three.map((u) => joiner(u.email, { groups: 'Sales' })),
		parameters: syncRosterFromItems('report'),
	});
	expect(result.error?.message).toMatch(EVERY_USER_ANSWERED_NONE);
	expect(sim.writeCount()).toBe(0);
});

test('Get Many, Active users: "no such user" for page 2 of a search whose page 1 matched is a shifted list, read again: every user listed, not none', async () => {
	const active = sim.users().filter((u) => u.status === 'Active').length;
	expect(active).toBeGreaterThan(100);
	noSuchUserOnList(1);
	const result = await runNode(sim, {
		parameters: {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['Active'] },
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.json).toHaveLength(active);
	// Page 1, page 2 ("no such user"), then both pages again.
	expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(4);
});

test('a search that matches nobody is still an empty result, under the evidence (a miss by e-mail is USER_NOT_FOUND)', async () => {
	const result = await runNode(sim, {
		parameters: {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'nobody@acme.example' },
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.json).toEqual([]);
});

describe.each(['error', 'errorAnyFilter', 'empty'] as const)(
	'listNoMatch %s: every member leaves a group between page 1 and page 2 of its list',
	(listNoMatch) => {
		beforeEach(() => sim.configure({ behaviour: { listNoMatch } }));
		afterEach(() => sim.configure({ behaviour: { listNoMatch: 'error' } }));

		test('Get Many by group: the list is read again and comes out empty, as DocuSign now holds it; no error', async () => {
			const account = sim.store.defaultAccount;
			const finance = sim.groupByName('Finance')!;
			const extra = sim.users().filter((u) => u.status === 'Active' && /\.\d{5}@/.test(u.email));
			for (const user of extra.slice(0, 150))
				if (!user.groupIds.has(finance.groupId)) account.addToGroup(finance.groupId, user);
			const members = sim.groupMemberIds(finance.groupId);
			expect(members.length).toBeGreaterThan(100);
			sim.addFault({
				method: 'GET',
				path: '/users$',
				skip: 1,
				action: {
					adminChanges: members.map((user) => ({ user, removeGroups: ['Finance'] })) as never,
				},
			});
			sim.clearLog();
			const result = await runNode(sim, {
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					filters: { groups: ['Finance'] },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([]);
			// Page 1, page 2 (nothing matches any more), page 1 again (nothing matches).
			expect(sim.count({ method: 'GET', path: /\/users$/ })).toBe(3);
		});
	},
);
