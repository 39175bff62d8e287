/**
 * Lists that shift while they are read. DocuSign pages with offsets (start_position / count), so a
 * change made elsewhere between page 1 and page 2 moves entries across the page boundary: one is
 * skipped, or read twice. The simulator's fault `adminChanges` makes such a change just before a
 * given request; `page.emptyPage` and `page.totalSetSize` craft an empty middle page and a changing
 * total. Nothing may be reported from a list that did not hold still: it is read once more, or the
 * run fails saying so, and a membership removal is confirmed before the trigger emits it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator, SimUser } from '../simulator';
import { rl, runNode, TriggerUnderTest, useSimulator } from '../support';

let sim!: Simulator;
// 240 more users: Finance gets 150 members below, so its member list takes two pages.
useSimulator((s) => (sim = s), { seed: { extraUsers: 240 } });

const FINANCE_MEMBERS = 150;
/** Finance with 150 members in a known order (the simulator lists members in the order they joined). */
function bigFinance(): SimUser[] {
	const account = sim.store.defaultAccount;
	const finance = sim.groupByName('Finance')!;
	for (const user of sim.users().filter((u) => u.groupIds.has(finance.groupId)))
		account.removeFromGroup(finance.groupId, user);
	const members = sim
		.users()
		.filter((u) => u.status === 'Active' && /\.\d{5}@/.test(u.email))
		.slice(0, FINANCE_MEMBERS);
	for (const user of members) account.addToGroup(finance.groupId, user);
	expect(sim.groupMemberIds(finance.groupId)).toHaveLength(FINANCE_MEMBERS);
	return members;
}
const financeMembersPath = () => `/groups/${sim.groupByName('Finance')!.groupId}/users$`;
/** A change made elsewhere just before page 2 (the second request) of Finance's member list. */
const betweenFinancePages = (changes: IDataObject[]) =>
	sim.addFault({
		method: 'GET',
		path: financeMembersPath(),
		skip: 1,
		action: { adminChanges: changes as never },
	});
const memberListCalls = () =>
	sim.log.filter((e) => e.method === 'GET' && new RegExp(financeMembersPath()).test(e.path)).length;

const groupEvents = (items: IDataObject[] | null) =>
	(items ?? [])
		.filter((i) => i.event === 'groupMembershipChanged')
		.map((i) => {
			const groups = (i.changes as IDataObject).groups as IDataObject;
			return `${String((i.user as IDataObject).email)} +${String(groups.added)} -${String(groups.removed)}`;
		})
		.sort();

describe('the trigger reports no membership change that did not happen', () => {
	const groupTrigger = () => new TriggerUnderTest(sim, { events: ['groupMembershipChanged'] });

	test('a member removed elsewhere between page 1 and page 2: only that removal, no false one for the entry that moved across the boundary', async () => {
		const members = bigFinance();
		const t = groupTrigger();
		expect((await t.poll()).items).toBeNull();
		const leaver = members[10];
		betweenFinancePages([{ user: leaver.userId, removeGroups: ['Finance'] }]);

		const { items } = await t.poll();
		expect(groupEvents(items)).toEqual([`${leaver.email} + -Finance`]);
		// One poll later nothing comes back "added": the picture stored was right.
		expect((await t.poll()).items).toBeNull();
	});

	test('one member removed and another added between the pages (the total holds): the skipped member is confirmed, not reported removed', async () => {
		const members = bigFinance();
		const t = groupTrigger();
		await t.poll();
		const leaver = members[10];
		const finance = sim.groupByName('Finance')!.groupId;
		const joiner = sim.users().find((u) => u.status === 'Active' && !u.groupIds.has(finance))!;
		betweenFinancePages([
			{ user: leaver.userId, removeGroups: ['Finance'] },
			{ user: joiner.userId, addGroups: ['Finance'] },
		]);

		// Page 1 was read before the leaver left: this poll sees the joiner; the member the shift skipped
		// (members[100]) is confirmed from its own record and stays.
		const { items } = await t.poll();
		expect(groupEvents(items)).toEqual([`${joiner.email} +Finance -`]);
		expect(groupEvents((await t.poll()).items)).toEqual([`${leaver.email} + -Finance`]);
		expect((await t.poll()).items).toBeNull();
	});

	test('an empty page in the middle of a member list is not its end: read again, no false removals', async () => {
		bigFinance();
		const t = groupTrigger();
		await t.poll();
		sim.addFault({
			method: 'GET',
			path: financeMembersPath(),
			skip: 1,
			action: { page: { emptyPage: true } },
		});
		sim.clearLog();
		const { items } = await t.poll();
		expect(items).toBeNull();
		// Two pages, the second empty, then both again.
		expect(memberListCalls()).toBe(4);
	});

	test('a list that keeps shifting fails the poll clearly and leaves the stored picture alone', async () => {
		bigFinance();
		const t = groupTrigger();
		await t.poll();
		const before = t.savedStaticData;
		sim.addFault({
			method: 'GET',
			path: financeMembersPath(),
			times: 100,
			action: { page: { emptyPage: true } },
		});
		await expect(t.poll()).rejects.toThrow(
			"DocuSign's list changed each of the 3 times it was read, while trying to list the members of the group Finance",
		);
		expect(t.savedStaticData).toBe(before);
	});
});

describe('operations read a list again when it shifted', () => {
	const getAllUsers = { resource: 'user', operation: 'getAll', returnAll: true };
	const userListCalls = () =>
		sim.log.filter((e) => e.method === 'GET' && /\/users$/.test(e.path)).length;

	test('Get Many: a total that changes between pages makes it read again, and it returns every user once', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			skip: 1,
			action: { page: { totalSetSize: '999' } },
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		const ids = result.json.map((u) => u.id);
		expect(new Set(ids).size).toBe(sim.users().length);
		expect(ids).toHaveLength(sim.users().length);
		const pages = Math.ceil(sim.users().length / 100);
		expect(userListCalls()).toBe(2 * pages);
	});

	test('Get Many: a user created elsewhere between the pages is listed (the read is repeated, not cut short)', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			skip: 1,
			action: {
				adminChanges: [
					{ create: { userName: 'Mid Read', email: 'mid.read@acme.example', status: 'Active' } },
				] as never,
			},
		});
		const result = await runNode(sim, { parameters: getAllUsers });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(sim.users().length);
		expect(result.json.map((u) => u.email)).toContain('mid.read@acme.example');
	});

	test('Update with Group Change Replace: movers read from a shifting member list all leave the old group', async () => {
		const members = bigFinance();
		// Eight movers (more than the six custom groups, so the member lists are read), one at the page boundary.
		const movers = [
			members[0],
			members[1],
			members[2],
			members[3],
			members[4],
			members[5],
			members[6],
			members[100],
		];
		betweenFinancePages([{ user: members[10].userId, removeGroups: ['Finance'] }]);
		const result = await runNode(sim, {
			items: movers.map((u) => ({ id: u.userId })),
			parameters: {
				resource: 'user',
				operation: 'update',
				user: rl('id', '={{ $json.id }}'),
				updateFields: {},
				groupMode: 'replace',
				groups: ['Sales'],
			},
		});
		expect(result.error).toBeUndefined();
		for (const [i, mover] of movers.entries()) {
			const held = sim
				.userGroupNames(mover.userId)
				.filter((g) => !['Everyone', 'Administrators'].includes(g));
			expect(held).toEqual(['Sales']);
			expect((result.json[i].groups as IDataObject[]).map((g) => g.name)).toEqual(['Sales']);
		}
	});
});
