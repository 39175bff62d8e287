import type { INodeProperties } from 'n8n-workflow';

import { USER_STATUSES } from '../users/status';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Group Membership Changed',
				value: 'groupMembershipChanged',
				description: 'A user was added to or removed from a custom group',
			},
			{
				name: 'Permission Profile Changed',
				value: 'permissionProfileChanged',
				description: "A user's permission profile changed",
			},
			{
				name: 'Status Changed',
				value: 'statusChanged',
				description: 'A user was activated, closed, set pending or disabled',
			},
			{ name: 'User Created', value: 'userCreated', description: 'A user appeared in the account' },
			{
				name: 'User Updated',
				value: 'userUpdated',
				description: "A user's name, email, job title or company changed",
			},
		],
		default: [
			'userCreated',
			'userUpdated',
			'statusChanged',
			'permissionProfileChanged',
			'groupMembershipChanged',
		],
		description:
			"Which changes start the workflow. Group Membership Changed reads every custom group's member list on each poll.",
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Group Names or IDs',
				name: 'groups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCustomGroups' },
				default: [],
				description:
					'Only changes of users who were or are in one of these custom groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Status',
				name: 'statuses',
				type: 'multiOptions',
				options: USER_STATUSES,
				default: [],
				description: 'Only changes of users who were or are in one of these statuses',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Emit Existing Users on First Poll',
				name: 'emitExistingOnFirstPoll',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll outputs every current user (event "existingUser") instead of silently recording them as the baseline',
			},
		],
	},
];
