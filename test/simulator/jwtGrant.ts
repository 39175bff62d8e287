/**
 * DocuSign's JWT Grant on /oauth/token (grant_type urn:ietf:params:oauth:grant-type:jwt-bearer):
 * an RS256 assertion signed with the private half of an RSA key pair whose public half is
 * registered for the integration key (Apps and Keys), claims iss = integration key, sub = user ID,
 * aud = the account server's host without scheme, exp at most an hour after iat; and consent,
 * given once per user and integration key. The answer is an access token without refresh token.
 * Error answers follow DocuSign's: 400 {"error":"consent_required"} and
 * 400 {"error":"invalid_grant","error_description":"…"}; the descriptions beyond
 * no_valid_keys_or_signatures are UNVERIFIED wording.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { SimResponse } from './types';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** DocuSign: "the maximum is 1 hour" between iat and exp. */
const MAX_LIFETIME_SEC = 3600;
/** Clock skew DocuSign tolerates on iat (UNVERIFIED figure). */
const SKEW_SEC = 300;

const invalidGrant = (description: string): SimResponse => ({
	status: 400,
	json: { error: 'invalid_grant', error_description: description },
});

function decodePart(part: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

export interface JwtGrantRequest {
	assertion: string;
	/** The account server's host as DocuSign knows it (aud must equal it). */
	audience: string;
	/** Whether sub names a user of the simulator. */
	isKnownUser(userId: string): boolean;
	/** The token carries the scopes the assertion asked for (and consent covered). */
	issueAccessToken(scope: string): Record<string, unknown>;
}

export class JwtGrants {
	private readonly keys = new Map<string, KeyObject[]>();
	/** Consent per integration key and user: the scopes the user accepted. */
	private readonly consents = new Map<string, Set<string>>();
	/** Every accepted assertion's claims since the last reset, for tests (never the assertion itself). */
	readonly minted: Array<{ iss: string; sub: string; scope: string }> = [];
	/** DocuSign's clock against the real one, in seconds (negative: behind n8n's). */
	clockOffsetSec = 0;
	/** How far in DocuSign's future an iat may lie; undefined: SKEW_SEC (itself UNVERIFIED). */
	iatToleranceSec?: number;

	/** Apps and Keys > Add RSA Key Pair: up to five public keys per integration key. */
	registerPublicKey(integrationKey: string, publicKeyPem: string): void {
		const key = createPublicKey(publicKeyPem);
		const list = this.keys.get(integrationKey.toLowerCase()) ?? [];
		this.keys.set(integrationKey.toLowerCase(), [...list, key].slice(-5));
	}

	/**
	 * The user opened the consent URL and clicked Accept: consent covers the scopes it named (DocuSign's
	 * consent URL carries `scope`; the default is the eSignature pair). Consenting again adds scopes.
	 */
	grantConsent(
		integrationKey: string,
		userId: string,
		scope: string = 'signature impersonation',
	): void {
		const key = `${integrationKey.toLowerCase()}|${userId.toLowerCase()}`;
		const scopes = this.consents.get(key) ?? new Set<string>();
		for (const name of scope.split(/\s+/).filter(Boolean)) scopes.add(name);
		this.consents.set(key, scopes);
	}

	revokeConsent(integrationKey: string, userId: string): void {
		this.consents.delete(`${integrationKey.toLowerCase()}|${userId.toLowerCase()}`);
	}

	clear(): void {
		this.keys.clear();
		this.consents.clear();
		this.minted.length = 0;
	}

	handle(request: JwtGrantRequest): SimResponse {
		const parts = request.assertion.split('.');
		if (parts.length !== 3) return invalidGrant('invalid_request');
		const header = decodePart(parts[0]);
		const claims = decodePart(parts[1]);
		if (!header || !claims || header.alg !== 'RS256') return invalidGrant('invalid_request');
		const iss = typeof claims.iss === 'string' ? claims.iss : '';
		const sub = typeof claims.sub === 'string' ? claims.sub : '';
		const keys = this.keys.get(iss.toLowerCase());
		if (!keys?.length) return invalidGrant('issuer_not_found');
		const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
		const signature = Buffer.from(parts[2], 'base64url');
		if (!keys.some((key) => verify('RSA-SHA256', signed, key, signature))) {
			return invalidGrant('no_valid_keys_or_signatures');
		}
		if (claims.aud !== request.audience) return invalidGrant('invalid_audience');
		const now = Math.floor(Date.now() / 1000) + this.clockOffsetSec;
		const iat = Number(claims.iat);
		const exp = Number(claims.exp);
		if (
			!Number.isFinite(iat) ||
			!Number.isFinite(exp) ||
			iat > now + (this.iatToleranceSec ?? SKEW_SEC)
		)
			return invalidGrant('invalid_request');
		if (exp <= now) return invalidGrant('expired');
		if (exp - iat > MAX_LIFETIME_SEC) return invalidGrant('invalid_request');
		if (!sub || !request.isKnownUser(sub)) return invalidGrant('user_not_found');
		const scope = typeof claims.scope === 'string' ? claims.scope : '';
		if (!scope.split(' ').includes('impersonation') || !scope.split(' ').includes('signature')) {
			return invalidGrant('invalid_scope');
		}
		// Consent must cover every scope the assertion asks for (new scopes need the user's consent again).
		const consented = this.consents.get(`${iss.toLowerCase()}|${sub.toLowerCase()}`);
		if (
			!consented ||
			!scope
				.split(' ')
				.filter(Boolean)
				.every((name) => consented.has(name))
		) {
			return { status: 400, json: { error: 'consent_required' } };
		}
		this.minted.push({ iss, sub, scope });
		return { status: 200, json: request.issueAccessToken(scope) };
	}
}
