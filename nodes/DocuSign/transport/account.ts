import { NodeOperationError } from 'n8n-workflow';

import type { DocuSignAccount, DocuSignCredentials } from '../helpers/interfaces';
import { GUID_PATTERN } from '../helpers/validate';
import { adminAppOf, authServerOf, isTrustedBaseUri } from './hosts';
import { RateLimiter } from './rateLimit';
import type { DocuSignContext, Session, SessionSettings } from './request';
import { apiRequest, CREDENTIAL_TYPE, DEFAULT_SETTINGS } from './request';


interface UserInfoAccount {
	account_id: string;
	account_name?: string;
	is_default?: boolean | string;
	base_uri: string;
}

/** UNVERIFIED on the wire: DocuSign's SDK models is_default as a string, the docs as a boolean. */
function isDefaultAccount(account: UserInfoAccount): boolean {
	return account.is_default === true || String(account.is_default).toLowerCase() === 'true';
}

function listAccounts(accounts: UserInfoAccount[]): string {
	return accounts.map((a) => `${a.account_name ?? 'unnamed'} (${a.account_id})`).join(', ');
}

function pickAccount(
	this: DocuSignContext,
	accounts: UserInfoAccount[],
	wanted: string,
): UserInfoAccount {
	if (wanted && /^\d+$/.test(wanted)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Account ID "${wanted}" is an account number, not an API Account ID`,
			{
				description: `Enter the API Account ID (a GUID) from Settings > Apps and Keys, or leave it empty for the default account. Accounts of this login: ${listAccounts(accounts)}`,
			},
		);
	}
	const chosen = wanted
		? accounts.find((a) => a.account_id.toLowerCase() === wanted.toLowerCase())
		: (accounts.find(isDefaultAccount) ?? accounts[0]);
	if (!chosen) {
		throw new NodeOperationError(
			this.getNode(),
			wanted
				? `The connected DocuSign user has no account with the Account ID "${wanted}"`
				: 'The connected DocuSign user has no account',
			{
				description: wanted
					? `Set the credential's Account ID to one of: ${listAccounts(accounts)}. Leave it empty for the default account.`
					: 'Connect the credential with a user who belongs to a DocuSign eSignature account.',
			},
		);
	}
	if (wanted && !GUID_PATTERN.test(wanted)) {
		throw new NodeOperationError(this.getNode(), `The Account ID "${wanted}" is not a GUID`, {
			description: 'Copy the API Account ID from Settings > Apps and Keys.',
		});
	}
	return chosen;
}

/**
 * Opens the execution's session: one /oauth/userinfo call picks the account and the API host.
 * The token follows base_uri, so a host DocuSign would never hand out is refused.
 */
export async function openSession(
	this: DocuSignContext,
	settings: Partial<SessionSettings> = {},
): Promise<Session> {
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as DocuSignCredentials;
	const authServer = authServerOf(credentials);
	if (!/^https?:\/\//.test(authServer)) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential\'s Authorization Server URL is missing or not an http(s) URL',
			{ description: 'Open the DocuSign credential and enter e.g. http://127.0.0.1:8085 for a Custom environment.' },
		);
	}
	const userInfo = await apiRequest.call(this, undefined, {
		method: 'GET',
		path: `${authServer}/oauth/userinfo`,
		idempotent: true,
		what: 'read the accounts of the connected user',
	});
	const accounts = (userInfo.accounts ?? []) as unknown as UserInfoAccount[];
	const chosen = pickAccount.call(this, accounts, String(credentials.accountId ?? '').trim());

	if (!isTrustedBaseUri(chosen.base_uri, credentials)) {
		throw new NodeOperationError(
			this.getNode(),
			`Refused to send the access token to ${chosen.base_uri}: it is not a DocuSign API host`,
			{
				description:
					credentials.environment === 'custom'
						? 'For a Custom environment the API must be served from the same origin as the Authorization Server URL.'
						: 'DocuSign API hosts are https on *.docusign.net or *.docusign.com. Check that the credential talks to the real DocuSign.',
			},
		);
	}
	const account: DocuSignAccount = {
		accountId: chosen.account_id,
		accountName: chosen.account_name ?? '',
		baseUrl: `${chosen.base_uri.replace(/\/+$/, '')}/restapi/v2.1/accounts/${chosen.account_id}`,
		adminAppUrl: adminAppOf(credentials),
		environment: credentials.environment,
	};
	return {
		account,
		limiter: new RateLimiter(),
		settings: { ...DEFAULT_SETTINGS, ...settings },
	};
}
