/**
 * Issue 24: Group > Create, Rename, Delete for custom groups, through the write engine: idempotent,
 * Dry Run, built-in groups refused, a group with members kept unless the option says otherwise, and
 * the group picker and the Directory Cache seeing the change at once.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	callMethod,
	createFromItems,
	credentialFor,
	rl,
	runNode,
	useSimulator,
	writesOf,
} from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const groupOp = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'group',
	operation,
	...extra,
});
const create = (options: IDataObject = {}) =>
	groupOp('create', { name: '={{ $json.name }}', options });
const rename = (options: IDataObject = {}) =>
	groupOp('rename', {
		group: rl('name', '={{ $json.group }}'),
		name: '={{ $json.newName }}',
		options,
	});
const remove = (options: IDataObject = {}) =>
	groupOp('delete', { group: rl('name', '={{ $json.group }}'), options });
const customNames = () =>
	sim
		.groups()
		.filter((g) => g.groupType === 'CustomGroup')
		.map((g) => g.groupName)
		.sort();

describe('Group > Create', () => {
	test('creates in one request, confirms with one read, and a re-run is "exists" with no write', async () => {
		const items = [{ name: 'Contract Managers' }, { name: 'Procurement' }];
		const first = await runNode(sim, { items, parameters: create() });
		expect(first.error).toBeUndefined();
		expect(writesOf(sim).map((w) => `${w.method} ${w.path.split('/').pop()}`)).toEqual([
			'POST groups',
		]);
		const created = sim.groupByName('Contract Managers')!;
		expect(first.json[0]).toMatchObject({
			id: created.groupId,
			name: 'Contract Managers',
			action: 'create',
			changed: true,
			changes: { name: { before: null, after: 'Contract Managers' } },
		});
		expect(first.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		sim.clearLog();
		const again = await runNode(sim, {
			items: [{ name: 'contract managers' }],
			parameters: create(),
		});
		expect(again.error).toBeUndefined();
		expect(writesOf(sim)).toHaveLength(0);
		expect(again.json[0]).toMatchObject({
			id: created.groupId,
			name: 'Contract Managers',
			action: 'exists',
			changed: false,
		});
	});

	test('Dry Run shows the plan and writes nothing', async () => {
		const result = await runNode(sim, {
			items: [{ name: 'Auditors' }],
			parameters: create({ dryRun: true }),
		});
		expect(result.json[0]).toMatchObject({ name: 'Auditors', action: 'create', dryRun: true });
		expect(writesOf(sim)).toHaveLength(0);
		expect(sim.groupByName('Auditors')).toBeUndefined();
	});

	test('a built-in name and a repeated name fail their item only; nothing is sent for them', async () => {
		const result = await runNode(sim, {
			items: [{ name: 'Everyone' }, { name: 'Auditors' }, { name: 'AUDITORS' }, { name: 'a\nb' }],
			parameters: create(),
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(
			/"Group Name" is the name of the built-in group "Everyone" \[item 0\]/,
		);
		expect(result.json[1]).toMatchObject({ name: 'Auditors', action: 'create', changed: true });
		expect(result.json[2].error).toMatch(/same as in item 1 \[item 2\]/);
		expect(result.json[3].error).toMatch(/control character/);
		expect(sim.log.filter((e) => e.method === 'POST').map((e) => e.body)).toEqual([
			{ groups: [{ groupName: 'Auditors' }] },
		]);
	});
});

describe('Group > Rename', () => {
	test('renames; a re-run by the old name is unchanged; the picker and the cached directory see the new name', async () => {
		const credential = credentialFor(sim);
		// warm the Directory Cache with the old names
		const warm = await runNode(sim, {
			credential,
			items: [{ email: 'warm@acme.example', first: 'W', last: 'Arm', groups: 'Sales' }],
			parameters: createFromItems({ directoryCacheSeconds: 300 }),
		});
		expect(warm.error).toBeUndefined();
		const sales = sim.groupByName('Sales')!;

		const renamed = await runNode(sim, {
			credential,
			items: [{ group: 'Sales', newName: 'Revenue' }],
			parameters: rename(),
		});
		expect(renamed.error).toBeUndefined();
		expect(renamed.json[0]).toMatchObject({
			id: sales.groupId,
			name: 'Revenue',
			action: 'rename',
			changed: true,
			changes: { name: { before: 'Sales', after: 'Revenue' } },
		});
		expect(sim.groupById(sales.groupId)!.groupName).toBe('Revenue');

		sim.clearLog();
		const again = await runNode(sim, {
			credential,
			items: [{ group: 'Sales', newName: 'Revenue' }],
			parameters: rename(),
		});
		expect(again.json[0]).toMatchObject({ id: sales.groupId, action: 'rename', changed: false });
		expect(writesOf(sim)).toHaveLength(0);

		const picker = await callMethod<INodeListSearchResult>(sim, 'listSearch', 'searchCustomGroups');
		expect(picker.results.map((r) => r.name)).toContain('Revenue');
		expect(picker.results.map((r) => r.name)).not.toContain('Sales');

		// the new name resolves for the next write (which reads the groups it targets in its own run,
		// issue 23: a name renamed within the cache time must never reach another group)
		sim.clearLog();
		const next = await runNode(sim, {
			credential,
			items: [{ email: 'next@acme.example', first: 'N', last: 'Ext', groups: 'Revenue' }],
			parameters: createFromItems({ directoryCacheSeconds: 300 }),
		});
		expect(next.error).toBeUndefined();
		expect(sim.count({ method: 'GET', path: /\/groups$/ })).toBe(1);
		expect(sim.userGroupNames(sim.userByEmail('next@acme.example')!.userId)).toContain('Revenue');
	});

	test('built-in groups and a name another group has are refused with the parameter named', async () => {
		const result = await runNode(sim, {
			items: [
				{ group: 'Everyone', newName: 'All Staff' },
				{ group: 'Sales', newName: 'legal' },
			],
			parameters: rename(),
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(/"Group" is the built-in group "Everyone"/);
		expect(result.json[1].error).toMatch(/"New Name" "legal" is already the name of another group/);
		expect(writesOf(sim)).toHaveLength(0);
	});
});

describe('Group > Delete', () => {
	test('a group with members is refused unless Delete Even With Members; a group already gone is unchanged', async () => {
		const sales = sim.groupByName('Sales')!;
		expect(sim.groupMemberIds(sales.groupId).length).toBeGreaterThan(0);
		const kept = await runNode(sim, {
			items: [{ group: 'Sales' }],
			parameters: remove(),
			continueOnFail: true,
		});
		expect(kept.json[0].error).toMatch(/The group Sales .* still has members/);
		expect(writesOf(sim)).toHaveLength(0);

		const dry = await runNode(sim, {
			items: [{ group: 'Sales' }],
			parameters: remove({ deleteWithMembers: true, dryRun: true }),
		});
		expect(dry.json[0]).toMatchObject({ name: 'Sales', action: 'delete', dryRun: true });
		expect(writesOf(sim)).toHaveLength(0);

		const members = sim.groupMemberIds(sales.groupId);
		const deleted = await runNode(sim, {
			items: [{ group: 'Sales' }],
			parameters: remove({ deleteWithMembers: true }),
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.json[0]).toMatchObject({ id: sales.groupId, action: 'delete', changed: true });
		expect(customNames()).not.toContain('Sales');
		for (const id of members) expect(sim.userGroupNames(id)).not.toContain('Sales');

		sim.clearLog();
		const again = await runNode(sim, { items: [{ group: 'Sales' }], parameters: remove() });
		expect(again.json[0]).toMatchObject({ name: 'Sales', action: 'delete', changed: false });
		expect(writesOf(sim)).toHaveLength(0);
	});

	test('an empty group is deleted; built-in groups are refused', async () => {
		sim.addGroup('Temporary');
		const result = await runNode(sim, {
			items: [{ group: 'Temporary' }, { group: 'Administrators' }],
			parameters: remove(),
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ name: 'Temporary', action: 'delete', changed: true });
		expect(result.json[1].error).toMatch(/built-in group "Administrators"/);
		expect(customNames()).not.toContain('Temporary');
		expect(seedData.CUSTOM_GROUP_NAMES.every((n) => customNames().includes(n))).toBe(true);
	});
});
