/**
 * How the transport reads the error n8n throws from httpRequestWithAuthentication. n8n 2.x keeps the
 * axios error as `cause` (status, headers, body); n8n 1.x drops it, leaving only `httpCode` and the
 * message: shapes measured in real n8n 1.123 (see test/e2e/queue).
 */
import { outcomeOfFailure } from '../../nodes/DocuSign/transport/request';

describe('outcomeOfFailure', () => {
	test('n8n 2.x: status, lower-cased headers and body from the axios cause', () => {
		const error = {
			message: 'Request failed with status code 429',
			httpCode: '429',
			cause: {
				response: {
					status: 429,
					headers: { 'Retry-After': '3' },
					data: { errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED' },
				},
			},
		};
		expect(outcomeOfFailure(error)).toEqual({
			kind: 'http',
			status: 429,
			headers: { 'retry-after': '3' },
			body: { errorCode: 'BURST_APIINVOCATION_LIMIT_EXCEEDED' },
		});
	});

	test("n8n 1.x: no cause; status from httpCode and DocuSign's body from context.data, not a connection failure", () => {
		// as n8n-workflow 1.x builds it from an axios 400 (probed in n8n 1.123.81)
		const v1 = {
			message: 'Bad request - please check your parameters',
			description: 'Invalid UserId.',
			messages: ['Request failed with status code 400'],
			context: { data: { errorCode: 'USER_NOT_FOUND', message: 'Invalid UserId.' } },
			httpCode: '400',
		};
		expect(outcomeOfFailure(v1)).toEqual({
			kind: 'http',
			status: 400,
			headers: {},
			body: { errorCode: 'USER_NOT_FOUND', message: 'Invalid UserId.' },
		});
		expect(
			outcomeOfFailure({
				message: 'Request failed with status code 429',
				httpCode: '429',
				description: 'The service is receiving too many requests from you',
			}),
		).toEqual({ kind: 'http', status: 429, headers: {}, body: undefined });
		expect(
			outcomeOfFailure({ message: 'Request failed with status code 503', httpCode: '503' }),
		).toMatchObject({ kind: 'http', status: 503 });
	});

	test('a network failure stays a network failure (httpCode absent or not an HTTP status)', () => {
		expect(outcomeOfFailure({ message: 'socket hang up', cause: { code: 'ECONNRESET' } })).toEqual({
			kind: 'network',
			code: 'ECONNRESET',
			maybeSent: true,
		});
		expect(
			outcomeOfFailure({ message: 'refused', httpCode: 'ECONNREFUSED', code: 'ECONNREFUSED' }),
		).toEqual({ kind: 'network', code: 'ECONNREFUSED', maybeSent: false });
	});

	test('a refused refresh: n8n 2.x "needs to be reconnected", n8n 1.x the invalid_grant text of client-oauth2', () => {
		expect(
			outcomeOfFailure({ message: 'The credential "DocuSign account" needs to be reconnected.' }),
		).toEqual({ kind: 'reconnect' });
		const v1 =
			'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
		expect(outcomeOfFailure({ message: v1 })).toEqual({ kind: 'reconnect' });
	});

	test('invalid_grant only as the token endpoint’s error field: a DocuSign answer mentioning it stays DocuSign’s answer', () => {
		expect(
			outcomeOfFailure({
				message: 'Request failed with status code 400',
				cause: {
					response: {
						status: 400,
						headers: {},
						data: { errorCode: 'INVALID_REQUEST_PARAMETER', message: 'bad invalid_grant value' },
					},
				},
			}),
		).toMatchObject({ kind: 'http', status: 400 });
		expect(
			outcomeOfFailure({
				message: 'Request failed',
				cause: { response: { status: 400, headers: {}, data: { error: 'invalid_grant' } } },
			}),
		).toEqual({ kind: 'reconnect' });
		expect(
			outcomeOfFailure({
				message: 'Bad request - invalid_grant mentioned by DocuSign',
				httpCode: '400',
				context: { data: { errorCode: 'INVALID_REQUEST_BODY', message: 'invalid_grant' } },
			}),
		).toMatchObject({ kind: 'http', status: 400 });
	});

	test('an exception inside n8n or the node is local, not a network failure, and its text is cut to about 100 characters', () => {
		expect(outcomeOfFailure(new TypeError('key.sign is not a function') as never)).toEqual({
			kind: 'local',
			reason: 'key.sign is not a function',
		});
		const long = outcomeOfFailure({ message: 'x'.repeat(5000) });
		expect(long).toMatchObject({ kind: 'local' });
		expect((long as { reason: string }).reason.length).toBeLessThanOrEqual(101);
	});
});
