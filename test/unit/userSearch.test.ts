import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { isUserSearch, lookupEach, userFrom } from '../../nodes/DocuSign/users/lookup';
import { EVERY_USER_STATUS } from '../../nodes/DocuSign/users/model';
import { RateLimiter } from '../../nodes/DocuSign/transport/pacing';
import type { DocuSignContext, Session } from '../../nodes/DocuSign/transport/request';

describe('isUserSearch: where "no such user" may mean "no match"', () => {
	it('a filter that may match nobody: an e-mail, a name, a group, some of the statuses', () => {
		expect(isUserSearch({ email: 'a@b.example', additional_info: 'true' })).toBe(true);
		expect(isUserSearch({ email_substring: 'acme' })).toBe(true);
		expect(isUserSearch({ user_name_substring: 'jo' })).toBe(true);
		expect(isUserSearch({ group_id: '123', status: EVERY_USER_STATUS })).toBe(true);
		expect(isUserSearch({ status: 'Closed,Disabled' })).toBe(true);
	});

	it('a list of every user: no filter, or every status in any order and case', () => {
		expect(isUserSearch()).toBe(false);
		expect(isUserSearch({ additional_info: 'true', login_status: 'true' })).toBe(false);
		expect(isUserSearch({ status: EVERY_USER_STATUS })).toBe(false);
		expect(
			isUserSearch({ status: EVERY_USER_STATUS.toUpperCase().split(',').reverse().join(', ') }),
		).toBe(false);
		expect(isUserSearch({ email: '', status: '' })).toBe(false);
	});
});

describe('lookupEach: a user list cut after its first page', () => {
	const session: Session = {
		account: {
			baseUrl: 'https://x.docusign.net/restapi/v2.1/accounts/a',
			accountId: 'a',
			accountName: '',
			adminAppUrl: '',
			environment: 'production',
		},
		limiter: new RateLimiter(),
		settings: { maxWaitMs: 1000, timeoutMs: 1000 },
		credentialType: 'docuSignOAuth2Api',
	};
	const page = Array.from({ length: 100 }, (_, i) => ({
		userId: `u${i}`,
		email: `u${i}@x.example`,
	}));

	/** An account of 100,000 users: the list's first page, GET /users/{id}, and searches by e-mail. */
	function account() {
		const calls: IHttpRequestOptions[] = [];
		const answer = (options: IHttpRequestOptions): IDataObject => {
			const qs = (options.qs ?? {}) as IDataObject;
			const id = /\/users\/([^/?]+)$/.exec(options.url ?? '')?.[1];
			if (id) return { userId: id, email: `${id}@x.example`, groupList: [] };
			if (qs.email) return { users: [{ userId: `by-${String(qs.email)}`, email: qs.email }] };
			return {
				users: page,
				totalSetSize: '100000',
				resultSetSize: '100',
				nextUri: '/users?start_position=100',
			};
		};
		const n8n = {
			getNode: () => ({
				name: 'DocuSign',
				type: 'x',
				typeVersion: 1,
				parameters: {},
				id: '1',
				position: [0, 0],
			}),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					calls.push(options);
					return { statusCode: 200, headers: {}, body: answer(options) };
				},
			},
		} as unknown as DocuSignContext;
		return { connection: { n8n, session }, calls };
	}

	it('an ID on the first page needs no read; every other user one GET each, and the list is not read past its first page', async () => {
		const { connection, calls } = account();
		const refs = [
			{ by: 'id' as const, value: 'u3' },
			{ by: 'id' as const, value: 'U7' },
			{ by: 'id' as const, value: 'far-away' },
			{ by: 'id' as const, value: 'u3' },
			{ by: 'email' as const, value: 'u5@x.example' },
		];
		const found = await lookupEach(connection, refs, { groupIds: [] });
		const urls = calls.map(
			(c) =>
				`${String(c.url).replace(session.account.baseUrl, '')} ${String((c.qs as IDataObject).email ?? (c.qs as IDataObject).status ?? '')}`,
		);
		expect(urls.sort()).toEqual(
			[
				`/users ${EVERY_USER_STATUS}`,
				'/users/far-away ',
				// An e-mail may repeat on later pages: it is searched even though the first page shows it.
				'/users u5@x.example',
			].sort(),
		);
		expect(userFrom(found, refs[0])).toBe(page[3]);
		expect(userFrom(found, refs[1])).toBe(page[7]);
		expect(userFrom(found, refs[2])).toMatchObject({ userId: 'far-away' });
		expect(userFrom(found, refs[4])).toMatchObject({ userId: 'by-u5@x.example' });
	});
});
