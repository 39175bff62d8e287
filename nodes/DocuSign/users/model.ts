export type {
	AdminApi,
	DocuSignAccount,
	DocuSignCredentials,
	Environment,
} from '../transport/types';

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

/** What the node knows of a user, normalised from DocuSign's string-typed object. */
export interface User {
	id: string;
	userName: string;
	firstName: string;
	lastName: string;
	email: string;
	status: string;
	enabled: boolean;
	permissionProfile: PermissionProfile | null;
	groups: Array<{ id: string; name: string }>;
	isAdmin: boolean;
	company: string;
	jobTitle: string;
	createdAt: string | null;
	lastLoginAt: string | null;
	accountId: string;
	activationPending: boolean;
}

/** One new user as checked from an item: what the create bodies are built from. */
export interface NewUserInput {
	email: string;
	firstName: string;
	lastName: string;
	userName: string;
	/** Whether User Name was given, or derived from first and last name. */
	userNameGiven: boolean;
	company?: string;
	jobTitle?: string;
	permissionProfile?: PermissionProfile;
	groups: Group[];
}
