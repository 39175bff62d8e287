/**
 * Runs the built node (dist/) inside n8n's real engine: n8n-core's PackageDirectoryLoader and
 * WorkflowExecute, with a credentials helper that lets n8n sign requests and refresh OAuth2
 * tokens itself. Requests go over real HTTP to the local DocuSign simulator.
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';

import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { resolveWithCredentials } from './expressions';
import { seedData } from '../simulator';

/** The package under test; the warm bench points DOCUSIGN_PACKAGE_DIR at an older build to measure "before". */
const PACKAGE_DIR = process.env.DOCUSIGN_PACKAGE_DIR
	? path.resolve(process.env.DOCUSIGN_PACKAGE_DIR)
	: path.resolve(__dirname, '../..');
const NODE_TYPE = 'n8n-nodes-docusign-users.docuSign';
/** The trigger node every test workflow starts from (its type is startNodeType below). */
const START_NODE = {
	id: '1',
	name: 'Start',
	type: 'test.start',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};
export type Authentication = 'oAuth2' | 'jwt';
const CREDENTIAL_TYPES: Record<Authentication, string> = {
	oAuth2: 'docuSignOAuth2Api',
	jwt: 'docuSignJwtApi',
};

/**
 * The authentication credentialFor() and the runs use when a test does not say: a suite can run
 * all its tests once more with the JWT credential (lifecycleJwt.test.ts).
 */
let defaultAuthentication: Authentication = 'oAuth2';
/** Tokens minted through an expirable credential's preAuthentication in this test process. */
let minted = 0;
export const jwtMintCount = (): number => minted;
export function useAuthentication(authentication: Authentication): void {
	defaultAuthentication = authentication;
}

/** Which authentication a decrypted credential belongs to. */
export function authenticationOf(credential: ICredentialDataDecryptedObject): Authentication {
	return credential.integrationKey !== undefined ? 'jwt' : 'oAuth2';
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;
export function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		return loader;
	})();
	return loaderPromise;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: IDataObject[] = [];
	/** How often an expirable credential (JWT) was asked for a new token, and why. */
	readonly preAuthentications: Array<'empty' | 'expired' | 'test'> = [];
	/** Every token preAuthentication returned (for the leak search). */
	readonly mintedTokens: string[] = [];

	constructor(
		private readonly loader: PackageDirectoryLoader,
		public data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.loader.credentialTypes[name]?.type.extends ?? [];
	}
	/** n8n's generic authenticate: the declared headers, their $credentials expressions resolved. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions,
	) {
		const declared = this.loader.credentialTypes[typeName]?.type.authenticate;
		if (!declared || typeof declared === 'function') return request;
		const headers: IDataObject = { ...(request.headers ?? {}) };
		for (const [name, value] of Object.entries(declared.properties.headers ?? {})) {
			headers[name] = String(resolveWithCredentials(String(value), credentials));
		}
		return { ...request, headers } as IHttpRequestOptions;
	}
	/**
	 * As n8n's CredentialsHelper does: an expirable field that is empty, or a 401 (expired), or a
	 * credential test runs the type's preAuthentication; its answer is saved to the credential.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: unknown,
		credentialsExpired: boolean,
		testing = false,
	) {
		const type = this.loader.credentialTypes[typeName]?.type;
		const expirable = type?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
		this.preAuthentications.push(testing ? 'test' : credentialsExpired ? 'expired' : 'empty');
		minted++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.mintedTokens.push(String(output[expirable.name]));
		Object.assign(credentials, output);
		this.data = { ...this.data, ...output } as ICredentialDataDecryptedObject;
		return credentials;
	}
	async runPreAuthentication() {
		return undefined;
	}
	getCredentialsProperties() {
		return [];
	}
	async getDecrypted() {
		return structuredClone(this.data);
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by the node');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData(
		_n: unknown,
		_t: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.tokenUpdates.push(data.oauthTokenData as IDataObject);
		this.data = { ...this.data, oauthTokenData: data.oauthTokenData };
	}
	getOAuth2Options() {
		return undefined;
	}
	isCredentialUsableByNode() {
		return true;
	}
}

/** One RSA key pair for the whole test process: the JWT credential's private key, the simulator's registered public key. */
let keyPair: { privateKey: string; publicKey: string } | undefined;
export function jwtKeyPair(): { privateKey: string; publicKey: string } {
	keyPair ??= generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	return keyPair;
}

