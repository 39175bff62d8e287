import { callLogOf, spentInLastHour, withPoll } from '../../nodes/DocuSign/trigger/budget';
import {
	callsPerHour,
	costNotice,
	fullReadCalls,
	incrementalCalls,
} from '../../nodes/DocuSign/trigger/cost';
import type { DriftFilters, Tracked } from '../../nodes/DocuSign/trigger/drift';
import {
	eventsOf,
	passesFilters,
	summaryOf,
	transitionOf,
} from '../../nodes/DocuSign/trigger/drift';
import { fingerprintOf, packGuid, unpackGuid } from '../../nodes/DocuSign/trigger/fingerprint';
import type { AccountPicture, TextKept } from '../../nodes/DocuSign/trigger/state';
import { clean, decodeState, encodeState } from '../../nodes/DocuSign/trigger/state';

const sales = { id: '8427752', name: 'Sales' };
const legal = { id: '8427755', name: 'Legal' };
const sender = { id: '1665537', name: 'DocuSign Sender' };
const viewer = { id: '1665538', name: 'DocuSign Viewer' };
const ID = 'a84090b8-1b2c-4d5e-8f90-a1b2c3d4e5f6';

const text = {
	userName: 'Sofia Martinez',
	firstName: 'Sofia',
	middleName: '',
	lastName: 'Martinez',
	suffixName: '',
	email: 'sofia.martinez@acme.example',
	jobTitle: 'Sales Engineer',
	company: 'Acme',
};

const user = (patch: Partial<Tracked> = {}, textPatch: Partial<typeof text> = {}): Tracked => ({
	id: ID,
	status: 'Active',
	profile: sender,
	groups: [sales],
	text: { ...text, ...textPatch },
	...patch,
});

const picture = (users: Tracked[], kept: TextKept = 'values', scope = 'all'): AccountPicture => ({
	users: new Map(users.map((u) => [u.id.toLowerCase(), u])),
	groupScope: scope,
	text: kept,
	cursor: '2026-12-01T00:00:00.000Z',
	fullAt: '2026-12-01T00:00:00.000Z',
	fullCalls: 101,
});

const roundTrip = (p: AccountPicture) => decodeState(JSON.parse(JSON.stringify(encodeState(p))))!;
const guid = (i: number) => `${String(i).padStart(8, '0')}-1b2c-4d5e-8f90-a1b2c3d4e5f6`;

describe('state', () => {
	it('gives the same users back after a JSON round trip when values are kept', () => {
		const users = [
			user(),
			user(
				{ id: guid(1), profile: null, groups: [] },
				{ userName: 'S. M.', jobTitle: '', company: '' },
			),
			user(
				{ id: guid(2), status: 'ActivationSent', groups: [legal, sales] },
				{ userName: 'Ünïcødé 名前', firstName: 'Ünïcødé', lastName: '名前' },
			),
			user({ id: 'not-a-guid', profile: viewer }),
		];
		const back = roundTrip(picture(users));
		expect(back).toMatchObject({ groupScope: 'all', text: 'values', fullCalls: 101 });
		expect([...back.users.values()]).toEqual(
			expect.arrayContaining(users.map((u) => ({ ...u, id: u.id.toLowerCase() }))),
		);
		expect(back.users.size).toBe(4);
	});

	it('keeps fingerprints instead of personal values, and company as a value', () => {
		const back = roundTrip(picture([user()], 'fingerprints'));
		const stored = back.users.get(ID)!;
		expect(stored.text).toEqual({ company: 'Acme' });
		expect(stored.prints).toEqual({
			userName: '=',
			middleName: '.',
			suffixName: '.',
			firstName: fingerprintOf(ID, 'firstName', 'Sofia'),
			lastName: fingerprintOf(ID, 'lastName', 'Martinez'),
			email: fingerprintOf(ID, 'email', text.email),
			jobTitle: fingerprintOf(ID, 'jobTitle', text.jobTitle),
		});
		expect(JSON.stringify(encodeState(picture([user()], 'fingerprints')))).not.toMatch(
			/Sofia|Martinez|Engineer/,
		);
	});

	it('keeps only ID and a status-and-profile reference without User Updated or groups: 23 characters a user', () => {
		const state = encodeState(picture([user(), user({ id: guid(1) })], '', '')) as { u: string };
		expect(state.u).toHaveLength(2 * 23);
		const back = roundTrip(picture([user()], '', ''));
		expect(back.users.get(ID)).toEqual({ id: ID, status: 'Active', profile: sender });
	});

	it('widens table references past 64 entries', () => {
		const users = Array.from({ length: 70 }, (_, i) =>
			user({ id: guid(i), profile: { id: String(i), name: `Profile ${i}` } }),
		);
		const back = roundTrip(picture(users));
		expect(back.users.get(guid(69))!.profile).toEqual({ id: '69', name: 'Profile 69' });
	});

	it('packs a GUID in 22 characters, case-insensitively, and unpacks it', () => {
		expect(packGuid(ID.toUpperCase())).toBe(packGuid(ID));
		expect(packGuid(ID)).toHaveLength(22);
		expect(unpackGuid(packGuid(ID)!)).toBe(ID);
		expect(packGuid('12345')).toBeUndefined();
	});

	it('turns tabs into spaces so that kept values stay apart', () => {
		expect(clean('a\tb')).toBe('a b');
		expect(clean(undefined)).toBe('');
	});

	it('keeps 50,000 users under 2 MB with the default choice, User Updated on', () => {
		const users = Array.from({ length: 50_000 }, (_, i) =>
			user(
				{ id: guid(i), groups: undefined },
				{
					firstName: `First${i % 48}`,
					lastName: `Last${i % 47}`,
					userName: `First${i % 48} Last${i % 47}`,
					email: `first.last.${i}@acme.example`,
				},
			),
		);
		const bytes = Buffer.byteLength(
			JSON.stringify(encodeState(picture(users, 'fingerprints', ''))),
		);
		expect(bytes).toBeLessThan(2_000_000);
	});

	it('refuses a state that is not one this version wrote (a new baseline)', () => {
		expect(decodeState(undefined)).toBeUndefined();
		expect(decodeState({ v: 1, t: [], p: [], g: [], gs: '', u: {} })).toBeUndefined();
		expect(decodeState('text')).toBeUndefined();
	});
});

