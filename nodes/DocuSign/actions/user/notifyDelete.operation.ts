import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { DocuSignAccount, User } from '../../users/model';
import { toBoolean } from '../../users/normalize';
import { isClosedStatus } from '../../users/status';
import type { Session } from '../../transport';
import { apiRequestAllItems } from '../../transport';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import type { Directory } from '../../users/directory';
import { PARAMETERS, readItemParameter, readWriteSettings } from '../parameters';
import { parameterError } from '../../users/results';
import type { OperationContext } from '../types';
import type { PlannedWrite } from '../../users/writes';
import { planClose, runWrites } from '../../users/writes';
import { loadTargets } from '../targets';

/** DocuSign's Admin API redacts a user's personal data no sooner than 24 hours after closing. */
const ERASURE_DELAY_HOURS = 24;

const properties: INodeProperties[] = [
	userLocator('User to Delete'),
	...writeOptionsFor([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Left the company on 2026-11-30 (HR ticket 4711)',
			description:
				'Why the user should be deleted; goes into the message. Read for each item; no line breaks.',
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'string',
			default: '',
			placeholder: 'e.g. it-admins@example.com, dpo@example.com',
			description:
				"Who should receive the request, comma-separated. Empty: the account's active administrators. Read for each item, so an expression can name each leaver's manager.",
		},
		{
			displayName: 'Suspend User First',
			name: 'suspendFirst',
			type: 'boolean',
			default: true,
			description:
				"Whether to close the user's membership now, so access ends before an administrator acts. Read for each item.",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['notifyDelete'] } },
	properties,
);

/** UNVERIFIED: the deep-link format of DocuSign's admin app; the users page is the documented entry. */
export function adminUserLink(account: DocuSignAccount, userId: string): string {
	return `${account.adminAppUrl}/users/${encodeURIComponent(userId)}?accountId=${encodeURIComponent(account.accountId)}`;
}

/** The account's active administrators, read once per execution from the Administrators group. */
async function activeAdministrators(
	fn: IExecuteFunctions,
	session: Session,
	directory: Directory,
): Promise<Array<{ email: string; id: string }>> {
	const admins = await directory.administratorsGroup();
	const users = await apiRequestAllItems.call(fn, session, {
		path: '/users',
		key: 'users',
		qs: admins ? { group_id: admins.id, status: 'Active' } : { status: 'Active' },
		what: 'list the account administrators',
	});
	return users
		.filter((u) => admins || toBoolean(u.isAdmin))
		.map((u) => ({ id: String(u.userId), email: String(u.email ?? '') }));
}

/** Text from DocuSign goes into a subject and a message: no control characters, no line breaks, single spaces. */
function oneLine(text: string): string {
	return Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

export function deletionRequest(args: {
	user: User;
	account: DocuSignAccount;
	reason: string;
	suspended: boolean;
	closedNow: boolean;
	requestedAt: string;
	link: string;
}): IDataObject {
	const { account, suspended, closedNow, requestedAt, link } = args;
	const reason = oneLine(args.reason);
	const user: User = {
		...args.user,
		userName: oneLine(args.user.userName),
		firstName: oneLine(args.user.firstName),
		lastName: oneLine(args.user.lastName),
		email: oneLine(args.user.email),
	};
	const accountName = oneLine(account.accountName);
	const name = user.userName || `${user.firstName} ${user.lastName}`.trim() || user.email;
	const erasureFrom = closedNow
		? DateTime.fromISO(requestedAt, { zone: 'utc' }).plus({ hours: ERASURE_DELAY_HOURS }).toISO()
		: null;
	const erasureNote = suspended
		? `DocuSign never deletes users. Its personal-data erasure (Admin API data redaction) becomes possible 24 hours after the membership was closed${erasureFrom ? `, i.e. from ${erasureFrom}` : ''}.`
		: 'DocuSign never deletes users. Close the membership first; personal-data erasure (Admin API data redaction) becomes possible 24 hours after that.';
	const facts: Array<[string, string]> = [
		['User', `${name} <${user.email}>`],
		['User ID', user.id],
		['Account', `${accountName} (${account.accountId})`],
		['Status', suspended ? (closedNow ? 'Closed by this request' : 'Closed') : user.status],
		['Permission profile', oneLine(user.permissionProfile?.name ?? '') || 'none'],
		['Groups', user.groups.map((g) => oneLine(g.name)).join(', ') || 'none'],
		['Reason', reason || 'not given'],
		['Requested at', requestedAt],
	];
	const subject = `Please delete the DocuSign user ${name} (${user.email})`;
	const message = [
		subject,
		'',
		'Hello,',
		'',
		`Please delete the DocuSign user ${name} from the account ${accountName}.`,
		'',
		...facts.map(([label, value]) => `${label}: ${value}`),
		'',
		`Open the user in DocuSign Admin: ${link}`,
		'',
		erasureNote,
	].join('\n');
	const messageHtml = [
		`<p><strong>${escapeHtml(subject)}</strong></p>`,
		`<p>Hello,</p><p>Please delete the DocuSign user <strong>${escapeHtml(name)}</strong> from the account ${escapeHtml(accountName)}.</p>`,
		`<table>${facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`,
		`<p><a href="${escapeHtml(link)}">Open the user in DocuSign Admin</a></p>`,
		`<p>${escapeHtml(erasureNote)}</p>`,
	].join('\n');
	return { subject, message, messageHtml, erasureNote, erasurePossibleFrom: erasureFrom };
}

export async function execute(
	this: IExecuteFunctions,
	{ session, directory, results }: OperationContext,
): Promise<void> {
	const settings = readWriteSettings(this);
	// Notify Delete never changes groups: no membership reads.
	const targets = await loadTargets(this, session, results, 'User to Delete', undefined, {
		directory,
		groupIds: [],
	});
	const requestedAt = DateTime.utc().toISO();
	// Read once, and only if some item leaves Recipients empty; a failure fails only those items.
	let admins: Promise<Array<{ email: string; id: string }>> | undefined;
	const administrators = async () =>
		await (admins ??= activeAdministrators(this, session, directory));

	const plan: PlannedWrite[] = [];
	for (const { itemIndex, user } of targets) {
		try {
			const suspendFirst = readItemParameter(this, PARAMETERS.suspendFirst, itemIndex);
			const reason = readItemParameter(this, PARAMETERS.reason, itemIndex);
			const given = readItemParameter(this, PARAMETERS.recipients, itemIndex);
			const request = async (after: User, changes: IDataObject): Promise<IDataObject> => {
				const recipients = given.length
					? given
					: (await administrators()).filter((a) => a.id !== user.id).map((a) => a.email);
				if (!recipients.length) {
					throw parameterError(
						this,
						itemIndex,
						'Options > Recipients',
						'is empty and the account has no other active administrator',
						'Give the emails that should receive deletion requests.',
					);
				}
				const link = adminUserLink(session.account, user.id);
				const suspended = isClosedStatus(after.status);
				return {
					suspended,
					recipients,
					to: recipients.join(', '),
					reason,
					requestedAt,
					adminUrl: link,
					...deletionRequest({
						user: after,
						account: session.account,
						reason,
						suspended,
						closedNow: Object.keys(changes).length > 0,
						requestedAt,
						link,
					}),
				};
			};
			plan.push(
				suspendFirst
					? await planClose(directory, itemIndex, 'notifyDelete', user, false, request)
					: {
							kind: 'change',
							itemIndex,
							action: 'notifyDelete',
							user,
							changes: {},
							after: user,
							extraOutput: request,
						},
			);
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await runWrites(this, session, results, plan, settings);
}
