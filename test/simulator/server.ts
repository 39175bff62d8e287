/**
 * The HTTP server: parse, then a fixed pipeline of steps for each request:
 * control (unlogged) -> log -> latency -> faults -> OAuth | REST (auth -> account -> rate limit -> route) -> write.
 */
import { stampStore } from './modifications';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { SimContext } from './context';
import { DsError, errorResponse, invalidBody, invalidToken } from './errors';
import { bearerToken, handleOAuth } from './oauth';
import { handleControl } from './routes/control';
import type { AdminChange } from './routes/adminChanges';
import { applyAdminChanges } from './routes/adminChanges';
import {
	ADMIN_ROUTES,
	AdminError,
	adminErrorResponse,
	ORGANIZATION_PATH,
} from './routes/organization';
import {
	addGroupUsers,
	createGroups,
	deleteGroups,
	listGroupUsers,
	listGroups,
	removeGroupUsers,
	updateGroups,
} from './routes/groups';
import { listPermissionProfiles } from './routes/permissionProfiles';
import {
	closeUsers,
	createUsers,
	getUser,
	listUsers,
	updateUser,
	updateUsers,
} from './routes/users';
import type { AccountStore } from './state';
import type {
	DocuSignBehaviour,
	FaultAction,
	PageFault,
	RequestLogEntry,
	SimRequest,
	SimResponse,
} from './types';
import { unknownAccountError, unknownRouteError } from './unverified';

type RestHandler = (
	req: SimRequest,
	account: AccountStore,
	param: string,
	behaviour: DocuSignBehaviour,
) => SimResponse;

/** Routes under /restapi/v2.1/accounts/{accountId}; `:id` captures one path segment. */
const REST_ROUTES: Array<{ method: string; pattern: RegExp; handler: RestHandler }> = [
	{ method: 'GET', pattern: /^\/users$/, handler: listUsers },
	{ method: 'POST', pattern: /^\/users$/, handler: createUsers },
	{ method: 'PUT', pattern: /^\/users$/, handler: updateUsers },
	{ method: 'DELETE', pattern: /^\/users$/, handler: closeUsers },
	{ method: 'GET', pattern: /^\/users\/([^/]+)$/, handler: getUser },
	{ method: 'PUT', pattern: /^\/users\/([^/]+)$/, handler: updateUser },
	{ method: 'GET', pattern: /^\/groups$/, handler: listGroups },
	{ method: 'POST', pattern: /^\/groups$/, handler: createGroups },
	{ method: 'PUT', pattern: /^\/groups$/, handler: updateGroups },
	{ method: 'DELETE', pattern: /^\/groups$/, handler: deleteGroups },
	{ method: 'GET', pattern: /^\/groups\/([^/]+)\/users$/, handler: listGroupUsers },
	{ method: 'PUT', pattern: /^\/groups\/([^/]+)\/users$/, handler: addGroupUsers },
	{ method: 'DELETE', pattern: /^\/groups\/([^/]+)\/users$/, handler: removeGroupUsers },
	{ method: 'GET', pattern: /^\/permission_profiles$/, handler: listPermissionProfiles },
];

const ACCOUNT_PATH = /^\/restapi\/v2\.1\/accounts\/([^/]+)(\/.*)?$/;

/**
 * The Admin (organization) API's burst window is its own, per organization; its calls count against the
 * hourly window of the account they concern (DocuSign's limits page counts every app of the account
 * against the 3,000 calls an hour, docs/sources.md#s22): the account in the query or body, else the
 * membership's account, else the organization's default account.
 */
const adminBurstKey = (organizationId: string): string =>
	`organization:${organizationId.toLowerCase()}`;