describe('diff', () => {
	it('reports nothing for an unchanged user, with values or fingerprints kept', () => {
		expect(eventsOf(ID, user(), user(), true)).toEqual([]);
		const printed = roundTrip(picture([user()], 'fingerprints')).users.get(ID)!;
		expect(eventsOf(ID, printed, user(), true)).toEqual([]);
	});

	it('reports a new user as created and a gone one as removed', () => {
		expect(eventsOf(ID, undefined, user(), true)).toEqual([
			{ event: 'userCreated', key: ID, before: null, after: user(), changes: {} },
		]);
		expect(eventsOf(ID, user(), null, true)).toEqual([
			expect.objectContaining({
				event: 'statusChanged',
				transition: 'removed',
				changes: { status: { before: 'Active', after: null } },
			}),
		]);
	});

	it('collects every changed field in one User Updated: before and after with values kept', () => {
		const [event] = eventsOf(
			ID,
			user(),
			user({}, { email: 'sofia@acme.example', company: 'Acme EU' }),
			true,
		);
		expect(event.changes).toEqual({
			email: { before: text.email, after: 'sofia@acme.example' },
			company: { before: 'Acme', after: 'Acme EU' },
		});
	});

	it('names the changed field and its new value with fingerprints kept', () => {
		const printed = roundTrip(picture([user()], 'fingerprints')).users.get(ID)!;
		const [event] = eventsOf(
			ID,
			printed,
			user({}, { email: 'sofia@acme.example', company: 'Acme EU' }),
			true,
		);
		expect(event.changes).toEqual({
			email: { after: 'sofia@acme.example' },
			company: { before: 'Acme', after: 'Acme EU' },
		});
	});

	it('tells a "first last" user name apart from its parts with fingerprints kept', () => {
		const printed = roundTrip(picture([user()], 'fingerprints')).users.get(ID)!;
		// The last name changes, the user name stays "Sofia Martinez": only the last name changed.
		expect(eventsOf(ID, printed, user({}, { lastName: 'Ruiz' }), true)[0].changes).toEqual({
			lastName: { after: 'Ruiz' },
		});
		// Both change together.
		expect(
			eventsOf(ID, printed, user({}, { lastName: 'Ruiz', userName: 'Sofia Ruiz' }), true)[0]
				.changes,
		).toEqual({ userName: { after: 'Sofia Ruiz' }, lastName: { after: 'Ruiz' } });
		expect(eventsOf(ID, printed, user({}, { userName: 'Sofia M.' }), true)[0].changes).toEqual({
			userName: { after: 'Sofia M.' },
		});
	});

	it('does not compare text fields a state did not keep (User Updated was off)', () => {
		const bare = roundTrip(picture([user()], '')).users.get(ID)!;
		expect(eventsOf(ID, bare, user({}, { jobTitle: 'Lead' }), true)).toEqual([]);
	});

	it('reports status, profile and groups as their own events, in a fixed order', () => {
		const events = eventsOf(
			ID,
			user(),
			user({ status: 'Closed', profile: viewer, groups: [legal] }, { jobTitle: 'x' }),
			true,
		);
		expect(events.map((e) => e.event)).toEqual([
			'userUpdated',
			'statusChanged',
			'permissionProfileChanged',
			'groupMembershipChanged',
		]);
		expect(events[3].changes).toEqual({
			groups: { added: ['Legal'], removed: ['Sales'], before: ['Sales'], after: ['Legal'] },
		});
	});

	it('ignores the order of groups and a renamed profile or group (same IDs)', () => {
		const after = user({
			groups: [{ ...legal, name: 'Legal & Compliance' }, sales],
			profile: { ...sender, name: 'Sender' },
		});
		expect(eventsOf(ID, user({ groups: [sales, legal] }), after, true)).toEqual([]);
	});

	it('compares groups only when asked and when both sides have them', () => {
		expect(eventsOf(ID, user(), user({ groups: [] }), false)).toEqual([]);
		expect(eventsOf(ID, user({ groups: undefined }), user({ groups: [legal] }), true)).toEqual([]);
	});

	it("names status transitions as DocuSign's web app does", () => {
		expect(
			['Active', 'Closed', 'ActivationSent', 'ActivationRequired', 'Disabled', 'Odd'].map(
				transitionOf,
			),
		).toEqual(['activated', 'closed', 'pending', 'pending', 'disabled', 'changed']);
	});
});