/** The JWT app of the simulator: the integration key with the public key registered, Ada's consent given. */
export const JWT_INTEGRATION_KEY = '5b1c2f7a-0d3e-4c8b-9a61-7e2d4f0b9c13';
const jwtReady = new WeakSet<Simulator>();
export function prepareJwtApp(sim: Simulator): void {
	if (jwtReady.has(sim)) return;
	jwtReady.add(sim);
	sim.jwt.registerPublicKey(JWT_INTEGRATION_KEY, jwtKeyPair().publicKey);
	sim.jwt.grantConsent(JWT_INTEGRATION_KEY, seedData.ADA.userId);
}

/** The JWT credential as the editor saves it: no token yet (the credential mints it). */
export function jwtCredentialFor(
	sim: Simulator,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	prepareJwtApp(sim);
	return {
		environment: 'custom',
		authServerUrl: sim.baseUrl,
		integrationKey: JWT_INTEGRATION_KEY,
		userId: seedData.ADA.userId,
		privateKey: jwtKeyPair().privateKey,
		consentRedirectUri: 'https://www.docusign.com',
		accountId: '',
		scope: 'signature impersonation',
		accessToken: '',
		expiresAt: '',
		...overrides,
	};
}

/** The decrypted credential as n8n would hold it after the OAuth consent, $self expressions resolved (JWT when the suite says so). */
export function credentialFor(
	sim: Simulator,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	if (defaultAuthentication === 'jwt') return jwtCredentialFor(sim, overrides);
	return oauth2CredentialFor(sim, overrides);
}

/** The OAuth2 scope that grants the Admin API (Organization Admin Access) besides eSignature. */
export const ADMIN_SCOPE = 'signature extended user_read user_write';

/** credentialFor with Organization Admin Access on and a token issued for `scope`. */
export const adminCredentialFor = (
	sim: Simulator,
	scope = ADMIN_SCOPE,
	extra: IDataObject = {},
): ICredentialDataDecryptedObject =>
	credentialFor(sim, {
		organizationAdminAccess: true,
		scope,
		oauthTokenData: sim.issueTokens({ scope }) as unknown as IDataObject,
		...extra,
	});

export function oauth2CredentialFor(
	sim: Simulator,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		authServerUrl: sim.baseUrl,
		accountId: '',
		clientId: sim.clientId,
		clientSecret: sim.clientSecret,
		grantType: 'authorizationCode',
		authUrl: `${sim.baseUrl}/oauth/auth`,
		accessTokenUrl: `${sim.baseUrl}/oauth/token`,
		scope: 'signature extended',
		authQueryParameters: '',
		authentication: 'header',
		oauthTokenData: sim.issueTokens({}) as unknown as IDataObject,
		...overrides,
	};
}

const startNodeType: INodeType = {
	description: {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
		description: '',
	},
	async execute(this: never) {
		return [(this as unknown as { getInputData(): INodeExecutionData[] }).getInputData()];
	},
} as unknown as INodeType;

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Settings > On Error of the node, as n8n stores it; overrides continueOnFail. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** A credential from credentialFor(); one is made when absent. */
	credential?: ICredentialDataDecryptedObject;
	/** Reuse a helper across runs to see persisted tokens. */
	credentialsHelper?: TestCredentialsHelper;
}

export interface RunResult {
	/** The node's output items (json + pairedItem). */
	items: INodeExecutionData[];
	json: IDataObject[];
	/** The items n8n routed to the error output (On Error > Continue (using error output) only). */
	errorItems: INodeExecutionData[];
	/** The error that stopped the run, if any. */
	error?: {
		message: string;
		description?: string | null;
		context?: IDataObject;
		name?: string;
		[key: string]: unknown;
	};
	credentialsHelper: TestCredentialsHelper;
	run: IRun;
}

export function nodeTypesOf(loader: PackageDirectoryLoader) {
	const typeOf = (type: string) => loader.nodeTypes[type.split('.').pop()!].type;
	return {
		getByName: (type: string) => (type === 'test.start' ? startNodeType : typeOf(type)),
		getByNameAndVersion: (type: string, version?: number) =>
			type === 'test.start'
				? startNodeType
				: NodeHelpers.getVersionedNodeType(typeOf(type), version),
		getKnownTypes: () => ({}),
	};
}

/**
 * Start -> DocuSign, the node configured with `parameters`. OAuth2 leaves Authentication unset
 * (as in workflows saved before it existed); JWT sets it.
 */
function workflowWith(
	loader: PackageDirectoryLoader,
	parameters: IDataObject,
	onError?: RunOptions['onError'],
	authentication: Authentication = 'oAuth2',
): Workflow {
	const withAuthentication =
		authentication === 'jwt' ? { authentication, ...parameters } : parameters;
	return new Workflow({
		id: 'wf',
		active: false,
		nodeTypes: nodeTypesOf(loader) as never,
		settings: { executionOrder: 'v1' },
		nodes: [
			START_NODE,
			{
				id: '2',
				name: 'DocuSign',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: withAuthentication as INodeParameters,
				credentials: {
					[CREDENTIAL_TYPES[authentication]]: { id: 'cred-1', name: 'DocuSign (simulator)' },
				},
				...(onError ? { onError } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'DocuSign', type: 'main', index: 0 }]] } },
	});
}

