/** Sync Roster's planner (users/roster.ts): matching, scope, and the safeguards, with no I/O. */
import type { User } from '../../nodes/DocuSign/users/model';
import type { RosterScope, Safeguards } from '../../nodes/DocuSign/users/roster';
import { MIN_ROSTER_SHARE, planRoster } from '../../nodes/DocuSign/users/roster';

const OLD = '2024-01-01T00:00:00.000Z';
const user = (n: number, extra: Partial<User> = {}): User => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	userName: `User ${n}`,
	firstName: 'User',
	middleName: '',
	lastName: String(n),
	suffixName: '',
	email: `user${n}@acme.example`,
	status: 'Active',
	enabled: true,
	permissionProfile: null,
	groups: [],
	isAdmin: false,
	company: '',
	jobTitle: '',
	createdAt: OLD,
	lastLoginAt: null,
	accountId: 'acct',
	activationPending: false,
	...extra,
});
const people = (count: number, from = 0) => Array.from({ length: count }, (_, i) => user(from + i));
const entriesFor = (users: User[]) => users.map((u, itemIndex) => ({ itemIndex, email: u.email }));
const scope = (extra: Partial<RosterScope> = {}): RosterScope => ({
	kind: 'all',
	includeAdministrators: false,
	neverTouch: new Set(),
	newUsersSince: Date.parse('2026-01-01T00:00:00Z'),
	...extra,
});
const closing = (extra: Partial<Safeguards> = {}): Safeguards => ({
	maxCloses: 100,
	maxCloseShare: 0.1,
	closes: true,
	...extra,
});

describe('matching', () => {
	test('by email, case-insensitively; absent people are joiners; unlisted open users are leavers', () => {
		const directory = people(5);
		const roster = [
			{ itemIndex: 0, email: 'USER0@Acme.Example' },
			{ itemIndex: 1, email: 'user1@acme.example' },
			{ itemIndex: 2, email: 'new@acme.example' },
			...entriesFor(directory.slice(2, 4)).map((e, i) => ({ ...e, itemIndex: 3 + i })),
		];
		const plan = planRoster(roster, directory, scope(), closing({ maxCloseShare: 1 }), false);
		expect(plan.matched.map((m) => m.user.email)).toEqual([
			'user0@acme.example',
			'user1@acme.example',
			'user2@acme.example',
			'user3@acme.example',
		]);
		expect(plan.joiners.map((e) => e.email)).toEqual(['new@acme.example']);
		expect(plan.leavers.map((u) => u.email)).toEqual(['user4@acme.example']);
		expect(plan.inScope).toBe(5);
		expect(plan.refused).toBeUndefined();
	});

	test('of two users with one email the open one is updated; a closed one is skipped unless reopening is on', () => {
		const closedTwin = user(1, { status: 'Closed', email: 'user0@acme.example' });
		const directory = [closedTwin, user(0), user(2, { status: 'Closed' })];
		const roster = [
			{ itemIndex: 0, email: 'user0@acme.example' },
			{ itemIndex: 1, email: 'user2@acme.example' },
		];
		const kept = planRoster(roster, directory, scope(), closing(), false);
		expect(kept.matched.map((m) => m.user.id)).toEqual([user(0).id]);
		expect(kept.skipped.map((s) => [s.user.email, s.reason])).toEqual([
			['user2@acme.example', 'closed'],
		]);
		const reopened = planRoster(roster, directory, scope(), closing(), true);
		expect(reopened.matched.map((m) => m.user.email)).toEqual([
			'user0@acme.example',
			'user2@acme.example',
		]);
		// closed users are never leavers
		expect(kept.leavers).toEqual([]);
	});
});

