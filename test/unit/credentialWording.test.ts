/** JWT has no Connect button and no person who connected it: its errors say what to change in the credential. */
import type { INode } from 'n8n-workflow';

import { docuSignApiError } from '../../nodes/DocuSign/transport/errors';
import { wordingFor } from '../../nodes/DocuSign/transport/wording';

const node = { name: 'DocuSign', type: 'docuSign', parameters: {} } as unknown as INode;
const what = { what: 'close the users', itemIndex: 0 };

test('USER_LACKS_PERMISSIONS names the JWT User ID for JWT, the connecting user for OAuth2', () => {
	const jwt = docuSignApiError(
		node,
		400,
		{ errorCode: 'USER_LACKS_PERMISSIONS' },
		what,
		'docuSignJwtApi',
	);
	expect(jwt.message).toBe(
		"The DocuSign user in the JWT credential's User ID is not allowed to do this (USER_LACKS_PERMISSIONS)",
	);
	expect(jwt.description).toMatch(
		/Set the JWT credential's User ID to a DocuSign account administrator/,
	);
	expect(jwt.description).not.toMatch(/connect/i);

	const oauth = docuSignApiError(
		node,
		400,
		{ errorCode: 'USER_LACKS_PERMISSIONS' },
		what,
		'docuSignOAuth2Api',
	);
	expect(oauth.message).toMatch(/^The connected DocuSign user is not allowed/);
	expect(oauth.description).toMatch(/^Connect the credential as a DocuSign account administrator/);
});

test('a refused token: Reconnect for OAuth2, the key and User ID for JWT', () => {
	const body = { errorCode: 'AUTHORIZATION_INVALID_TOKEN' };
	expect(docuSignApiError(node, 401, body, what, 'docuSignOAuth2Api').description).toMatch(
		/click Reconnect/,
	);
	const jwt = docuSignApiError(node, 401, body, what, 'docuSignJwtApi').description!;
	expect(jwt).toMatch(/RSA Private Key/);
	expect(jwt).not.toMatch(/connect/i);
});

test('no JWT wording tells the user to connect; every OAuth2 one that needs a person says who', () => {
	for (const text of Object.values(wordingFor('docuSignJwtApi')))
		expect(text).not.toMatch(/connect/i);
	expect(wordingFor(undefined)).toEqual(wordingFor('docuSignOAuth2Api'));
});
