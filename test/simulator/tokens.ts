/** OAuth state: authorization codes, access tokens, refresh tokens (random opaque strings, rotated on refresh). */
import { randomBytes } from 'node:crypto';
import type { IssuedTokens } from './types';

export const TOKEN_SCOPE = 'signature extended';

interface AccessTokenRecord {
	expiresAt: number;
	/** The scopes granted at consent (space-separated); the Admin API routes enforce them. */
	scope: string;
}

interface AuthCodeRecord {
	clientId: string;
	redirectUri: string;
	scope: string;
}

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class TokenStore {
	private readonly accessTokens = new Map<string, AccessTokenRecord>();
	/** Live refresh tokens; a rotated or revoked one is simply absent. */
	private readonly refreshTokens = new Set<string>();
	private readonly refreshScopes = new Map<string, string>();
	private readonly codes = new Map<string, AuthCodeRecord>();

	issueCode(clientId: string, redirectUri: string, scope: string): string {
		const code = opaque(24);
		this.codes.set(code, { clientId, redirectUri, scope });
		return code;
	}

	/** Single use: the code is gone after the first exchange, successful or not. */
	redeemCode(code: string, clientId: string): AuthCodeRecord | undefined {
		const record = this.codes.get(code);
		this.codes.delete(code);
		return record && record.clientId === clientId ? record : undefined;
	}

	issue(ttlSec: number, scope: string = TOKEN_SCOPE): IssuedTokens {
		const access = opaque(48);
		const refresh = opaque(48);
		this.accessTokens.set(access, { expiresAt: Date.now() + ttlSec * 1000, scope });
		this.refreshTokens.add(refresh);
		this.refreshScopes.set(refresh, scope);
		return {
			access_token: access,
			refresh_token: refresh,
			token_type: 'Bearer',
			expires_in: ttlSec,
			scope,
		};
	}

	/** JWT Grant: an access token only; DocuSign gives no refresh token (the client signs a new assertion). */
	issueAccessOnly(ttlSec: number, scope: string): Omit<IssuedTokens, 'refresh_token'> {
		const access = opaque(48);
		this.accessTokens.set(access, { expiresAt: Date.now() + ttlSec * 1000, scope });
		return { access_token: access, token_type: 'Bearer', expires_in: ttlSec, scope };
	}

	/** Rotation: the old refresh token dies, a new pair is issued with the same scopes. Undefined when the token is unknown or revoked. */
	rotate(refreshToken: string, ttlSec: number): IssuedTokens | undefined {
		if (!this.refreshTokens.delete(refreshToken)) return undefined;
		const scope = this.refreshScopes.get(refreshToken);
		this.refreshScopes.delete(refreshToken);
		return this.issue(ttlSec, scope);
	}

	/** Whether a valid access token was granted the scope. */
	hasScope(token: string, scope: string): boolean {
		const record = this.accessTokens.get(token);
		return record !== undefined && record.scope.split(/\s+/).includes(scope);
	}

	isAccessTokenValid(token: string): boolean {
		const record = this.accessTokens.get(token);
		return record !== undefined && Date.now() < record.expiresAt;
	}

	expireAccessTokens(): void {
		for (const record of this.accessTokens.values()) record.expiresAt = 0;
	}

	revokeRefreshTokens(): void {
		this.refreshTokens.clear();
	}

	clear(): void {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.refreshScopes.clear();
		this.codes.clear();
	}
}
