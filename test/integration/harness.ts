/**
 * Runs the built node (dist/) inside n8n's real engine: n8n-core's PackageDirectoryLoader and
 * WorkflowExecute, with a credentials helper that lets n8n sign requests and refresh OAuth2
 * tokens itself. Requests go over real HTTP to the local DocuSign simulator.
 */
import 'reflect-metadata';
import path from 'node:path';

import { ExecutionLifecycleHooks, LoadOptionsContext, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import type { Simulator } from '../simulator';

/** The package under test; the warm bench points DOCUSIGN_PACKAGE_DIR at an older build to measure "before". */
const PACKAGE_DIR = process.env.DOCUSIGN_PACKAGE_DIR ? path.resolve(process.env.DOCUSIGN_PACKAGE_DIR) : path.resolve(__dirname, '../..');
const NODE_TYPE = 'n8n-nodes-docusign-users.docuSign';
const CREDENTIAL_TYPE = 'docuSignOAuth2Api';

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

	constructor(
		private readonly loader: PackageDirectoryLoader,
		public data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.loader.credentialTypes[name]?.type.extends ?? [];
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, request: never) {
		return request;
	}
	async preAuthentication() {
		return undefined;
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
	async updateCredentialsOauthTokenData(_n: unknown, _t: string, data: ICredentialDataDecryptedObject) {
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

/** The decrypted credential as n8n would hold it after the OAuth consent, $self expressions resolved. */
export function credentialFor(sim: Simulator, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
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
	error?: { message: string; description?: string | null; context?: IDataObject; name?: string; [key: string]: unknown };
	credentialsHelper: TestCredentialsHelper;
	run: IRun;
}

export function nodeTypesOf(loader: PackageDirectoryLoader) {
	const typeOf = (type: string) => loader.nodeTypes[type.split('.').pop()!].type;
	return {
		getByName: (type: string) => (type === 'test.start' ? startNodeType : typeOf(type)),
		getByNameAndVersion: (type: string, version?: number) =>
			type === 'test.start' ? startNodeType : NodeHelpers.getVersionedNodeType(typeOf(type), version),
		getKnownTypes: () => ({}),
	};
}

/** Start -> DocuSign, the node configured with `parameters`. */
function workflowWith(loader: PackageDirectoryLoader, parameters: IDataObject, onError?: RunOptions['onError']): Workflow {
	return new Workflow({
		id: 'wf',
		active: false,
		nodeTypes: nodeTypesOf(loader) as never,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: '1', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'DocuSign',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: parameters as INodeParameters,
				credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'DocuSign (simulator)' } },
				...(onError ? { onError } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'DocuSign', type: 'main', index: 0 }]] } },
	});
}

export function additionalDataWith(credentialsHelper: TestCredentialsHelper, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
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

export async function runNode(sim: Simulator, options: RunOptions): Promise<RunResult> {
	const loader = await loadPackage();
	const credentialsHelper =
		options.credentialsHelper ?? new TestCredentialsHelper(loader, options.credential ?? credentialFor(sim));
	const workflow = workflowWith(loader, options.parameters, options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined));
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'wf',
		name: 'wf',
		nodes: [],
		connections: {},
		active: false,
		settings: {},
	} as never);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: workflow.getNode('Start')!, data: { main: [items] }, source: null }],
		},
	};
	const execute = new WorkflowExecute(additionalDataWith(credentialsHelper, hooks), 'manual', runExecutionData as never);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const nodeRun = run.data.resultData.runData.DocuSign?.[0];
	const output = (nodeRun?.data?.main?.[0] ?? []) as INodeExecutionData[];
	const errorItems = (nodeRun?.data?.main?.[1] ?? []) as INodeExecutionData[];
	const error = (nodeRun?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items: output, json: output.map((i) => i.json), errorItems, error, credentialsHelper, run };
}

/** Calls one of the node's listSearch / loadOptions methods the way the editor does, through n8n-core. */
export async function callMethod<T>(sim: Simulator, kind: 'listSearch' | 'loadOptions', method: string, ...args: unknown[]): Promise<T> {
	return await callMethodWith<T>(credentialFor(sim), kind, method, ...args);
}

/** callMethod with a given credential (e.g. the one a workflow run used). */
export async function callMethodWith<T>(credential: ICredentialDataDecryptedObject, kind: 'listSearch' | 'loadOptions', method: string, ...args: unknown[]): Promise<T> {
	return await callMethodIn<T>(credential, {}, kind, method, ...args);
}

/** callMethodWith on a node whose parameters include `nodeParameters` (e.g. its Account). */
export async function callMethodIn<T>(credential: ICredentialDataDecryptedObject, nodeParameters: IDataObject, kind: 'listSearch' | 'loadOptions', method: string, ...args: unknown[]): Promise<T> {
	const loader = await loadPackage();
	const workflow = workflowWith(loader, { resource: 'user', operation: 'get', ...nodeParameters });
	const context = new LoadOptionsContext(workflow, workflow.getNode('DocuSign')!, additionalDataWith(new TestCredentialsHelper(loader, credential)), 'parameters.user');
	const type = loader.nodeTypes.docuSign.type as INodeType;
	const fn = (type.methods?.[kind] as Record<string, (...a: unknown[]) => Promise<T>>)[method];
	return await fn.call(context, ...args);
}
