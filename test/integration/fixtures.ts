/** What the integration suites share: one simulator per suite, locator values, request filters. */
import { appendFileSync } from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

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

/** A resource-locator parameter value as the n8n editor stores it. */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** Every POST/PUT/DELETE that left the node for /restapi, whether or not DocuSign acted on it. */
export const writesOf = (sim: Simulator): RequestLogEntry[] =>
	sim.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/restapi'));

/** User > Create fed by HR-like items: { email, first, last, role, groups }; Batch Size goes to Request Settings. */
/** Create's parameters from item fields; Batch Size, Max Rate-Limit Wait, Timeout and Directory Cache go to Request Settings. */
export const createFromItems = ({
	batchSize,
	maxWaitSeconds,
	timeoutSeconds,
	directoryCacheSeconds,
	...options
}: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'create',
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	permissionProfile: '={{ $json.role }}',
	groups: '={{ $json.groups }}',
	options,
	requestSettings: Object.fromEntries(
		Object.entries({ batchSize, maxWaitSeconds, timeoutSeconds, directoryCacheSeconds }).filter(
			([, v]) => v !== undefined,
		),
	),
});
