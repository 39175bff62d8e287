import {
	diffUsers,
	eventsOf,
	passesFilters,
	transitionOf,
} from '../../nodes/DocuSign/trigger/drift';
import type { DriftFilters } from '../../nodes/DocuSign/trigger/drift';
import type { Tracked } from '../../nodes/DocuSign/trigger/fingerprint';
import {
	clean,
	compactId,
	decodeState,
	encodeState,
} from '../../nodes/DocuSign/trigger/fingerprint';

const sales = { id: '8427752', name: 'Sales' };
const legal = { id: '8427755', name: 'Legal' };
const sender = { id: '1665537', name: 'DocuSign Sender' };
const viewer = { id: '1665538', name: 'DocuSign Viewer' };

const user = (patch: Partial<Tracked> = {}): Tracked => ({
	userName: 'Sofia Martinez',
	firstName: 'Sofia',
	middleName: '',
	lastName: 'Martinez',
	suffixName: '',
	email: 'sofia.martinez@acme.example',
	jobTitle: 'Sales Engineer',
	company: 'Acme',
	status: 'Active',
	profile: sender,
	groups: [sales],
	...patch,
});

const roundTrip = (users: Map<string, Tracked>, scope = 'all') =>
	decodeState(JSON.parse(JSON.stringify(encodeState(users, scope, '2026-12-01T00:00:00.000Z'))))!;

describe('fingerprint state', () => {
	it('gives the same users back after a JSON round trip', () => {
		const users = new Map<string, Tracked>([
			['a', user()],
			[
				'b',
				user({
					userName: 'S. Martinez',
					email: 'no-at-sign',
					jobTitle: '',
					company: '',
					profile: null,
					groups: [],
				}),
			],
			[
				'c',
				user({
					userName: '',
					firstName: 'Only',
					lastName: '',
					status: 'ActivationSent',
					groups: [legal, sales],
				}),
			],
			[
				'd',
				user({
					userName: 'Ünïcødé 名前',
					firstName: 'Ünïcødé',
					lastName: '名前',
					email: 'x@y@z.example',
					profile: viewer,
				}),
			],
		]);
		const back = roundTrip(users);
		expect(back.groupScope).toBe('all');
		expect([...back.users]).toEqual([...users]);
	});

	it('stores no memberships without a group scope, and says so when decoded', () => {
		const back = roundTrip(new Map([['a', user()]]), '');
		expect(back.users.get('a')).toEqual({ ...user(), groups: undefined });
		expect('groups' in back.users.get('a')!).toBe(false);
	});

	it('stores a "first last" user name as nothing and a different one behind "="', () => {
		const state = encodeState(
			new Map([
				['a', user()],
				['b', user({ userName: 'Sofia M.' })],
			]),
			'',
			'now',
		);
		expect(state.u.a.split('\t')[3]).toBe('');
		expect(state.u.b.split('\t')[3]).toBe('=Sofia M.');
	});

	it('interns repeated values once', () => {
		const users = new Map(
			Array.from(
				{ length: 50 },
				(_, i) => [`k${i}`, user({ email: `u${i}@acme.example` })] as const,
			),
		);
		const state = encodeState(users, 'all', 'now');
		expect(state.t).toEqual(['Active', 'acme.example', 'Sales Engineer', 'Acme']);
		expect(state.p).toEqual([[sender.id, sender.name]]);
		expect(state.g).toEqual([[sales.id, sales.name]]);
	});

	it('turns tabs into spaces so that the packed fields stay apart', () => {
		expect(clean('a\tb')).toBe('a b');
		expect(clean(undefined)).toBe('');
		const back = roundTrip(new Map([['a', user({ jobTitle: clean('Lead\tEngineer') })]]));
		expect(back.users.get('a')!.jobTitle).toBe('Lead Engineer');
	});

	it('keys users by a 22-character form of their GUID, case-insensitively; other IDs as they are', () => {
		const id = 'A84090B8-1B2C-4D5E-8F90-A1B2C3D4E5F6';
		expect(compactId(id)).toHaveLength(22);
		expect(compactId(id)).toBe(compactId(id.toLowerCase()));
		expect(compactId('12345')).toBe('~12345');
	});

	it('keeps 10,000 typical users under 100 bytes each in the saved JSON', () => {
		const groups = [sales, legal, { id: '8427756', name: 'Finance' }];
		const users = new Map(
			Array.from({ length: 10_000 }, (_, i) => {
				const id = `${String(i).padStart(8, '0')}-1b2c-4d5e-8f90-a1b2c3d4e5f6`;
				const tracked = user({
					firstName: `First${i % 48}`,
					lastName: `Last${i % 47}`,
					email: `first.last.${i}@acme.example`,
					groups: [groups[i % 3]],
				});
				tracked.userName = `${tracked.firstName} ${tracked.lastName}`;
				return [compactId(id), tracked] as const;
			}),
		);
		const bytes = Buffer.byteLength(
			JSON.stringify(encodeState(users, 'all', new Date().toISOString())),
		);
		expect(bytes / users.size).toBeLessThan(100);
	});

	it('refuses a state that is not one this version wrote', () => {
		expect(decodeState(undefined)).toBeUndefined();
		expect(decodeState({})).toBeUndefined();
		expect(decodeState({ v: 2, t: [], p: [], g: [], gs: '', u: {} })).toBeUndefined();
		expect(decodeState('text')).toBeUndefined();
	});
});

