/**
 * Issue 24, license reclamation: Get Many's Last Login Before / Never Logged In / Created Before and
 * Sort. DocuSign's GET /users has no query parameter for them, so the node reads every page the
 * server-side filters match, then filters, sorts and applies Limit; and it refuses to filter on logins
 * when DocuSign's list carries no login dates at all (every user would look dormant).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { runNode, useSimulator } from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s), { seed: { extraUsers: 150 } });

const getMany = (filters: IDataObject, extra: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'getAll',
	returnAll: true,
	filters,
	...extra,
});
const listCalls = () => sim.log.filter((e) => e.method === 'GET' && /\/users$/.test(e.path));
const emailsOf = (json: IDataObject[]) => json.map((u) => String(u.email)).sort();
/** The middle of the seeded users' login dates: some before, some after. */
const cutoff = () => {
	const logins = sim
		.users()
		.map((u) => u.lastLoginAt)
		.filter((t): t is number => t !== undefined)
		.sort((a, b) => a - b);
	return logins[Math.floor(logins.length / 2)];
};

describe('Get Many: dormant users', () => {
	test('Last Login Before: users last seen before the date and users never seen, over every page', async () => {
		const before = cutoff();
		const result = await runNode(sim, {
			parameters: getMany({ lastLoginBefore: new Date(before).toISOString(), status: ['Active'] }),
		});
		expect(result.error).toBeUndefined();
		const expected = sim
			.users()
			.filter(
				(u) => u.status === 'Active' && (u.lastLoginAt === undefined || u.lastLoginAt < before),
			)
			.map((u) => u.email)
			.sort();
		expect(expected.length).toBeGreaterThan(10);
		expect(emailsOf(result.json)).toEqual(expected);
		// every page of the status filter was read, with the login switch
		const active = sim.users().filter((u) => u.status === 'Active').length;
		expect(listCalls()).toHaveLength(Math.ceil(active / 100));
		expect(listCalls().every((e) => e.query.login_status === 'true')).toBe(true);
	});

	test('Never Logged In and Created Before', async () => {
		const created = sim.users()[100].createdAt;
		const result = await runNode(sim, {
			parameters: getMany({ neverLoggedIn: true, createdBefore: new Date(created).toISOString() }),
		});
		expect(result.error).toBeUndefined();
		const expected = sim
			.users()
			.filter((u) => u.lastLoginAt === undefined && u.createdAt < created)
			.map((u) => u.email)
			.sort();
		expect(expected.length).toBeGreaterThan(0);
		expect(emailsOf(result.json)).toEqual(expected);
	});

	test('Never Logged In from an expression reads as every boolean option does: "TRUE" is true', async () => {
		const asBoolean = await runNode(sim, { parameters: getMany({ neverLoggedIn: true }) });
		const asText = await runNode(sim, {
			parameters: getMany({ neverLoggedIn: '={{ "TRUE" }}' }),
		});
		expect(asText.error).toBeUndefined();
		expect(asBoolean.json.length).toBeLessThan(sim.users().length);
		expect(emailsOf(asText.json)).toEqual(emailsOf(asBoolean.json));
	});

	test('Sort by last login puts never-seen users first, then the oldest; Limit applies after the sort', async () => {
		const result = await runNode(sim, {
			parameters: getMany(
				{ status: ['Active', 'ActivationSent'] },
				{ returnAll: false, limit: 5, sort: 'lastLogin' },
			),
		});
		expect(result.error).toBeUndefined();
		const open = sim.users().filter((u) => u.status === 'Active' || u.status === 'ActivationSent');
		const sorted = [...open].sort(
			(a, b) => (a.lastLoginAt ?? -Infinity) - (b.lastLoginAt ?? -Infinity),
		);
		expect(result.json.map((u) => u.email)).toEqual(sorted.slice(0, 5).map((u) => u.email));
		expect(listCalls()).toHaveLength(Math.ceil(open.length / 100));
	});

	test('without client-side filters, Limit still stops the paging early', async () => {
		const result = await runNode(sim, { parameters: getMany({}, { returnAll: false, limit: 5 }) });
		expect(result.json).toHaveLength(5);
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query.count).toBe('5');
	});

	test('Sort by name and created', async () => {
		const byName = await runNode(sim, {
			parameters: getMany({ status: ['Active'] }, { sort: 'name' }),
		});
		const names = byName.json.map((u) => String(u.userName).toLowerCase());
		expect(names).toEqual([...names].sort());
		const byCreated = await runNode(sim, {
			parameters: getMany({ status: ['Active'] }, { sort: 'created' }),
		});
		const created = byCreated.json.map((u) => Date.parse(String(u.createdAt)));
		expect(created).toEqual([...created].sort((a, b) => a - b));
	});

	test('a date that is not a date is a parameter error naming the filter', async () => {
		const result = await runNode(sim, {
			parameters: getMany({ lastLoginBefore: '={{ "last spring" }}' }),
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(
			/"Filters > Last Login Before" is not a date: "last spring" \[item 0\]/,
		);
		expect(listCalls()).toHaveLength(0);
	});

	test('a list without login dates is refused instead of calling everyone dormant; with login_status it works', async () => {
		sim.configure({ behaviour: { listLastLogin: 'never' } });
		const refused = await runNode(sim, {
			parameters: getMany({ lastLoginBefore: '2030-01-01' }),
			continueOnFail: true,
		});
		expect(refused.json).toHaveLength(1);
		expect(refused.json[0].error).toMatch(/carries no last-login dates/);

		sim.configure({ behaviour: { listLastLogin: 'withLoginStatus' } });
		const before = cutoff();
		const served = await runNode(sim, {
			parameters: getMany({ lastLoginBefore: new Date(before).toISOString(), status: ['Active'] }),
		});
		expect(served.error).toBeUndefined();
		expect(served.json.length).toBeGreaterThan(10);
		expect(
			served.json.every(
				(u) => u.lastLoginAt === null || Date.parse(String(u.lastLoginAt)) < before,
			),
		).toBe(true);
		sim.configure({ behaviour: { listLastLogin: 'always' } });
	});
});
