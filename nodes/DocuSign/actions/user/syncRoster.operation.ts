import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { notice } from '../../parameters/editor';
import type { ReadingsOf } from '../../parameters/spec';
import { entryFor, isToolCall, onlyWhen } from '../../parameters/spec';

import { applyChange, planUserChange } from '../../users/diff';
import { fillMemberships, listUsersOrNone, membershipsOf } from '../../users/lookup';
import type { User } from '../../users/model';
import { EVERY_USER_STATUS, isClosedStatus, simplifyUser } from '../../users/model';
import { apiErrorFor } from '../../users/results';
import type { RosterEntry, RosterPlan, RosterScope } from '../../users/roster';
import { planRoster } from '../../users/roster';
import type { PlannedChange, PlannedWrite } from '../../users/writes';
import { planClose, runWrites, writeOutput } from '../../users/writes';
import { groupsField, writeOptionsFor } from '../common.descriptions';
import { PARAMETERS } from '../parameters';
import type { Run } from '../../users/run';
import { deletionRequestOutput } from './deletionRequest';
import type { NewUserInput } from './userInput';
import { desiredFrom, NEW_USER_READS, newUserFrom, newUserProperties } from './userInput';

const OPEN_STATUSES = 'Active,ActivationSent,ActivationRequired';

const properties: INodeProperties[] = [
	notice(
		'rosterNotice',
		'Each input item is one person of the roster (e.g. one row of the HR export). The run creates, updates and reopens them, and handles the users the roster no longer lists.',
	),
	...newUserProperties(),
	entryFor(PARAMETERS.rosterScope, {
		type: 'options',
		options: [
			{
				name: 'All Open Users',
				value: 'all',
				description: 'The roster lists everyone in the account',
			},
			{
				name: 'Users in Groups',
				value: 'groups',
				description: 'The roster lists the members of the chosen groups',
			},
			{
				name: 'Users in Email Domains',
				value: 'domains',
				description: 'The roster lists everyone with an email in the chosen domains',
			},
		],
		description:
			'Which DocuSign users the roster speaks for: only they can be missing from it. Account administrators and Never Touch emails are never written.',
	}),
	{
		...groupsField('The groups whose members the roster lists.', PARAMETERS.scopeGroups),
		displayOptions: { show: { scope: ['groups'] } },
	},
	entryFor(PARAMETERS.scopeDomains, {
		type: 'string',
		placeholder: 'e.g. acme.example, acme.co.uk',
		displayOptions: { show: { scope: ['domains'] } },
		description: 'Email domains, comma-separated',
	}),
	entryFor(PARAMETERS.outOfRoster, {
		type: 'options',
		options: [
			{ name: 'Report Only', value: 'report', description: 'Output them; change nothing' },
			{ name: 'Close', value: 'close', description: 'Close their membership (reversible)' },
			{
				name: 'Close and Request Deletion',
				value: 'closeAndRequestDeletion',
				description:
					'Close them and output a deletion request for an administrator (as Request Deletion)',
			},
		],
		description:
			'What happens to in-scope users no roster entry names. Closing stops at the safeguards in Options.',
	}),
	...writeOptionsFor([
		entryFor(PARAMETERS.groupSync, {
			type: 'options',
			options: [
				{ name: 'Add Only', value: 'add', description: 'Add missing groups, never remove any' },
				{
					name: 'Replace',
					value: 'replace',
					description: 'Each listed user ends in exactly their custom groups from the roster',
				},
			],
			description:
				'What happens to the groups of listed users who already exist. For the whole run.',
		}),
		entryFor(PARAMETERS.includeAdministrators, {
			type: 'boolean',
			description:
				'Whether account administrators may be updated and closed like anyone else. Off: they are skipped, so a roster mistake cannot lock the account out.',
		}),
		entryFor(PARAMETERS.maxClosePercent, {
			type: 'number',
			description:
				'The run closes nobody and fails when it would close more than this share of the in-scope users (at least 1 is always allowed)',
		}),
		entryFor(PARAMETERS.maxCloses, {
			type: 'number',
			description: 'The run closes nobody and fails when it would close more users than this',
		}),
		entryFor(PARAMETERS.neverTouch, {
			type: 'string',
			placeholder: 'e.g. ceo@acme.example, break-glass@acme.example',
			description: 'Emails the run never writes, whatever the roster says; comma-separated',
		}),
		entryFor(PARAMETERS.newUserGraceHours, {
			type: 'number',
			description:
				'Users created this recently are never closed for missing from the roster: a joiner flow may have added them after the HR export was made',
		}),
		entryFor(PARAMETERS.reactivateClosedUsers, {
			type: 'boolean',
			description:
				'Whether to reopen a closed user the roster lists; when off, such an entry is skipped (action "skip", reason "closed")',
		}),
		entryFor(PARAMETERS.recipients, {
			type: 'string',
			placeholder: 'e.g. it-admins@example.com',
			displayOptions: { show: { '/outOfRoster': ['closeAndRequestDeletion'] } },
			description:
				"Who receives the deletion requests, comma-separated. Empty: the account's active administrators.",
		}),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['syncRoster'] } },
	properties,
);

