import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../helpers/batch';
import type { User } from '../../helpers/interfaces';
import { isClosedStatus, simplifyUser, toIsoDate } from '../../helpers/normalize';
import type { Session } from '../../transport';
import { apiRequest, docuSignApiError, OutcomeUnknownError } from '../../transport';
import type { Directory } from '../directory';
import type { Results } from '../results';
import { apiErrorFor, parameterError } from '../results';
import type { OperationContext } from '../types';
import { writeOptionsFor } from '../common.descriptions';
import type { WriteSettings } from './common';
import { readWriteSettings, writeOutput } from './common';
import { lookupUsers } from './lookup';
import type { NewUserInput } from './userInput';
import { newUserProperties, readNewUser } from './userInput';

const properties: INodeProperties[] = [
	...newUserProperties(),
	writeOptionsFor(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export interface NewUser {
	itemIndex: number;
	input: NewUserInput;
}

/** The newUsers[] entry DocuSign's Users:create takes. */
function newUserBody({ input }: NewUser): IDataObject {
	return {
		userName: input.userName,
		email: input.email,
		firstName: input.firstName,
		lastName: input.lastName,
		...(input.company ? { company: input.company } : {}),
		...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
		...(input.permissionProfile ? { permissionProfileId: input.permissionProfile.id } : {}),
		...(input.groups.length ? { groupList: input.groups.map((g) => ({ groupId: g.id })) } : {}),
	};
}

/** The user as created: DocuSign's answer completed by what was sent. */
function createdUser(session: Session, entry: NewUser, answer: IDataObject): User {
	const user = simplifyUser({ ...newUserBody(entry), ...answer }, session.account.accountId);
	user.groups = entry.input.groups.map((g) => ({ id: g.id, name: g.name }));
	if (entry.input.permissionProfile && !answer.permissionProfileName) user.permissionProfile = { ...entry.input.permissionProfile };
	return user;
}

/** What Dry Run shows for a user that would be created. */
export function plannedUser(session: Session, entry: NewUser): User {
	return createdUser(session, entry, { userId: null, userStatus: 'ActivationSent' });
}

export function createChanges(user: User): IDataObject {
	const changes: IDataObject = { status: { before: null, after: user.status || 'ActivationSent' } };
	for (const field of ['userName', 'email', 'firstName', 'lastName', 'company', 'jobTitle'] as const) {
		if (user[field]) changes[field] = { before: null, after: user[field] };
	}
	if (user.permissionProfile) changes.permissionProfile = { before: null, after: user.permissionProfile.name };
	if (user.groups.length) changes.groups = { added: user.groups.map((g) => g.name), removed: [] };
	return changes;
}

/**
 * Maps DocuSign's per-user answers back to items. On a resend after an unknown outcome, "already
 * exists" means the first attempt landed late: the user is ours, not a collision. With `raced`
 * (Create or Update), any other "already exists" is a user created since the lookup, by another
 * execution: the entry goes there instead of failing.
 */
function settleCreated(fn: IExecuteFunctions, session: Session, results: Results, batch: NewUser[], answers: IDataObject[], created: Map<number, User>, resend = false, raced?: NewUser[]) {
	const byEmail = new Map<string, IDataObject>();
	for (const answer of answers) {
		const email = String(answer.email ?? '').toLowerCase();
		if (!byEmail.has(email)) byEmail.set(email, answer);
	}
	batch.forEach((entry, position) => {
		const answer = byEmail.get(entry.input.email.toLowerCase()) ?? answers[position] ?? {};
		const details = answer.errorDetails as IDataObject | undefined;
		if (resend && details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT' && answer.userId) {
			created.set(entry.itemIndex, createdUser(session, entry, { ...answer, errorDetails: undefined, userStatus: answer.userStatus ?? 'ActivationSent' }));
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT' && raced) {
			raced.push(entry);
		} else if (details?.errorCode === 'USER_ALREADY_EXISTS_IN_ACCOUNT') {
			results.fail(entry.itemIndex, apiErrorFor(
				fn,
				entry.itemIndex,
				`A DocuSign user with the email ${entry.input.email} already exists${answer.userId ? ` (user ID ${String(answer.userId)})` : ''}`,
				'Nothing was created for this item. Use the Create or Update operation to bring an existing user to the wanted state.',
				{ errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT', existingUserId: answer.userId ?? null },
			));
		} else if (details) {
			results.fail(entry.itemIndex, docuSignApiError(fn.getNode(), 400, details, { what: 'create the user', itemIndex: entry.itemIndex }));
		} else if (!answer.userId) {
			results.fail(entry.itemIndex, apiErrorFor(fn, entry.itemIndex, `DocuSign did not confirm the creation of ${entry.input.email}`, 'Check the user in DocuSign before running the item again.'));
		} else {
			created.set(entry.itemIndex, createdUser(session, entry, answer));
		}
	});
}

/** Tolerates clock skew between n8n and DocuSign when telling our own creation from an older user. */
const CLOCK_SKEW_MS = 5 * 60_000;

function createdSince(user: IDataObject, sentAt: number): boolean {
	const created = Date.parse(toIsoDate(user.createdDateTime) ?? '');
	return Number.isFinite(created) && created >= sentAt - CLOCK_SKEW_MS;
}

async function postUsers(fn: IExecuteFunctions, session: Session, batch: NewUser[]): Promise<IDataObject[]> {
	const response = await apiRequest.call(fn, session, {
		method: 'POST',
		path: '/users',
		body: { newUsers: batch.map(newUserBody) },
		idempotent: false,
		what: 'create the users',
	});
	return (response.newUsers ?? []) as IDataObject[];
}

/**
 * Creates users in batches of one POST /users each (DocuSign takes up to 500). When a batch's
 * outcome is unknown (connection lost, 5xx), the users it may have created are looked up by
 * email, and only the missing ones are sent again: nobody is lost, nobody is created twice.
 */
export async function createUsers(fn: IExecuteFunctions, session: Session, results: Results, entries: NewUser[], batchSize: number, raced?: NewUser[]): Promise<Map<number, User>> {
	const created = new Map<number, User>();
	for (const batch of chunk(entries, batchSize)) {
		const open = batch.filter((e) => !results.failed(e.itemIndex));
		if (!open.length) continue;
		let answers: IDataObject[] | undefined;
		const sentAt = Date.now();
		try {
			answers = await postUsers(fn, session, open);
		} catch (error) {
			if (!(error instanceof OutcomeUnknownError)) {
				for (const entry of open) results.fail(entry.itemIndex, error);
				continue;
			}
		}
		if (answers) {
			settleCreated(fn, session, results, open, answers, created, false, raced);
			continue;
		}
		const found = await lookupUsers(fn, session, open.map((e) => ({ by: 'email' as const, value: e.input.email })));
		const missing: NewUser[] = [];
		for (const entry of open) {
			const existing = found.get(`email:${entry.input.email.toLowerCase()}`);
			if (existing && createdSince(existing, sentAt)) created.set(entry.itemIndex, createdUser(session, entry, existing));
			else if (existing && !isClosedStatus(String(existing.userStatus))) settleCreated(fn, session, results, [entry], [{ ...existing, errorDetails: { errorCode: 'USER_ALREADY_EXISTS_IN_ACCOUNT' } }], created, false, raced);
			else missing.push(entry);
		}
		if (!missing.length) continue;
		let resent: IDataObject[];
		try {
			resent = await postUsers(fn, session, missing);
		} catch (error) {
			for (const entry of missing) results.fail(entry.itemIndex, error);
			continue;
		}
		settleCreated(fn, session, results, missing, resent, created, true);
	}
	return created;
}

/** The same email twice in one run would create the user once and fail the rest: say so up front. */
export function rejectRepeatedEmails(fn: IExecuteFunctions, results: Results, entries: NewUser[]): NewUser[] {
	const firstSeen = new Map<string, number>();
	const unique: NewUser[] = [];
	for (const entry of entries) {
		const key = entry.input.email.toLowerCase();
		const first = firstSeen.get(key);
		if (first === undefined) {
			firstSeen.set(key, entry.itemIndex);
			unique.push(entry);
		} else {
			results.fail(entry.itemIndex, parameterError(fn, entry.itemIndex, 'Email', `"${entry.input.email}" is the same as in item ${first}`, 'Each user may appear once per run; remove the repeated item or merge it with the first one.'));
		}
	}
	return unique;
}

/** Every item's new-user fields, checked; an email repeated within the run fails the later item. */
export async function readNewUsers(fn: IExecuteFunctions, results: Results, directory: Directory): Promise<NewUser[]> {
	const read = await results.each((i) => readNewUser(fn, i, directory));
	return rejectRepeatedEmails(fn, results, read.map(({ itemIndex, value }) => ({ itemIndex, input: value })));
}

/**
 * Creates the users (or, on a Dry Run, plans them) and records each item's output. Entries that
 * met a user created since the lookup go to `raced` when given (no output for them yet).
 */
export async function createAndReport(fn: IExecuteFunctions, session: Session, results: Results, entries: NewUser[], { batchSize, dryRun }: WriteSettings, raced?: NewUser[]): Promise<void> {
	const users = dryRun
		? new Map(entries.map((entry) => [entry.itemIndex, plannedUser(session, entry)]))
		: await createUsers(fn, session, results, entries, batchSize, raced);
	for (const [itemIndex, user] of users) results.ok(itemIndex, writeOutput(user, 'create', createChanges(user), dryRun));
}

export async function execute(this: IExecuteFunctions, { session, directory, results }: OperationContext): Promise<void> {
	const settings = readWriteSettings(this);
	await createAndReport(this, session, results, await readNewUsers(this, results, directory), settings);
}
