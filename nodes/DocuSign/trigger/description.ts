import type { INodeProperties } from 'n8n-workflow';
import { collection, notice } from '../parameters/editor';
import { entryFor } from '../parameters/spec';

import { USER_STATUSES } from '../users/model';
import { editorEntry } from '../parameters/spec';
import { costNotice } from './cost';
import { TRIGGER_PARAMETERS } from './settings';

export const triggerProperties: INodeProperties[] = [
	notice('costNotice', costNotice()),
	entryFor(TRIGGER_PARAMETERS.events, {
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
		description:
			"Which changes start the workflow. Group Membership Changed reads every custom group's member list on each full read; User Updated keeps fingerprints (or values) of names, e-mail and job title in the workflow.",
	}),
	collection('filters', 'Filters', 'Add Filter', [
		entryFor(TRIGGER_PARAMETERS.groups, {
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCustomGroups' },
			allowArbitraryValues: true,
			description:
				'Only changes of users who were or are in one of these custom groups. In an expression, group names work too (case-insensitive), e.g. "Sales, Legal". Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		entryFor(TRIGGER_PARAMETERS.statuses, {
			type: 'multiOptions',
			options: USER_STATUSES,
			description: 'Only changes of users who were or are in one of these statuses',
		}),
	]),
	collection('options', 'Options', 'Add Option', [
		entryFor(TRIGGER_PARAMETERS.emitExistingOnFirstPoll, {
			type: 'boolean',
			description:
				'Whether the first poll outputs every current user (event "existingUser") instead of silently recording them as the baseline',
		}),
		editorEntry(TRIGGER_PARAMETERS.reconcileHours),
		editorEntry(TRIGGER_PARAMETERS.maxCallsPerHour),
		entryFor(TRIGGER_PARAMETERS.personalData, {
			type: 'options',
			options: [
				{
					name: 'Fingerprints Only',
					value: 'fingerprints',
					description:
						'Names, e-mail and job title are kept as short fingerprints: User Updated says which field changed and its new value, not the old one',
				},
				{
					name: 'Previous Values',
					value: 'values',
					description:
						'Names, e-mail and job title are kept as they are, so User Updated shows before → after; the workflow then holds them for every user',
				},
			],
			description:
				"What the workflow's stored state keeps for User Updated (n8n saves it with the workflow). Statuses, profiles and groups are kept as IDs either way.",
		}),
	]),
];