export const reads = {
	run: {
		outOfRoster: PARAMETERS.outOfRoster,
		groupSync: PARAMETERS.groupSync,
		reactivateClosedUsers: PARAMETERS.reactivateClosedUsers,
		maxCloses: PARAMETERS.maxCloses,
		maxClosePercent: PARAMETERS.maxClosePercent,
		recipients: onlyWhen(
			PARAMETERS.recipients,
			(read) => read.outOfRoster === 'closeAndRequestDeletion',
		),
		rosterScope: PARAMETERS.rosterScope,
		newUserGraceHours: PARAMETERS.newUserGraceHours,
		includeAdministrators: PARAMETERS.includeAdministrators,
		neverTouch: PARAMETERS.neverTouch,
		scopeDomains: onlyWhen(PARAMETERS.scopeDomains, (read) => read.rosterScope === 'domains'),
		scopeGroups: onlyWhen(PARAMETERS.scopeGroups, (read) => read.rosterScope === 'groups'),
	},
	// The email as given comes first: a row that fails still counts as listed (emailsOfFailedEntries).
	item: { givenEmail: PARAMETERS.rosterEmail, ...NEW_USER_READS },
};

type Readings = ReadingsOf<typeof reads>;

interface Entry extends RosterEntry {
	input: NewUserInput;
}