export function additionalDataWith(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executionId: '1',
		variables: {},
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost',
		webhookWaitingBaseUrl: 'http://localhost',
		webhookTestBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost',
		currentNodeParameters: undefined,
		userId: 'user',
		setExecutionStatus() {},
		logAiEvent() {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow in n8n-core's WorkflowExecute from its Start node, which hands over the given items. */
async function executeFromStart(
	workflow: Workflow,
	credentialsHelper: TestCredentialsHelper,
	items: INodeExecutionData[],
): Promise<IRun> {
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'wf',
		name: 'wf',
		nodes: [],
		connections: {},
		active: false,
		settings: {},
	} as never);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: workflow.getNode(START_NODE.name)!, data: { main: [items] }, source: null },
			],
		},
	};
	const execute = new WorkflowExecute(
		additionalDataWith(credentialsHelper, hooks),
		'manual',
		runExecutionData as never,
	);
	await execute.processRunExecutionData(workflow);
	return await finished;
}

export async function runNode(sim: Simulator, options: RunOptions): Promise<RunResult> {
	const loader = await loadPackage();
	const credentialsHelper =
		options.credentialsHelper ??
		new TestCredentialsHelper(loader, options.credential ?? credentialFor(sim));
	const workflow = workflowWith(
		loader,
		options.parameters,
		options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined),
		authenticationOf(credentialsHelper.data),
	);
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const run = await executeFromStart(workflow, credentialsHelper, items);
	const nodeRun = run.data.resultData.runData.DocuSign?.[0];
	const output = (nodeRun?.data?.main?.[0] ?? []) as INodeExecutionData[];
	const errorItems = (nodeRun?.data?.main?.[1] ?? []) as INodeExecutionData[];
	const error = (nodeRun?.error ?? run.data.resultData.error) as RunResult['error'];
	return {
		items: output,
		json: output.map((i) => i.json),
		errorItems,
		error,
		credentialsHelper,
		run,
	};
}

/** Calls one of the node's listSearch / loadOptions methods the way the editor does, through n8n-core. */
export async function callMethod<T>(
	sim: Simulator,
	kind: 'listSearch' | 'loadOptions',
	method: string,
	...args: unknown[]
): Promise<T> {
	return await callMethodWith<T>(credentialFor(sim), kind, method, ...args);
}

/** callMethod with a given credential (e.g. the one a workflow run used). */
export async function callMethodWith<T>(
	credential: ICredentialDataDecryptedObject,
	kind: 'listSearch' | 'loadOptions',
	method: string,
	...args: unknown[]
): Promise<T> {
	return await callMethodIn<T>(credential, {}, kind, method, ...args);
}

/** callMethodWith on a node whose parameters include `nodeParameters` (e.g. its Account). */
export async function callMethodIn<T>(
	credential: ICredentialDataDecryptedObject,
	nodeParameters: IDataObject,
	kind: 'listSearch' | 'loadOptions',
	method: string,
	...args: unknown[]
): Promise<T> {
	const loader = await loadPackage();
	const workflow = workflowWith(
		loader,
		{ resource: 'user', operation: 'get', ...nodeParameters },
		undefined,
		authenticationOf(credential),
	);
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode('DocuSign')!,
		additionalDataWith(new TestCredentialsHelper(loader, credential)),
		'parameters.user',
	);
	const type = loader.nodeTypes.docuSign.type as INodeType;
	const fn = (type.methods?.[kind] as Record<string, (...a: unknown[]) => Promise<T>>)[method];
	return await fn.call(context, ...args);
}

/**
 * A stand-in for n8n's AI Agent: it asks n8n-core for its connected tools (getInputConnectionData,
 * which wraps the DocuSign node with createNodeAsTool exactly as for a real agent) and calls each
 * with the arguments a model would send. The tool answers come back as its output.
 */