function adminHourlyAccount(req: SimRequest, ctx: SimContext, subPath: string): string {
	const body = (req.body && typeof req.body === 'object' ? req.body : {}) as {
		accounts?: Array<{ id?: unknown }>;
	};
	const named = req.query.account_id ?? body.accounts?.[0]?.id;
	const membership = /^\/users\/([^/]+)\/memberships\/([^/]+)$/.exec(subPath)?.[2];
	const accounts = ctx.store.accounts;
	const found =
		(typeof named === 'string' && ctx.store.account(named)) ||
		(membership &&
			accounts.find((a) =>
				a.users.some(
					(u) => u.membershipId.toLowerCase() === decodeURIComponent(membership).toLowerCase(),
				),
			)) ||
		accounts.find((a) => a.info.isDefault) ||
		accounts[0];
	return found.accountId;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSimServer(ctx: SimContext): Server {
	const server = createServer((raw, res) => {
		handle(raw, res, ctx).catch((error: unknown) => {
			if (!res.headersSent && !res.destroyed) {
				writeResponse(res, {
					status: 500,
					json: {
						errorCode: 'INTERNAL_SERVER_ERROR',
						message: String((error as Error)?.message ?? error),
					},
				});
			}
		});
	});
	server.keepAliveTimeout = 5000;
	return server;
}

/** Every request; a change (any method but GET) stamps what it modified for `last_modified_since`. */
async function handle(raw: IncomingMessage, res: ServerResponse, ctx: SimContext): Promise<void> {
	const req = await parseRequest(raw);
	const counted = !req.path.startsWith('/__control');
	if (counted) ctx.requestLog.enter();
	try {
		await handleRequest(req, raw, res, ctx);
	} finally {
		if (counted) ctx.requestLog.leave();
		if (req.method !== 'GET') stampStore(ctx.store, Date.now());
	}
}

async function handleRequest(
	req: SimRequest,
	raw: IncomingMessage,
	res: ServerResponse,
	ctx: SimContext,
): Promise<void> {
	if (req.path.startsWith('/__control')) {
		writeResponse(res, handleControl(req, ctx));
		return;
	}
	const entry = logRequest(req, raw, ctx);
	const contract = ctx.contract.covers(req.path)
		? { method: req.method, path: req.path, query: req.query, body: req.body }
		: undefined;
	if (contract) ctx.contract.checkRequest(contract);
	const isApi =
		req.path.startsWith('/restapi/') ||
		req.path.startsWith('/oauth/') ||
		req.path.startsWith('/Management/');
	if (isApi && ctx.config.latencyMs > 0) await sleep(ctx.config.latencyMs);

	const fault = ctx.faults.match(req.method, req.path, req.query);
	let extraHeaders: Record<string, string> = {};
	let dropAfter = false;
	let failedEntries: unknown[] = [];
	let omitted: string[] = [];
	if (fault) {
		entry.fault = describeFault(fault.id, fault.action);
		const { action } = fault;
		if (action.delayMs) await sleep(action.delayMs);
		if (action.drop === 'before') {
			raw.socket.destroy();
			return;
		}
		if (action.expireTokens) {
			ctx.tokens.expireAccessTokens();
			entry.tokenValid = false;
			return finish(
				res,
				entry,
				req.path.startsWith('/oauth/')
					? { status: 401, json: { error: 'invalid_token' } }
					: errorResponse(invalidToken()),
			);
		}
		// A crafted answer is the test's own choice, not the simulator's picture of DocuSign: not contract-checked.
		if (action.redirect)
			return finish(res, entry, {
				status: action.redirect.status,
				headers: { ...action.headers, Location: action.redirect.location },
				text: '',
			});
		if (action.status !== undefined) return finish(res, entry, faultResponse(action));
		extraHeaders = action.headers ?? {};
		dropAfter = action.drop === 'after';
		if (action.failUsers) failedEntries = withholdEntries(req, action.failUsers);
		omitted = action.omitUsers ?? [];
		if (action.concurrentCreate) createConcurrently(req, ctx, action.concurrentCreate);
		if (action.adminChanges) changeMeanwhile(req, ctx, action.adminChanges);
	}

	const asked = req.query;
	if (fault?.action.page) req.query = craftedQuery(req.query, fault.action.page);
	const response = route(req, ctx);
	response.headers = { ...response.headers, ...extraHeaders };
	if (fault?.action.page) craftPage(response, req.path, asked, fault.action.page);
	if (failedEntries.length) appendFailures(response, failedEntries);
	if (omitted.length) omitFromAnswer(response, omitted);
	if (dropAfter) {
		entry.status = response.status;
		raw.socket.destroy();
		return;
	}
	if (contract && !fault?.action.page)
		ctx.contract.checkResponse(contract, response.status, response.json);
	finish(res, entry, response);
}

function route(req: SimRequest, ctx: SimContext): SimResponse {
	if (req.path.startsWith('/oauth/')) return handleOAuth(req, ctx);
	if (req.path.startsWith('/restapi/')) return routeRest(req, ctx);
	if (req.path.startsWith('/Management/')) return routeAdmin(req, ctx);
	if (req.method === 'GET' && req.path === '/') {
		return {
			status: 200,
			text: `DocuSign simulator. OAuth at /oauth/*, eSignature at /restapi/v2.1/accounts/{accountId}/*, controls at /__control/info.\n`,
		};
	}
	return { status: 404, text: 'Not Found' };
}

/** REST pipeline: bearer token -> account -> rate limit (counted) -> route. */
function routeRest(req: SimRequest, ctx: SimContext): SimResponse {
	const match = ACCOUNT_PATH.exec(req.path);
	const account = match ? ctx.store.account(decodeURIComponent(match[1])) : undefined;
	const token = bearerToken(req);
	if (!token || !ctx.tokens.isAccessTokenValid(token)) {
		const response = errorResponse(invalidToken());
		if (account) response.headers = { ...response.headers, ...ctx.limiter.peek(account.accountId) };
		return response;
	}
	if (!match) return errorResponse(unknownRouteError(req.method, req.path));
	if (!account) return errorResponse(unknownAccountError(decodeURIComponent(match[1])));

	let limitHeaders: Record<string, string>;
	try {
		limitHeaders = ctx.limiter.consume(account.accountId);
	} catch (error) {
		if (error instanceof DsError) return errorResponse(error);
		throw error;
	}
	const response = dispatch(req, ctx, account, (match[2] ?? '').replace(/\/+$/, ''));
	response.headers = { ...limitHeaders, ...response.headers };
	return response;
}

/** Admin pipeline: bearer token -> organization -> scope -> rate limit (counted) -> route. */
function routeAdmin(req: SimRequest, ctx: SimContext): SimResponse {
	const token = bearerToken(req);
	if (!token || !ctx.tokens.isAccessTokenValid(token))
		return adminErrorResponse(
			new AdminError(401, 'unauthorized', 'The access token is expired, revoked or malformed.'),
		);
	const match = ORGANIZATION_PATH.exec(req.path);
	const { organization } = ctx.store;
	if (
		!match ||
		decodeURIComponent(match[1]).toLowerCase() !== organization.organizationId.toLowerCase()
	) {
		return adminErrorResponse(
			new AdminError(404, 'not_found', 'The organization does not exist or is not accessible.'),
		);
	}
	const subPath = (match[2] ?? '').replace(/\/+$/, '');
	const found = ADMIN_ROUTES.find(
		(candidate) => candidate.method === req.method && candidate.pattern.test(subPath),
	);
	if (!found)
		return adminErrorResponse(
			new AdminError(404, 'not_found', `No route ${req.method} ${req.path}.`),
		);
	// UNVERIFIED how DocuSign answers a missing scope (docs/known-limits.md): the bearer-token convention, 403.
	if (!ctx.tokens.hasScope(token, found.scope)) {
		return adminErrorResponse(
			new AdminError(403, 'insufficient_scope', `The access token lacks the ${found.scope} scope.`),
		);
	}
	let limitHeaders: Record<string, string>;
	try {
		limitHeaders = ctx.limiter.consume(
			adminHourlyAccount(req, ctx, subPath),
			Date.now(),
			adminBurstKey(organization.organizationId),
		);
	} catch (error) {
		if (error instanceof DsError)
			return {
				status: error.status,
				headers: error.headers,
				json: { error: error.errorCode, error_description: error.message },
			};
		throw error;
	}
	ctx.requestLog.noteLogicReached(req.method);
	try {
		if (req.bodyInvalid)
			throw new AdminError(
				400,
				'invalid_request',
				'The request body is missing or improperly formatted.',
			);
		const params = (found.pattern.exec(subPath) ?? []).slice(1).map((p) => decodeURIComponent(p));
		const response = found.handler(req, ctx.store, params, ctx.config.behaviour);
		response.headers = { ...limitHeaders, ...response.headers };
		return response;
	} catch (error) {
		if (error instanceof AdminError) return { ...adminErrorResponse(error), headers: limitHeaders };
		throw error;
	}
}

function dispatch(
	req: SimRequest,
	ctx: SimContext,
	account: AccountStore,
	subPath: string,
): SimResponse {
	const route = REST_ROUTES.find(
		(candidate) => candidate.method === req.method && candidate.pattern.test(subPath),
	);
	if (!route) return errorResponse(unknownRouteError(req.method, req.path));
	ctx.requestLog.noteLogicReached(req.method);
	try {
		if (req.bodyInvalid) throw invalidBody('The request body is missing or improperly formatted.');
		const param = decodeURIComponent(route.pattern.exec(subPath)?.[1] ?? '');
		return route.handler(req, account, param, ctx.config.behaviour);
	} catch (error) {
		if (error instanceof DsError) return errorResponse(error);
		throw error;
	}
}

const BATCH_KEYS = ['newUsers', 'users'] as const;

/** Takes the listed users out of the batch body so they are never applied; returns them. */
function withholdEntries(req: SimRequest, failUsers: string[]): unknown[] {
	const wanted = new Set(failUsers.map((u) => u.toLowerCase()));
	const body = req.body as Record<string, unknown> | undefined;
	const key = BATCH_KEYS.find((k) => Array.isArray(body?.[k]));
	if (!body || !key) return [];
	const entries = body[key] as Array<Record<string, unknown>>;
	const hit = (e: Record<string, unknown>) =>
		wanted.has(String(e.userId ?? '').toLowerCase()) ||
		wanted.has(String(e.email ?? '').toLowerCase());
	req.body = { ...body, [key]: entries.filter((e) => !hit(e)) };
	return entries.filter(hit);
}

/** Adds the withheld entries to the batch answer with DocuSign-style per-user errorDetails. */
function appendFailures(response: SimResponse, failed: unknown[]): void {
	const json = (response.json ?? {}) as Record<string, unknown>;
	const key = BATCH_KEYS.find((k) => Array.isArray(json[k])) ?? 'users';
	// Only the identifying fields a per-user answer has (newUser / userInformation in DocuSign's spec), not the whole request entry.
	const errors = failed.map((entry) => ({
		...Object.fromEntries(
			Object.entries(entry as Record<string, unknown>).filter(([key]) =>
				['userId', 'email', 'userName'].includes(key),
			),
		),
		errorDetails: { errorCode: 'UNSPECIFIED_ERROR', message: 'Injected per-user failure.' },
	}));
	response.json = { ...json, [key]: [...((json[key] as unknown[]) ?? []), ...errors] };
}

/** Leaves the listed users out of the batch answer (they were applied): a short answer. */
function omitFromAnswer(response: SimResponse, omitUsers: string[]): void {
	const wanted = new Set(omitUsers.map((u) => u.toLowerCase()));
	const json = (response.json ?? {}) as Record<string, unknown>;
	const key = BATCH_KEYS.find((k) => Array.isArray(json[k]));
	if (!key) return;
	const hit = (e: Record<string, unknown>) =>
		wanted.has(String(e.userId ?? '').toLowerCase()) ||
		wanted.has(String(e.email ?? '').toLowerCase());
	response.json = {
		...json,
		[key]: (json[key] as Array<Record<string, unknown>>).filter((e) => !hit(e)),
	};
}

/** A stuck server reads every request as the first page. */
function craftedQuery(query: Record<string, string>, page: PageFault): Record<string, string> {
	return page.stuckStartPosition ? { ...query, start_position: '0' } : query;
}

/** Rewrites a list answer's paging fields (and entries) as the page fault says; `asked` is the query as sent. */
function craftPage(
	response: SimResponse,
	path: string,
	asked: Record<string, string>,
	page: PageFault,
): void {
	if (!response.json || typeof response.json !== 'object') return;
	const json = { ...(response.json as Record<string, unknown>) };
	const start = Number(asked.start_position ?? 0);
	const count = Number(asked.count ?? 100);
	if (page.fabricateUsers !== undefined) {
		json.users = Array.from({ length: page.fabricateUsers }, (_, i) => ({
			userId: `fabricated-${start + i}`,
			userName: `Made Up ${start + i}`,
			email: `made.up.${start + i}@fabricated.example`,
			userStatus: 'Active',
		}));
		json.resultSetSize = String(page.fabricateUsers);
	}
	if (page.emptyPage) {
		delete json.users;
		delete json.groups;
		json.resultSetSize = '0';
	}
	if (page.totalSetSize !== undefined) json.totalSetSize = page.totalSetSize;
	if (page.omitTotal) delete json.totalSetSize;
	const pathOnly = path.replace(/^\/restapi/, '');
	if (page.stuckStartPosition) {
		json.startPosition = '0';
		json.nextUri = `${pathOnly}?start_position=0&count=${count}`;
	}
	// Endless wins: with stuckStartPosition, the same first page under an ever-advancing nextUri.
	if (page.endlessNextUri)
		json.nextUri = `${pathOnly}?start_position=${start + count}&count=${count}`;
	response.json = json;
}

/** The rival's POST /users, applied to the account before this request: same route, same rules. */
function createConcurrently(
	req: SimRequest,
	ctx: SimContext,
	race: NonNullable<FaultAction['concurrentCreate']>,
): void {
	const match = ACCOUNT_PATH.exec(req.path);
	// An Admin create (NewUserRequest) races the same way: the rival creates that person in the account.
	const admin = req.body as
		| { email?: unknown; user_name?: unknown; accounts?: Array<{ id?: unknown }> }
		| undefined;
	const adminAccountId = ORGANIZATION_PATH.test(req.path) ? admin?.accounts?.[0]?.id : undefined;
	const account = match
		? ctx.store.account(decodeURIComponent(match[1]))
		: typeof adminAccountId === 'string'
			? ctx.store.account(adminAccountId)
			: undefined;
	const entries =
		typeof adminAccountId === 'string'
			? [{ userName: String(admin?.user_name ?? admin?.email), email: admin?.email }]
			: (req.body as { newUsers?: unknown } | undefined)?.newUsers;
	if (!account || req.method !== 'POST' || !Array.isArray(entries)) return;
	const wanted = race.emails?.map((e) => e.toLowerCase());
	const rivals = (entries as Array<Record<string, unknown>>)
		.filter((e) => !wanted || wanted.includes(String(e.email ?? '').toLowerCase()))
		.map((e) => ({ ...e, ...race.fields }));
	if (rivals.length) createUsers({ ...req, body: { newUsers: rivals } }, account);
}

/** Someone else's changes, applied to the account in the path before this request is processed. */
function changeMeanwhile(req: SimRequest, ctx: SimContext, changes: AdminChange[]): void {
	const match = ACCOUNT_PATH.exec(req.path);
	const account = match
		? ctx.store.account(decodeURIComponent(match[1]))
		: ctx.store.defaultAccount;
	if (account) applyAdminChanges(account, changes);
}

function faultResponse(action: FaultAction): SimResponse {
	const status = action.status ?? 500;
	const json =
		action.body !== undefined
			? action.body
			: {
					errorCode: action.errorCode ?? 'INJECTED_FAULT',
					message: action.errorCode
						? `Injected ${action.errorCode}.`
						: `Injected fault (HTTP ${status}).`,
				};
	return { status, headers: action.headers, json };
}

function describeFault(id: string, action: FaultAction): string {
	const parts = [
		action.drop ? `drop-${action.drop}` : '',
		action.expireTokens ? 'expire-tokens' : '',
		action.status !== undefined ? `status-${action.status}` : '',
		action.errorCode ?? '',
		action.delayMs ? `delay-${action.delayMs}ms` : '',
		action.omitUsers ? 'omit-users' : '',
		action.redirect ? `redirect-${action.redirect.status}` : '',
		action.page ? 'crafted-page' : '',
		action.concurrentCreate ? 'concurrent-create' : '',
		action.adminChanges ? 'admin-changes' : '',
	].filter(Boolean);
	return `${id}${parts.length ? ` ${parts.join(' ')}` : ''}`;
}

function logRequest(req: SimRequest, raw: IncomingMessage, ctx: SimContext): RequestLogEntry {
	const header = String(req.headers.authorization ?? '');
	const authorization = /^bearer /i.test(header)
		? 'bearer'
		: /^basic /i.test(header)
			? 'basic'
			: 'none';
	const token = bearerToken(req);
	return ctx.requestLog.start({
		method: req.method,
		path: req.path,
		query: req.query,
		accountId: ACCOUNT_PATH.exec(req.path)?.[1],
		body: req.body,
		authorization,
		tokenValid: token === undefined ? undefined : ctx.tokens.isAccessTokenValid(token),
		host: raw.headers.host ?? '',
	});
}

function finish(res: ServerResponse, entry: RequestLogEntry, response: SimResponse): void {
	entry.status = response.status;
	writeResponse(res, response);
}

function writeResponse(res: ServerResponse, response: SimResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload = '';
	if (response.json !== undefined) {
		payload = JSON.stringify(response.json);
		headers['Content-Type'] = 'application/json; charset=utf-8';
	} else if (response.text !== undefined) {
		payload = response.text;
		headers['Content-Type'] = 'text/plain; charset=utf-8';
	}
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(response.status, headers);
	res.end(payload);
}

async function parseRequest(raw: IncomingMessage): Promise<SimRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of raw) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
	const { body, bodyInvalid } = parseBody(
		rawBody,
		String(raw.headers['content-type'] ?? '').toLowerCase(),
	);
	return {
		method: (raw.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: raw.headers,
		body,
		rawBody,
		bodyInvalid,
	};
}

/**
 * JSON when the body looks like JSON (whatever the content type: `curl -d '{…}'` sends it as a form), a form
 * for `a=b&c=d` bodies (OAuth clients, with or without the form content type), else invalid.
 */
function parseBody(rawBody: string, contentType: string): { body: unknown; bodyInvalid: boolean } {
	const trimmed = rawBody.trim();
	if (!trimmed) return { body: undefined, bodyInvalid: false };
	if (trimmed.startsWith('{') || trimmed.startsWith('[') || contentType.includes('json')) {
		try {
			return { body: JSON.parse(trimmed), bodyInvalid: false };
		} catch {
			return { body: rawBody, bodyInvalid: true };
		}
	}
	if (contentType.includes('application/x-www-form-urlencoded') || trimmed.includes('=')) {
		return { body: Object.fromEntries(new URLSearchParams(trimmed)), bodyInvalid: false };
	}
	return { body: rawBody, bodyInvalid: true };
}