describe('diff', () => {
	it('reports nothing for an unchanged user', () => {
		expect(eventsOf('a', user(), user(), true)).toEqual([]);
	});

	it('reports a new user as created', () => {
		expect(eventsOf('a', undefined, user(), true)).toEqual([
			{ event: 'userCreated', key: 'a', before: null, after: user(), changes: {} },
		]);
	});

	it('collects every profile field change in one User Updated', () => {
		const [event] = eventsOf(
			'a',
			user(),
			user({ email: 'sofia@acme.example', company: 'Acme EU' }),
			true,
		);
		expect(event.event).toBe('userUpdated');
		expect(event.changes).toEqual({
			email: { before: 'sofia.martinez@acme.example', after: 'sofia@acme.example' },
			company: { before: 'Acme', after: 'Acme EU' },
		});
	});

	it('reports status, profile and groups as their own events, in a fixed order', () => {
		const events = eventsOf(
			'a',
			user(),
			user({ status: 'Closed', profile: viewer, groups: [legal], jobTitle: 'x' }),
			true,
		);
		expect(events.map((e) => e.event)).toEqual([
			'userUpdated',
			'statusChanged',
			'permissionProfileChanged',
			'groupMembershipChanged',
		]);
		expect(events[1]).toMatchObject({
			transition: 'closed',
			changes: { status: { before: 'Active', after: 'Closed' } },
		});
		expect(events[2].changes).toEqual({ permissionProfile: { before: sender, after: viewer } });
		expect(events[3].changes).toEqual({
			groups: { added: ['Legal'], removed: ['Sales'], before: ['Sales'], after: ['Legal'] },
		});
	});

	it('ignores the order of groups and a renamed profile or group (same IDs)', () => {
		const before = user({ groups: [sales, legal] });
		const after = user({
			groups: [{ ...legal, name: 'Legal & Compliance' }, sales],
			profile: { ...sender, name: 'Sender' },
		});
		expect(eventsOf('a', before, after, true)).toEqual([]);
	});

	it('compares groups only when asked and when both sides have them', () => {
		expect(eventsOf('a', user(), user({ groups: [] }), false)).toEqual([]);
		expect(eventsOf('a', user({ groups: undefined }), user({ groups: [legal] }), true)).toEqual([]);
	});

	it('reports a profile given or taken away', () => {
		expect(eventsOf('a', user({ profile: null }), user(), true)[0].changes).toEqual({
			permissionProfile: { before: null, after: sender },
		});
	});

	it("names status transitions as DocuSign's web app does", () => {
		expect(
			['Active', 'Closed', 'ActivationSent', 'ActivationRequired', 'Disabled', 'Odd'].map(
				transitionOf,
			),
		).toEqual(['activated', 'closed', 'pending', 'pending', 'disabled', 'changed']);
	});

	it('diffs the current users only: a user missing now is not reported', () => {
		const before = new Map([
			['a', user()],
			['gone', user()],
		]);
		const after = new Map([
			['a', user({ jobTitle: 'Lead' })],
			['new', user()],
		]);
		expect(diffUsers(before, after, true).map((e) => `${e.event} ${e.key}`)).toEqual([
			'userUpdated a',
			'userCreated new',
		]);
	});
});

describe('filters', () => {
	const filters = (patch: Partial<DriftFilters> = {}): DriftFilters => ({
		events: new Set([
			'userCreated',
			'userUpdated',
			'statusChanged',
			'permissionProfileChanged',
			'groupMembershipChanged',
		]),
		statuses: new Set(),
		groupIds: new Set(),
		...patch,
	});
	const closing = eventsOf('a', user(), user({ status: 'Closed' }), true)[0];
	const leavingSales = eventsOf('a', user(), user({ groups: [legal] }), true)[0];

	it('passes everything without filters', () => {
		expect(passesFilters(closing, filters())).toBe(true);
	});

	it('Events: only the chosen ones', () => {
		expect(passesFilters(closing, filters({ events: new Set(['userUpdated']) }))).toBe(false);
	});

	it('Status: the user was or is in it', () => {
		expect(passesFilters(closing, filters({ statuses: new Set(['closed']) }))).toBe(true);
		expect(passesFilters(closing, filters({ statuses: new Set(['active']) }))).toBe(true);
		expect(passesFilters(closing, filters({ statuses: new Set(['activationsent']) }))).toBe(false);
	});

	it('Group: the user was or is in it', () => {
		expect(passesFilters(leavingSales, filters({ groupIds: new Set([sales.id]) }))).toBe(true);
		expect(passesFilters(leavingSales, filters({ groupIds: new Set([legal.id]) }))).toBe(true);
		expect(passesFilters(leavingSales, filters({ groupIds: new Set(['999']) }))).toBe(false);
	});
});
