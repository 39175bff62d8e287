/** One simulator per suite, its contract check, and what a test reads back from it (requests, groups). */
import { appendFileSync } from 'node:fs';

import type { RequestLogEntry, Simulator, SimulatorOptions } from '../simulator';
import { formatViolations, startSimulator } from '../simulator';

/**
 * One simulator for the suite, reset to the seed before each test: `let sim!: Simulator; useSimulator((s) => (sim = s));`
 * After each test, every /restapi request the node sent and every answer the simulator gave must have matched
 * DocuSign's OpenAPI (test/contract): a violation fails the test that caused it.
 */
export function useSimulator(
	assign: (sim: Simulator) => void,
	options: SimulatorOptions = {},
): void {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0, ...options });
		assign(sim);
	});
	afterAll(async () => {
		recordContractStats(sim);
		await sim.close();
	});
	beforeEach(() => sim.reset());
	afterEach(() => assertContractKept(sim));
}

/** Fails the current test if a request or an answer since the last check was outside DocuSign's OpenAPI. */
export function assertContractKept(sim: Simulator): void {
	const violations = [...sim.contract.violations];
	sim.contract.clear();
	if (violations.length)
		throw new Error(`DocuSign contract violated (test/contract):\n${formatViolations(violations)}`);
}

/** CONTRACT_STATS=<file>: one line per suite with how many requests and answers were validated. */
export function recordContractStats(sim: Simulator): void {
	if (!process.env.CONTRACT_STATS) return;
	const line = {
		suite: expect.getState().testPath,
		requests: sim.contract.requestsChecked,
		responses: sim.contract.responsesChecked,
	};
	appendFileSync(process.env.CONTRACT_STATS, `${JSON.stringify(line)}\n`);
}

/** Every POST/PUT/DELETE that left the node for /restapi, whether or not DocuSign acted on it. */
export const writesOf = (sim: Simulator): RequestLogEntry[] =>
	sim.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/restapi'));

/** A request as "METHOD /path", the path under the account (eSignature) or as sent. */
export const callLine = (e: RequestLogEntry): string =>
	`${e.method} ${e.path.replace(/^\/restapi\/v2\.1\/accounts\/[^/]+/, '')}`;

/** Every request the node sent to the Admin API (/Management). */
export const managementCallsOf = (sim: Simulator): RequestLogEntry[] =>
	sim.log.filter((e) => e.path.startsWith('/Management'));

/** A user's custom groups by name, sorted (Everyone and Administrators are DocuSign's own). */
export const customGroupsOf = (sim: Simulator, userId: string): string[] =>
	sim
		.userGroupNames(userId)
		.filter((g) => g !== 'Everyone' && g !== 'Administrators')
		.sort();
