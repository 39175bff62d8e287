import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest, openSession } from '../transport';

const PAGE = 50;

/** Users for the From List picker: DocuSign searches names; a filter with @ searches emails. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const session = await openSession.call(this);
	const start = Number(paginationToken ?? 0);
	const qs: IDataObject = { start_position: start, count: PAGE, status: 'Active,ActivationSent,ActivationRequired,Closed,Disabled' };
	if (filter) qs[filter.includes('@') ? 'email_substring' : 'user_name_substring'] = filter;
	const response = await apiRequest.call(this, session, { method: 'GET', path: '/users', qs, idempotent: true, what: 'list the users' });
	const users = (response.users ?? []) as IDataObject[];
	const total = Number(response.totalSetSize ?? 0);
	return {
		results: users.map((u) => ({
			name: `${u.userName ?? ''} <${u.email ?? ''}>${String(u.userStatus) === 'Closed' ? ' (closed)' : ''}`,
			value: String(u.userId),
		})),
		paginationToken: start + users.length < total ? String(start + users.length) : undefined,
	};
}

export async function searchPermissionProfiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const session = await openSession.call(this);
	const response = await apiRequest.call(this, session, { method: 'GET', path: '/permission_profiles', idempotent: true, what: 'list the permission profiles' });
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: ((response.permissionProfiles ?? []) as IDataObject[])
			.map((p) => ({ name: String(p.permissionProfileName), value: String(p.permissionProfileId) }))
			.filter((p) => p.name.toLowerCase().includes(wanted)),
	};
}

export async function searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const session = await openSession.call(this);
	const start = Number(paginationToken ?? 0);
	const qs: IDataObject = { start_position: start, count: PAGE };
	if (filter) qs.search_text = filter;
	const response = await apiRequest.call(this, session, { method: 'GET', path: '/groups', qs, idempotent: true, what: 'list the groups' });
	const groups = (response.groups ?? []) as IDataObject[];
	const total = Number(response.totalSetSize ?? 0);
	return {
		results: groups.map((g) => ({ name: String(g.groupName), value: String(g.groupId) })),
		paginationToken: start + groups.length < total ? String(start + groups.length) : undefined,
	};
}
