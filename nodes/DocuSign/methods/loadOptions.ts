import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { Directory } from '../users/directory';
import { editorSession } from './session';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

async function directory(this: ILoadOptionsFunctions): Promise<Directory> {
	return new Directory(this, await editorSession.call(this));
}

async function groupOptions(
	this: ILoadOptionsFunctions,
	includeBuiltIn: boolean,
): Promise<INodePropertyOptions[]> {
	const groups = await (await directory.call(this)).groups();
	return groups
		.filter((g) => includeBuiltIn || !g.builtIn)
		.map((g) => ({ name: g.name, value: g.id }))
		.sort(byName);
}

/** Custom groups: the only ones group sync may change. */
export async function getCustomGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await groupOptions.call(this, false);
}

export async function getAllGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await groupOptions.call(this, true);
}

export async function getPermissionProfiles(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const profiles = await (await directory.call(this)).profiles();
	return profiles.map((p) => ({ name: p.name, value: p.id })).sort(byName);
}
