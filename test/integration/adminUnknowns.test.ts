/**
 * DocuSign's undocumented answers on the Admin paths (issue 22): each is a simulator switch
 * (test/simulator/README.md), and the node must neither fail an item DocuSign served nor report
 * what DocuSign did not do.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DocuSignBehaviour, Simulator } from '../simulator';
import { seedData } from '../simulator';
import { credentialFor, runNode } from './harness';
import { createFromItems, rl, useSimulator } from './fixtures';

const { SEED_USERS, ORGANIZATION_ID } = seedData;
const ADMIN_SCOPE = 'signature extended user_read user_write';
const chris = SEED_USERS.closed;

let sim!: Simulator;
useSimulator((s) => (sim = s));
afterEach(() => sim.configure({ behaviour: DEFAULTS }));
const DEFAULTS: Partial<DocuSignBehaviour> = {
	adminMembershipId: 'listed',
	adminClosedMemberships: 'listed',
	adminCreateRefusal: '400',
	adminCreateStatus: 'active',
	adminCreateExisting: 'refused',
};

const adminCredential = () =>
	credentialFor(sim, {
		organizationAdminAccess: true,
		scope: ADMIN_SCOPE,
		oauthTokenData: sim.issueTokens({ scope: ADMIN_SCOPE }) as unknown as IDataObject,
	});
const management = () => sim.log.filter((e) => e.path.startsWith('/Management'));
const activate = (userId: string) => ({
	resource: 'user',
	operation: 'activate',
	user: rl('id', userId),
	options: {},
});
const joiner = (email: string) => ({
	email,
	first: 'Jo',
	last: email.split('@')[0],
	role: 'DocuSign Sender',
	groups: 'Sales',
});
const immediate = (extra: IDataObject = {}) =>
	createFromItems({ activation: 'immediate', ...extra });
const writes = () => sim.log.filter((e) => e.method !== 'GET');

describe('Admin reopen: where the membership ID comes from', () => {
	test('membership_id null in the organization list: taken from the profile, the user is reopened', async () => {
		sim.configure({ behaviour: { adminMembershipId: 'profileOnly' } });
		const membershipId = sim.userById(chris.userId)!.membershipId;
		const result = await runNode(sim, {
			parameters: activate(chris.userId),
			credential: adminCredential(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ action: 'activate', changed: true, via: 'admin' });
		expect(
			management()
				.filter((e) => e.method === 'POST')
				.map((e) => e.path),
		).toEqual([
			`/Management/v2/organizations/${ORGANIZATION_ID}/users/${chris.userId}/memberships/${membershipId}`,
		]);
		expect(sim.userById(chris.userId)!.status).toBe('Active');
	});

	test('no membership ID anywhere: the item fails clearly and nothing is written; the others carry on', async () => {
		sim.configure({ behaviour: { adminMembershipId: 'nowhere' } });
		const result = await runNode(sim, {
			items: [{ id: chris.userId }, { id: SEED_USERS.activeSalesEngineer.userId }],
			parameters: { ...activate('={{ $json.id }}') },
			credential: adminCredential(),
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(
			/DocuSign's Admin API names no membership ID for chris\.walker@acme\.example/,
		);
		expect(String(result.json[0].description)).toMatch(/Nothing was changed/);
		expect(result.json[1]).toMatchObject({ changed: false });
		expect(writes()).toEqual([]);
		expect(sim.userById(chris.userId)!.status).toBe('Closed');
	});

	test('closed memberships left out of the list by default: the lookup asks for them explicitly', async () => {
		sim.configure({ behaviour: { adminClosedMemberships: 'omitted' } });
		const result = await runNode(sim, {
			parameters: activate(chris.userId),
			credential: adminCredential(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ changed: true, via: 'admin' });
		const lookups = management().filter((e) => e.method === 'GET' && e.path.endsWith('/users'));
		expect(lookups.map((e) => e.query.membership_status)).toEqual(['closed']);
	});
});
