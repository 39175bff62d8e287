/** /__control/*: the in-process controls over HTTP (CLI users, real-n8n e2e tests, the demo). Not logged, not rate-limited. */
import type { SimContext } from '../context';
import { describeState, simulatorInfo } from '../describe';
import type { FaultRule, SeedOptions, SimConfigPatch, SimRequest, SimResponse } from '../types';
import { isObject } from '../validate';
import { handleAdminChanges } from './adminChanges';
import { handleJwtControl } from './jwtControl';

const ok = (json: unknown = { ok: true }): SimResponse => ({ status: 200, json });
const badRequest = (message: string): SimResponse => ({ status: 400, json: { error: message } });
const bodyObject = (req: SimRequest): Record<string, unknown> =>
	isObject(req.body) ? req.body : {};

export function handleControl(req: SimRequest, ctx: SimContext): SimResponse {
	if (/^\/__control\/jwt(\/|$)/.test(req.path)) {
		const jwt = handleJwtControl(req, ctx);
		if (jwt) return jwt;
	}
	const action = `${req.method} ${req.path.replace(/^\/__control/, '').replace(/\/$/, '')}`;
	switch (action) {
		case 'GET ':
		case 'GET /info':
			return ok(simulatorInfo(ctx));
		case 'GET /state':
			return ok(describeState(ctx));
		case 'POST /reset':
			// An empty body goes back to the seed the simulator was started with.
			ctx.reset(Object.keys(bodyObject(req)).length ? (bodyObject(req) as SeedOptions) : undefined);
			return ok({ ok: true, accounts: ctx.store.accounts.map((account) => account.info) });
		case 'POST /config':
			try {
				ctx.configure(bodyObject(req) as SimConfigPatch);
			} catch (error) {
				return badRequest((error as Error).message);
			}
			return ok({ ok: true, config: ctx.config });
		case 'GET /faults':
			return ok({ faults: ctx.faults.list() });
		case 'POST /faults':
			try {
				return ok({ id: ctx.addFault(bodyObject(req) as unknown as FaultRule) });
			} catch (error) {
				return badRequest((error as Error).message);
			}
		case 'DELETE /faults':
			ctx.faults.clear();
			return ok();
		case 'POST /expire-tokens':
			ctx.tokens.expireAccessTokens();
			return ok();
		case 'POST /revoke-refresh-tokens':
			ctx.tokens.revokeRefreshTokens();
			return ok();
		case 'POST /tokens': {
			const expiresInSec = bodyObject(req).expiresInSec;
			return ok(
				ctx.issueTokens({
					expiresInSec: typeof expiresInSec === 'number' ? expiresInSec : undefined,
				}),
			);
		}
		case 'POST /base-uri': {
			const { accountId, baseUri } = bodyObject(req);
			if (typeof accountId !== 'string' || typeof baseUri !== 'string')
				return badRequest('Body must be {accountId, baseUri}.');
			try {
				ctx.setBaseUri(accountId, baseUri);
			} catch (error) {
				return badRequest((error as Error).message);
			}
			return ok();
		}
		case 'GET /contract':
			return ok({
				violations: ctx.contract.violations,
				requestsChecked: ctx.contract.requestsChecked,
				responsesChecked: ctx.contract.responsesChecked,
			});
		case 'DELETE /contract':
			ctx.contract.clear();
			return ok();
		case 'GET /log':
			return ok({ entries: ctx.requestLog.entries, writeCount: ctx.requestLog.writes });
		case 'DELETE /log':
			ctx.requestLog.clear();
			return ok();
		case 'POST /admin-changes':
			return handleAdminChanges(req, ctx);
		default:
			return {
				status: 404,
				json: { error: `Unknown control endpoint: ${req.method} ${req.path}` },
			};
	}
}
