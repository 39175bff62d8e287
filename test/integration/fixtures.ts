/** What the integration suites share: one simulator per suite, locator values, request filters. */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry, Simulator } from '../simulator';
import { startSimulator } from '../simulator';

/** One simulator for the suite, reset to the seed before each test: `let sim!: Simulator; useSimulator((s) => (sim = s));` */
export function useSimulator(assign: (sim: Simulator) => void): void {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		assign(sim);
	});
	afterAll(async () => sim.close());
	beforeEach(() => sim.reset());
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
