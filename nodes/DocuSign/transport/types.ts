import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** A DocuSign ID (account, user, organization): a GUID. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Environment = 'production' | 'demo' | 'custom';

/** Authentication = OAuth2 (also when the parameter is absent: workflows saved before it existed). */
export const CREDENTIAL_TYPE = 'docuSignOAuth2Api';
/** Authentication = JWT. */
export const JWT_CREDENTIAL_TYPE = 'docuSignJwtApi';
export type DocuSignCredentialType = typeof CREDENTIAL_TYPE | typeof JWT_CREDENTIAL_TYPE;

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

/** The n8n context a request is sent through: a run's or the editor's. */
export type DocuSignContext = IExecuteFunctions | ILoadOptionsFunctions;
