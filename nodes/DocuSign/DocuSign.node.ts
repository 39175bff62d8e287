import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, docuSignCredentials } from './parameters/authentication';
import { accountLocator } from './parameters/account';
import { resourceDescriptions, resourceProperty, router, subtitle } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class DocuSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DocuSign User Management',
		name: 'docuSign',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			'Administer DocuSign eSignature users: create, update, close and reactivate them, with permission profiles and groups',
		defaults: { name: 'DocuSign User Management' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: docuSignCredentials,
		properties: [authenticationProperty, accountLocator, resourceProperty, ...resourceDescriptions],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
