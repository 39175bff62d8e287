/** DocuSign's account server: /oauth/auth (auto-consent), /oauth/token (Basic client auth, rotation), /oauth/userinfo. */
import type { SimContext } from './context';
import { JWT_BEARER_GRANT } from './jwtGrant';
import { ADA } from './seed';
import { TOKEN_SCOPE } from './tokens';
import type { SimRequest, SimResponse } from './types';
import { isObject } from './validate';

const oauthError = (status: number, error: string, description?: string): SimResponse => ({
	status,
	json: description ? { error, error_description: description } : { error },
});

export function handleOAuth(req: SimRequest, ctx: SimContext): SimResponse {
	if (req.method === 'GET' && req.path === '/oauth/auth') return authorize(req, ctx);
	if (req.method === 'POST' && req.path === '/oauth/token') return token(req, ctx);
	if (req.method === 'GET' && req.path === '/oauth/userinfo') return userinfo(req, ctx);
	return { status: 404, text: 'Not Found' };
}

/** Auto-consent: straight back to the redirect URI with a single-use code. */
function authorize(req: SimRequest, ctx: SimContext): SimResponse {
	const {
		client_id: clientId,
		redirect_uri: redirectUri,
		state,
		response_type: responseType,
		scope,
	} = req.query;
	if (clientId !== ctx.clientId)
		return {
			status: 400,
			text: `Invalid client_id: '${clientId ?? ''}'. The client ID is not registered.`,
		};
	if (responseType !== 'code')
		return { status: 400, text: "Unsupported response_type; only 'code' is supported." };
	let target: URL;
	try {
		target = new URL(redirectUri ?? '');
	} catch {
		return { status: 400, text: 'Missing or invalid redirect_uri.' };
	}
	target.searchParams.set(
		'code',
		ctx.tokens.issueCode(clientId, target.toString(), scope ?? TOKEN_SCOPE),
	);
	if (state !== undefined) target.searchParams.set('state', state);
	return { status: 302, headers: { Location: target.toString() }, text: '' };
}

/** Some clients form-encode the Basic credentials (RFC 6749 section 2.3.1, https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1), some do not. */
function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** Client credentials from the Basic header (DocuSign's way) or, leniently, from the form body. */
function clientCredentials(req: SimRequest): { id?: string; secret?: string } {
	const header = String(req.headers.authorization ?? '');
	if (/^basic /i.test(header)) {
		const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon >= 0)
			return {
				id: safeDecode(decoded.slice(0, colon)),
				secret: safeDecode(decoded.slice(colon + 1)),
			};
	}
	const form = isObject(req.body) ? req.body : {};
	return {
		id: form.client_id as string | undefined,
		secret: form.client_secret as string | undefined,
	};
}

function token(req: SimRequest, ctx: SimContext): SimResponse {
	const body = (isObject(req.body) ? req.body : {}) as Record<string, unknown>;
	// JWT Grant: the signed assertion authenticates the integration; no client secret.
	if (body.grant_type === JWT_BEARER_GRANT) {
		return ctx.jwt.handle({
			assertion: typeof body.assertion === 'string' ? body.assertion : '',
			audience: new URL(ctx.baseUrl).host,
			isKnownUser: (userId) => ctx.store.accounts.some((account) => !!account.userById(userId)),
			issueAccessToken: (scope) => ctx.tokens.issueAccessOnly(ctx.config.tokenTtlSec, scope),
		});
	}
	const client = clientCredentials(req);
	if (client.id !== ctx.clientId || client.secret !== ctx.clientSecret)
		return oauthError(401, 'invalid_client');
	const form = (isObject(req.body) ? req.body : {}) as Record<string, string | undefined>;
	const ttl = ctx.config.tokenTtlSec;
	if (form.grant_type === 'authorization_code') {
		const redeemed = form.code ? ctx.tokens.redeemCode(form.code, ctx.clientId) : undefined;
		if (!redeemed) {
			return oauthError(
				400,
				'invalid_grant',
				'The authorization code is invalid, expired or already used.',
			);
		}
		return { status: 200, json: ctx.tokens.issue(ttl, redeemed.scope) };
	}
	if (form.grant_type === 'refresh_token') {
		const issued = form.refresh_token ? ctx.tokens.rotate(form.refresh_token, ttl) : undefined;
		if (!issued)
			return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
		return { status: 200, json: issued };
	}
	return oauthError(400, 'unsupported_grant_type');
}

export function bearerToken(req: SimRequest): string | undefined {
	const match = /^bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
	return match ? match[1].trim() : undefined;
}

function userinfo(req: SimRequest, ctx: SimContext): SimResponse {
	const tokenValue = bearerToken(req);
	if (!tokenValue || !ctx.tokens.isAccessTokenValid(tokenValue)) {
		return oauthError(401, 'invalid_token', 'The access token is expired, revoked or malformed.');
	}
	const [givenName, familyName] = ADA.userName.split(' ');
	return {
		status: 200,
		json: {
			sub: ADA.userId,
			name: ADA.userName,
			given_name: givenName,
			family_name: familyName,
			created: '2015-08-13T22:03:03.45',
			email: ADA.email,
			accounts: ctx.store.accounts.map((account) => ({
				account_id: account.info.accountId,
				is_default: account.info.isDefault,
				account_name: account.info.accountName,
				base_uri: account.info.baseUri,
				// An account of an organization names it (docs/sources.md#s7); the simulator's accounts form one organization.
				...(ctx.store.organization.listedInUserInfo
					? { organization: { organization_id: ctx.store.organization.organizationId, links: [] } }
					: {}),
			})),
		},
	};
}
