/**
 * Input and answer hygiene in n8n's engine against the simulator: bidi overrides and isolates and C1
 * controls are refused wherever C0 controls are; an error echoes at most about 100 characters of an
 * input; lengths are counted in UTF-16 units as DocuSign (a .NET service) and the simulator count
 * them; Get Many's Status filter is checked before any request; the account ID from userinfo must be
 * a GUID before it goes into a path.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { createFromItems, rl, runNode, useSimulator, writesOf } from '../support';

const { SEED_USERS } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const restCalls = () => sim.log.filter((e) => e.path.startsWith('/restapi'));

describe('invisible controls are refused like line breaks', () => {
	test.each([
		['a right-to-left override (U+202E)', 'Ann\u202Eevil'],
		['a left-to-right embedding (U+202A)', '\u202AAnn'],
		['a first-strong isolate (U+2068)', 'Ann\u2068'],
		['a pop directional isolate (U+2069)', 'A\u2069nn'],
		['a C1 control (U+0085, next line)', 'Ann\u0085Lee'],
		['a C1 control (U+009B, CSI)', 'Ann\u009B31m'],
	])('First Name with %s: a parameter error naming it, nothing written', async (_name, first) => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email: 'bidi@acme.example', first, last: 'Lee' }],
		});
		expect(result.error?.message).toMatch(
			/^The parameter "First Name" contains an? (bidirectional )?control character/,
		);
		expect(writesOf(sim)).toEqual([]);
	});

	test('Notify Delete: a reason with a bidi override is a parameter error, nothing written', async () => {
		const result = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'notifyDelete',
				user: rl('id', SEED_USERS.activeSalesEngineer.userId),
				options: { reason: 'Left the company \u202Egnp.exe', recipients: 'it@acme.example' },
			},
		});
		expect(result.error?.message).toContain('The parameter "Options > Reason" contains');
		expect(writesOf(sim)).toEqual([]);
	});
});

test('an error echoes at most about 100 characters of the input', async () => {
	const email = `${'a'.repeat(5000)}@acme.example`;
	const result = await runNode(sim, {
		parameters: createFromItems(),
		items: [{ email, first: 'A', last: 'B' }],
	});
	expect(result.error?.message).toMatch(/^The parameter "Email"/);
	expect(result.error!.message.length).toBeLessThan(250);
	expect(String(result.error?.description ?? '').length).toBeLessThan(400);
	expect(writesOf(sim)).toEqual([]);
});

describe('lengths as DocuSign counts them (UTF-16 units)', () => {
	test('26 emoji are 52 units: over 50, refused by the node before anything is sent', async () => {
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email: 'emoji@acme.example', first: '😀'.repeat(26), last: 'B' }],
		});
		expect(result.error?.message).toContain(
			'The parameter "First Name" is 52 characters long, over DocuSign\'s limit of 50',
		);
		expect(writesOf(sim)).toEqual([]);
	});

	test('24 emoji are 48 units (the user name with " B" 50): DocuSign takes them, and so does the node', async () => {
		const first = '😀'.repeat(24);
		const result = await runNode(sim, {
			parameters: createFromItems(),
			items: [{ email: 'emoji24@acme.example', first, last: 'B' }],
		});
		expect(result.error).toBeUndefined();
		expect(sim.userByEmail('emoji24@acme.example')?.firstName).toBe(first);
	});
});

test('Get Many: a Status filter DocuSign does not know is a parameter error before any request', async () => {
	const result = await runNode(sim, {
		parameters: {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['Active', 'Bogus'] },
		},
	});
	expect(result.error?.message).toMatch(/^The parameter "Filters > Status" .*"Bogus"/);
	expect(result.error?.description).toContain('ActivationSent');
	expect(restCalls()).toEqual([]);
});

test('the default account ID from userinfo must be a GUID before it goes into a path', async () => {
	const userinfo = (await (
		await fetch(`${sim.baseUrl}/oauth/userinfo`, {
			headers: { authorization: `Bearer ${sim.issueTokens().access_token}` },
		})
	).json()) as IDataObject;
	const accounts = (userinfo.accounts as IDataObject[]).map((a) =>
		a.is_default ? { ...a, account_id: '../../../oauth/token?x=' } : a,
	);
	sim.clearLog();
	sim.addFault({
		method: 'GET',
		path: '^/oauth/userinfo$',
		action: { status: 200, body: { ...userinfo, accounts } },
	});
	const result = await runNode(sim, {
		parameters: { resource: 'user', operation: 'get', user: rl('email', SEED_USERS.pending.email) },
	});
	expect(result.error?.message).toMatch(/not a GUID/);
	expect(restCalls()).toEqual([]);
	expect(sim.log.filter((e) => e.path !== '/oauth/userinfo')).toEqual([]);
});
