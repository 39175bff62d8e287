import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, docuSignCredentials } from './parameters/authentication';
import { accountLocator } from './actions/common.descriptions';
import { router } from './actions/router';
import { resourceDescriptions, resourceProperty, subtitle } from './actions/resources';
import { listSearch, loadOptions } from './methods';

export class DocuSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DocuSign',
		name: 'docuSign',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			'Create, update, activate and suspend DocuSign eSignature users, with permission profiles and groups',
		defaults: { name: 'DocuSign' },
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
