/**
 * The node's length limits and the simulator's agree field by field (issue 11, finding 6): a value the node lets
 * through is one the simulator accepts, one more character is refused by both.
 */
import { fieldOf, FIELD_ROWS } from '../../nodes/DocuSign/users/fields';
import { checkName } from '../../nodes/DocuSign/users/validate';
import { Simulator, startSimulator } from '../simulator';
import { TEXT_MAX_LENGTHS } from '../simulator/state';

/** Every name-like row of users/fields.ts (Email has its own check). */
const NODE_LIMITS = Object.fromEntries(
	FIELD_ROWS.filter((f) => !f.email).map((f) => [f.key, f.maxLength]),
);

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());

const create = async (fields: Record<string, string>) => {
	const response = await fetch(
		`${sim.baseUrl}/restapi/v2.1/accounts/${sim.defaultAccountId}/users`,
		{
			method: 'POST',
			headers: {
				authorization: `Bearer ${sim.issueTokens().access_token}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				newUsers: [
					{
						userName: 'Limit Test',
						email: `limit.${Object.keys(fields)[0]}.${Object.values(fields)[0].length}@acme.example`,
						...fields,
					},
				],
			}),
		},
	);
	return (await response.json()) as { newUsers: Array<{ errorDetails?: { errorCode: string } }> };
};

describe.each(Object.entries(NODE_LIMITS))('%s', (field, nodeMax) => {
	it(`is limited to ${nodeMax} characters by the node and by the simulator alike`, async () => {
		expect(TEXT_MAX_LENGTHS[field as keyof typeof TEXT_MAX_LENGTHS]).toBe(nodeMax);
		expect(checkName('x'.repeat(nodeMax), nodeMax, false)).toEqual({ value: 'x'.repeat(nodeMax) });
		expect(checkName('x'.repeat(nodeMax + 1), nodeMax, false)).toHaveProperty('problem');
		expect(
			(await create({ [field]: 'x'.repeat(nodeMax) })).newUsers[0].errorDetails,
		).toBeUndefined();
		expect(
			(await create({ [field]: 'x'.repeat(nodeMax + 1) })).newUsers[0].errorDetails?.errorCode,
		).toBe('INVALID_USER_NAME_LENGTH');
	});
});

it.each(['firstName', 'middleName', 'lastName', 'suffixName'] as const)(
	'the documented name limit of %s is 50 (spec: "Maximum Length: 50 characters" / "Limit: 50 characters")',
	(key) => {
		expect(fieldOf(key).maxLength).toBe(50);
	},
);
