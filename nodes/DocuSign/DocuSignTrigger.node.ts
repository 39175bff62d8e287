import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, docuSignCredentials } from './parameters/authentication';
import { loadOptions } from './methods';
import { triggerProperties } from './trigger/description';
import { pollDrift } from './trigger/poll';

export class DocuSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DocuSign Trigger',
		name: 'docuSignTrigger',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Users: " + [$parameter["events"]].flat().join(", ") }}',
		description:
			'Starts the workflow when DocuSign users are created, changed, activated, closed or get other access',
		defaults: { name: 'DocuSign Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: docuSignCredentials,
		properties: [authenticationProperty, ...triggerProperties],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollDrift.call(this);
	}
}
