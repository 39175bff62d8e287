export type Environment = 'production' | 'demo' | 'custom';

export interface DocuSignCredentials {
	environment: Environment;
	authServerUrl?: string;
	accountId?: string;
	/** Organization Admin Access: the Admin (organization) API may be used. */
	organizationAdminAccess?: boolean;
	organizationId?: string;
}

/** The Admin (organization) API of this execution: present only with Organization Admin Access on. */
export interface AdminApi {
	/** Undefined when neither the credential nor userinfo names the organization. */
	organizationId?: string;
	/** `{Management base}/v2/organizations/{organizationId}`. */
	baseUrl: string;
}

/** The account and API base this execution talks to; resolved once through /oauth/userinfo. */
export interface DocuSignAccount {
	accountId: string;
	accountName: string;
	baseUrl: string;
	adminAppUrl: string;
	environment: Environment;
}

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
