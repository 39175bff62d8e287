import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountLocator } from './parameters/account';
import { listSearch, loadOptions } from './methods';
import { authenticationProperty, docuSignCredentials } from './parameters/authentication';
import { triggerProperties } from './trigger/description';
import { pollDrift } from './trigger/poll';

export class DocuSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DocuSign User Management Trigger',
		name: 'docuSignTrigger',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['trigger'],
		version: 1,
		// e.g. "Users: created, status, profile"
		subtitle:
			'={{ "Users: " + [$parameter["events"]].flat().map(e => ({ userCreated: "created", userUpdated: "updated", statusChanged: "status", permissionProfileChanged: "profile", groupMembershipChanged: "groups" })[e] || e).join(", ") }}',
		// n8n's nodes panel shows one entry for a node and its trigger, with the trigger's description: it names both.
		description:
			'Administer DocuSign eSignature users, profiles and groups, and start workflows when users are created, changed, closed or reactivated',
		defaults: { name: 'DocuSign User Management Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: docuSignCredentials,
		properties: [authenticationProperty, accountLocator, ...triggerProperties],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollDrift.call(this);
	}
}
