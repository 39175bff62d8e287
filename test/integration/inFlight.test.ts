/**
 * One bound on the requests an execution has in flight, however its reads nest. Member lists are
 * read a few groups at a time and each list pages a few pages at a time: without one overall bound
 * that is 4 × 4 = 16 GETs at once. The simulator answers with a latency and counts how many requests
 * it was answering at once (peakInFlight); MAX_IN_FLIGHT (transport/pacing.ts) says why 4.
 */
import { MAX_IN_FLIGHT } from '../../nodes/DocuSign/transport/pacing';
import type { Simulator } from '../simulator';
import { rl, runNode, TriggerUnderTest, useSimulator } from '../support';

let sim!: Simulator;
// 500 more users, put into four groups below: each member list takes six pages.
useSimulator((s) => (sim = s), { seed: { extraUsers: 500 } });

const BIG_GROUPS = ['Sales', 'Engineering', 'Human Resources', 'Legal'];

function bigGroups() {
	const account = sim.store.defaultAccount;
	const extra = sim.users().filter((u) => u.status === 'Active' && /\.\d{5}@/.test(u.email));
	expect(extra.length).toBeGreaterThanOrEqual(450);
	for (const name of BIG_GROUPS) {
		const group = sim.groupByName(name)!;
		for (const user of extra)
			if (!user.groupIds.has(group.groupId)) account.addToGroup(group.groupId, user);
		expect(sim.groupMemberIds(group.groupId).length).toBeGreaterThan(4 * 100);
	}
	return extra;
}

const memberListCalls = () =>
	sim.log.filter((e) => e.method === 'GET' && /\/groups\/[^/]+\/users$/.test(e.path)).length;

/** Close the leavers with Remove From Groups; their memberships come from the big groups' member lists. */
async function closeWithGroupRemoval(leavers: ReturnType<typeof bigGroups>) {
	const result = await runNode(sim, {
		items: leavers.map((u) => ({ id: u.userId })),
		parameters: {
			resource: 'user',
			operation: 'suspend',
			user: rl('id', '={{ $json.id }}'),
			options: { removeFromGroups: true },
		},
	});
	expect(result.error).toBeUndefined();
	for (const user of leavers) expect(sim.userById(user.userId)!.status).toBe('Closed');
	// Every page of the four big groups' member lists was read.
	expect(memberListCalls()).toBeGreaterThanOrEqual(BIG_GROUPS.length * 6);
}

beforeAll(() => sim.configure({ latencyMs: 25 }));
afterAll(() => sim.configure({ latencyMs: 0 }));

test(`Close with Remove From Groups of more users than groups: member lists of four groups, each paged, never more than ${MAX_IN_FLIGHT} requests at once`, async () => {
	const leavers = bigGroups().slice(0, 8);
	sim.clearLog();
	await closeWithGroupRemoval(leavers);
	expect(sim.peakInFlight()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
	// And the bound is used: the reads were not made one at a time.
	expect(sim.peakInFlight()).toBe(MAX_IN_FLIGHT);
});

test(`the trigger's member lists (two groups at a time, each paged) stay within ${MAX_IN_FLIGHT} requests at once`, async () => {
	bigGroups();
	const trigger = new TriggerUnderTest(sim, { events: ['groupMembershipChanged'] });
	sim.clearLog();
	await trigger.poll();
	expect(memberListCalls()).toBeGreaterThanOrEqual(BIG_GROUPS.length * 6);
	expect(sim.peakInFlight()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
});

test(`requests waiting for a slot are paced when they get it: a burst window spent while ${MAX_IN_FLIGHT * MAX_IN_FLIGHT} member-list pages wait is not overrun`, async () => {
	const leavers = bigGroups().slice(0, 8);
	// Demo's burst limit (its 2 % reserve, 4, covers the 3 other requests in flight), with only 24
	// calls of it left: the member lists alone need more, so the run must wait for the next window.
	sim.configure({ rateLimits: { burstLimit: 200 } });
	for (let spent = 0; spent < 176; spent++) sim.limiter.consume(sim.defaultAccountId);
	sim.clearLog();
	try {
		await closeWithGroupRemoval(leavers);
		// Each request checks the pacing once it holds its slot, not before it queues for one.
		expect(sim.log.filter((e) => e.status === 429)).toEqual([]);
	} finally {
		sim.configure({ rateLimits: { burstLimit: 500 } });
	}
}, 90_000);
