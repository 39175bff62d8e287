/**
 * End-to-end: the built package (dist/) installed into a REAL n8n, 1.x (Node 20) and 2.x (Node 24), running
 * the example workflows from examples/ against the DocuSign simulator (in this process).
 *
 *   npm run build && bash test/e2e/install-n8n.sh all
 *   npx jest -c test/e2e/jest.e2e.config.js                  # N8N_E2E_VERSIONS=v2 for one version
 *
 * Per version: one n8n user folder, one simulator; the tests of a version run in order and build on each
 * other's state (joiner -> mover -> leaver -> roster sync), like the lifecycle they show.
 */
import { startSimulator, type Simulator } from '../simulator';
import {
	createInstance,
	outputOf,
	type ExecuteResult,
	type N8nInstance,
	type N8nVersion,
} from './lib/n8n';
import { startScriptedModel, type ScriptedModel } from './lib/scriptedModel';
import { startSmtpSink, type SmtpSink } from './lib/smtpSink';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { seedData } from '../simulator';
import {
	DOCUSIGN_CREDENTIAL,
	DOCUSIGN_JWT_CREDENTIAL,
	docuSignCredentialData,
	docuSignJwtCredentialData,
	exampleWorkflows,
	importExamples,
	pinnedSample,
	ROOT,
	WORKFLOWS as WF,
	withJwtCredential,
} from './lib/workspace';

const VERSIONS = (process.env.N8N_E2E_VERSIONS ?? 'v1,v2')
	.split(',')
	.map((v) => v.trim()) as N8nVersion[];

const NODE_TYPE = 'n8n-nodes-docusign-users.docuSign';
const CRED_TYPE = DOCUSIGN_CREDENTIAL.type;
const CRED_ID = DOCUSIGN_CREDENTIAL.id; // the id the example workflows reference
const examples = exampleWorkflows();

test('every example workflow has an e2e test below', () => {
	const covered = new Set(Object.values(WF));
	for (const { file, workflow } of examples)
		expect({ file, covered: covered.has(workflow.id) }).toEqual({ file, covered: true });
});

/**
 * The roster example as the e2e runs it: the schedule trigger becomes a manual trigger of the same name
 * (the CLI runs a workflow from its manual trigger), and the HR system's CSV URL points at `csvUrl`.
 * Everything else is the example as shipped.
 */
function runnableRoster(csvUrl: string): Record<string, any> {
	const roster = structuredClone(examples.find((e) => e.workflow.id === WF.roster)!.workflow);
	for (const node of roster.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.type = 'n8n-nodes-base.manualTrigger';
			node.typeVersion = 1;
			node.parameters = {};
		}
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = csvUrl;
	}
	return roster;
}

/**
 * The license-reclamation example as the e2e runs it: a manual trigger instead of the schedule, and the
 * e-mail approval (n8n's Send and Wait, which needs a person to click) replaced by its approved answer,
 * so the run goes on to the suspension. Everything else is the example as shipped.
 */
function approvedReclamation(): Record<string, any> {
	const workflow = structuredClone(examples.find((e) => e.workflow.id === WF.dormant)!.workflow);
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.type = 'n8n-nodes-base.manualTrigger';
			node.typeVersion = 1;
			node.parameters = {};
		}
		if (node.name === 'Ask IT for Approval') {
			node.type = 'n8n-nodes-base.set';
			node.typeVersion = 3.4;
			node.parameters = {
				mode: 'raw',
				jsonOutput: '{ "data": { "approved": true } }',
				options: {},
			};
			delete node.credentials;
			delete node.webhookId;
		}
	}
	return workflow;
}

const csvCell = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;

