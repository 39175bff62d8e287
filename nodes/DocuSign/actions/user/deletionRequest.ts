import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { DocuSignAccount, User } from '../../users/model';
import { isClosedStatus } from '../../users/model';
import { isHiddenControl } from '../../users/validate';

/** DocuSign's Admin API redacts a user's personal data no sooner than 24 hours after closing. */
const ERASURE_DELAY_HOURS = 24;

/** UNVERIFIED: the deep-link format of DocuSign's admin app; the users page is the documented entry. */
function adminUserLink(account: DocuSignAccount, userId: string): string {
	return `${account.adminAppUrl}/users/${encodeURIComponent(userId)}?accountId=${encodeURIComponent(account.accountId)}`;
}

/** Text from DocuSign goes into a subject and a message: no control or bidi characters, no line breaks, single spaces. */
function oneLine(text: string): string {
	return Array.from(text, (c) => (isHiddenControl(c.charCodeAt(0)) ? ' ' : c))
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

/** A Notify Delete output's request fields, for the user as the write left it. */
export function deletionRequestOutput(
	account: DocuSignAccount,
	after: User,
	changes: IDataObject,
	recipients: string[],
	reason: string,
	requestedAt: string,
): IDataObject {
	const link = adminUserLink(account, after.id);
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
			account,
			reason,
			suspended,
			closedNow: Object.keys(changes).length > 0,
			requestedAt,
			link,
		}),
	};
}
