/** The contract check covers the Admin API too (test/contract/admin-users-subset.json): it catches what it exists to catch. */
import { ContractChecker } from '../contract/openapi';

const ORG = '/Management/v2/organizations/6a1b2c3d-0000-4000-8000-000000000001';

describe('Admin API contract', () => {
	test('a NewUserRequest with a profile ID as text, or a misspelt field, is a violation; a correct one is not', () => {
		const checker = new ContractChecker();
		const good = {
			email: 'a@acme.example',
			auto_activate_memberships: true,
			accounts: [{ id: 'x', permission_profile: { id: 12 }, groups: [{ id: 3 }] }],
		};
		expect(
			checker.checkRequest({ method: 'POST', path: `${ORG}/users`, query: {}, body: good }),
		).toEqual([]);
		const bad = {
			...good,
			auto_activate: true,
			accounts: [{ id: 'x', permission_profile: { id: '12' } }],
		};
		expect(
			checker
				.checkRequest({ method: 'POST', path: `${ORG}/users`, query: {}, body: bad })
				.map((v) => v.problem),
		).toEqual([
			'body.accounts[0].permission_profile.id is a string ("12"), the spec says integer',
			"body.auto_activate is not a field of the spec's object",
		]);
	});

	test('answers: paging numbers, membership_id, and the Admin error body on an undeclared status', () => {
		const checker = new ContractChecker();
		const list = {
			method: 'GET',
			path: `${ORG}/users`,
			query: { email: 'a@acme.example', start: '0', take: '100' },
			body: undefined,
		};
		expect(checker.checkRequest(list)).toEqual([]);
		expect(
			checker.checkResponse(list, 200, {
				users: [{ id: 'u', membership_id: 'm', membership_status: 'closed' }],
				paging: { total_set_size: 1 },
			}),
		).toEqual([]);
		expect(
			checker.checkResponse(list, 200, { paging: { total_set_size: '1' } }).map((v) => v.problem),
		).toEqual(['200: body.paging.total_set_size is a string ("1"), the spec says integer']);
		expect(
			checker.checkResponse(list, 403, { error: 'insufficient_scope', error_description: 'no' }),
		).toEqual([]);
		expect(checker.checkResponse(list, 403, { errorCode: 'X' }).length).toBe(1);
		expect(
			checker.checkRequest({
				method: 'GET',
				path: `${ORG}/users`,
				query: { start_position: '0' },
				body: undefined,
			}).length,
		).toBe(1);
	});
});
