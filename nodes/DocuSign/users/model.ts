export type {
	AdminApi,
	DocuSignAccount,
	DocuSignCredentials,
	Environment,
} from '../transport/types';
import type { FieldKey, RequiredKey, UserText } from './fields';

export interface PermissionProfile {
	id: string;
	name: string;
}

export interface Group {
	id: string;
	name: string;
	type: string;
	builtIn: boolean;
}

/** What the node knows of a user, normalised from DocuSign's string-typed object; its text attributes are the rows of fields.ts. */
export interface User extends UserText {
	id: string;
	status: string;
	enabled: boolean;
	permissionProfile: PermissionProfile | null;
	groups: Array<{ id: string; name: string }>;
	isAdmin: boolean;
	createdAt: string | null;
	lastLoginAt: string | null;
	accountId: string;
	activationPending: boolean;
}

/** One new user as checked from an item: what the create bodies are built from. */
export type NewUserInput = Partial<Record<FieldKey, string>> &
	Record<RequiredKey | 'userName', string> & {
		/** Whether User Name was given, or derived from first and last name. */
		userNameGiven: boolean;
		permissionProfile?: PermissionProfile;
		groups: Group[];
	};
