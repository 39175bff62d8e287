/**
 * Failures of the whole account are not one item's: an Account ID DocuSign does not know for this
 * user, or an hourly API limit used up past Max Rate-Limit Wait. They fail the run, say so, and name
 * no item (no "[item 0]"). Under Continue On Fail n8n turns any thrown error into an output item, so
 * there every item carries the same account error, untagged, and nothing more is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { createFromItems, credentialFor, rl, runNode, useSimulator, writesOf } from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const joiners: IDataObject[] = [1, 2].map((n) => ({
	email: `wide${n}@acme.example`,
	first: `Wide${n}`,
	last: 'Joiner',
}));
const getUser = {
	resource: 'user',
	operation: 'get',
	user: rl('email', '={{ $json.email }}'),
};

describe.each([false, true])('Continue On Fail %s', (continueOnFail) => {
	/** The run fails naming no item; under Continue On Fail every item carries that same error. */
	const expectAccountFailure = (result: Awaited<ReturnType<typeof runNode>>, message: RegExp) => {
		const errors = continueOnFail
			? result.json.map((j) => ({ message: String(j.error), description: j.description }))
			: [result.error!];
		expect(errors).toHaveLength(continueOnFail ? joiners.length : 1);
		if (continueOnFail)
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const error of errors) {
			expect(error.message).toMatch(message);
			expect(error.message).not.toMatch(/\[item \d+\]/);
			expect(String(error.description)).toContain('whole DocuSign account, not one item');
		}
	};

	test('an Account ID this user has no access to: the run fails naming the accounts, no item', async () => {
		const result = await runNode(sim, {
			items: joiners,
			parameters: createFromItems(),
			credential: credentialFor(sim, { accountId: '0f0e0d0c-0b0a-4908-8706-050403020100' }),
			continueOnFail,
		});
		expectAccountFailure(result, /0f0e0d0c-0b0a-4908-8706-050403020100/);
		expect(writesOf(sim)).toEqual([]);
	});

	test('the hourly API limit used up past Max Rate-Limit Wait: the run fails saying until when, no item', async () => {
		sim.addFault({
			method: 'GET',
			path: '/users$',
			times: 100,
			action: {
				status: 429,
				errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
				headers: { 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 3600) },
			},
		});
		const result = await runNode(sim, {
			items: joiners,
			parameters: getUser,
			continueOnFail,
		});
		expectAccountFailure(result, /hourly API limit for this account is used up until .*Z$/);
	});
});
