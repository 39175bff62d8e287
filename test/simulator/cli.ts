/**
 * Start the DocuSign simulator from a terminal:
 *   tsx test/simulator/cli.ts [--port 8085] [--latency 100] [--burst-limit 50] [--hourly-limit 3000] [--token-ttl 28800] [--extra-users 0]
 *     [--behaviour reopenResult=ignored,listGroupList=true]
 * No --port: a free port. Stays up until Ctrl-C.
 */
import { n8nCredential } from './describe';
import { startSimulator } from './index';
import type { DocuSignBehaviour, RateLimitConfig, SimulatorOptions } from './types';
import { checkBehaviour } from './unverified';

/** `reopenResult=Active,listGroupList=true` -> a behaviour patch (booleans as true/false). */
function parseBehaviour(raw: string | undefined): Partial<DocuSignBehaviour> {
	if (raw === undefined) return {};
	const patch: Record<string, unknown> = {};
	for (const pair of raw.split(',').filter(Boolean)) {
		const [key, value] = pair.split('=', 2).map((part) => part.trim());
		patch[key] = value === 'true' ? true : value === 'false' ? false : value;
	}
	return checkBehaviour(patch);
}

function parseArgs(argv: string[]): SimulatorOptions {
	const values = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			console.log(
				'Usage: tsx test/simulator/cli.ts [--port N] [--latency MS] [--burst-limit N] [--hourly-limit N] [--token-ttl SEC] [--extra-users N] [--accounts N] [--behaviour key=value,…]',
			);
			process.exit(0);
		}
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
		const [name, inline] = arg.slice(2).split('=', 2);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`Missing value for --${name}`);
		values.set(name, value);
	}
	const number = (name: string): number | undefined => {
		const raw = values.get(name);
		if (raw === undefined) return undefined;
		const parsed = Number(raw);
		if (!Number.isFinite(parsed) || parsed < 0)
			throw new Error(`--${name} needs a non-negative number, got '${raw}'`);
		return parsed;
	};
	const known = [
		'port',
		'latency',
		'burst-limit',
		'hourly-limit',
		'token-ttl',
		'extra-users',
		'accounts',
		'behaviour',
	];
	for (const name of values.keys())
		if (!known.includes(name)) throw new Error(`Unknown option --${name}`);
	const rateLimits: Partial<RateLimitConfig> = {};
	if (number('burst-limit') !== undefined) rateLimits.burstLimit = number('burst-limit');
	if (number('hourly-limit') !== undefined) rateLimits.hourlyLimit = number('hourly-limit');
	return {
		port: number('port') ?? 0,
		latencyMs: number('latency'),
		tokenTtlSec: number('token-ttl'),
		rateLimits,
		seed: { extraUsers: number('extra-users'), accounts: number('accounts') },
		behaviour: parseBehaviour(values.get('behaviour')),
	};
}

async function main(): Promise<void> {
	const sim = await startSimulator(parseArgs(process.argv.slice(2)));
	const lines = [
		`DocuSign simulator listening on ${sim.baseUrl}`,
		'',
		'Accounts:',
		...sim.accounts.map((account) => {
			const users = sim.users(account.accountId).length;
			return `  ${account.accountId}  ${account.accountName}${account.isDefault ? ' (default)' : ''}  ${users} users  base_uri ${account.baseUri}`;
		}),
		'',
		'OAuth: authorize GET /oauth/auth (auto-consent), token POST /oauth/token, user GET /oauth/userinfo (Ada Admin)',
		`eSignature: ${sim.baseUrl}/restapi/v2.1/accounts/{accountId}/users | /groups | /groups/{id}/users | /permission_profiles`,
		'',
		'n8n credential (DocuSign OAuth2 API), paste into the credential or an import file:',
		JSON.stringify(n8nCredential(sim), null, 2),
		'',
		`Controls (${sim.baseUrl}/__control/...):`,
		'  GET  info | state | log | faults | contract   POST reset {extraUsers?, accounts?} | config {latencyMs, tokenTtlSec, rateLimits, behaviour}',
		'  POST faults {method?, path?, skip?, times?, action}   DELETE faults | log',
		'  POST tokens {expiresInSec?} | expire-tokens | revoke-refresh-tokens | base-uri {accountId, baseUri}',
		'',
		`Behaviour switches: ${JSON.stringify(sim.config.behaviour)}`,
		'',
		'Ctrl-C to stop.',
	];
	console.log(lines.join('\n'));
	const stop = (): void => {
		sim.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error((error as Error)?.message ?? error);
	process.exit(1);
});
