/**
 * Two n8n workers refresh the same expired token at once. The simulator rotates refresh tokens (the old
 * one dies on use), so the worker that loses the race is refused (invalid_grant) while the winner stores
 * the new tokens. Here the winner is played by the test: it rotates the refresh token at the simulator
 * first, and its stored tokens become visible to this run only after this run's refresh was refused,
 * as when the winner's database write lands a moment later.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import {
	credentialFor,
	loadPackage,
	runNode,
	TestCredentialsHelper,
	useSimulator,
} from '../support';

let sim!: Simulator;
useSimulator((s) => (sim = s));

/** Serves the credential as this worker read it until its refresh was refused, then what the winner stored. */
class RacingCredentialsHelper extends TestCredentialsHelper {
	constructor(
		loader: Awaited<ReturnType<typeof loadPackage>>,
		private readonly stale: ICredentialDataDecryptedObject,
		private readonly storedByWinner: ICredentialDataDecryptedObject,
	) {
		super(loader, stale);
	}

	async getDecrypted() {
		const refused = sim.log.some((e) => e.path === '/oauth/token' && e.status === 400);
		return structuredClone(refused ? this.storedByWinner : this.stale);
	}
}

const tokenCalls = () => sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status);
const listProfiles = { resource: 'permissionProfile', operation: 'getAll' };

async function raceRun(parameters: IDataObject) {
	const expired = sim.issueTokens({ expiresInSec: 0 });
	const stale = credentialFor(sim, { oauthTokenData: expired as unknown as IDataObject });
	// the other worker refreshed first: the refresh token this run holds is dead now
	const winner = sim.tokens.rotate(expired.refresh_token, 3600)!;
	const storedByWinner = { ...stale, oauthTokenData: winner as unknown as IDataObject };
	const helper = new RacingCredentialsHelper(await loadPackage(), stale, storedByWinner);
	return { result: await runNode(sim, { parameters, credentialsHelper: helper }), winner };
}

describe('refresh race between workers', () => {
	test("the loser re-reads the credential and retries once: the run succeeds with the winner's token", async () => {
		const { result, winner } = await raceRun(listProfiles);
		expect(result.error).toBeUndefined();
		expect(result.json.length).toBeGreaterThan(0);
		// one refused refresh, none after it: the retry used the stored token
		expect(tokenCalls()).toEqual([400]);
		const used = sim.log.filter((e) => e.authorization === 'bearer' && e.tokenValid);
		expect(used.length).toBeGreaterThan(0);
		expect(sim.tokens.isAccessTokenValid(winner.access_token)).toBe(true);
	});

	test('a refresh token that is really dead still fails with "reconnect", after one retry', async () => {
		sim.issueTokens();
		const expired = sim.issueTokens({ expiresInSec: 0 });
		sim.revokeRefreshTokens();
		const result = await runNode(sim, {
			parameters: listProfiles,
			credential: credentialFor(sim, { oauthTokenData: expired as unknown as IDataObject }),
		});
		expect(result.error?.message).toMatch(/needs to be reconnected/);
		expect(tokenCalls()).toEqual([400, 400]);
	});
});
