import type { IDataObject } from 'n8n-workflow';

import type { Group, User } from '../model';
import type { NewUserInput } from '../model';

type WriteAction =
	| 'create'
	| 'update'
	| 'activate'
	| 'suspend'
	| 'notifyDelete'
	| 'addUsers'
	| 'removeUsers';

/** Output fields an operation adds once its write is done (Notify Delete's request); may fail the item. */
export type ExtraOutput = (after: User, changes: IDataObject) => Promise<IDataObject> | IDataObject;

/** One item's writes on an existing user, sent in the order DocuSign needs them. */
export interface PlannedChange {
	kind: 'change';
	itemIndex: number;
	action: Exclude<WriteAction, 'create'>;
	/** The user as read before the run touched it. */
	user: User;
	/** Reopen a closed membership first (Users:update, one request per user). */
	reopen?: boolean;
	/** Users:update body fields, only those that differ. */
	fields?: IDataObject;
	addGroups?: Group[];
	removeGroups?: Group[];
	close?: { removeFromGroups: boolean };
	/** The audit record for the output: each field before -> after, groups added and removed. */
	changes: IDataObject;
	/** The user as it will be; a reopen's status is taken from DocuSign's answer instead. */
	after: User;
	extraOutput?: ExtraOutput;
}

/** One item's new user. */
export interface PlannedCreate {
	kind: 'create';
	itemIndex: number;
	action: 'create';
	input: NewUserInput;
	/**
	 * Create or Update: DocuSign answered "already exists", so another execution (another n8n worker)
	 * created the user since the lookup. Plans the update that brings that user to the wanted state;
	 * without it, the item fails.
	 */
	createdMeanwhile?: (user: User) => PlannedChange;
	/** Activation: undefined = Send Activation Email (nothing added to the output); 'immediate' = Admin API. */
	activation?: 'immediate' | 'email';
	/** An unclaimed domain falls back to an eSignature create (with an activation e-mail). */
	fallbackToEmail?: boolean;
}

export type PlannedWrite = PlannedChange | PlannedCreate;

/** Whether the change needs any request at all (a user already in the wanted state needs none). */
export function sendsRequest(change: PlannedChange): boolean {
	return !!(
		change.reopen ||
		(change.fields && Object.keys(change.fields).length) ||
		change.addGroups?.length ||
		change.removeGroups?.length ||
		change.close
	);
}

/** Batch Size and Dry Run of one run. */
export interface WriteSettings {
	batchSize: number;
	dryRun: boolean;
}
