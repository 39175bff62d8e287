import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import type { DocuSignContext, Environment } from './types';
import { JWT_CREDENTIAL_TYPE } from './types';
import { authServerOf, authServerProblem } from './hosts';
import { jwtScopesOf } from './scopes';

/**
 * DocuSign's JWT Grant, done by the credential itself (n8n's expirable-token pattern): an RS256
 * assertion signed with node:crypto (no runtime dependency) is exchanged at the account server's
 * /oauth/token for an access token. Nothing here ever puts the private key, the assertion or a
 * token into an error: DocuSign's answer contributes only its status and error code.
 */

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** DocuSign allows at most one hour between iat and exp; that is what the token lives too. */
const ASSERTION_LIFETIME_SEC = 3600;
/**
 * iat is set this far in the past, so a DocuSign clock a little behind n8n's does not see an
 * assertion issued in its future. UNVERIFIED: DocuSign documents no tolerance of its own.
 */
const CLOCK_SKEW_SEC = 60;
const TOKEN_TIMEOUT_MS = 30_000;
/** A token endpoint that gives no Retry-After is asked again after this long (429 and 5xx). */
const DEFAULT_RETRY_AFTER_MS = 2_000;
/** The longest Retry-After of the token endpoint the node honours within a run. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface JwtCredentials {
	environment: Environment;
	authServerUrl?: string;
	integrationKey?: string;
	userId?: string;
	privateKey?: string;
	consentRedirectUri?: string;
	organizationAdminAccess?: boolean;
}

/**
 * Marks a failed JWT Grant so the node's transport can tell it from a network failure.
 * `retryAfterMs`: the token endpoint was busy (429) or failing (5xx); the node may ask again
 * after that long, within the run's wait budget.
 */
export class DocuSignJwtGrantError extends Error {
	readonly docuSignJwtGrant = true;

	constructor(
		message: string,
		readonly description: string,
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'DocuSignJwtGrantError';
	}
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** A PEM pasted with literal \n (as many secret stores keep it) is turned back into lines. */
const pemOf = (credentials: JwtCredentials): string =>
	String(credentials.privateKey ?? '')
		.replace(/\\n/g, '\n')
		.trim();

const PASTE_THE_RSA_KEY =
	'Paste the private key DocuSign showed when you added the RSA key pair (Apps and Keys > your app > Authentication > Add RSA Key Pair), from -----BEGIN RSA PRIVATE KEY----- to -----END RSA PRIVATE KEY-----.';
const KEY_TYPE_NAMES = new Map([
	['ec', 'EC'],
	['ed25519', 'Ed25519'],
	['ed448', 'Ed448'],
	['dsa', 'DSA'],
	['rsa-pss', 'RSA-PSS'],
	['x25519', 'X25519'],
	['x448', 'X448'],
	['dh', 'DH'],
]);

/** The private key, checked here so that what DocuSign cannot use is named, never sent. */
function privateKeyOf(credentials: JwtCredentials) {
	const pem = pemOf(credentials);
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey(pem);
	} catch {
		key = undefined;
	}
	if (!key && /ENCRYPTED/.test(pem)) {
		throw new DocuSignJwtGrantError(
			"The credential's RSA Private Key is encrypted (a PEM protected by a passphrase)",
			`DocuSign's JWT Grant needs the unencrypted RSA private key. ${PASTE_THE_RSA_KEY}`,
		);
	}
	if (!key)
		throw new DocuSignJwtGrantError(
			"The credential's RSA Private Key is not a PEM private key",
			PASTE_THE_RSA_KEY,
		);
	if (key.asymmetricKeyType !== 'rsa') {
		const type = KEY_TYPE_NAMES.get(String(key.asymmetricKeyType)) ?? String(key.asymmetricKeyType);
		throw new DocuSignJwtGrantError(
			`The credential's RSA Private Key is an ${type} key: DocuSign signs the JWT Grant with RS256 and needs an RSA key`,
			`DocuSign accepts only RSA key pairs for the JWT Grant. ${PASTE_THE_RSA_KEY}`,
		);
	}
	return key;
}

/**
 * What a token was minted from, as a digest stored beside it: environment, server, integration
 * key, user, scopes and the private key (its SHA-256, never the key). A stored token whose
 * binding differs from the credential's is never used: the node mints a new one.
 */
export function mintedFromOf(credentials: JwtCredentials): string {
	const keyDigest = createHash('sha256').update(pemOf(credentials)).digest('hex');
	return createHash('sha256')
		.update(
			JSON.stringify([
				String(credentials.environment ?? ''),
				authServerOf(credentials),
				String(credentials.integrationKey ?? '')
					.trim()
					.toLowerCase(),
				String(credentials.userId ?? '')
					.trim()
					.toLowerCase(),
				jwtScopesOf(credentials),
				keyDigest,
			]),
		)
		.digest('hex');
}

