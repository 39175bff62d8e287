/**
 * Runs the built DocuSign Trigger's poll function the way n8n does: an n8n-core PollContext on a Workflow
 * whose static data is loaded from, and after each poll saved back to, a JSON string (n8n's database column).
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import {
	additionalDataWith,
	authenticationOf,
	credentialFor,
	loadPackage,
	nodeTypesOf,
	TestCredentialsHelper,
} from './harness';

const TRIGGER_TYPE = 'n8n-nodes-docusign-users.docuSignTrigger';
const NODE_NAME = 'DocuSign Trigger';

/** Every event the trigger can watch (its Events option). */
export const ALL_EVENTS = [
	'userCreated',
	'userUpdated',
	'statusChanged',
	'permissionProfileChanged',
	'groupMembershipChanged',
];

export interface PollResult {
	/** null: the poll returned null (nothing to start the workflow with). */
	items: IDataObject[] | null;
	/** /restapi and /oauth requests this poll made. */
	calls: number;
	/** Whether the poll changed the static data (n8n saves it then). */
	saved: boolean;
}

export class TriggerUnderTest {
	/** The workflow's static data as n8n's database holds it. */
	savedStaticData = '{}';
	private credentialsHelper?: TestCredentialsHelper;

	constructor(
		private readonly sim: Simulator,
		public parameters: IDataObject,
		private readonly credential: () => ICredentialDataDecryptedObject = () => credentialFor(sim),
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const loader = await loadPackage();
		this.credentialsHelper ??= new TestCredentialsHelper(loader, this.credential());
		const jwt = authenticationOf(this.credentialsHelper.data) === 'jwt';
		const workflow = new Workflow({
			id: 'wf-trigger',
			active: mode !== 'manual',
			nodeTypes: nodeTypesOf(loader) as never,
			settings: { executionOrder: 'v1' },
			staticData: JSON.parse(this.savedStaticData) as IDataObject,
			nodes: [
				{
					id: 't1',
					name: NODE_NAME,
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: (jwt
						? { authentication: 'jwt', ...this.parameters }
						: this.parameters) as INodeParameters,
					credentials: {
						[jwt ? 'docuSignJwtApi' : 'docuSignOAuth2Api']: {
							id: 'cred-1',
							name: 'DocuSign (simulator)',
						},
					},
				},
			],
			connections: {},
		});
		const node = workflow.getNode(NODE_NAME)!;
		const activation: WorkflowActivateMode = mode === 'manual' ? 'manual' : 'activate';
		const context = new PollContext(
			workflow,
			node,
			additionalDataWith(this.credentialsHelper),
			mode,
			activation,
		);
		const type = loader.nodeTypes.docuSignTrigger.type as INodeType;
		const before = this.sim.log.length;
		const output = (await type.poll!.call(context)) as INodeExecutionData[][] | null;
		const calls = this.sim.log.length - before;
		// As n8n's WorkflowStaticDataService.saveStaticData: saved when the poll changed it, then the flag is reset.
		const saved = workflow.staticData.__dataChanged === true;
		if (saved) {
			workflow.staticData.__dataChanged = false;
			this.savedStaticData = JSON.stringify(workflow.staticData);
		}
		return { items: output ? output[0].map((i) => i.json) : null, calls, saved };
	}
}

/** The simulator's control endpoint, over HTTP, as a test or an administrator script would call it. */
export async function adminChanges(
	sim: Simulator,
	changes: IDataObject[],
	accountId?: string,
): Promise<IDataObject> {
	const response = await fetch(`${sim.baseUrl}/__control/admin-changes`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ accountId, changes }),
	});
	const body = (await response.json()) as IDataObject;
	if (response.status !== 200)
		throw new Error(`admin-changes ${response.status}: ${JSON.stringify(body)}`);
	return body;
}
