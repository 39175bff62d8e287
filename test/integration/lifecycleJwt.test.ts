/**
 * The whole lifecycle suite once more, with the DocuSign JWT credential: every run mints its
 * token through the credential's preAuthentication (signed with the test key pair, checked by
 * the simulator against the registered public key and Ada's consent).
 */
import { jwtMintCount, useAuthentication } from '../support';
import './lifecycle.test';

useAuthentication('jwt');

describe('JWT', () => {
	test('every run of the suite above was authenticated with a token the JWT credential minted', () => {
		// 18 tests, each with at least one run and its own fresh credential.
		expect(jwtMintCount()).toBeGreaterThanOrEqual(18);
	});
});