/** The account server, checked: https, or http on a loopback host only (Custom). */
function jwtAuthServer(credentials: JwtCredentials): string {
	const authServer = authServerOf(credentials);
	const problem = authServerProblem(authServer);
	if (problem) {
		throw new DocuSignJwtGrantError(
			`The credential's Authorization Server URL ${problem}`,
			'A Custom environment is for a private API gateway (https) or local testing: plain http is accepted only for 127.0.0.1, localhost or [::1]. Open the DocuSign JWT credential and correct the URL.',
		);
	}
	return authServer;
}

/** The URL the impersonated user opens once to consent (DocuSign's "individual consent"). */
export function consentUrlOf(credentials: JwtCredentials): string {
	const query = [
		'response_type=code',
		`scope=${encodeURIComponent(jwtScopesOf(credentials))}`,
		`client_id=${encodeURIComponent(String(credentials.integrationKey ?? '').trim())}`,
		`redirect_uri=${encodeURIComponent(String(credentials.consentRedirectUri ?? '').trim())}`,
	].join('&');
	return `${jwtAuthServer(credentials)}/oauth/auth?${query}`;
}

export function assertionFor(
	credentials: JwtCredentials,
	nowSec = Math.floor(Date.now() / 1000),
): string {
	const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
	const claims = base64url(
		JSON.stringify({
			iss: String(credentials.integrationKey ?? '').trim(),
			sub: String(credentials.userId ?? '').trim(),
			aud: new URL(jwtAuthServer(credentials)).host,
			// A little in the past: a DocuSign clock behind n8n's must not see a future iat.
			iat: nowSec - CLOCK_SKEW_SEC,
			exp: nowSec - CLOCK_SKEW_SEC + ASSERTION_LIFETIME_SEC,
			scope: jwtScopesOf(credentials),
			jti: randomUUID(),
		}),
	);
	const signature = sign(
		'RSA-SHA256',
		Buffer.from(`${header}.${claims}`),
		privateKeyOf(credentials),
	);
	return `${header}.${claims}.${base64url(signature)}`;
}

/** Retry-After of the token endpoint in ms, bounded; the default when it sends none or nonsense. */
function retryAfterOf(headers: unknown): number {
	const raw = (headers && typeof headers === 'object' ? (headers as IDataObject) : {})[
		'retry-after'
	];
	const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isFinite(seconds) && seconds >= 0
		? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS)
		: DEFAULT_RETRY_AFTER_MS;
}

function grantFailure(
	credentials: JwtCredentials,
	status: number,
	body: unknown,
	headers?: unknown,
): DocuSignJwtGrantError {
	if (status === 429 || status >= 500) {
		const busy = status === 429;
		return new DocuSignJwtGrantError(
			busy
				? "DocuSign's token endpoint is limiting requests (HTTP 429)"
				: `DocuSign's token endpoint is unavailable (HTTP ${status})`,
			busy
				? 'The node waited as long as Request Settings > Max Rate-Limit Wait allows. Run the workflow again later.'
				: 'DocuSign could not issue a token; the node asked again a few times. Run the workflow again later, and check https://status.docusign.com.',
			retryAfterOf(headers),
		);
	}
	const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const error = typeof answer.error === 'string' ? answer.error : '';
	const detail = typeof answer.error_description === 'string' ? answer.error_description : '';
	// Only DocuSign's short codes are repeated, and only when they look like codes.
	const code = /^[a-z_]{1,60}$/.test(detail) ? detail : /^[a-z_]{1,60}$/.test(error) ? error : '';
	const user = String(credentials.userId ?? '').trim();
	if (error === 'consent_required') {
		const url = consentUrlOf(credentials);
		return new DocuSignJwtGrantError(
			`DocuSign needs consent before this integration key may act as the user ${user}. That user must open this URL once and click Accept: ${url}`,
			`The DocuSign user ${user} (the credential's User ID) must sign in and open ${url} once, then click Accept (an organization administrator can grant admin consent for all users instead). The Redirect URI in that URL must be one of the app's Redirect URIs in Apps and Keys. Then run the workflow again.`,
		);
	}
	if (code === 'no_valid_keys_or_signatures') {
		return new DocuSignJwtGrantError(
			'DocuSign rejected the JWT signature: the RSA Private Key does not belong to this integration key',
			'Paste the private key of an RSA key pair listed under Apps and Keys > your app > Authentication for this Integration Key (and this environment: Developer keys do not work in Production).',
		);
	}
	if (code === 'user_not_found' || code === 'issuer_not_found') {
		return new DocuSignJwtGrantError(
			`DocuSign does not know the credential's ${code === 'user_not_found' ? 'User ID' : 'Integration Key'} (${code})`,
			code === 'user_not_found'
				? 'Set User ID to the API Username (a GUID) of the user to act as, shown in Apps and Keys under My Account Information, in this environment.'
				: 'Copy the Integration Key from Apps and Keys, and check that the environment matches the account it was created in.',
		);
	}
	// UNVERIFIED which code DocuSign gives for an iat in its future or an exp in its past: these two.
	if (code === 'expired' || code === 'invalid_request') {
		return new DocuSignJwtGrantError(
			`DocuSign refused the JWT assertion (${code}): its times (iat, exp) may not match DocuSign's clock`,
			`The node dates the assertion ${CLOCK_SKEW_SEC} s in the past and lets it live an hour; DocuSign refuses it when the n8n server's clock is further off than that. Check the clock of the n8n server (NTP), then run the workflow again. If the clock is right, check the Integration Key and User ID.`,
		);
	}
	return new DocuSignJwtGrantError(
		`DocuSign refused the JWT Grant (HTTP ${status}${code ? `, ${code}` : ''})`,
		'Check the Integration Key, User ID, RSA Private Key and environment of the DocuSign JWT credential.',
	);
}