const agentNodeType: INodeType = {
	description: {
		displayName: 'Stand-in Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Agent' },
		inputs: ['main', { type: 'ai_tool', displayName: 'Tools' }],
		outputs: ['main'],
		properties: [],
		description: '',
	},
	async execute(this: IExecuteFunctions) {
		const tools = (await this.getInputConnectionData('ai_tool', 0)) as Array<{
			name: string;
			description: string;
			schema: { shape: IDataObject };
			invoke(a: IDataObject): Promise<string>;
		}>;
		const calls = this.getInputData().map((i) => i.json as { args: IDataObject });
		const out: INodeExecutionData[] = [];
		for (const [index, call] of calls.entries()) {
			const tool = tools[0];
			let answer: unknown;
			try {
				answer = JSON.parse(await tool.invoke(call.args));
			} catch (error) {
				answer = { toolError: (error as Error).message };
			}
			out.push({
				json: {
					tool: tool.name,
					description: tool.description,
					arguments: Object.keys(tool.schema.shape).sort(),
					answer,
				} as IDataObject,
				pairedItem: { item: index },
			});
		}
		return [out];
	},
} as unknown as INodeType;

export interface ToolRunOptions {
	/** The tool node's parameters, with $fromAI() expressions where the model fills a value. */
	parameters: IDataObject;
	/** One tool call per entry: the arguments the model sends. */
	calls: IDataObject[];
	credential?: ICredentialDataDecryptedObject;
}

/** Runs the DocuSign node as n8n runs it for an AI Agent: as the derived type "docuSignTool" on an ai_tool connection. */
export async function runAsTool(
	sim: Simulator,
	options: ToolRunOptions,
): Promise<{ json: IDataObject[]; run: IRun }> {
	const loader = await loadPackage();
	const base = loader.nodeTypes.docuSign.type as INodeType;
	// What n8n's loader does for every usableAsTool node (convertNodeToAiTool in the n8n CLI).
	const toolType = Object.create(base) as INodeType; // keeps execute and methods (prototype members)
	toolType.description = {
		...structuredClone(base.description),
		name: 'docuSignTool',
		displayName: 'DocuSign Tool',
		inputs: [],
		outputs: ['ai_tool'],
	} as never;
	delete (toolType.description as { usableAsTool?: unknown }).usableAsTool;
	toolType.description.properties.unshift({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: base.description.description,
	});
	const types: Record<string, INodeType> = {
		'test.start': startNodeType,
		'test.agent': agentNodeType,
		[`${NODE_TYPE}Tool`]: toolType,
	};
	const nodeTypes = {
		getByName: (type: string) => types[type],
		getByNameAndVersion: (type: string) => types[type],
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'wf',
		active: false,
		nodeTypes: nodeTypes as never,
		settings: { executionOrder: 'v1' },
		nodes: [
			START_NODE,
			{
				id: '2',
				name: 'Agent',
				type: 'test.agent',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
			{
				id: '3',
				name: 'DocuSign Users',
				type: `${NODE_TYPE}Tool`,
				typeVersion: 1,
				position: [200, 200],
				parameters: options.parameters as INodeParameters,
				credentials: {
					[CREDENTIAL_TYPES[authenticationOf(options.credential ?? credentialFor(sim))]]: {
						id: 'cred-1',
						name: 'DocuSign (simulator)',
					},
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			'DocuSign Users': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		},
	});
	const credentialsHelper = new TestCredentialsHelper(
		loader,
		options.credential ?? credentialFor(sim),
	);
	const run = await executeFromStart(
		workflow,
		credentialsHelper,
		options.calls.map((args) => ({ json: { args } })),
	);
	if (run.data.resultData.error)
		throw new Error(`the agent run failed: ${run.data.resultData.error.message}`);
	const items = (run.data.resultData.runData.Agent?.[0]?.data?.main?.[0] ??
		[]) as INodeExecutionData[];
	return { json: items.map((i) => i.json), run };
}

/**
 * The credential's Test button as n8n runs it: preAuthentication always (a test), then the
 * declared test request with the credential's authentication. Returns n8n's verdict.
 */
export async function testCredential(
	credential: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const loader = await loadPackage();
	const typeName = CREDENTIAL_TYPES[authenticationOf(credential)];
	const type = loader.credentialTypes[typeName].type;
	const helper = new TestCredentialsHelper(loader, credential);
	const data = structuredClone(credential);
	const workflow = workflowWith(loader, {}, undefined, authenticationOf(credential));
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode('DocuSign')!,
		additionalDataWith(helper),
		'parameters.user',
	);
	const httpRequest = context.helpers.httpRequest;
	const helpers = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
	try {
		await helper.preAuthentication(helpers, data, typeName, undefined, false, true);
		const request = type.test!.request;
		const options = await helper.authenticate(data, typeName, {
			method: 'GET',
			url: `${String(resolveWithCredentials(String(request.baseURL), data))}${request.url}`,
			json: true,
			disableFollowRedirect: true,
		});
		await httpRequest(options);
		return { status: 'OK', message: 'Connection tested successfully' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
