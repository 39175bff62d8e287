import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { apiRequestAllItems, apiRequestListing } from '../../nodes/DocuSign/transport/paging';
import { RateLimiter } from '../../nodes/DocuSign/transport/pacing';
import type { DocuSignContext, Session } from '../../nodes/DocuSign/transport/request';

const BASE = 'https://x.docusign.net/restapi/v2.1/accounts/a';

function session(): Session {
	return {
		account: {
			baseUrl: BASE,
			accountId: 'a',
			accountName: '',
			adminAppUrl: '',
			environment: 'production',
		},
		limiter: new RateLimiter(),
		settings: { maxWaitMs: 1000, timeoutMs: 1000 },
		credentialType: 'docuSignOAuth2Api',
	};
}

const users = (from: number, n: number): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({ userId: `u${from + i}` }));

/** A fake context answering each request with the next body; records the options it was given. */
function fakeContext(bodies: IDataObject[]) {
	const calls: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => ({
			name: 'DocuSign',
			type: 'x',
			typeVersion: 1,
			parameters: {},
			id: '1',
			position: [0, 0],
		}),
		helpers: {
			httpRequestWithAuthentication: async (
				credentialType: string,
				options: IHttpRequestOptions,
			) => {
				expect(credentialType).toBe('docuSignOAuth2Api');
				calls.push(options);
				const body = bodies[calls.length - 1];
				if (!body) throw new Error(`unexpected request #${calls.length}`);
				return { statusCode: 200, headers: {}, body };
			},
		},
	};
	return { context: context as unknown as DocuSignContext, calls };
}

const ids = (items: IDataObject[]) => items.map((item) => item.userId);

/** One listing of /users through the fake context, with the paging option under test. */
const listUsers = (context: ReturnType<typeof fakeContext>['context'], options: IDataObject) =>
	apiRequestListing.call(context, session(), {
		path: '/users',
		key: 'users',
		what: 'list users',
		...options,
	});

