import {
	cachedList,
	directoryKeyOf,
	forgetDirectory,
	rememberList,
} from '../../nodes/DocuSign/users/directory';
import type { Session } from '../../nodes/DocuSign/transport';
import { userInfoKeyOf } from '../../nodes/DocuSign/transport/account';

const TOKEN = 'eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.secret-access-token';
const credential = (token: string) =>
	({
		environment: 'custom',
		authServerUrl: 'http://127.0.0.1:1',
		clientId: 'key',
		oauthTokenData: { access_token: token },
	}) as never;
const session = (token: string, accountId: string) =>
	({
		userInfoKey: userInfoKeyOf(credential(token), 'http://127.0.0.1:1'),
		account: { accountId },
	}) as unknown as Session;
const sales = [{ id: '1', name: 'Sales', type: 'CustomGroup', builtIn: false }];

describe('directory cache', () => {
	test('keyed by the userinfo key and the account: never the token in clear', () => {
		const key = directoryKeyOf(session(TOKEN, 'ACC-1'))!;
		expect(key).not.toContain(TOKEN);
		expect(key).not.toContain('secret');
		expect(key).toBe(`${userInfoKeyOf(credential(TOKEN), 'http://127.0.0.1:1')}|acc-1`);
		expect(directoryKeyOf(session(TOKEN, 'acc-2'))).not.toBe(key);
		expect(directoryKeyOf(session('another-token', 'acc-1'))).not.toBe(key);
		expect(directoryKeyOf(session('', 'acc-1'))).toBeUndefined();
	});

	test('a list is served while younger than the TTL, never with TTL 0, and forgotten on request', () => {
		const key = directoryKeyOf(session(TOKEN, 'acc-ttl'));
		rememberList(key, 'groups', sales, 1_000);
		expect(cachedList(key, 'groups', 300_000, 1_000 + 299_999)).toEqual(sales);
		expect(cachedList(key, 'groups', 300_000, 1_000 + 300_000)).toBeUndefined();
		expect(cachedList(key, 'groups', 0, 1_000)).toBeUndefined();
		expect(cachedList(key, 'profiles', 300_000, 1_000)).toBeUndefined();
		forgetDirectory(key);
		expect(cachedList(key, 'groups', 300_000, 1_000)).toBeUndefined();
	});

	test('no key, no caching', () => {
		rememberList(undefined, 'groups', sales, 0);
		expect(cachedList(undefined, 'groups', 300_000, 0)).toBeUndefined();
	});
});
