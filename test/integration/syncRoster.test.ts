/**
 * Issue 24: User > Sync Roster through the one write engine, in n8n's engine against the simulator.
 * The roster is built from the account itself (a faithful HR export), then drifted: joiners, movers,
 * leavers. Covers the safeguards just under and just over, the empty roster, scope exclusions, a
 * rerun that writes nothing, Continue On Fail and the error output, and a concurrent creator.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { runNode, syncRosterFromItems, useSimulator, writesOf } from '../support';

let sim!: Simulator;
// ~200 open users: at the default 10 % the run may close 20 (Max Closes 100 does not bind)
useSimulator((s) => (sim = s), { seed: { extraUsers: 150 } });

const BUILT_IN = ['Everyone', 'Administrators'];
const OPEN = ['Active', 'ActivationSent', 'ActivationRequired'];
const account = () => sim.store.account()!;
const isAdmin = (id: string) => account().isAdmin(account().userById(id)!);
const openUsers = () => sim.users().filter((u) => OPEN.includes(u.status));
/** The account as HR would export it: one row per open non-admin user, their profile and custom groups. */
const exportRoster = (): IDataObject[] =>
	openUsers()
		.filter((u) => !isAdmin(u.userId))
		.map((u) => ({
			email: u.email,
			first: u.firstName,
			last: u.lastName,
			role: account().profileOf(u).permissionProfileName,
			groups: sim
				.userGroupNames(u.userId)
				.filter((g) => !BUILT_IN.includes(g))
				.join(', '),
		}));
const inScope = () => openUsers().filter((u) => !isAdmin(u.userId)).length;

const sync = syncRosterFromItems;
const statusOf = (email: string) => sim.userByEmail(email)!.status;

