/**
 * One place that wires a real n8n to the simulator the way the examples expect: the DocuSign and
 * SMTP credentials under the IDs the example workflows reference, and every example imported.
 * Used by the e2e tests, `npm run demo` and `npm run dev`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Simulator } from '../../simulator';
import type { N8nInstance } from './n8n';
import type { SmtpSink } from './smtpSink';

export const ROOT = join(__dirname, '..', '..', '..');
export const EXAMPLES_DIR = join(ROOT, 'examples');
export const DOCUSIGN_CREDENTIAL = {
	id: 'docuSignSimCred1',
	name: 'DocuSign account',
	type: 'docuSignOAuth2Api',
};
export const SMTP_CREDENTIAL = { id: 'smtpDocuSignEx01', name: 'SMTP account', type: 'smtp' };
export const OPENAI_CREDENTIAL = {
	id: 'openAiDocuSignEx1',
	name: 'OpenAI account',
	type: 'openAiApi',
};
export const WORKFLOWS = {
	joiner: 'docusignJoiner01',
	mover: 'docusignMover001',
	leaver: 'docusignLeaver01',
	roster: 'docusignRoster01',
	drift: 'docusignDrift001',
	dormant: 'docusignDormant1',
	aiAgent: 'docusignAiAgent1',
};

/**
 * The example workflows. `cli` (default): each example that starts at a webhook also gets a Manual Trigger that
 * feeds the webhook's pinned sample into the same next nodes, because `n8n execute` starts only at a Manual
 * Trigger; the editor (npm run dev, screenshots) gets the examples as shipped.
 */
export function exampleWorkflows(
	{ cli }: { cli: boolean } = { cli: true },
): Array<{ file: string; workflow: Record<string, any> }> {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
			return { file, workflow: cli ? withCliStart(workflow) : workflow };
		});
}

/** The webhook's pinned sample payload of an example (what the editor runs, and the CLI start feeds). */
export function pinnedSample(workflow: Record<string, any>): Record<string, any> | undefined {
	const hook = (workflow.nodes as Array<Record<string, any>>).find(
		(n) => n.type === 'n8n-nodes-base.webhook',
	);
	return hook ? workflow.pinData?.[hook.name]?.[0]?.json : undefined;
}

function withCliStart(workflow: Record<string, any>): Record<string, any> {
	const sample = pinnedSample(workflow);
	if (!sample) return workflow;
	const copy = structuredClone(workflow);
	const hook = (copy.nodes as Array<Record<string, any>>).find(
		(n) => n.type === 'n8n-nodes-base.webhook',
	)!;
	const [x, y] = hook.position as [number, number];
	const start = {
		id: 'cli-start',
		name: 'CLI Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [x - 220, y + 600],
		parameters: {},
	};
	const payload = {
		id: 'cli-sample',
		name: 'CLI Sample Payload',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [x, y + 600],
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(sample), options: {} },
	};
	copy.nodes.push(start, payload);
	copy.connections[start.name] = { main: [[{ node: payload.name, type: 'main', index: 0 }]] };
	copy.connections[payload.name] = structuredClone(copy.connections[hook.name]);
	return copy;
}

/** The credential as the simulator's CLI prints it; authUrl / accessTokenUrl follow from authServerUrl. */
export function docuSignCredentialData(
	sim: Simulator,
	oauthTokenData?: unknown,
): Record<string, unknown> {
	return {
		environment: 'custom',
		authServerUrl: sim.baseUrl,
		clientId: sim.clientId,
		clientSecret: sim.clientSecret,
		accountId: '',
		...(oauthTokenData ? { oauthTokenData } : {}),
	};
}

/**
 * Imports the credentials (DocuSign already connected with `tokens`; OpenAI pointed at `modelUrl`,
 * the scripted stand-in model, or nowhere when absent) and the example workflows.
 */
export async function importExamples(
	n8n: N8nInstance,
	sim: Simulator,
	smtp: SmtpSink,
	tokens: unknown,
	modelUrl = 'http://127.0.0.1:9/v1',
	/** false: the examples as shipped (the editor); true: runnable by `n8n execute` */
	cli = true,
): Promise<void> {
	await n8n.importCredentials([
		{ ...DOCUSIGN_CREDENTIAL, data: docuSignCredentialData(sim, tokens) },
		{
			...SMTP_CREDENTIAL,
			data: {
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				disableStartTls: true,
				user: '',
				password: '',
			},
		},
		{ ...OPENAI_CREDENTIAL, data: { apiKey: 'sk-stand-in-model', url: modelUrl, header: false } },
	]);
	await n8n.importWorkflows(exampleWorkflows({ cli }).map((e) => e.workflow));
}

/** The DocuSign JWT credential of the e2e runs (a service credential, no token yet: the credential mints it). */
export const DOCUSIGN_JWT_CREDENTIAL = {
	id: 'docuSignSimJwt01',
	name: 'DocuSign JWT (service)',
	type: 'docuSignJwtApi',
};

export function docuSignJwtCredentialData(
	sim: Simulator,
	jwt: { integrationKey: string; userId: string; privateKey: string },
): Record<string, unknown> {
	return {
		environment: 'custom',
		authServerUrl: sim.baseUrl,
		integrationKey: jwt.integrationKey,
		userId: jwt.userId,
		privateKey: jwt.privateKey,
		consentRedirectUri: 'https://www.docusign.com',
		accountId: '',
	};
}

/** An example workflow with every DocuSign node switched to Authentication = JWT and the JWT credential, under a new ID. */
export function withJwtCredential(workflow: Record<string, any>, id: string): Record<string, any> {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${String(copy.name)} (JWT)`;
	for (const node of copy.nodes as Array<Record<string, any>>) {
		if (!String(node.type).startsWith('n8n-nodes-docusign-users.')) continue;
		node.parameters = { authentication: 'jwt', ...node.parameters };
		node.credentials = {
			[DOCUSIGN_JWT_CREDENTIAL.type]: {
				id: DOCUSIGN_JWT_CREDENTIAL.id,
				name: DOCUSIGN_JWT_CREDENTIAL.name,
			},
		};
	}
	return copy;
}
