import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isNoSuchUserError, isUserSearch } from '../users/lookup';
import { EVERY_USER_STATUS } from '../users/model';
import { apiRequest, listUserAccounts } from '../transport';
import { claimedTotalOf } from '../transport/paging';
import { editorCredentialType, editorSession } from './session';

const PAGE = 50;

/** One page of a searchable picker; the pagination token is the next start_position. */
async function pagedSearch(
	this: ILoadOptionsFunctions,
	path: string,
	key: string,
	qs: IDataObject,
	paginationToken: string | undefined,
	toResult: (entry: IDataObject) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const session = await editorSession.call(this);
	const start = Number(paginationToken ?? 0);
	const response = await apiRequest.call(this, session, {
		method: 'GET',
		path,
		qs: { ...qs, start_position: start, count: PAGE },
		idempotent: true,
		what: `search the ${key}`,
	});
	const list = response[key];
	const entries = (Array.isArray(list) ? list : []).slice(0, PAGE) as IDataObject[];
	const next = start + entries.length;
	// The clamped total: a claimed billion offers no more pages than the node would ever list.
	return {
		results: entries.map(toResult),
		paginationToken:
			entries.length && next < claimedTotalOf(response.totalSetSize) ? String(next) : undefined,
	};
}

/** Users for the From List picker: DocuSign searches names; a filter with @ searches emails. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { status: EVERY_USER_STATUS };
	if (filter) qs[filter.includes('@') ? 'email_substring' : 'user_name_substring'] = filter;
	try {
		return await pagedSearch.call(this, '/users', 'users', qs, paginationToken, (u) => ({
			name: `${String(u.userName ?? '')} <${String(u.email ?? '')}>${String(u.userStatus) === 'Closed' ? ' (closed)' : ''}`,
			value: String(u.userId),
		}));
	} catch (error) {
		// "No match" may come back as an error rather than an empty page, for a search's first page
		// only (see isUserSearch): a list of every user, or a later page, is never empty that way.
		if (
			!paginationToken &&
			isUserSearch(qs) &&
			isNoSuchUserError((error as { context?: IDataObject }).context?.errorCode)
		)
			return { results: [] };
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

async function groupSearch(
	this: ILoadOptionsFunctions,
	qs: IDataObject,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pagedSearch.call(
		this,
		'/groups',
		'groups',
		filter ? { ...qs, search_text: filter } : qs,
		paginationToken,
		(g) => ({
			name: String(g.groupName),
			value: String(g.groupId),
		}),
	);
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await groupSearch.call(this, {}, filter, paginationToken);
}

/** For membership changes: DocuSign manages Everyone and Administrators, so they are not offered. */
export async function searchCustomGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await groupSearch.call(this, { group_type: 'CustomGroup' }, filter, paginationToken);
}

/** The connected user's accounts for the Account picker, by name (filter: name or ID contains). */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const accounts = (await listUserAccounts.call(this, editorCredentialType(this)))
		.filter(
			(a) =>
				!needle ||
				a.accountName.toLowerCase().includes(needle) ||
				a.accountId.toLowerCase().includes(needle),
		)
		.sort((a, b) => a.accountName.localeCompare(b.accountName));
	return {
		results: accounts.map((a) => ({
			name: `${a.accountName || 'Unnamed account'}${a.isDefault ? ' (default)' : ''}`,
			value: a.accountId,
		})),
	};
}
