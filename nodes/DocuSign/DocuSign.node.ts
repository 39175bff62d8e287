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
		displayName: 'DocuSign User Management',
		name: 'docuSign',
		icon: { light: 'file:../../icons/docusign.svg', dark: 'file:../../icons/docusign.dark.svg' },
		group: ['transform'],
		version: 1,
		// Display names, not values: "Create or Update: User", not "upsert: user".
		subtitle:
			'={{ ({ activate: "Reactivate", addUsers: "Add User to Group", create: "Create", delete: "Delete", get: "Get", getAll: "Get Many", getMembers: "Get Members", notifyDelete: "Request Deletion", removeUsers: "Remove User From Group", rename: "Rename", suspend: "Close", syncRoster: "Sync Roster", update: "Update", upsert: "Create or Update" })[$parameter["operation"]] + ": " + ({ group: "Group", permissionProfile: "Permission Profile", user: "User" })[$parameter["resource"]] }}',
		description:
			'Administer DocuSign eSignature users: create, update, close and reactivate them, with permission profiles and groups',
		defaults: { name: 'DocuSign User Management' },
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
