import type { User } from './model';

/**
 * Every user status DocuSign names (eSignature `userStatus`), once: Get Many's and the trigger's
 * Status options and the lookups' explicit status filter all come from this list.
 */
const STATUSES = [
	{ value: 'Active', name: 'Active' },
	{ value: 'ActivationSent', name: 'Activation Sent (Pending)' },
	{ value: 'ActivationRequired', name: 'Activation Required' },
	{ value: 'Closed', name: 'Closed' },
	{ value: 'Disabled', name: 'Disabled' },
] as const;

/** The Status options of Get Many and the trigger, by name as the editor lists them. */
export const USER_STATUSES = STATUSES.map(({ name, value }) => ({ name, value })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/**
 * Every status DocuSign knows, sent explicitly with every lookup: DocuSign's default status filter is
 * undocumented (UNVERIFIED), and a default without closed users would hide exactly the users that Activate
 * and Create or Update must find.
 */
export const EVERY_USER_STATUS = STATUSES.map((s) => s.value).join(',');

/**
 * The one home for what a DocuSign user status means. `Active`, `ActivationSent` and
 * `ActivationRequired` are open memberships (the last two wait for the user to accept the
 * activation e-mail); `Closed` is a closed membership (Activate reopens it); `Disabled` is closed
 * by DocuSign, which the API cannot reopen. Anything else is open to no one: not enabled.
 */
export interface StatusMeaning {
	enabled: boolean;
	activationPending: boolean;
	closed: boolean;
	disabled: boolean;
}

export function statusMeaning(status: unknown): StatusMeaning {
	const key = String(status ?? '').toLowerCase();
	const activationPending = key === 'activationsent' || key === 'activationrequired';
	return {
		enabled: key === 'active' || activationPending,
		activationPending,
		closed: key === 'closed',
		disabled: key === 'disabled',
	};
}

export function isClosedStatus(status: unknown): boolean {
	return statusMeaning(status).closed;
}

export function isDisabledStatus(status: unknown): boolean {
	return statusMeaning(status).disabled;
}

/** A user with a new status from DocuSign: enabled and activationPending follow it. */
export function withStatus(user: User, status: string): User {
	const { enabled, activationPending } = statusMeaning(status);
	return { ...user, status, enabled, activationPending };
}
