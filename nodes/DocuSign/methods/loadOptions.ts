import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toGroup } from '../helpers/normalize';
import { apiRequest, apiRequestAllItems, openSession } from '../transport';

async function groupOptions(this: ILoadOptionsFunctions, includeBuiltIn: boolean): Promise<INodePropertyOptions[]> {
	const session = await openSession.call(this);
	const groups = (await apiRequestAllItems.call(this, session, { path: '/groups', key: 'groups', what: 'list the groups' })).map(toGroup);
	return groups
		.filter((g) => includeBuiltIn || !g.builtIn)
		.map((g) => ({ name: g.name, value: g.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Custom groups: the only ones group sync may change. */
export async function getCustomGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await groupOptions.call(this, false);
}

export async function getAllGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await groupOptions.call(this, true);
}

export async function getPermissionProfiles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = await openSession.call(this);
	const response = await apiRequest.call(this, session, { method: 'GET', path: '/permission_profiles', idempotent: true, what: 'list the permission profiles' });
	return ((response.permissionProfiles ?? []) as IDataObject[])
		.map((p) => ({ name: String(p.permissionProfileName), value: String(p.permissionProfileId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
