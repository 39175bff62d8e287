import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Group, PermissionProfile } from '../helpers/interfaces';
import { toGroup, toPermissionProfile } from '../helpers/normalize';
import { asNameList, asText, findByIdOrName } from '../helpers/validate';
import type { DocuSignContext, Session } from '../transport';
import { apiRequest, apiRequestAllItems } from '../transport';
import { parameterError } from './results';

/**
 * The account's permission profiles and groups, read at most once per execution however many
 * items name them, and the one place where a name or an ID becomes a profile or a group.
 */
export class Directory {
	private profileList?: Promise<PermissionProfile[]>;
	private groupList?: Promise<Group[]>;

	constructor(
		private readonly ctx: DocuSignContext,
		private readonly session: Session,
	) {}

	async profiles(): Promise<PermissionProfile[]> {
		this.profileList ??= apiRequest
			.call(this.ctx, this.session, {
				method: 'GET',
				path: '/permission_profiles',
				idempotent: true,
				what: 'list the permission profiles',
			})
			.then((r) => ((r.permissionProfiles ?? []) as IDataObject[]).map(toPermissionProfile));
		return await this.profileList;
	}

	async groups(): Promise<Group[]> {
		this.groupList ??= apiRequestAllItems
			.call(this.ctx, this.session, { path: '/groups', key: 'groups', qs: { include_usercount: 'false' }, what: 'list the groups' })
			.then((list) => list.map(toGroup));
		return await this.groupList;
	}

	/** The built-in Administrators group (its groupType is spelt differently across API versions). */
	async administratorsGroup(): Promise<Group | undefined> {
		const builtIn = (await this.groups()).filter((g) => g.builtIn);
		return builtIn.find((g) => g.type.toLowerCase().includes('admin')) ?? builtIn.find((g) => g.name.toLowerCase() === 'administrators');
	}

	async resolveProfile(fn: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): Promise<PermissionProfile | undefined> {
		const text = asText(value);
		if ('problem' in text) throw parameterError(fn, itemIndex, parameter, text.problem, text.hint);
		if (!text.value) return undefined;
		const profiles = await this.profiles();
		const profile = findByIdOrName(profiles, text.value);
		if (!profile) {
			throw parameterError(
				fn,
				itemIndex,
				parameter,
				`names no permission profile of this account: "${text.value}"`,
				`Use one of: ${profiles.map((p) => `${p.name} (${p.id})`).join(', ')}`,
			);
		}
		return profile;
	}

	/** One group by ID or name; built-in groups only where DocuSign lets us use them (reads). */
	async resolveGroup(
		fn: IExecuteFunctions,
		itemIndex: number,
		parameter: string,
		value: unknown,
		allowBuiltIn: boolean,
	): Promise<Group> {
		const text = asText(value);
		if ('problem' in text) throw parameterError(fn, itemIndex, parameter, text.problem, text.hint);
		if (!text.value) throw parameterError(fn, itemIndex, parameter, 'is empty', 'Pick a group, or give its ID or name.');
		const groups = await this.groups();
		const custom = groups.filter((g) => !g.builtIn);
		const group = findByIdOrName(groups, text.value);
		if (!group) {
			const choices = allowBuiltIn ? groups : custom;
			throw parameterError(fn, itemIndex, parameter, `names no group of this account: "${text.value}"`, `Use one of: ${choices.map((g) => g.name).join(', ')}`);
		}
		if (group.builtIn && !allowBuiltIn) {
			throw parameterError(
				fn,
				itemIndex,
				parameter,
				`is the built-in group "${group.name}", whose members DocuSign manages itself`,
				`Everyone holds every user and Administrators follows the Account Administrator profile. Use a custom group: ${custom.map((g) => g.name).join(', ')}`,
			);
		}
		return group;
	}

	/** Custom groups only: Everyone and Administrators follow DocuSign's own rules, never group sync. */
	async resolveGroups(fn: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): Promise<Group[]> {
		const names = asNameList(value);
		if ('problem' in names) throw parameterError(fn, itemIndex, parameter, names.problem, names.hint);
		const resolved: Group[] = [];
		for (const name of names.value) {
			const group = await this.resolveGroup(fn, itemIndex, parameter, name, false);
			if (!resolved.some((g) => g.id === group.id)) resolved.push(group);
		}
		return resolved;
	}
}
