import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, docuSignCredentials } from './parameters/authentication';
import { accountLocator } from './actions/common.descriptions';
import * as group from './actions/group';
import * as permissionProfile from './actions/permissionProfile';
import { router } from './actions/router';
import * as user from './actions/user';
import { listSearch, loadOptions } from './methods';

export class DocuSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DocuSign',
		name: 'docuSign',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['transform'],
		version: 1,
		// Display names, not values: "Create or Update: User", not "upsert: user".
		subtitle:
			'={{ ({ activate: "Activate", addUsers: "Add Users", create: "Create", delete: "Delete", get: "Get", getAll: "Get Many", getMembers: "Get Members", notifyDelete: "Notify Delete", removeUsers: "Remove Users", rename: "Rename", suspend: "Suspend", syncRoster: "Sync Roster", update: "Update", upsert: "Create or Update" })[$parameter["operation"]] + ": " + ({ group: "Group", permissionProfile: "Permission Profile", user: "User" })[$parameter["resource"]] }}',
		description:
			'Create, update, activate and suspend DocuSign eSignature users, with permission profiles and groups',
		defaults: { name: 'DocuSign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: docuSignCredentials,
		properties: [
			authenticationProperty,
			accountLocator,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Group', value: 'group' },
					{ name: 'Permission Profile', value: 'permissionProfile' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...user.description,
			...group.description,
			...permissionProfile.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
