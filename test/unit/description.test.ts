/** What a person (and a model) sees in the editor: the node description, checked as data. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DocuSign } from '../../nodes/DocuSign/DocuSign.node';
import { DocuSignTrigger } from '../../nodes/DocuSign/DocuSignTrigger.node';
import codex from '../../nodes/DocuSign/DocuSign.node.json';

const description = new DocuSign().description;
const properties = description.properties;
const shownFor = (resource: string, operation: string) =>
	properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
const operationsOf = (resource: string) =>
	properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	)!.options as INodePropertyOptions[];

test('no field relies on a hint: n8n hides hints while a field is an expression', () => {
	expect(properties.filter((p) => p.hint).map((p) => p.name)).toEqual([]);
	const groupFields = properties.filter((p) => p.name === 'groups');
	expect(groupFields.length).toBeGreaterThan(0);
	for (const field of groupFields) expect(field.description).toMatch(/group names work too/);
	const profile = properties.find((p) => p.name === 'permissionProfile')!;
	expect(profile.description).toMatch(/profile name works too/);
});

test('membership changes pick from custom groups only; reads may pick any group', () => {
	const picker = (operation: string) =>
		(
			shownFor('group', operation)
				.find((p) => p.name === 'group')!
				.modes!.find((m) => m.name === 'list')!.typeOptions as { searchListMethod: string }
		).searchListMethod;
	expect(picker('addUsers')).toBe('searchCustomGroups');
	expect(picker('removeUsers')).toBe('searchCustomGroups');
	expect(picker('getMembers')).toBe('searchGroups');
	for (const field of properties.filter((p) => p.name === 'groups' && p.type === 'multiOptions'))
		expect(field.typeOptions?.loadOptionsMethod).toBe('getCustomGroups');
});

test('every From List mode has a placeholder', () => {
	const lists = properties.flatMap((p) => p.modes ?? []).filter((m) => m.type === 'list');
	expect(lists.length).toBeGreaterThan(0);
	for (const mode of lists) expect(mode.placeholder).toMatch(/^Select an? .*…$/);
});

test.each([
	['user', 'get'],
	['user', 'getAll'],
	['group', 'getAll'],
	['group', 'getMembers'],
	['permissionProfile', 'getAll'],
])(
	'%s > %s has Request Settings whose bounds are the ones each run checks',
	(resource, operation) => {
		const settings = shownFor(resource, operation).find((p) => p.name === 'requestSettings');
		const options = (settings?.options ?? []) as INodeProperties[];
		const bounds = Object.fromEntries(
			options.map((o) => [o.name, [o.typeOptions?.minValue, o.typeOptions?.maxValue, o.default]]),
		);
		expect(bounds).toEqual({ maxWaitSeconds: [0, 3600, 300], timeoutSeconds: [1, 600, 60] });
	},
);

test('write options: what the write does in Options, how it talks to DocuSign in Request Settings, both sorted', () => {
	const collections = properties.filter(
		(p) => p.name === 'options' || p.name === 'requestSettings',
	);
	expect(collections.length).toBeGreaterThan(0);
	for (const collection of collections) {
		const names = (collection.options as INodeProperties[]).map((o) => o.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const plumbing = names.filter((n) =>
			['Batch Size', 'Max Rate-Limit Wait (Seconds)', 'Timeout (Seconds)'].includes(n),
		);
		// Reads have no Batch Size (they send no batches); writes and reads have the other two.
		if (collection.name === 'requestSettings')
			expect(plumbing).toEqual(
				expect.arrayContaining(['Max Rate-Limit Wait (Seconds)', 'Timeout (Seconds)']),
			);
		else expect(plumbing).toEqual([]);
	}
	const notifyDelete = shownFor('user', 'notifyDelete').find((p) => p.name === 'options')!
		.options as INodeProperties[];
	expect(notifyDelete.map((o) => o.displayName)).toEqual([
		'Close User First',
		'Dry Run',
		'Reason',
		'Recipients',
	]);
});

test('operation texts say what happens: Reactivate reopens, Close closes, Request Deletion sends nothing itself', () => {
	const user = Object.fromEntries(operationsOf('user').map((o) => [o.value, o]));
	expect(user.activate.name).toBe('Reactivate');
	expect(user.activate.description).toMatch(/Reopen a closed membership/);
	expect(user.suspend.name).toBe('Close');
	expect(user.suspend.description).toMatch(/Deactivate.*status Closed.*reversible with Reactivate/);
	expect(user.notifyDelete.name).toBe('Request Deletion');
	expect(user.notifyDelete.description).toMatch(/sends nothing itself/);
	expect(user.notifyDelete.action).toBe('Close a user and request its deletion');
	const group = Object.fromEntries(operationsOf('group').map((o) => [o.value, o.name]));
	expect(group).toMatchObject({
		addUsers: 'Add User to Group',
		removeUsers: 'Remove User From Group',
	});
});

test('names people search for: display names say user management, aliases cover what admins type', () => {
	expect(description.displayName).toBe('DocuSign User Management');
	const trigger = new DocuSignTrigger().description;
	expect(trigger.displayName).toBe('DocuSign User Management Trigger');
	// The nodes panel shows one entry for both nodes, with the trigger's description: it must name both roles.
	expect(trigger.description).toMatch(/Administer DocuSign eSignature users.*start workflows/);
	expect(description.description).not.toBe(trigger.description);
	const aliases = codex.alias.map((a: string) => a.toLowerCase());
	for (const word of ['close', 'deactivate', 'offboard', 'license', 'onboarding'])
		expect(aliases).toContain(word);
});

test('as a tool: Group and Permission Profile Get Many offer Limit (10), as in workflows (50)', () => {
	for (const resource of ['group', 'permissionProfile']) {
		const limits = shownFor(resource, 'getAll').filter((p) => p.name === 'limit');
		expect(limits.map((l) => [l.default, l.displayOptions?.show?.['@tool']])).toEqual([
			[50, [false]],
			[10, [true]],
		]);
	}
});

test('editor bounds match the runtime: Max Rate-Limit Wait 0–3600, Timeout 1–600, Batch Size 1–500, Directory Cache 0–3600', () => {
	const settings = (
		shownFor('user', 'create').find((p) => p.name === 'requestSettings')!
			.options as INodeProperties[]
	).map((o) => [o.name, o.typeOptions?.minValue, o.typeOptions?.maxValue]);
	expect(settings).toEqual([
		['batchSize', 1, 500],
		['directoryCacheSeconds', 0, 3600],
		['maxWaitSeconds', 0, 3600],
		['timeoutSeconds', 1, 600],
	]);
});

test('as a tool: Limit 10 and an Output choice on Get Many and Get Members; Simplify in workflows', () => {
	for (const [resource, operation] of [
		['user', 'getAll'],
		['group', 'getMembers'],
	]) {
		const fields = shownFor(resource, operation);
		const limits = fields.filter((p) => p.name === 'limit');
		expect(limits.map((l) => [l.default, l.displayOptions?.show?.['@tool']])).toEqual([
			[50, [false]],
			[10, [true]],
		]);
		const output = fields.find((p) => p.name === 'output')!;
		expect(output.displayOptions?.show?.['@tool']).toEqual([true]);
		expect((output.options as INodePropertyOptions[]).map((o) => o.name)).toEqual([
			'Simplified',
			'Raw',
			'Selected Fields',
		]);
		expect(fields.find((p) => p.name === 'simplify')!.displayOptions?.show?.['@tool']).toEqual([
			false,
		]);
	}
});

test("codex as n8n's identity nodes have it: no HITL, no empty subcategories, no SCIM alias; subtitle readable", () => {
	expect(codex.categories).toEqual(['Development', 'Developer Tools']);
	expect('subcategories' in codex).toBe(false);
	expect(codex.alias.map((a: string) => a.toLowerCase())).not.toContain('scim');
	expect(description.usableAsTool).toBe(true);
	const subtitle = new Function(
		'$parameter',
		`return ${description.subtitle!.replace(/^=\{\{|\}\}$/g, '')}`,
	) as (p: Record<string, string>) => string;
	expect(subtitle({ resource: 'user', operation: 'upsert' })).toBe('Create or Update: User');
	expect(subtitle({ resource: 'group', operation: 'getMembers' })).toBe('Get Members: Group');
	for (const resource of ['user', 'group', 'permissionProfile']) {
		for (const { value } of operationsOf(resource))
			expect(subtitle({ resource, operation: String(value) })).not.toMatch(/undefined/);
	}
});

/** Every property, nested collections included. */
function allProperties(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((p) => [
		p,
		...allProperties(
			((p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap((o) =>
				'type' in o ? [o as INodeProperties] : 'values' in o && o.values ? o.values : [],
			),
		),
	]);
}

test('a dropdown that also takes names (profiles, groups) is not flagged by the editor when a name is mapped', () => {
	// n8n's editor checks an options / multiOptions value against the loaded options (IDs) and marks anything else
	// "not supported", unless the property allows arbitrary values (n8n 1.x and 2.x editors).
	const dropdowns = [
		...allProperties(properties),
		...allProperties(new DocuSignTrigger().description.properties),
	].filter((p) => p.typeOptions?.loadOptionsMethod);
	expect(dropdowns.map((p) => p.name).sort()).toEqual(
		expect.arrayContaining(['groups', 'permissionProfile']),
	);
	expect(dropdowns.length).toBeGreaterThanOrEqual(6);
	for (const field of dropdowns) {
		expect(field.allowArbitraryValues).toBe(true);
		expect(field.description).toMatch(/names? works? too/);
	}
});
