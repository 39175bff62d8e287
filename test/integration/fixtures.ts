/** What the integration suites share: one simulator per suite, locator values, request filters. */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry, Simulator, SimulatorOptions } from '../simulator';
import { formatViolations, startSimulator } from '../simulator';

/**
 * One simulator for the suite, reset to the seed before each test: `let sim!: Simulator; useSimulator((s) => (sim = s));`
 * After each test, every /restapi request the node sent and every answer the simulator gave must have matched
 * DocuSign's OpenAPI (test/contract): a violation fails the test that caused it.
 */
export function useSimulator(assign: (sim: Simulator) => void, options: SimulatorOptions = {}): void {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0, ...options });
		assign(sim);
	});
	afterAll(async () => {
		if (process.env.CONTRACT_STATS) {
			console.log(`contract check: ${sim.contract.requestsChecked} requests, ${sim.contract.responsesChecked} responses validated (${expect.getState().testPath})`);
		}
		await sim.close();
	});
	beforeEach(() => sim.reset());
	afterEach(() => {
		const violations = [...sim.contract.violations];
		sim.contract.clear();
		if (violations.length) throw new Error(`DocuSign contract violated (test/contract):\n${formatViolations(violations)}`);
	});
}


/** A resource-locator parameter value as the n8n editor stores it. */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** Every POST/PUT/DELETE that left the node for /restapi, whether or not DocuSign acted on it. */
export const writesOf = (sim: Simulator): RequestLogEntry[] => sim.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/restapi'));

/** User > Create fed by HR-like items: { email, first, last, role, groups }. */
export const createFromItems = (options: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'create',
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	permissionProfile: '={{ $json.role }}',
	groups: '={{ $json.groups }}',
	options,
});