describe('summary', () => {
	const who = 'Sofia Martinez (sofia.martinez@acme.example)';
	const one = (after: Tracked | null, before: Tracked | 'new' = user()) =>
		eventsOf(ID, before === 'new' ? undefined : before, after, true).map((e) => summaryOf(e, who));

	it('says in one line who changed and how', () => {
		expect(one(user(), 'new')).toEqual([
			`${who} was added to the DocuSign account (Active, DocuSign Sender)`,
		]);
		expect(one(user({}, { jobTitle: 'Lead', company: 'Acme EU' }))).toEqual([
			`${who}: company Acme → Acme EU and job title changed`,
		]);
		expect(one(user({ status: 'Closed' }))).toEqual([`${who} was closed (Active → Closed)`]);
		expect(one(user({ profile: viewer }))).toEqual([
			`${who}: permission profile DocuSign Sender → DocuSign Viewer`,
		]);
		expect(one(user({ groups: [legal] }))).toEqual([
			`${who} was added to Legal and removed from Sales`,
		]);
		expect(one(null)).toEqual([`${who} is no longer in the DocuSign account (was Active)`]);
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
	const closing = eventsOf(ID, user(), user({ status: 'Closed' }), true)[0];
	const leavingSales = eventsOf(ID, user(), user({ groups: [legal] }), true)[0];
	const removed = eventsOf(ID, user(), null, true)[0];

	it('passes the chosen events of users who were or are in the statuses and groups', () => {
		expect(passesFilters(closing, filters())).toBe(true);
		expect(passesFilters(closing, filters({ events: new Set(['userUpdated']) }))).toBe(false);
		expect(passesFilters(closing, filters({ statuses: new Set(['active']) }))).toBe(true);
		expect(passesFilters(closing, filters({ statuses: new Set(['activationsent']) }))).toBe(false);
		expect(passesFilters(leavingSales, filters({ groupIds: new Set([sales.id]) }))).toBe(true);
		expect(passesFilters(leavingSales, filters({ groupIds: new Set(['999']) }))).toBe(false);
		expect(passesFilters(removed, filters({ statuses: new Set(['active']) }))).toBe(true);
	});
});

describe('cost and budget', () => {
	it('counts a full read from 100 users a page, and an incremental read per changed user', () => {
		expect(fullReadCalls(10_000, false)).toBe(100);
		expect(fullReadCalls(10_000, true, 6)).toBe(100 + 1 + 6 + 100);
		expect(incrementalCalls(0)).toBe(1);
		expect(incrementalCalls(10)).toBe(11);
		expect(callsPerHour(100, 15)).toBe(400);
	});

	it('shows the cost in the editor from those figures', () => {
		const notice = costNotice();
		expect(notice).toContain(
			'10,000 users: 100 calls a poll (6,000 every minute, 400 every 15 minutes, 100 every hour an hour)',
		);
		expect(notice).toContain('a poll without changes costs 1 call (60 an hour every minute)');
		expect(notice).toContain('default 300, a tenth of the limit');
	});

	it('sums the calls of the last hour and forgets older ones', () => {
		const now = Date.parse('2026-12-01T12:00:00Z');
		let log = withPoll([], now - 3_700_000, 100);
		log = withPoll(log, now - 60_000, 101);
		log = withPoll(log, now, 1);
		expect(log).toHaveLength(2);
		expect(spentInLastHour(log, now)).toBe(102);
		expect(callLogOf([[1, 2], ['x', 3], [4]])).toEqual([[1, 2]]);
	});
});
