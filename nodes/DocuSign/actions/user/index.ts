import type { INodeProperties } from 'n8n-workflow';

import type { OperationEntry } from '../types';
import { entry, operationParameter, resourceDescription } from '../types';

import * as activate from './activate.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as notifyDelete from './notifyDelete.operation';
import * as suspend from './suspend.operation';
import * as syncRoster from './syncRoster.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { activate, create, get, getAll, notifyDelete, suspend, syncRoster, update, upsert };

/** The operations of this resource, by their parameter value: the router and the Operation dropdown read this. */
export const operations = {
	activate: entry(
		activate,
		'Reactivate',
		'Reopen a closed membership; nothing is sent for an active or pending user. DocuSign may ask the user to accept a new activation email.',
		'Reactivate a closed user',
	),
	create: entry(
		create,
		'Create',
		'Create a user with permission profile and groups; DocuSign emails an activation link',
		'Create a user',
	),
	upsert: entry(
		upsert,
		'Create or Update',
		'Create a new record, or update the current one if it already exists (upsert)',
		'Create or update a user',
	),
	get: entry(get, 'Get', 'Get one user by ID or email', 'Get a user'),
	getAll: entry(
		getAll,
		'Get Many',
		'List users, filtered by status, email, name or group',
		'Get many users',
	),
	notifyDelete: entry(
		notifyDelete,
		'Request Deletion',
		'Close the membership (by default) and output a deletion request for an administrator (offboarding); sends nothing itself, and DocuSign never deletes users',
		'Close a user and request its deletion',
	),
	suspend: entry(
		suspend,
		'Close',
		"Deactivate a user: close the membership (status Closed, DocuSign's only way to disable a user); reversible with Reactivate",
		'Close a user',
	),
	syncRoster: entry(
		syncRoster,
		'Sync Roster',
		'Bring the account in line with the whole HR roster (one item per person): create, update, reopen, and report or close the users it no longer lists, within safeguards',
		'Sync users with a roster',
	),
	update: entry(
		update,
		'Update',
		'Change names, company, job title, permission profile and custom groups',
		'Update a user',
	),
} satisfies Record<string, OperationEntry>;

/** The Operation parameter: the router reads it, the dropdown shows it. */
export const operation = operationParameter(operations, 'get');

export const description: INodeProperties[] = resourceDescription('user', operations, operation);
