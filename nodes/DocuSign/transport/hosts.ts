import type { DocuSignCredentials, Environment } from './types';

const AUTH_SERVERS: Record<Exclude<Environment, 'custom'>, string> = {
	production: 'https://account.docusign.com',
	demo: 'https://account-d.docusign.com',
};

// DocuSign's admin web app, where an administrator finds a user to close or erase.
const ADMIN_APPS: Record<Exclude<Environment, 'custom'>, string> = {
	production: 'https://apps.docusign.com/admin',
	demo: 'https://apps-d.docusign.com/admin',
};

// DocuSign's Admin (organization) API, per environment (admin OpenAPI host/basePath, docs/sources.md#s2, docs/sources.md#s14).
const ADMIN_APIS: Record<Exclude<Environment, 'custom'>, string> = {
	production: 'https://api.docusign.net/Management',
	demo: 'https://api-d.docusign.net/Management',
};

/** The Admin API's base: DocuSign's per environment, or the Custom server's origin + /Management. */
export function adminApiOf(credentials: DocuSignCredentials): string {
	if (credentials.environment === 'custom') {
		try {
			return `${new URL(authServerOf(credentials)).origin}/Management`;
		} catch {
			return '';
		}
	}
	return ADMIN_APIS[credentials.environment === 'demo' ? 'demo' : 'production'];
}

export function authServerOf(credentials: DocuSignCredentials): string {
	if (credentials.environment === 'custom') {
		return String(credentials.authServerUrl ?? '').replace(/\/+$/, '');
	}
	return AUTH_SERVERS[credentials.environment === 'demo' ? 'demo' : 'production'];
}

export function adminAppOf(credentials: DocuSignCredentials): string {
	if (credentials.environment === 'custom') return `${authServerOf(credentials)}/admin`;
	return ADMIN_APPS[credentials.environment === 'demo' ? 'demo' : 'production'];
}

/**
 * The bearer token may only travel to DocuSign's own API hosts (https, *.docusign.net or
 * *.docusign.com) or, for a Custom environment, to the very origin of its authorization server.
 * userinfo decides the API host, so a tampered or unexpected base_uri must never receive it.
 */
export function isTrustedBaseUri(baseUri: string, credentials: DocuSignCredentials): boolean {
	let url: URL;
	try {
		url = new URL(baseUri);
	} catch {
		return false;
	}
	if (url.username || url.password) return false;
	const docuSignHost =
		url.protocol === 'https:' && /(^|\.)docusign\.(net|com)$/i.test(url.hostname) && !url.port;
	if (docuSignHost) return true;
	if (credentials.environment !== 'custom') return false;
	try {
		return url.origin === new URL(authServerOf(credentials)).origin;
	} catch {
		return false;
	}
}

/** Loopback hosts: 127.0.0.0/8, localhost and [::1]. Only these may be spoken to in cleartext. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why a Custom Authorization Server URL is unusable, or undefined when it is fine: it must be
 * https, except on a loopback host (the local simulator), so neither the access token nor, at a
 * refresh, the client secret ever crosses a network in cleartext.
 */
export function authServerProblem(authServer: string): string | undefined {
	let url: URL;
	try {
		url = new URL(authServer);
	} catch {
		return 'is missing or not a URL';
	}
	if (url.username || url.password) return 'must not contain a user name or password';
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:')
		return isLoopbackHost(url.hostname) ? undefined : 'uses http on a host that is not loopback';
	return 'is not an http(s) URL';
}
