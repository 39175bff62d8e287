import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { DocuSignAccount, User } from '../../helpers/interfaces';
import { toBoolean } from '../../helpers/normalize';
import { asNameList, checkEmail } from '../../helpers/validate';
import type { Session } from '../../transport';
import { apiRequestAllItems } from '../../transport';
import { userLocator, writeOptionsFor } from '../common.descriptions';
import type { Directory } from '../directory';
import { parameterError } from '../results';
import type { OperationContext } from '../types';
import { loadTargets, readWriteSettings, writeOutput } from './common';
import { closeUsers } from './suspend.operation';

/** DocuSign's Admin API redacts a user's personal data no sooner than 24 hours after closing. */
const ERASURE_DELAY_HOURS = 24;

const properties: INodeProperties[] = [
	userLocator('User to Delete'),
	writeOptionsFor([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Left the company on 2026-11-30 (HR ticket 4711)',
			description: 'Why the user should be deleted; goes into the message',
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'string',
			default: '',
			placeholder: 'e.g. it-admins@example.com, dpo@example.com',
			description: 'Who should receive the request, comma-separated. Empty: the account\'s active administrators.',
		},
		{
			displayName: 'Suspend User First',
			name: 'suspendFirst',
			type: 'boolean',
			default: true,
			description: 'Whether to close the user\'s membership now, so access ends before an administrator acts',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['notifyDelete'] } }, properties);

/** UNVERIFIED: the deep-link format of DocuSign's admin app; the users page is the documented entry. */
export function adminUserLink(account: DocuSignAccount, userId: string): string {
	return `${account.adminAppUrl}/users/${encodeURIComponent(userId)}?accountId=${encodeURIComponent(account.accountId)}`;
}

/** The account's active administrators, read once per execution from the Administrators group. */
async function activeAdministrators(fn: IExecuteFunctions, session: Session, directory: Directory): Promise<Array<{ email: string; id: string }>> {
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

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function deletionRequest(args: { user: User; account: DocuSignAccount; reason: string; suspended: boolean; closedNow: boolean; requestedAt: string; link: string }): IDataObject {
	const { user, account, reason, suspended, closedNow, requestedAt, link } = args;
	const name = user.userName || `${user.firstName} ${user.lastName}`.trim() || user.email;
	const erasureFrom = closedNow ? DateTime.fromISO(requestedAt, { zone: 'utc' }).plus({ hours: ERASURE_DELAY_HOURS }).toISO() : null;
	const erasureNote = suspended
		? `DocuSign never deletes users. Its personal-data erasure (Admin API data redaction) becomes possible 24 hours after the membership was closed${erasureFrom ? `, i.e. from ${erasureFrom}` : ''}.`
		: 'DocuSign never deletes users. Close the membership first; personal-data erasure (Admin API data redaction) becomes possible 24 hours after that.';
	const facts: Array<[string, string]> = [
		['User', `${name} <${user.email}>`],
		['User ID', user.id],
		['Account', `${account.accountName} (${account.accountId})`],
		['Status', suspended ? (closedNow ? 'Closed by this request' : 'Closed') : user.status],
		['Permission profile', user.permissionProfile?.name ?? 'none'],
		['Groups', user.groups.map((g) => g.name).join(', ') || 'none'],
		['Reason', reason || 'not given'],
		['Requested at', requestedAt],
	];
	const subject = `Please delete DocuSign user ${name} (${user.email})`;
	const message = [
		'Hello,',
		'',
		`please delete the DocuSign user ${name} from the account ${account.accountName}.`,
		'',
		...facts.map(([label, value]) => `${label}: ${value}`),
		'',
		`Open the user in DocuSign Admin: ${link}`,
		'',
		erasureNote,
	].join('\n');
	const messageHtml = [
		`<p>Hello,</p><p>please delete the DocuSign user <strong>${escapeHtml(name)}</strong> from the account ${escapeHtml(account.accountName)}.</p>`,
		`<table>${facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`,
		`<p><a href="${escapeHtml(link)}">Open the user in DocuSign Admin</a></p>`,
		`<p>${escapeHtml(erasureNote)}</p>`,
	].join('\n');
	return { subject, message, messageHtml, erasureNote, erasurePossibleFrom: erasureFrom };
}

export async function execute(this: IExecuteFunctions, { session, directory, results }: OperationContext): Promise<void> {
	const { batchSize, dryRun } = readWriteSettings(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const suspendFirst = options.suspendFirst !== false;
	const given = asNameList(options.recipients);
	if ('problem' in given) throw parameterError(this, 0, 'Options > Recipients', given.problem, given.hint);
	for (const email of given.value) {
		const checked = checkEmail(email);
		if ('problem' in checked) throw parameterError(this, 0, 'Options > Recipients', checked.problem, checked.hint);
	}

	const targets = await loadTargets(this, session, results, 'User to Delete');
	const plans = suspendFirst ? await closeUsers(this, session, directory, results, targets, { batchSize, dryRun, removeFromGroups: false }) : new Map();
	const admins = given.value.length ? [] : await activeAdministrators(this, session, directory);
	const requestedAt = DateTime.utc().toISO();

	for (const { itemIndex, user } of targets) {
		if (results.failed(itemIndex)) continue;
		await results.run(itemIndex, async () => {
			const reason = String(this.getNodeParameter('options.reason', itemIndex, '') ?? '');
			const plan = plans.get(itemIndex) ?? { after: user, changes: {} };
			const recipients = given.value.length ? given.value : admins.filter((a) => a.id !== user.id).map((a) => a.email);
			if (!recipients.length) {
				throw parameterError(this, itemIndex, 'Options > Recipients', 'is empty and the account has no other active administrator', 'Give the emails that should receive deletion requests.');
			}
			const suspended = plan.after.status.toLowerCase() === 'closed';
			const request = deletionRequest({
				user: plan.after,
				account: session.account,
				reason,
				suspended,
				closedNow: Object.keys(plan.changes).length > 0,
				requestedAt,
				link: adminUserLink(session.account, user.id),
			});
			return {
				...writeOutput(plan.after, 'notifyDelete', plan.changes, dryRun),
				suspended,
				recipients,
				to: recipients.join(', '),
				reason,
				requestedAt,
				adminUrl: adminUserLink(session.account, user.id),
				...request,
			};
		});
	}
}