/**
 * The credential's preAuthentication: a fresh access token for the expirable accessToken field,
 * with the time it expires (the node asks for a new one shortly before that) and what it was
 * minted from (mintedFrom).
 */
export async function mintAccessToken(
	this: IHttpRequestHelper,
	credentials: JwtCredentials,
): Promise<IDataObject> {
	const authServer = jwtAuthServer(credentials);
	const assertion = assertionFor(credentials);
	let response: IDataObject | undefined;
	let networkCode = '';
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${authServer}/oauth/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=${encodeURIComponent(JWT_BEARER_GRANT)}&assertion=${assertion}`,
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// The assertion is good for an hour: it must never follow a redirect elsewhere.
			disableFollowRedirect: true,
			timeout: TOKEN_TIMEOUT_MS,
		})) as IDataObject;
	} catch (error) {
		// Only the error code is kept: n8n's error carries the request, and so the assertion.
		networkCode = String((error as IDataObject).code ?? '');
	}
	if (!response) {
		throw new DocuSignJwtGrantError(
			`The DocuSign token endpoint could not be reached (${/^[A-Z_]{1,30}$/.test(networkCode) ? networkCode : 'no answer'})`,
			`Check the network path from n8n to ${new URL(authServer).host}, then run the workflow again.`,
		);
	}
	const status = Number(response.statusCode);
	let body: unknown = response.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = undefined;
		}
	}
	const token = (body as IDataObject | undefined)?.access_token;
	if (status !== 200 || typeof token !== 'string' || !token) {
		if (status >= 300 && status < 400) {
			throw new DocuSignJwtGrantError(
				`DocuSign's token endpoint answered with a redirect (HTTP ${status}): a gateway or proxy between n8n and DocuSign is redirecting`,
				'The signed assertion is never sent on to a redirect target. Check the proxy or the Authorization Server URL.',
			);
		}
		throw grantFailure(credentials, status, body, response.headers);
	}
	const expiresIn = Number((body as IDataObject).expires_in);
	const lifetimeSec =
		Number.isFinite(expiresIn) && expiresIn > 0
			? Math.min(expiresIn, ASSERTION_LIFETIME_SEC)
			: ASSERTION_LIFETIME_SEC;
	return {
		accessToken: token,
		expiresAt: new Date(Date.now() + lifetimeSec * 1000).toISOString(),
		mintedFrom: mintedFromOf(credentials),
	};
}

/** A JWT token this close to its expiry is replaced before it is sent (a run can take minutes). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * For the JWT credential: when its stored token is about to expire, or was minted from other
 * settings than the credential's now (mintedFrom), the request goes out with the token field emptied, which makes n8n run the credential's preAuthentication (a fresh token,
 * saved to the credential) before sending. Undefined: n8n uses the stored credential as is.
 */
export async function jwtRenewalOf(
	this: DocuSignContext,
	now = Date.now(),
): Promise<
	| {
			credentialsDecrypted: {
				id: string;
				name: string;
				type: string;
				data: ICredentialDataDecryptedObject;
			};
	  }
	| undefined
> {
	const data = (await this.getCredentials(JWT_CREDENTIAL_TYPE)) as IDataObject;
	const expiresAt = Date.parse(String(data.expiresAt ?? ''));
	// A token minted from other settings (User ID, Integration Key, environment, server, key, or
	// Organization Admin Access edited since) is never sent: it would act as before, or go to the new server.
	const rebound = String(data.mintedFrom ?? '') !== mintedFromOf(data as unknown as JwtCredentials);
	// No token yet: n8n mints one anyway. No known expiry: a 401 makes n8n mint one.
	if (
		!data.accessToken ||
		(!rebound && (!Number.isFinite(expiresAt) || expiresAt - now > RENEW_BEFORE_EXPIRY_MS))
	)
		return undefined;
	const reference = this.getNode().credentials?.[JWT_CREDENTIAL_TYPE];
	return {
		credentialsDecrypted: {
			id: String(reference?.id ?? ''),
			name: String(reference?.name ?? ''),
			type: JWT_CREDENTIAL_TYPE,
			data: { ...(data as ICredentialDataDecryptedObject), accessToken: '' },
		},
	};
}