describe('Sync Roster', () => {
	test('joiners, movers and leavers in one run; the rerun writes nothing', async () => {
		const roster = exportRoster();
		const leavers = roster.splice(5, 3).map((r) => String(r.email));
		roster[0] = { ...roster[0], role: 'DocuSign Viewer', groups: 'Legal' }; // a mover
		roster.push({
			email: 'Joiner.One@Acme.Example',
			first: 'Joiner',
			last: 'One',
			role: 'DocuSign Sender',
			groups: 'Sales',
		});

		const first = await runNode(sim, { items: roster, parameters: sync('close') });
		expect(first.error).toBeUndefined();
		const byAction = (json: IDataObject[]) =>
			json.reduce<Record<string, number>>(
				(n, j) => ({ ...n, [String(j.action)]: (n[String(j.action)] ?? 0) + 1 }),
				{},
			);
		expect(byAction(first.json)).toEqual({ update: roster.length - 1, create: 1, suspend: 3 });
		expect(first.json.filter((j) => j.changed).map((j) => j.email)).toEqual(
			expect.arrayContaining([roster[0].email, 'Joiner.One@Acme.Example', ...leavers]),
		);
		expect(first.json.filter((j) => j.changed)).toHaveLength(5);
		for (const email of leavers) expect(statusOf(email)).toBe('Closed');
		expect(sim.userGroupNames(sim.userByEmail(String(roster[0].email))!.userId)).toContain('Legal');
		// roster items first, paired with their input; users missing from the roster after, paired with item 0
		expect(first.items.slice(0, roster.length).map((i) => i.pairedItem)).toEqual(
			roster.map((_, item) => ({ item })),
		);
		expect(first.items.slice(roster.length).map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(first.json.slice(roster.length).every((j) => j.inRoster === false)).toBe(true);
		// one user list, and the writes batched: one close for all three leavers
		expect(
			writesOf(sim).filter((w) => w.method === 'DELETE' && w.path.endsWith('/users')),
		).toHaveLength(1);

		sim.clearLog();
		const again = await runNode(sim, { items: roster, parameters: sync('close') });
		expect(again.error).toBeUndefined();
		expect(writesOf(sim)).toHaveLength(0);
		expect(again.json).toHaveLength(roster.length);
		expect(again.json.every((j) => j.changed === false)).toBe(true);
	});

	test('the safeguard: just under closes; just over closes nobody and fails with the counts', async () => {
		const allowed = Math.floor(inScope() * 0.1);
		const under = exportRoster().slice(allowed);
		const ok = await runNode(sim, { items: under, parameters: sync('close') });
		expect(ok.error).toBeUndefined();
		expect(ok.json.filter((j) => j.action === 'suspend')).toHaveLength(allowed);

		sim.reset();
		const over = exportRoster().slice(allowed + 1);
		const refused = await runNode(sim, { items: over, parameters: sync('close') });
		expect(refused.error?.message).toMatch(
			new RegExp(
				`would close ${allowed + 1} of ${inScope()} in-scope DocuSign users .* over the safeguard of ${allowed}`,
			),
		);
		expect(refused.error?.description).toMatch(/Nothing was written to DocuSign/);
		expect(writesOf(sim)).toHaveLength(0);

		// Dry Run predicts the same refusal; raising the share lets the plan through, as a plan
		const dry = await runNode(sim, {
			items: over,
			parameters: sync('close', { dryRun: true, maxClosePercent: 50 }),
		});
		expect(dry.error).toBeUndefined();
		expect(dry.json.filter((j) => j.action === 'suspend' && j.dryRun)).toHaveLength(allowed + 1);
		expect(writesOf(sim)).toHaveLength(0);
	});

	test('an empty roster is refused; a roster of invalid rows closes nobody', async () => {
		const empty = await runNode(sim, {
			items: [{ email: '' }, { email: 'not-an-email' }],
			parameters: sync('close'),
			continueOnFail: true,
		});
		expect(empty.json).toHaveLength(2);
		expect(empty.json.every((j) => typeof j.error === 'string')).toBe(true);
		expect(writesOf(sim)).toHaveLength(0);
		expect(openUsers().length).toBeGreaterThan(150);

		const oneValid = await runNode(sim, { items: [exportRoster()[0]], parameters: sync('report') });
		expect(oneValid.error).toBeUndefined(); // Report Only: nothing closes, the report lists everyone else
		expect(oneValid.json.filter((j) => j.action === 'report')).toHaveLength(inScope() - 1);
	});

	test('administrators and Never Touch are out of scope; a listed admin is skipped', async () => {
		const roster = exportRoster();
		const vip = roster.splice(3, 1)[0];
		const admin = openUsers().find((u) => isAdmin(u.userId))!;
		roster.push({
			email: admin.email,
			first: 'Changed',
			last: 'Admin',
			role: 'DocuSign Viewer',
			groups: '',
		});
		const result = await runNode(sim, {
			items: roster,
			parameters: sync('close', { neverTouch: String(vip.email).toUpperCase() }),
		});
		expect(result.error).toBeUndefined();
		expect(result.json.find((j) => j.email === admin.email)).toMatchObject({
			action: 'skip',
			reason: 'administrator',
			changed: false,
		});
		expect(result.json.filter((j) => j.action === 'suspend')).toHaveLength(0);
		expect(statusOf(String(vip.email))).toBe('Active');
		expect(account().profileOf(sim.userByEmail(admin.email)!).permissionProfileName).toBe(
			'Account Administrator',
		);
		expect(writesOf(sim)).toHaveLength(0);
	});

	test('Continue On Fail and the error output: a bad row and a repeated person fail alone and close nobody', async () => {
		const roster = exportRoster();
		roster[1] = { ...roster[1], role: 'No Such Profile' };
		roster.push({ ...roster[2], first: 'Twin' });
		roster[4] = { ...roster[4], groups: 'Sales' }; // a mover among the failures
		const result = await runNode(sim, {
			items: roster,
			parameters: sync('close'),
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		const failed = result.errorItems
			.map((i) => (i.pairedItem as { item: number }).item)
			.sort((a, b) => a - b);
		expect(failed).toEqual([1, 2, roster.length - 1]);
		expect(result.errorItems.map((i) => String(i.json.error)).join('\n')).toMatch(
			/names no permission profile/,
		);
		expect(result.errorItems.map((i) => String(i.json.error)).join('\n')).toMatch(
			/lists .* more than once \(items 2, \d+\)/,
		);
		// the people whose rows failed are still "listed": nobody is closed
		expect(result.items.filter((i) => i.json.action === 'suspend')).toHaveLength(0);
		expect(statusOf(String(roster[1].email))).not.toBe('Closed');
		expect(sim.userGroupNames(sim.userByEmail(String(roster[4].email))!.userId)).toContain('Sales');

		// Continue On Fail off: the first bad row stops the run before any write
		sim.clearLog();
		const stopped = await runNode(sim, { items: roster, parameters: sync('close') });
		expect(stopped.error?.message).toMatch(/No Such Profile|names no permission profile/);
		expect(writesOf(sim)).toHaveLength(0);
	});

	test('a concurrent creator: no duplicate, nobody closed by mistake', async () => {
		const roster = exportRoster();
		roster.push({
			email: 'race@acme.example',
			first: 'Race',
			last: 'Joiner',
			role: 'DocuSign Sender',
			groups: 'Sales',
		});
		// another flow created fresh@ a moment ago, after the HR export was made ...
		const fresh = await runNode(sim, {
			items: [
				{
					email: 'fresh@acme.example',
					first: 'Fresh',
					last: 'Hire',
					role: 'DocuSign Sender',
					groups: '',
				},
			],
			parameters: { ...sync(), operation: 'create' },
		});
		expect(fresh.error).toBeUndefined();
		// ... and another execution (a joiner webhook) creates race@ between our read and our POST
		sim.addFault({
			method: 'POST',
			path: '/users$',
			action: { concurrentCreate: { emails: ['race@acme.example'] } },
		});
		sim.clearLog();
		const result = await runNode(sim, { items: roster, parameters: sync('close') });
		expect(result.error).toBeUndefined();
		expect(sim.users().filter((u) => u.email === 'race@acme.example')).toHaveLength(1);
		expect(result.json.find((j) => j.email === 'race@acme.example')).toMatchObject({
			action: 'update',
		});
		expect(statusOf('fresh@acme.example')).not.toBe('Closed');
		expect(result.json.find((j) => j.email === 'fresh@acme.example')).toMatchObject({
			action: 'report',
			reason: 'newUser',
			inRoster: false,
		});
	});

	test('joiner flows create users while the roster reads the account, twice in a row: it waits, reads again, and closes nobody', async () => {
		const roster = exportRoster();
		// A burst of joiner executions: a user appears just before page 2 of the first read, and
		// before pages 1 and 2 of the second, so both reads see the total change under them.
		const joiner = (n: number) => ({
			create: { email: `burst${n}@acme.example`, userName: `Burst N${n}` },
		});
		for (const [n, skip] of [1, 3, 4].entries())
			sim.addFault({ method: 'GET', path: '/users$', skip, action: { adminChanges: [joiner(n)] } });
		sim.clearLog();
		const result = await runNode(sim, { items: roster, parameters: sync('close') });
		expect(result.error).toBeUndefined();
		const listings = sim.log.filter((e) => e.method === 'GET' && /\/users$/.test(e.path));
		expect(listings.length).toBeGreaterThan(5); // a third read after the two that shifted
		expect(writesOf(sim)).toHaveLength(0);
		expect(
			result.json
				.filter((j) => j.reason === 'newUser')
				.map((j) => j.email)
				.sort(),
		).toEqual(['burst0@acme.example', 'burst1@acme.example', 'burst2@acme.example']);
	});

	test('Close and Request Deletion outputs a request per leaver; Dry Run writes nothing', async () => {
		const roster = exportRoster();
		const leaver = roster.splice(7, 1)[0];
		const dry = await runNode(sim, {
			items: roster,
			parameters: sync('closeAndRequestDeletion', { dryRun: true }),
		});
		expect(dry.json.at(-1)).toMatchObject({
			email: leaver.email,
			action: 'notifyDelete',
			dryRun: true,
		});
		expect(writesOf(sim)).toHaveLength(0);
		const real = await runNode(sim, { items: roster, parameters: sync('closeAndRequestDeletion') });
		expect(real.json.at(-1)).toMatchObject({
			email: leaver.email,
			action: 'notifyDelete',
			suspended: true,
			inRoster: false,
		});
		expect(String(real.json.at(-1)!.subject)).toMatch(/Please delete the DocuSign user/);
		expect((real.json.at(-1)!.recipients as string[]).length).toBeGreaterThan(0);
		expect(statusOf(String(leaver.email))).toBe('Closed');
	});

	test('Scope Users in Groups and Users in Email Domains: only those users can be missing from the roster', async () => {
		const legal = sim.groupByName('Legal')!;
		const members = new Set(sim.groupMemberIds(legal.groupId));
		const inLegal = exportRoster().filter((r) =>
			members.has(sim.userByEmail(String(r.email))!.userId),
		);
		expect(inLegal.length).toBeGreaterThan(2);
		const gone = inLegal.pop()!;
		const byGroup = await runNode(sim, {
			items: inLegal,
			parameters: sync(
				'close',
				{ maxClosePercent: 50 },
				{ scope: 'groups', scopeGroups: ['Legal'] },
			),
		});
		expect(byGroup.error).toBeUndefined();
		expect(byGroup.json.filter((j) => j.action === 'suspend').map((j) => j.email)).toEqual([
			gone.email,
		]);
		expect(statusOf(String(gone.email))).toBe('Closed');

		// a domain nobody in the roster has: its users are the ones missing
		sim.reset();
		const outsider = await runNode(sim, {
			items: [
				{
					email: 'contractor@partner.example',
					first: 'Con',
					last: 'Tractor',
					role: 'DocuSign Viewer',
					groups: '',
				},
			],
			parameters: { ...sync(), operation: 'create' },
		});
		expect(outsider.error).toBeUndefined();
		const byDomain = await runNode(sim, {
			items: exportRoster().filter((r) => !String(r.email).endsWith('@partner.example')),
			parameters: sync('report', {}, { scope: 'domains', scopeDomains: 'partner.example' }),
		});
		expect(byDomain.error).toBeUndefined();
		expect(byDomain.json.filter((j) => j.inRoster === false).map((j) => j.email)).toEqual([
			'contractor@partner.example',
		]);
	});
});