/** Reads every roster entry; an email listed twice fails every entry that lists it (which row is right is unknowable). */
async function readRoster(run: Run, records: Readings): Promise<Entry[]> {
	const { n8n, results, directory } = run;
	const read: Array<{ itemIndex: number; value: NewUserInput }> = [];
	for (const itemIndex of results.open()) {
		try {
			const value = await newUserFrom(n8n, itemIndex, records.item(itemIndex), directory);
			read.push({ itemIndex, value });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	const byEmail = new Map<string, number[]>();
	for (const { itemIndex, value } of read) {
		const key = value.email.toLowerCase();
		byEmail.set(key, [...(byEmail.get(key) ?? []), itemIndex]);
	}
	for (const [email, items] of byEmail) {
		if (items.length < 2) continue;
		for (const itemIndex of items)
			results.fail(
				itemIndex,
				apiErrorFor(
					n8n,
					itemIndex,
					`The roster lists ${email} more than once (items ${items.join(', ')})`,
					'Nothing was written for this person. Remove the repeated rows from the roster so that it lists each person once.',
				),
			);
	}
	return read
		.filter(({ itemIndex }) => !results.failed(itemIndex))
		.map(({ itemIndex, value }) => ({ itemIndex, email: value.email, input: value }));
}

/** The emails of entries that failed, as given: the person still counts as listed, so a bad row closes nobody. */
function emailsOfFailedEntries({ results }: Run, items: Readings['items']): Set<string> {
	const present = new Set<string>();
	items.forEach((item, i) => {
		if (!results.failed(i)) return;
		const email = 'value' in item ? item.value.givenEmail : item.before.givenEmail;
		if (typeof email === 'string' && email.trim()) present.add(email.trim().toLowerCase());
	});
	return present;
}

async function scopeFrom(run: Run, values: Readings['run']): Promise<RosterScope> {
	const { n8n, directory } = run;
	const kind = values.rosterScope;
	const scope: RosterScope = {
		kind,
		includeAdministrators: values.includeAdministrators,
		neverTouch: new Set(values.neverTouch.map((e) => e.toLowerCase())),
		newUsersSince: Date.now() - values.newUserGraceHours * 3_600_000,
	};
	if (kind === 'domains') {
		scope.domains = values.scopeDomains ?? [];
		if (!scope.domains.length)
			throw new NodeOperationError(n8n.getNode(), 'The parameter "Scope Domains" is empty', {
				description: 'Give the email domains the roster covers, or choose another Scope.',
			});
	}
	if (kind === 'groups') {
		const groups = await directory.resolveGroups(
			n8n,
			0,
			PARAMETERS.scopeGroups.label,
			values.scopeGroups ?? [],
		);
		if (!groups.length)
			throw new NodeOperationError(
				n8n.getNode(),
				`The parameter "${PARAMETERS.scopeGroups.label}" is empty`,
				{
					description: 'Pick the groups whose members the roster lists, or choose another Scope.',
				},
			);
		const members = await listUsersOrNone(run, {
			path: '/users',
			key: 'users',
			qs: { group_id: groups.map((g) => g.id).join(','), status: OPEN_STATUSES },
			what: 'list the users in the scope groups',
		});
		scope.groupMemberIds = new Set(members.map((u) => String(u.userId ?? '').toLowerCase()));
	}
	return scope;
}

/** A refused plan: nothing is written, and the error says what the run would have done and how to go on. */
function refusedError(n8n: IExecuteFunctions, plan: RosterPlan<Entry>): NodeOperationError {
	const shown = plan.leavers.slice(0, 10).map((u) => u.email);
	const more =
		plan.leavers.length > shown.length ? ` and ${plan.leavers.length - shown.length} more` : '';
	return new NodeOperationError(
		n8n.getNode(),
		`Sync Roster refused the run: ${plan.refused!.message}`,
		{
			description: [
				`Nothing was written to DocuSign. Roster: ${plan.joiners.length} to create, ${plan.matched.length} listed users, ${plan.skipped.length} skipped; ${plan.leavers.length} in-scope users missing from the roster${shown.length ? ` (${shown.join(', ')}${more})` : ''}.`,
				'Check that the roster is complete (a truncated export looks like mass leaving). If the closes are intended, raise Options > Max Closes or Max Close Share (%) for this run, or run with Dry Run first.',
			].join(' '),
		},
	);
}

/**
 * User > Sync Roster: reads the account's users once, plans every roster entry and every in-scope
 * user the roster no longer lists, checks the safeguards on the whole plan, then hands the plan to
 * the write engine. Users missing from the roster come out after the roster's items, each paired
 * with item 0 (they stem from the roster as a whole, not from one row). As an AI tool it always
 * runs as a Dry Run.
 */
export async function execute(run: Run, read: Readings): Promise<void> {
	const { n8n, session, directory, results } = run;
	const dryRun = run.settings.dryRun || isToolCall(n8n);
	const {
		outOfRoster: leaverAction,
		groupSync,
		reactivateClosedUsers: reopenClosed,
		recipients = [],
	} = read.run;
	const safeguards = {
		maxCloses: read.run.maxCloses,
		maxCloseShare: read.run.maxClosePercent / 100,
		closes: leaverAction !== 'report',
	};
	const scope = await scopeFrom(run, read.run);
	const entries = await readRoster(run, read);
	if (results.stopRequested()) return;

	const raw = await listUsersOrNone(run, {
		path: '/users',
		key: 'users',
		qs: { status: EVERY_USER_STATUS, additional_info: 'true' },
		what: 'list the users',
	});
	const accountId = session.account.accountId;
	const plan = planRoster(
		entries,
		raw.map((u) => simplifyUser(u, accountId)),
		scope,
		safeguards,
		reopenClosed,
		emailsOfFailedEntries(run, read.items),
	);
	if (plan.refused) throw refusedError(n8n, plan);

	// Memberships only of the users the roster updates, only of the groups Group Sync needs.
	const rawById = new Map(raw.map((u) => [String(u.userId ?? '').toLowerCase(), u]));
	const matchedRaw = plan.matched.map((m) => rawById.get(m.user.id.toLowerCase())!);
	await fillMemberships(
		run,
		matchedRaw,
		membershipsOf(directory, groupSync === 'add' ? entries.map((e) => e.input.groups) : ['all']),
	);
	const custom = new Set(
		(
			await directory.groupsKnowing(
				matchedRaw.flatMap((u) =>
					((u.groupList ?? []) as IDataObject[]).map((g) => String(g.groupId ?? '')),
				),
			)
		)
			.filter((g) => !g.builtIn)
			.map((g) => g.id),
	);
	const planUpdate =
		(entry: Entry) =>
		(user: User): PlannedChange => {
			const change = planUserChange(user, desiredFrom(entry.input, groupSync), (id) =>
				custom.has(id),
			);
			return {
				kind: 'change',
				itemIndex: entry.itemIndex,
				action: 'update',
				user,
				reopen: isClosedStatus(user.status),
				fields: change.fields,
				addGroups: change.addGroups,
				removeGroups: change.removeGroups,
				changes: change.changes,
				after: applyChange(user, change, entry.input.permissionProfile?.name),
			};
		};

	const writes: PlannedWrite[] = [];
	for (const { entry, user } of plan.matched) {
		const fresh = simplifyUser(rawById.get(user.id.toLowerCase())!, accountId);
		writes.push(planUpdate(entry)(fresh));
	}
	for (const entry of plan.joiners)
		writes.push({
			kind: 'create',
			itemIndex: entry.itemIndex,
			action: 'create',
			input: entry.input,
			createdMeanwhile: planUpdate(entry),
		});
	for (const { entry, user, reason } of plan.skipped)
		results.ok(entry.itemIndex, { ...writeOutput(user, 'skip', {}, dryRun), reason });

	const missing = [...plan.leavers, ...plan.newlyCreated];
	const indexes = results.addOutputs(missing.length, 0);
	const requestedAt = DateTime.utc().toISO();
	const admins = raw
		.filter((u) => String(u.userStatus) === 'Active' && String(u.isAdmin).toLowerCase() === 'true')
		.map((u) => String(u.email ?? ''));
	for (const [n, user] of missing.entries()) {
		const itemIndex = indexes[n];
		const newUser = n >= plan.leavers.length;
		if (leaverAction === 'report' || newUser) {
			results.ok(itemIndex, {
				...writeOutput(user, 'report', {}, dryRun),
				inRoster: false,
				...(newUser ? { reason: 'newUser' } : {}),
			});
			continue;
		}
		const extra =
			leaverAction === 'close'
				? () => ({ inRoster: false })
				: (after: User, changes: IDataObject) => ({
						inRoster: false,
						...deletionRequestOutput(
							session.account,
							after,
							changes,
							recipients.length
								? recipients
								: admins.filter((e) => e.toLowerCase() !== user.email.toLowerCase()),
							'No longer in the HR roster',
							requestedAt,
						),
					});
		writes.push(
			await planClose(
				directory,
				itemIndex,
				leaverAction === 'close' ? 'suspend' : 'notifyDelete',
				user,
				false,
				extra,
			),
		);
	}
	await runWrites({ ...run, settings: { ...run.settings, dryRun } }, writes);
}
