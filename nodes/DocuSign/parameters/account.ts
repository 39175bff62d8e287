/**
 * The node's Account, for both nodes and the editor's dropdowns: one spec, so the action, the trigger
 * and a list search read it, check it and default it alike (empty = the credential's account).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../users/validate';
import { echo, GUID_PATTERN } from '../users/validate';
import { entryFor, spec } from './spec';

/**
 * The Account locator (From List, By ID, or an expression giving either form): an API Account ID,
 * or empty for the credential's account. An account number is refused here with its own hint.
 */
function checkAccount(value: unknown): Checked<string> {
	const raw =
		value !== null && typeof value === 'object' && 'value' in value
			? (value as { value: unknown }).value
			: value;
	const text =
		raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw.trim() : undefined;
	if (text === undefined)
		return {
			problem: `is ${typeof raw}, not an API Account ID`,
			hint: "Pick the account from the list, or give its API Account ID (a GUID); leave it empty for the credential's account.",
		};
	if (/^\d+$/.test(text))
		return {
			problem: `${echo(text)} is an account number, not an API Account ID`,
			hint: 'Give the API Account ID (a GUID) from Settings > Apps and Keys, or pick the account from the list.',
		};
	if (text && !GUID_PATTERN.test(text))
		return {
			problem: `${echo(text)} is not an API Account ID (a GUID)`,
			hint: 'Pick the account from the list, or copy the API Account ID from Settings > Apps and Keys.',
		};
	return { value: text };
}

/** Read per run (per poll in the trigger) as the API Account ID alone. */
export const ACCOUNT = spec({
	path: 'account',
	label: 'Account',
	fallback: '',
	extractValue: true,
	check: checkAccount,
});

export const GUID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The account every operation, dropdown and list search works in; empty = the credential's account. */
export const accountLocator: INodeProperties = entryFor(ACCOUNT, {
	type: 'resourceLocator',
	placeholder: "Credential's Account",
	description:
		"The DocuSign account to work in. Empty: the credential's Account ID, or the connected user's default account. One value per run.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an account…',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2f8a5d1c-6b3e-4a7f-9c0d-1e2f3a4b5c6d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*(${GUID_REGEX})?\\s*$`,
						errorMessage: 'Not an API Account ID (a GUID)',
					},
				},
			],
		},
	],
});