describe('apiRequestAllItems', () => {
	it('asks only for what Limit still needs: 150 -> 100 then 50', async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), totalSetSize: '400', nextUri: '/users?start_position=100' },
			{ users: users(100, 50), totalSetSize: '400', nextUri: '/users?start_position=150' },
		]);
		const s = session();
		const items = await apiRequestAllItems.call(context, s, {
			path: '/users',
			key: 'users',
			qs: { status: 'Active' },
			limit: 150,
			what: 'list users',
		});
		expect(items).toHaveLength(150);
		expect(items[149]).toEqual({ userId: 'u149' });
		expect(calls).toHaveLength(2);
		expect(calls[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/users`,
			json: true,
			timeout: 1000,
		});
		expect(calls[0].qs).toEqual({ status: 'Active', start_position: 0, count: 100 });
		expect(calls[1].qs).toEqual({ status: 'Active', start_position: 100, count: 50 });
	});

	it('never returns more than Limit even if DocuSign sends more', async () => {
		const { context, calls } = fakeContext([{ users: users(0, 10), nextUri: '/more' }]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			limit: 3,
			what: 'list users',
		});
		expect(ids(items)).toEqual(['u0', 'u1', 'u2']);
		expect(calls).toHaveLength(1);
		expect(calls[0].qs).toEqual({ start_position: 0, count: 3 });
	});

	it('makes no request for Limit 0', async () => {
		const { context, calls } = fakeContext([]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			limit: 0,
			what: 'list users',
		});
		expect(items).toEqual([]);
		expect(calls).toHaveLength(0);
	});

	it('follows nextUri and stops when it is missing', async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), nextUri: '/users?start_position=100' },
			{ users: users(100, 100), nextUri: '/users?start_position=200' },
			{ users: users(200, 7) },
		]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'list users',
		});
		expect(items).toHaveLength(207);
		expect(calls.map((c) => c.qs)).toEqual([
			{ start_position: 0, count: 100 },
			{ start_position: 100, count: 100 },
			{ start_position: 200, count: 100 },
		]);
	});

	it('stops when totalSetSize is reached', async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), totalSetSize: '150' },
			{ users: users(100, 50), totalSetSize: '150' },
		]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'list users',
		});
		expect(items).toHaveLength(150);
		expect(calls).toHaveLength(2);
	});

	it('an empty page before the total means the list shifted: it is read again from the start', async () => {
		const consistent = [0, 100, 200, 300, 400].map((from) => ({
			users: users(from, 100),
			totalSetSize: '500',
		}));
		const { context, calls } = fakeContext([
			{ users: users(0, 100), nextUri: '/next', totalSetSize: '500' },
			{ users: [], nextUri: '/next', totalSetSize: '500' },
			{ users: users(200, 100), totalSetSize: '500' },
			{ users: users(300, 100), totalSetSize: '500' },
			{ users: users(400, 100), totalSetSize: '500' },
			...consistent,
		]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'list users',
		});
		expect(ids(items)).toEqual(users(0, 500).map((u) => u.userId));
		expect(calls).toHaveLength(10);
		expect(calls[5].qs).toMatchObject({ start_position: 0 });
	});

	it('a list that shifts on every read (three, with pauses) is an error naming what changed, never a short list', async () => {
		const shifting = (total: string) => [
			{ users: users(0, 100), totalSetSize: '200' },
			{ users: users(100, 99), totalSetSize: total },
		];
		const { context, calls } = fakeContext([
			...shifting('199'),
			...shifting('198'),
			...shifting('201'),
		]);
		await expect(
			apiRequestAllItems.call(context, session(), {
				path: '/groups/g/users',
				key: 'users',
				what: 'list the members of the group Finance',
			}),
		).rejects.toMatchObject({
			message:
				"DocuSign's list changed each of the 3 times it was read, while trying to list the members of the group Finance",
			description: expect.stringContaining(
				'DocuSign counted 200 entries on the first page and 201 at position 100',
			),
		});
		expect(calls).toHaveLength(6);
	});

	it("fewer distinct entries than the total (a repeat took a missed entry's place) is a shift too", async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), totalSetSize: '200' },
			{ users: [...users(99, 1), ...users(100, 99)], totalSetSize: '200' },
			{ users: users(0, 100), totalSetSize: '200' },
			{ users: users(100, 100), totalSetSize: '200' },
		]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'list users',
		});
		expect(ids(items)).toEqual(users(0, 200).map((u) => u.userId));
		expect(calls).toHaveLength(4);
	});

	it('after the first page, fetches the known remaining pages a few at a time, in order', async () => {
		const pages = Array.from({ length: 10 }, (_, i) => ({
			users: users(i * 100, i === 9 ? 50 : 100),
			totalSetSize: '950',
		}));
		const { context, calls } = fakeContext(pages);
		const inFlight: number[] = [];
		let open = 0;
		const original = (
			context as unknown as {
				helpers: { httpRequestWithAuthentication: (...a: unknown[]) => Promise<unknown> };
			}
		).helpers;
		const send = original.httpRequestWithAuthentication;
		original.httpRequestWithAuthentication = async (...args: unknown[]) => {
			inFlight.push(++open);
			try {
				await new Promise((resolve) => setImmediate(resolve));
				return await send(...args);
			} finally {
				open--;
			}
		};
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'list users',
		});
		expect(items).toHaveLength(950);
		expect(ids(items)).toEqual(Array.from({ length: 950 }, (_, i) => `u${i}`));
		expect(calls.map((c) => (c.qs as IDataObject).start_position)).toEqual([
			0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
		]);
		expect(calls[9].qs).toMatchObject({ count: 50 });
		expect(Math.max(...inFlight)).toBe(4);
	});

	it('treats a page without the key as empty', async () => {
		const { context, calls } = fakeContext([{ resultSetSize: '0', totalSetSize: '0' }]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/groups',
			key: 'groups',
			what: 'list groups',
		});
		expect(items).toEqual([]);
		expect(calls).toHaveLength(1);
		expect(calls[0].url).toBe(`${BASE}/groups`);
	});

	it('firstPageOnlyAbove: a total above it ends the listing after the first page, kept and marked incomplete', async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), nextUri: '/next', totalSetSize: '300' },
		]);
		const listing = await listUsers(context, { firstPageOnlyAbove: 299 });
		expect(listing.complete).toBe(false);
		expect(ids(listing.items)).toEqual(users(0, 100).map((u) => u.userId));
		expect(calls).toHaveLength(1);
	});

	it('firstPageOnlyAbove: a total at it, or no total, reads every page', async () => {
		const atLimit = fakeContext([
			{ users: users(0, 100), totalSetSize: '150' },
			{ users: users(100, 50), totalSetSize: '150' },
		]);
		const listing = await listUsers(atLimit.context, { firstPageOnlyAbove: 150 });
		expect(listing).toMatchObject({ complete: true });
		expect(listing.items).toHaveLength(150);
		expect(atLimit.calls).toHaveLength(2);
		const noTotal = fakeContext([{ users: users(0, 2) }]);
		expect(await listUsers(noTotal.context, { firstPageOnlyAbove: 0 })).toMatchObject({
			complete: true,
			items: users(0, 2),
		});
	});

	it('firstPageOnlyAbove: without a total, a first page that points at more ends the listing, marked incomplete', async () => {
		// No totalSetSize: the size is unknown, so reading on could cost up to MAX_PAGES requests
		// where the caller's other strategy costs a known few. A second request would fail the fake.
		const { context, calls } = fakeContext([
			{ users: users(0, 100), nextUri: '/users?start_position=100' },
		]);
		const listing = await listUsers(context, { firstPageOnlyAbove: 1_000 });
		expect(listing.complete).toBe(false);
		expect(ids(listing.items)).toEqual(users(0, 100).map((u) => u.userId));
		expect(calls).toHaveLength(1);
	});

	it('until: a stop before the last page says the listing is incomplete; a find on the last page, complete', async () => {
		const cut = fakeContext([
			{ users: users(0, 100), totalSetSize: '400' },
			{ users: users(100, 100), totalSetSize: '400' },
			{ users: users(200, 100), totalSetSize: '400' },
			{ users: users(300, 100), totalSetSize: '400' },
		]);
		const early = await apiRequestListing.call(cut.context, session(), {
			path: '/users',
			key: 'users',
			what: 'find the closed user',
			until: { field: 'userId', value: 'u42' },
		});
		expect(early.complete).toBe(false);
		expect(early.items).toHaveLength(100);
		const last = fakeContext([
			{ users: users(0, 100), totalSetSize: '150' },
			{ users: users(100, 50), totalSetSize: '150' },
		]);
		const atEnd = await apiRequestListing.call(last.context, session(), {
			path: '/users',
			key: 'users',
			what: 'find the closed user',
			until: { field: 'userId', value: 'u149' },
		});
		expect(atEnd).toMatchObject({ complete: true });
		expect(atEnd.items).toHaveLength(150);
		const noTotal = fakeContext([
			{ users: users(0, 100), nextUri: '/users?start_position=100' },
			{ users: users(100, 100), nextUri: '/users?start_position=200' },
		]);
		const noTotalCut = await apiRequestListing.call(noTotal.context, session(), {
			path: '/users',
			key: 'users',
			what: 'find the closed user',
			until: { field: 'userId', value: 'u120' },
		});
		expect(noTotalCut.complete).toBe(false);
		expect(noTotal.calls).toHaveLength(2);
	});

	it('until: stops at the page that brings the entry sought, without the shift check of a full read', async () => {
		const { context, calls } = fakeContext([
			{ users: users(0, 100), totalSetSize: '400' },
			{ users: users(100, 100), totalSetSize: '400' },
			{ users: users(200, 100), totalSetSize: '400' },
			{ users: users(300, 100), totalSetSize: '400' },
		]);
		const items = await apiRequestAllItems.call(context, session(), {
			path: '/users',
			key: 'users',
			what: 'find the closed user',
			until: { field: 'userId', value: 'U42' },
		});
		expect(ids(items)).toEqual(users(0, 100).map((u) => u.userId));
		expect(calls).toHaveLength(1);
	});
});

describe('apiRequestAllItems, Admin API dialect', () => {
	const ADMIN = 'https://api.docusign.net/Management/v2/organizations/o';
	const members = (from: number, n: number): IDataObject[] =>
		Array.from({ length: n }, (_, i) => ({ id: `u${from + i}`, membership_id: `m${from + i}` }));
	const adminSession = (): Session => ({
		...session(),
		admin: { organizationId: 'o', baseUrl: ADMIN },
		adminLimiter: new RateLimiter(),
	});

	it('pages with start / take under the organization, reads paging.total_set_size; a repeated membership means the list shifted: read again', async () => {
		const { context, calls } = fakeContext([
			{
				users: members(0, 100),
				paging: { total_set_size: 230, next: '/users?start=100&take=100' },
			},
			{ users: members(100, 100), paging: { total_set_size: 230 } },
			{ users: [...members(199, 1), ...members(200, 29)], paging: { total_set_size: 230 } },
			{ users: members(0, 100), paging: { total_set_size: 230 } },
			{ users: members(100, 100), paging: { total_set_size: 230 } },
			{ users: members(200, 30), paging: { total_set_size: 230 } },
		]);
		const items = await apiRequestAllItems.call(context, adminSession(), {
			api: 'admin',
			path: '/users',
			key: 'users',
			qs: { account_id: 'a' },
			what: 'list',
		});
		const pagesAsked = [
			[`${ADMIN}/users`, { account_id: 'a', start: 0, take: 100 }],
			[`${ADMIN}/users`, { account_id: 'a', start: 100, take: 100 }],
			[`${ADMIN}/users`, { account_id: 'a', start: 200, take: 30 }],
		];
		expect(calls.map((c) => [c.url, c.qs])).toEqual([...pagesAsked, ...pagesAsked]);
		expect(items.map((i) => i.membership_id)).toEqual(members(0, 230).map((m) => m.membership_id));
	});

	it('without a total, follows paging.next only while it moves start forward', async () => {
		const { context, calls } = fakeContext([
			{ users: members(0, 100), paging: { next: '/users?start=100&take=100' } },
			{ users: members(100, 10), paging: { next: '/users?start=0&take=100' } },
		]);
		const items = await apiRequestAllItems.call(context, adminSession(), {
			api: 'admin',
			path: '/users',
			key: 'users',
			what: 'list',
		});
		expect(calls).toHaveLength(2);
		expect(items).toHaveLength(110);
	});
});
