/**
 * A group or a permission profile renamed in DocuSign inside the Directory Cache time (default 300 s).
 * A write must never be aimed at an object by a name it no longer carries, and the output names the
 * groups and the profile as DocuSign holds them when the write goes out.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import {
	adminChanges,
	createFromItems,
	credentialFor,
	customGroupsOf,
	joiner,
	rl,
	runNode,
	useSimulator,
} from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

async function execute(
	credential: ICredentialDataDecryptedObject,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
) {
	sim.clearLog();
	const result = await runNode(sim, { parameters, items, credential });
	expect(result.error).toBeUndefined();
	return result.json;
}

/** A joiner in Finance as an HR Sender: the two names the test renames. */
const FINANCE_HR = { role: 'HR Sender', groups: 'Finance' };

test('Create after "Finance" and "HR Sender" were renamed and their names given to others: the write goes to the objects that carry the names now', async () => {
	const credential = credentialFor(sim);
	// Fills the Directory Cache (300 s).
	await execute(credential, createFromItems({ directoryCacheSeconds: 300 }), [
		joiner(1, FINANCE_HR),
	]);
	const oldFinance = sim.groupByName('Finance')!.groupId;
	const oldHrSender = sim.profileByName('HR Sender')!.permissionProfileId;
	await adminChanges(sim, [
		{ rename: { group: 'Finance', to: 'Finance (archived)' } },
		{ rename: { profile: 'HR Sender', to: 'HR Sender (old)' } },
		{ rename: { profile: 'Legal Reviewer', to: 'HR Sender' } },
	]);
	const newFinance = sim.addGroup('Finance').groupId;
	const newHrSender = sim.profileByName('HR Sender')!.permissionProfileId;
	expect(newHrSender).not.toBe(oldHrSender);

	const [out] = await execute(credential, createFromItems({ directoryCacheSeconds: 300 }), [
		joiner(2, FINANCE_HR),
	]);
	const user = sim.userByEmail('joiner2@acme.example')!;
	expect(customGroupsOf(sim, user.userId)).toEqual(['Finance']);
	expect(user.groupIds.has(newFinance)).toBe(true);
	expect(user.groupIds.has(oldFinance)).toBe(false);
	expect(user.permissionProfileId).toBe(newHrSender);
	expect(out.groups).toEqual([{ id: newFinance, name: 'Finance' }]);
	expect(out.permissionProfile).toEqual({ id: newHrSender, name: 'HR Sender' });
});

test('Update by group ID after a rename: the output names the group as DocuSign calls it now', async () => {
	const credential = credentialFor(sim);
	const sofia = SEED_USERS.activeSalesEngineer;
	const legal = sim.groupByName('Legal')!.groupId;
	const update = (groups: string[]) => ({
		resource: 'user',
		operation: 'update',
		user: rl('id', sofia.userId),
		updateFields: {},
		groupMode: 'add',
		groups,
		requestSettings: { directoryCacheSeconds: 300 },
	});
	await execute(credential, update([sim.groupByName('Sales')!.groupId]));
	await adminChanges(sim, [{ rename: { group: legal, to: 'Legal & Compliance' } }]);

	const [out] = await execute(credential, update([legal]));
	expect(customGroupsOf(sim, sofia.userId)).toContain('Legal & Compliance');
	expect((out.changes as IDataObject).groups).toMatchObject({ added: ['Legal & Compliance'] });
	expect((out.groups as IDataObject[]).map((g) => g.name)).toContain('Legal & Compliance');
});

test('Group > Add Users by name after the name moved to another group: the member goes to the group that carries it now', async () => {
	const credential = credentialFor(sim);
	const sofia = SEED_USERS.activeSalesEngineer;
	const add = {
		resource: 'group',
		operation: 'addUsers',
		group: rl('name', 'Marketing'),
		user: rl('id', sofia.userId),
		requestSettings: { directoryCacheSeconds: 300 },
	};
	await execute(credential, { ...add, group: rl('name', 'Legal') });
	const oldMarketing = sim.groupByName('Marketing')!.groupId;
	await adminChanges(sim, [{ rename: { group: 'Marketing', to: 'Marketing (old)' } }]);
	const newMarketing = sim.addGroup('Marketing').groupId;

	await execute(credential, add);
	expect(sim.groupMemberIds(newMarketing)).toContain(sofia.userId);
	expect(sim.groupMemberIds(oldMarketing)).not.toContain(sofia.userId);
});
