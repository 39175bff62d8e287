/**
 * Failures are classified from their structure, never from words in them. `invalid_grant` means a
 * refused refresh only as the token endpoint's `error` field: a DocuSign API answer that mentions the
 * word is DocuSign's answer (sent once, reported as such). An exception inside n8n or the node is not
 * a network failure: no retry, no "outcome unknown", a message that says what failed.
 */
import type { Simulator } from '../simulator';
import { createFromItems, credentialFor, runNode, useSimulator, writesOf } from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

const joiner = { email: 'word@acme.example', first: 'Wor', last: 'D', groups: '' };

test('a DocuSign 400 whose message mentions invalid_grant is DocuSign’s answer: one POST, no "reconnect"', async () => {
	sim.addFault({
		method: 'POST',
		path: '/users$',
		action: {
			status: 400,
			body: {
				errorCode: 'INVALID_REQUEST_PARAMETER',
				message: 'The request contained invalid_grant in the userSettings.',
			},
		},
	});
	const result = await runNode(sim, { items: [joiner], parameters: createFromItems() });
	expect(result.error?.message).not.toMatch(/reconnect/i);
	expect(result.error?.message).toContain('INVALID_REQUEST_PARAMETER');
	expect(writesOf(sim).filter((e) => e.method === 'POST')).toHaveLength(1);
});

test('an exception inside n8n (an OAuth2 credential that was never connected) is not a network failure: no request, no retry, a message that says what failed', async () => {
	const credential = credentialFor(sim);
	delete credential.oauthTokenData;
	const started = Date.now();
	const result = await runNode(sim, { items: [joiner], parameters: createFromItems(), credential });
	expect(result.error?.message).toMatch(/^The node failed before DocuSign answered/);
	expect(result.error?.message).not.toMatch(/connection|ECONNRESET|may or may not/i);
	expect(sim.log.filter((e) => e.path.startsWith('/restapi'))).toEqual([]);
	// No back-off retries (three of them took seconds before).
	expect(Date.now() - started).toBeLessThan(1500);
});