describe('scope', () => {
	test('administrators and Never Touch are never written and never leavers, unless opted in', () => {
		const admin = user(1, { isAdmin: true });
		const vip = user(2);
		const directory = [user(0), admin, vip, user(3), user(4)];
		const roster = [
			{ itemIndex: 0, email: user(0).email },
			{ itemIndex: 1, email: admin.email },
			{ itemIndex: 2, email: user(3).email },
			{ itemIndex: 3, email: user(4).email },
		];
		const plan = planRoster(
			roster,
			[...directory, user(9, { isAdmin: true })],
			scope({ neverTouch: new Set([vip.email]) }),
			closing(),
			false,
		);
		expect(plan.skipped.map((s) => [s.user.email, s.reason])).toEqual([
			[admin.email, 'administrator'],
		]);
		expect(plan.leavers).toEqual([]); // vip (Never Touch) and user9 (admin) are out of scope
		expect(plan.inScope).toBe(3);

		const optedIn = planRoster(
			roster,
			[...directory, user(9, { isAdmin: true })],
			scope({ includeAdministrators: true }),
			closing({ maxCloseShare: 1 }),
			false,
		);
		expect(optedIn.matched.map((m) => m.user.email)).toContain(admin.email);
		expect(optedIn.leavers.map((u) => u.email).sort()).toEqual([vip.email, user(9).email].sort());
	});

	test('groups scope: only members of the scope groups can be leavers; domains scope: only those domains', () => {
		const directory = [user(0), user(1), user(2, { email: 'x@other.example' })];
		const roster = [{ itemIndex: 0, email: user(0).email }];
		const byGroup = planRoster(
			roster,
			directory,
			scope({ kind: 'groups', groupMemberIds: new Set([user(0).id, user(1).id]) }),
			closing({ maxCloseShare: 1 }),
			false,
		);
		expect(byGroup.leavers.map((u) => u.email)).toEqual([user(1).email]);
		const byDomain = planRoster(
			roster,
			directory,
			scope({ kind: 'domains', domains: ['other.example'] }),
			closing({ maxCloseShare: 1 }),
			false,
		);
		expect(byDomain.leavers.map((u) => u.email)).toEqual(['x@other.example']);
	});

	test('users created within the grace period are not leavers; failed entries still count as listed', () => {
		const fresh = user(1, { createdAt: '2026-06-01T00:00:00.000Z' });
		const plan = planRoster(
			[{ itemIndex: 0, email: user(0).email }],
			[user(0), fresh, user(2)],
			scope(),
			closing({ maxCloseShare: 1 }),
			false,
			new Set([user(2).email]),
		);
		expect(plan.newlyCreated.map((u) => u.email)).toEqual([fresh.email]);
		expect(plan.leavers).toEqual([]);
	});
});

describe('safeguards', () => {
	// 200 in scope; at 10 % the run may close 20
	const directory = people(200);
	const rosterWithout = (leavers: number) => entriesFor(directory.slice(leavers));

	test('the share: 20 leavers of 200 pass, 21 are refused with the counts', () => {
		expect(
			planRoster(rosterWithout(20), directory, scope(), closing(), false).refused,
		).toBeUndefined();
		const over = planRoster(rosterWithout(21), directory, scope(), closing(), false);
		expect(over.refused).toMatchObject({ reason: 'tooManyLeavers' });
		expect(over.refused!.message).toMatch(
			/would close 21 of 200 in-scope DocuSign users \(10\.5 %\), over the safeguard of 20/,
		);
	});

	test('the count: with Max Closes 5, 5 pass and 6 are refused', () => {
		expect(
			planRoster(rosterWithout(5), directory, scope(), closing({ maxCloses: 5 }), false).refused,
		).toBeUndefined();
		expect(
			planRoster(rosterWithout(6), directory, scope(), closing({ maxCloses: 5 }), false).refused,
		).toMatchObject({ reason: 'tooManyLeavers' });
	});

	test('a tiny account may always close one leaver', () => {
		const small = people(3);
		expect(
			planRoster(entriesFor(small.slice(1)), small, scope(), closing(), false).refused,
		).toBeUndefined();
		expect(
			planRoster(entriesFor(small.slice(2)), small, scope(), closing(), false).refused,
		).toMatchObject({ reason: 'rosterTooSmall' });
	});

	test('an empty roster is refused in every mode; a roster under half the population is refused when closing', () => {
		for (const closes of [true, false])
			expect(planRoster([], directory, scope(), closing({ closes }), false).refused).toMatchObject({
				reason: 'emptyRoster',
			});
		const half = Math.ceil(200 * MIN_ROSTER_SHARE) - 1;
		expect(
			planRoster(
				entriesFor(directory.slice(0, half)),
				directory,
				scope(),
				closing({ maxCloses: 1000, maxCloseShare: 1 }),
				false,
			).refused,
		).toMatchObject({ reason: 'rosterTooSmall' });
		// Report Only closes nobody: the leaver safeguards do not apply
		expect(
			planRoster(rosterWithout(150), directory, scope(), closing({ closes: false }), false).refused,
		).toBeUndefined();
	});
});
