/** /__control/jwt/*: Apps and Keys for the JWT Grant (register a public key) and a user's consent. */
import type { SimContext } from '../context';
import type { SimRequest, SimResponse } from '../types';
import { isObject } from '../validate';

const badRequest = (message: string): SimResponse => ({ status: 400, json: { error: message } });

export function handleJwtControl(req: SimRequest, ctx: SimContext): SimResponse | undefined {
	const body = (isObject(req.body) ? req.body : {}) as Record<string, unknown>;
	const action = `${req.method} ${req.path.replace(/^\/__control\/jwt/, '').replace(/\/$/, '')}`;
	const integrationKey = typeof body.integrationKey === 'string' ? body.integrationKey : '';
	const userId = typeof body.userId === 'string' ? body.userId : '';
	switch (action) {
		case 'POST /keys':
			if (!integrationKey || typeof body.publicKey !== 'string')
				return badRequest('Body must be {integrationKey, publicKey (PEM)}.');
			try {
				ctx.jwt.registerPublicKey(integrationKey, body.publicKey);
			} catch (error) {
				return badRequest(`Not a public key: ${(error as Error).message}`);
			}
			return { status: 200, json: { ok: true } };
		case 'POST /consent':
			if (!integrationKey || !userId)
				return badRequest('Body must be {integrationKey, userId, scope?}.');
			ctx.jwt.grantConsent(
				integrationKey,
				userId,
				typeof body.scope === 'string' ? body.scope : undefined,
			);
			return { status: 200, json: { ok: true } };
		case 'DELETE /consent':
			if (!integrationKey || !userId) return badRequest('Body must be {integrationKey, userId}.');
			ctx.jwt.revokeConsent(integrationKey, userId);
			return { status: 200, json: { ok: true } };
		case 'GET ':
			return { status: 200, json: { minted: ctx.jwt.minted } };
		case 'DELETE ':
			ctx.jwt.clear();
			return { status: 200, json: { ok: true } };
		default:
			return undefined;
	}
}