describe.each(VERSIONS)('real n8n %s', (version) => {
	let sim: Simulator;
	let smtp: SmtpSink;
	let model: ScriptedModel;
	let n8n: N8nInstance;
	let imported: { access_token: string; refresh_token: string };
	/** The HR system's nightly export the roster example downloads. */
	let hr: Server;
	let hrCsv = '';

	const tokenRequests = () =>
		sim.log.filter((e) => e.method === 'POST' && e.path === '/oauth/token');
	const profileName = (id: string) =>
		[
			'Account Administrator',
			'DocuSign Sender',
			'DocuSign Viewer',
			'HR Sender',
			'Legal Reviewer',
		].find((n) => sim.profileByName(n)?.permissionProfileId === id);
	const customGroups = (email: string) =>
		sim
			.userGroupNames(sim.userByEmail(email)!.userId)
			.filter((g) => g !== 'Everyone' && g !== 'Administrators')
			.sort();
	const storedTokens = async () =>
		(await n8n.exportCredential(CRED_ID)).oauthTokenData as {
			access_token: string;
			refresh_token: string;
		};

	async function adminChanges(changes: unknown[]): Promise<void> {
		const response = await fetch(`${sim.baseUrl}/__control/admin-changes`, {
			method: 'POST',
			body: JSON.stringify({ changes }),
		});
		if (response.status !== 200)
			throw new Error(`admin-changes: ${response.status} ${await response.text()}`);
	}

	async function run(workflowId: string): Promise<ExecuteResult> {
		sim.clearLog();
		const result = await n8n.execute(workflowId);
		if (result.status !== 'success')
			throw new Error(`${workflowId} ended with ${result.status}: ${JSON.stringify(result.error)}`);
		return result;
	}

	beforeAll(async () => {
		sim = await startSimulator();
		smtp = await startSmtpSink();
		model = await startScriptedModel();
		n8n = await createInstance({ version, packageDir: ROOT });
		// the run starts with an access token that has already expired: n8n must refresh it
		const tokens = sim.issueTokens({ expiresInSec: 0 });
		imported = tokens;
		await importExamples(n8n, sim, smtp, tokens, model.url);
		hr = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/csv' });
			res.end(hrCsv);
		});
		await new Promise<void>((resolve) => hr.listen(0, '127.0.0.1', resolve));
		const hrUrl = `http://127.0.0.1:${(hr.address() as AddressInfo).port}/exports/docusign-roster.csv`;
		await n8n.importWorkflows([runnableRoster(hrUrl)]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.close();
		await smtp?.close();
		await model?.close();
		await new Promise((resolve) => hr?.close(resolve));
	});

	test('joiner, starting with an expired access token: n8n refreshes it once, persists it, creates and updates users', async () => {
		const result = await run(WF.joiner);

		// OAuth: the first call is refused, n8n refreshes with HTTP Basic client auth, then carries on
		expect(sim.log[0]).toMatchObject({ method: 'GET', path: '/oauth/userinfo', status: 401 });
		expect(tokenRequests()).toHaveLength(1);
		expect(tokenRequests()[0]).toMatchObject({ status: 200, authorization: 'basic' });
		const stored = await storedTokens();
		expect(stored.access_token).not.toBe(imported.access_token);
		expect(stored.refresh_token).not.toBe(imported.refresh_token); // rotated
		expect(sim.tokens.isAccessTokenValid(stored.access_token)).toBe(true);

		const out = outputOf(result, 'Create or Update DocuSign User');
		expect(out.map((u) => [u.email, u.action, u.changed])).toEqual([
			['grace.hopper@acme.example', 'create', true],
			['alan.kay@acme.example', 'create', true],
			['sofia.martinez@acme.example', 'update', true],
		]);
		const grace = sim.userByEmail('grace.hopper@acme.example')!;
		expect(grace).toMatchObject({
			status: 'ActivationSent',
			firstName: 'Grace',
			middleName: 'Brewster',
			lastName: 'Hopper',
			suffixName: 'PhD',
			jobTitle: 'Staff Engineer',
			company: 'Acme Corporation',
		});
		expect(profileName(grace.permissionProfileId)).toBe('DocuSign Sender');
		expect(customGroups('grace.hopper@acme.example')).toEqual(['Engineering']);
		const alan = sim.userByEmail('alan.kay@acme.example')!;
		expect(alan).toMatchObject({ middleName: 'Curtis', suffixName: '' });
		expect(out[0]).toMatchObject({ middleName: 'Brewster', suffixName: 'PhD' });
		expect(profileName(alan.permissionProfileId)).toBe('DocuSign Viewer');
		expect(customGroups('alan.kay@acme.example')).toEqual(['Marketing', 'Sales']);
		// existing user: groups are added (merge), job title updated
		expect(customGroups('sofia.martinez@acme.example')).toEqual(['Engineering', 'Legal', 'Sales']);
		expect(sim.userByEmail('sofia.martinez@acme.example')!.jobTitle).toBe('Solutions Engineer');
	});

	test('joiner again: nothing to do, no duplicates, no writes, the persisted token is reused', async () => {
		const usersBefore = sim.users().length;
		const result = await run(WF.joiner);
		expect(
			outputOf(result, 'Create or Update DocuSign User').map((u) => [u.email, u.changed]),
		).toEqual([
			['grace.hopper@acme.example', false],
			['alan.kay@acme.example', false],
			['sofia.martinez@acme.example', false],
		]);
		expect(sim.users().length).toBe(usersBefore);
		expect(sim.writeCount()).toBe(0);
		expect(tokenRequests()).toHaveLength(0);
		expect(sim.count({ status: 401 })).toBe(0);
	});

	test("joiner through its real source: the activated workflow's webhook takes an HR system's new-hire payload", async () => {
		const joiner = examples.find((e) => e.workflow.id === WF.joiner)!.workflow;
		const hook = joiner.nodes.find((n: any) => n.type === 'n8n-nodes-base.webhook');
		// the HR system's payload the webhook has pinned as its sample, for one more hire
		const sample = pinnedSample(joiner)!.body;
		const ada = {
			...sample.employees[0],
			email: 'ada.lovelace@acme.example',
			firstName: 'Ada',
			lastName: 'Lovelace',
		};
		await n8n.activate(WF.joiner);
		const server = await n8n.start();
		try {
			const response = await fetch(`${server.url}/webhook/${hook.parameters.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ...sample, employees: [ada] }),
			});
			expect(response.status).toBe(200);
			for (const deadline = Date.now() + 60_000; !sim.userByEmail(ada.email); ) {
				if (Date.now() > deadline) throw new Error('the webhook run created no user');
				await new Promise((r) => setTimeout(r, 500));
			}
			expect(sim.userByEmail(ada.email)).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
			expect(customGroups(ada.email)).toEqual(['Engineering']);
		} finally {
			await server.stop();
		}
	});

	test('mover: groups replaced, new profile and title, the output lists every change', async () => {
		const result = await run(WF.mover);
		const [sofia] = outputOf(result, 'Move DocuSign User');
		expect(sofia).toMatchObject({
			email: 'sofia.martinez@acme.example',
			action: 'update',
			changed: true,
			jobTitle: 'Finance Partner',
			permissionProfile: { name: 'HR Sender' },
		});
		expect(sofia.changes.jobTitle).toEqual({
			before: 'Solutions Engineer',
			after: 'Finance Partner',
		});
		expect(sofia.changes.permissionProfile).toEqual({
			before: 'DocuSign Sender',
			after: 'HR Sender',
		});
		expect(sofia.changes.groups.added).toEqual(['Finance']);
		expect([...sofia.changes.groups.removed].sort()).toEqual(['Engineering', 'Legal', 'Sales']);

		const user = sim.userByEmail('sofia.martinez@acme.example')!;
		expect(customGroups(user.email)).toEqual(['Finance']);
		expect(profileName(user.permissionProfileId)).toBe('HR Sender');
		expect(user.jobTitle).toBe('Finance Partner');
	});

	test('leaver: one close (no double suspend), deletion request, e-mail to the administrators over SMTP', async () => {
		const result = await run(WF.leaver);
		expect(sim.userByEmail('liam.brennan@acme.example')!.status).toBe('Closed');
		// the membership is closed exactly once: one DELETE /users, and no other write
		const writes = sim.log.filter(
			(e) => ['POST', 'PUT', 'DELETE'].includes(e.method) && e.path.startsWith('/restapi'),
		);
		expect(writes.map((e) => `${e.method} ${e.path.replace(/^.*\/accounts\/[^/]+/, '')}`)).toEqual([
			'DELETE /users',
		]);

		const [request] = outputOf(result, 'Close and Request Deletion');
		expect(request).toMatchObject({
			action: 'notifyDelete',
			changed: true,
			status: 'Closed',
			changes: { status: { before: 'Active', after: 'Closed' } },
		});
		expect(request.erasurePossibleFrom).toEqual(expect.any(String));
		const admins = sim
			.users()
			.filter(
				(u) =>
					u.status === 'Active' && profileName(u.permissionProfileId) === 'Account Administrator',
			)
			.map((u) => u.email)
			.sort();
		expect([...request.recipients].sort()).toEqual(admins);
		expect(request).toMatchObject({
			action: 'notifyDelete',
			suspended: true,
			to: request.recipients.join(', '),
		});
		expect(request.reason).toContain('2026-11-30');
		expect(request.reason).toContain('HR-4711');

		expect(smtp.messages).toHaveLength(1);
		const [mail] = smtp.messages;
		expect(mail.from).toBe('it-automation@acme.example');
		expect([...mail.to].sort()).toEqual(admins);
		expect(mail.headers.subject).toBe(request.subject);
		expect(mail.headers.subject).toContain('liam.brennan@acme.example');
		expect(mail.data).toContain('HR-4711');
	});

	test('leaver: a leaver DocuSign does not know leaves the Request Deletion node through its error output, with the advice, to Needs Attention', async () => {
		const result = await run(WF.leaver);
		// n8n itself routed the failed item: it is on the error output's branch, not on the success one.
		const requested = outputOf(result, 'Close and Request Deletion');
		expect(requested.map((u) => [u.email, u.changed])).toEqual([
			['liam.brennan@acme.example', false],
		]); // already closed: nothing sent
		const failed = outputOf(result, 'Close and Request Deletion', 1);
		expect(failed).toHaveLength(1);
		const message =
			'No DocuSign user has the email "former.contractor@acme.example" in this account (parameter "User to Delete") [item 1]';
		expect(String(failed[0].error)).toBe(message);
		// n8n 1.x and 2.x keep the advice on the error branch, and merge in the input item
		expect(failed[0].email).toBe('former.contractor@acme.example');
		const advice = String(failed[0].message);
		expect(advice).toMatch(/\w/);
		// the visible alert branch: one text per leaver that needs a human, ready for an email or chat node
		expect(outputOf(result, 'Needs Attention')).toEqual([
			{
				email: 'former.contractor@acme.example',
				ticket: 'HR-4712',
				problem: message,
				whatToDo: advice,
				alert: `DocuSign leaver former.contractor@acme.example (HR-4712) was not closed: ${message} ${advice}`,
			},
		]);
		expect(sim.writeCount()).toBe(0);
	});

	test('roster sync: the HR CSV export through one Sync Roster node creates the joiner, updates the mover, reports who left; the rerun writes nothing', async () => {
		const open = sim
			.users()
			.filter(
				(u) =>
					['Active', 'ActivationSent', 'ActivationRequired'].includes(u.status) &&
					profileName(u.permissionProfileId) !== 'Account Administrator',
			);
		const rows = open.map((u) => ({
			email: u.email,
			first: u.firstName,
			last: u.lastName,
			role: profileName(u.permissionProfileId),
			groups: customGroups(u.email).join(', '),
			title: u.jobTitle,
		}));
		const left = rows.splice(1, 1)[0].email; // no longer in HR's export
		const mover = rows[0];
		mover.title = 'Head of Sales Operations';
		rows.push({
			email: 'roster.joiner@acme.example',
			first: 'Rosa',
			last: 'Joiner',
			role: 'DocuSign Sender',
			groups: 'Sales',
			title: 'Analyst',
		});
		hrCsv = [
			['Work Email', 'First Name', 'Last Name', 'DocuSign Role', 'Department', 'Job Title'],
			...rows.map((r) => [r.email, r.first, r.last, r.role, r.groups, r.title]),
		]
			.map((line) => line.map(csvCell).join(','))
			.join('\n');

		const result = await run(WF.roster);
		const report = outputOf(result, 'Sync Roster');
		expect(report).toHaveLength(rows.length + 1);
		expect(outputOf(result, 'Sync Roster', 1)).toEqual([]);
		const byEmail = (email: string) => report.find((j) => j.email === email);
		expect(byEmail('roster.joiner@acme.example')).toMatchObject({
			action: 'create',
			changed: true,
		});
		expect(byEmail(mover.email)).toMatchObject({
			action: 'update',
			changed: true,
			changes: { jobTitle: { after: 'Head of Sales Operations' } },
		});
		expect(byEmail(left)).toMatchObject({ action: 'report', changed: false, inRoster: false });
		expect(report.filter((j) => j.changed)).toHaveLength(2);
		expect(sim.userByEmail(left)!.status).not.toBe('Closed'); // Report Only
		expect(sim.userByEmail('roster.joiner@acme.example')).toBeDefined();

		await run(WF.roster);
		expect(sim.writeCount()).toBe(0);
	});

	test('AI Agent: the real agent calls the DocuSign tools (a scripted stand-in model picks them); the read lists HR Senders, the write adds to Legal', async () => {
		const barbara = 'barbara.lang@acme.example';
		expect(customGroups(barbara)).not.toContain('Legal');
		const result = await run(WF.aiAgent);
		const hrSenders = sim
			.users()
			.filter(
				(u) =>
					['Active', 'ActivationSent', 'ActivationRequired'].includes(u.status) &&
					profileName(u.permissionProfileId) === 'HR Sender',
			)
			.map((u) => u.email)
			.sort();
		expect(hrSenders.length).toBeGreaterThan(0);
		expect(outputOf(result, 'AI Agent').map((o) => o.output)).toEqual([
			`Users with the HR Sender profile: ${hrSenders.join(', ')}`,
			`Done: ${barbara} is in Legal.`,
		]);
		expect(customGroups(barbara)).toContain('Legal');
		// n8n offered both tools with the $fromAI keys as their arguments, and ran each once
		const offered = model.requests[0].tools.map((t) => [
			t.function.name,
			Object.keys(t.function.parameters?.properties ?? {}).sort(),
		]);
		expect(offered).toEqual(
			expect.arrayContaining([
				['List_DocuSign_Users', ['limit']],
				['Add_User_to_Group', ['email', 'group']],
			]),
		);
		expect(
			sim.log.filter((e) => e.method === 'PUT' && /\/groups\/[^/]+\/users$/.test(e.path)),
		).toHaveLength(1);
		// the read asked DocuSign for at most the model's Limit, with the Selected Fields only in the answer
		const listAnswer = model.requests
			.flatMap((r) => r.messages)
			.find((m) => m.role === 'tool' && String(m.content).includes('permissionProfile'));
		expect(Object.keys(JSON.parse(String(listAnswer!.content))[0]).sort()).toEqual([
			'email',
			'permissionProfile',
			'userName',
		]);
		// the agent run is real: a second run finds Barbara already in Legal and writes nothing
		sim.clearLog();
		const again = await run(WF.aiAgent);
		expect(outputOf(again, 'AI Agent')[1].output).toBe(`Nothing to do: ${barbara} is in Legal.`);
		expect(sim.writeCount()).toBe(0);
	});

	test('access tokens revoked server-side mid-life: refresh with the rotated refresh token, persisted again', async () => {
		const before = await storedTokens();
		sim.expireAccessTokens();
		await run(WF.roster);
		expect(sim.log[0]).toMatchObject({ path: '/oauth/userinfo', status: 401 });
		expect(tokenRequests()).toEqual([expect.objectContaining({ status: 200 })]);
		const after = await storedTokens();
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		expect(sim.tokens.isAccessTokenValid(after.access_token)).toBe(true);
	});

	test('joiner with a JWT credential: the credential mints its token (RS256 assertion), n8n saves it, the next run reuses it', async () => {
		const integrationKey = '7d2e9a41-3b6c-4f08-a5d1-c0e4b7f93a26';
		const keys = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'pem' },
		});
		sim.jwt.registerPublicKey(integrationKey, keys.publicKey);
		sim.jwt.grantConsent(integrationKey, seedData.ADA.userId);
		await n8n.importCredentials([
			{
				...DOCUSIGN_JWT_CREDENTIAL,
				data: docuSignJwtCredentialData(sim, {
					integrationKey,
					userId: seedData.ADA.userId,
					privateKey: keys.privateKey,
				}),
			},
		]);
		const joiner = examples.find((e) => e.workflow.id === WF.joiner)!.workflow;
		await n8n.importWorkflows([withJwtCredential(joiner, 'docusignJoinerJwt')]);
		const usersBefore = sim.users().length;

		const result = await run('docusignJoinerJwt');
		expect(tokenRequests()).toEqual([
			expect.objectContaining({ status: 200, authorization: 'none' }),
		]);
		expect(sim.jwt.minted).toEqual([
			{ iss: integrationKey, sub: seedData.ADA.userId, scope: 'signature impersonation' },
		]);
		const out = outputOf(result, 'Create or Update DocuSign User');
		expect(out.map((u) => u.email)).toEqual([
			'grace.hopper@acme.example',
			'alan.kay@acme.example',
			'sofia.martinez@acme.example',
		]);
		expect(out[2]).toMatchObject({ action: 'update', changed: true });
		expect(sim.users().length).toBe(usersBefore);
		// The mover made Sofia a Finance Partner; the joiner's record brings the title back.
		expect(sim.userByEmail('sofia.martinez@acme.example')!.jobTitle).toBe('Solutions Engineer');
		const stored = await n8n.exportCredential(DOCUSIGN_JWT_CREDENTIAL.id);
		expect(sim.tokens.isAccessTokenValid(String(stored.accessToken))).toBe(true);
		expect(Date.parse(String(stored.expiresAt))).toBeGreaterThan(Date.now() + 50 * 60_000);

		const again = await run('docusignJoinerJwt');
		expect(outputOf(again, 'Create or Update DocuSign User').map((u) => u.changed)).toEqual([
			false,
			false,
			false,
		]);
		expect(tokenRequests()).toHaveLength(0);
		expect(sim.writeCount()).toBe(0);
		expect(JSON.stringify(again.raw)).not.toContain(keys.privateKey.split('\n')[5]);
	});

	test('editor: node and credential types served; "Connect" runs the real authorization-code flow', async () => {
		const server = await n8n.start();
		try {
			await server.setupOwner();
			expect((await server.nodeTypes()).map((t) => t.name)).toContain(NODE_TYPE);
			expect((await server.credentialTypes()).map((t) => t.name)).toContain(CRED_TYPE);

			const cred = await server.createCredential({
				name: 'DocuSign via Connect',
				type: CRED_TYPE,
				data: {
					environment: 'custom',
					authServerUrl: sim.baseUrl,
					clientId: sim.clientId,
					clientSecret: sim.clientSecret,
					accountId: '',
				},
			});
			sim.clearLog();
			const flow = await server.connectOAuth2(cred.id);
			// the hidden authUrl came from the credential's $self expression
			expect(flow.authorizeUrl.startsWith(`${sim.baseUrl}/oauth/auth?`)).toBe(true);
			expect(new URL(flow.authorizeUrl).searchParams.get('scope')).toBe('signature extended');
			expect(sim.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
				'GET /oauth/auth 302',
				'POST /oauth/token 200',
			]);
			expect(tokenRequests()[0].authorization).toBe('basic');
			await server.stop();
			const data = await n8n.exportCredential(cred.id);
			expect(sim.tokens.isAccessTokenValid(data.oauthTokenData.access_token)).toBe(true);
		} finally {
			await server.stop();
		}
	});

	test('two accounts, one credential: two DocuSign nodes of one workflow write into different accounts', async () => {
		const [main, sandbox] = sim.accounts;
		const creator = (
			id: string,
			name: string,
			x: number,
			account: { __rl: true; mode: string; value: string },
			email: string,
		) => ({
			id,
			name,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [x, 0],
			credentials: { [CRED_TYPE]: { id: CRED_ID, name: DOCUSIGN_CREDENTIAL.name } },
			parameters: {
				account,
				resource: 'user',
				operation: 'create',
				email,
				firstName: 'Multi',
				lastName: 'Account',
				permissionProfile: '={{ "DocuSign Sender" }}',
				groups: '={{ "Sales" }}',
				options: {},
			},
		});
		const workflow = {
			id: 'docusignTwoAcct1',
			name: 'Two accounts, one credential',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 't',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				creator(
					'a',
					'Into Sandbox',
					220,
					{ __rl: true, mode: 'list', value: sandbox.accountId },
					'two.accounts.sandbox@acme.example',
				),
				creator(
					'b',
					'Into Main',
					440,
					{ __rl: true, mode: 'id', value: main.accountId },
					'two.accounts.main@acme.example',
				),
			],
			connections: {
				Start: { main: [[{ node: 'Into Sandbox', type: 'main', index: 0 }]] },
				'Into Sandbox': { main: [[{ node: 'Into Main', type: 'main', index: 0 }]] },
			},
		};
		await n8n.importWorkflows([workflow]);
		const result = await run(workflow.id);
		expect(outputOf(result, 'Into Sandbox').map((u) => [u.email, u.accountId])).toEqual([
			['two.accounts.sandbox@acme.example', sandbox.accountId],
		]);
		expect(outputOf(result, 'Into Main').map((u) => [u.email, u.accountId])).toEqual([
			['two.accounts.main@acme.example', main.accountId],
		]);
		expect(sim.userByEmail('two.accounts.sandbox@acme.example', sandbox.accountId)).toBeDefined();
		expect(sim.userByEmail('two.accounts.sandbox@acme.example', main.accountId)).toBeUndefined();
		expect(sim.userByEmail('two.accounts.main@acme.example', main.accountId)).toBeDefined();
		const creates = sim.log.filter((e) => e.method === 'POST' && e.path.endsWith('/users'));
		expect(creates.map((e) => e.accountId)).toEqual([sandbox.accountId, main.accountId]);
		// Both nodes used the one credential: no second OAuth login, at most one token refresh.
		expect(tokenRequests().length).toBeLessThanOrEqual(1);
	});

	/**
	 * The drift-detection example activated in n8n, polling every minute: each administrator change is
	 * e-mailed once, the next poll finds nothing, and a change made while n8n is down comes out once after
	 * the restart (the picture is in n8n's database). Without Organization Admin Access each poll reads the
	 * account; with it, a poll reads the Admin API's list of users modified since the last poll.
	 */
	async function driftDetection(admin: boolean): Promise<void> {
		const usersLists = () =>
			sim.log.filter(
				(e) => e.method === 'GET' && /\/accounts\/[^/]+\/users$/.test(e.path) && e.status === 200,
			).length;
		const modifiedLists = () =>
			sim.log.filter(
				(e) =>
					e.method === 'GET' &&
					/\/organizations\/[^/]+\/users$/.test(e.path) &&
					e.query.last_modified_since !== undefined &&
					e.status === 200,
			).length;
		const polls = admin ? modifiedLists : usersLists;
		const memberListReads = () =>
			sim.log.filter(
				(e) => e.method === 'GET' && /\/groups\/[^/]+\/users$/.test(e.path) && e.status === 200,
			).length;
		const waitFor = async (what: string, done: () => boolean, timeoutMs = 100_000) => {
			for (
				const deadline = Date.now() + timeoutMs;
				!done();
				await new Promise((r) => setTimeout(r, 500))
			) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			}
		};
		const drift = examples.find((e) => e.workflow.id === WF.drift)!.workflow;
		// The example polls every 15 minutes; here every minute, n8n's shortest interval.
		const everyMinute = structuredClone(drift);
		everyMinute.nodes[0].parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
		if (admin) {
			const scope = 'signature extended user_read user_write';
			const adminCred = {
				id: 'docuSignDriftAdmin',
				name: 'DocuSign admin (drift)',
				type: CRED_TYPE,
			};
			await n8n.importCredentials([
				{
					...adminCred,
					data: {
						...docuSignCredentialData(sim, sim.issueTokens({ scope })),
						organizationAdminAccess: true,
					},
				},
			]);
			everyMinute.id = 'docusignDriftAdm';
			everyMinute.name = `${drift.name} (Organization Admin Access)`;
			everyMinute.nodes[0].credentials = {
				[CRED_TYPE]: { id: adminCred.id, name: adminCred.name },
			};
		}
		await n8n.importWorkflows([everyMinute]);
		await n8n.activate(everyMinute.id);
		try {
			await watchDrift(admin, polls, memberListReads, waitFor);
		} finally {
			// Later tests start n8n too: this trigger stops polling, pass or fail.
			await n8n.deactivate(everyMinute.id);
		}
	}

	async function watchDrift(
		admin: boolean,
		polls: () => number,
		memberListReads: () => number,
		waitFor: (what: string, done: () => boolean, timeoutMs?: number) => Promise<void>,
	): Promise<void> {
		// The mail body as text: quoted-printable soft line breaks joined, the arrow decoded.
		const body = (m: { data: string }) => m.data.replace(/=\r?\n/g, '').replace(/=E2=86=92/g, '→');
		const mails = () => smtp.messages.filter((m) => m.to.includes('it-security@acme.example'));
		const sent = smtp.messages.filter((m) => m.to.includes('it-security@acme.example')).length;
		const newMails = () => mails().slice(sent);
		const subjects = () =>
			newMails()
				.map((m) => m.headers.subject)
				.sort();
		const subject = (email: string, event: string) =>
			`DocuSign access changed outside the HR flow: ${email} (${event})`;
		// Different people per run: the two runs share one simulator.
		const [groupUser, profileUser, created, downUser] = admin
			? [
					'liam.brennan@acme.example',
					'ravi.kumar@acme.example',
					'drift.admin@acme.example',
					'priya.shah@acme.example',
				]
			: [
					'alan.turner@acme.example',
					'barbara.lang@acme.example',
					'drift.check@acme.example',
					'barbara.lang@acme.example',
				];
		const downGroup = admin ? 'Human Resources' : 'Finance';
		// Liam is in Legal already: the admin run adds him to Marketing.
		const addedGroup = admin ? 'Marketing' : 'Legal';

		sim.clearLog();
		let server = await n8n.start();
		try {
			// Activation runs the first poll at once: the baseline, silently. Its last reads are the member
			// lists of the custom groups; a change made before they are read would be part of the baseline.
			const customGroups = sim.store.defaultAccount.groups.filter(
				(g) => g.groupType === 'CustomGroup',
			).length;
			await waitFor('the baseline poll', () => memberListReads() >= customGroups);
			await new Promise((r) => setTimeout(r, 1000));
			await adminChanges([
				{
					user: groupUser,
					addGroups: [addedGroup],
					set: { jobTitle: 'Not watched by this workflow' },
				},
				{ user: profileUser, profile: 'DocuSign Viewer' },
				{
					create: {
						userName: 'Drift Check',
						email: created,
						firstName: 'Drift',
						lastName: 'Check',
						profile: 'Account Administrator',
					},
				},
			]);
			await waitFor('three report e-mails', () => newMails().length >= 3).catch((error) => {
				// What the trigger asked DocuSign for, to tell a silent poll from a failing one.
				const asked = sim.log
					.filter((e) => /\/Management\/|\/users(\/|$)/.test(e.path))
					.map(
						(e) =>
							`${e.method} ${e.path.replace(/^.*\/(accounts|organizations)\/[^/]+/, '')} ${JSON.stringify(e.query)} ${e.status}`,
					);
				throw new Error(`${(error as Error).message}; requests since start:\n${asked.join('\n')}`);
			});
			expect(subjects()).toEqual(
				[
					subject(groupUser, 'groupMembershipChanged'),
					subject(profileUser, 'permissionProfileChanged'),
					subject(created, 'userCreated'),
				].sort(),
			);
			const profileMail = newMails().find((m) => m.headers.subject.includes(profileUser))!;
			expect(body(profileMail)).toMatch(/Permission profile: .+ -> DocuSign Viewer/);
			expect(body(profileMail)).toMatch(/: permission profile .+ → DocuSign Viewer/);
			if (admin) {
				// Found through the modified-since list: no full read of the account after the baseline.
				expect(body(profileMail)).toContain('found by: modifiedList');
				expect(memberListReads()).toBe(customGroups);
			}
			// The next poll finds nothing new.
			const before = polls();
			await waitFor('the next poll', () => polls() > before);
			await new Promise((r) => setTimeout(r, 3000));
			expect(newMails()).toHaveLength(3);
		} finally {
			await server.stop();
		}

		// A change while n8n is down comes out of the activation poll after the restart, alone:
		// the picture was saved in n8n's database.
		await adminChanges([{ user: downUser, removeGroups: [downGroup] }]);
		sim.clearLog();
		server = await n8n.start();
		try {
			await waitFor(
				'the report of the change made while n8n was down',
				() => newMails().length >= 4,
			);
			await waitFor('the poll after the restart', () => polls() >= 1);
			await new Promise((r) => setTimeout(r, 3000));
			expect(newMails()).toHaveLength(4);
			expect(newMails()[3].headers.subject).toBe(subject(downUser, 'groupMembershipChanged'));
			expect(body(newMails()[3])).toContain(`Groups added: -; removed: ${downGroup}`);
		} finally {
			await server.stop();
		}
	}

	test('drift detection: the activated trigger polls in n8n, each admin change is e-mailed once, the state survives a restart', async () => {
		await driftDetection(false);
	}, 420_000);

	test('drift detection with Organization Admin Access: polls read only the users modified since the last poll, each change e-mailed once, across a restart', async () => {
		await driftDetection(true);
	}, 420_000);

	test('joiner with Activation = Activate Immediately (Organization Admin Access): new users come out Active through the Admin API', async () => {
		// A second credential with the switch on, connected with the Admin scopes; the joiner example with new people.
		const scope = 'signature extended user_read user_write';
		const adminCred = { id: 'docuSignAdminCred', name: 'DocuSign admin', type: CRED_TYPE };
		await n8n.importCredentials([
			{
				...adminCred,
				data: {
					...docuSignCredentialData(sim, sim.issueTokens({ scope })),
					organizationAdminAccess: true,
				},
			},
		]);
		const joiner = examples.find((e) => e.workflow.id === WF.joiner)!.workflow;
		const text = JSON.stringify(joiner)
			.replace(/grace\.hopper@/g, 'grace.active@')
			.replace(/alan\.kay@/g, 'alan.active@');
		const workflow = JSON.parse(text);
		workflow.id = 'docusignJoinerAdm';
		workflow.name = `${joiner.name} (Activate Immediately)`;
		const ds = workflow.nodes.find((n: { type: string }) => n.type === NODE_TYPE);
		ds.credentials = { [CRED_TYPE]: { id: adminCred.id, name: adminCred.name } };
		ds.parameters.options = { activation: 'immediate' };
		// The Admin API that creates active users takes no middle name or suffix: the node refuses them
		// with Activate Immediately (test/integration/userFields.test.ts), so this variant leaves them out.
		delete ds.parameters.additionalFields.middleName;
		delete ds.parameters.additionalFields.suffixName;
		await n8n.importWorkflows([workflow]);

		const result = await run(workflow.id);
		const out = outputOf(result, 'Create or Update DocuSign User');
		expect(out.map((u) => [u.email, u.action, u.activation])).toEqual([
			['grace.active@acme.example', 'create', 'immediate'],
			['alan.active@acme.example', 'create', 'immediate'],
			['sofia.martinez@acme.example', 'update', undefined],
		]);
		expect(out.slice(0, 2).map((u) => [u.status, u.activationPending])).toEqual([
			['Active', false],
			['Active', false],
		]);
		const grace = sim.userByEmail('grace.active@acme.example')!;
		expect(grace).toMatchObject({
			status: 'Active',
			jobTitle: 'Staff Engineer',
			company: 'Acme Corporation',
		});
		expect(profileName(grace.permissionProfileId)).toBe('DocuSign Sender');
		expect(customGroups('grace.active@acme.example')).toEqual(['Engineering']);
		expect(customGroups('alan.active@acme.example')).toEqual(['Marketing', 'Sales']);
		expect(
			sim.log.filter((e) => e.method === 'POST' && e.path.startsWith('/Management/')).length,
		).toBe(2);
		expect(
			sim.log.filter((e) => e.method === 'POST' && e.path.startsWith('/restapi/')).length,
		).toBe(0);
	});

	test('license reclamation: users not seen for 90 days, a Dry Run report, and after the approval the suspension', async () => {
		const DAY = 86_400_000;
		const active = sim
			.users()
			.filter(
				(u) =>
					u.status === 'Active' && profileName(u.permissionProfileId) !== 'Account Administrator',
			);
		const dormant = active.slice(0, 3);
		for (const user of sim.users()) user.lastLoginAt = Date.now() - DAY;
		for (const user of dormant) {
			user.lastLoginAt = Date.now() - 200 * DAY;
			user.createdAt = Date.now() - 400 * DAY;
		}
		await n8n.importWorkflows([approvedReclamation()]);
		const result = await run(WF.dormant);
		const emails = dormant.map((u) => u.email).sort();
		const planned = outputOf(result, 'Suspend (Dry Run)');
		expect(planned.map((j) => j.email).sort()).toEqual(emails);
		expect(planned.every((j) => j.dryRun === true && j.action === 'suspend')).toBe(true);
		expect(outputOf(result, 'Report')[0]).toMatchObject({ count: 3 });
		const suspended = outputOf(result, 'Suspend');
		expect(suspended.map((j) => j.email).sort()).toEqual(emails);
		expect(suspended.every((j) => j.changed === true && j.status === 'Closed')).toBe(true);
		for (const email of emails) expect(sim.userByEmail(email)!.status).toBe('Closed');
		// one close request for the three, and the logins were read with DocuSign's login switch
		expect(sim.log.filter((e) => e.method === 'DELETE')).toHaveLength(1);
		expect(sim.log.some((e) => e.path.endsWith('/users') && e.query.login_status === 'true')).toBe(
			true,
		);
	});
});
