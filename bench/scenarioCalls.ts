/**
 * The call counts of scenarios (a)–(f) (bench/scenarios.ts), run in this process at zero latency with the
 * simulator in-process and without the per-item baselines: the CallGroup `npm run bench:calls` runs, and the
 * CallCount of a full bench run (run.ts) that it is checked against.
 */
import { endpointCounts, type CallCount, type CallGroup } from './callCounts';
import { measure } from './execute';
import { prepareRun, readBack, type RunRecord } from './measure';
import { SCENARIOS, type Scenario } from './scenarios';
import { SimControl } from './simulator';
import { startSimulator, type DocuSignBehaviour } from '../test/simulator';

/** The scenarios run once more under listGroupList: those whose cost depends on memberships. */
export const GROUP_LIST_VARIANT_KEYS = ['b', 'd'];

/**
 * (e) paces 2,000 creates under a burst limit of 50 per 30 s: minutes of waiting (the node assumes DocuSign's
 * 30 s window) for the same calls. The check counts them under the default burst limit, without waits; the
 * full bench counts them under 50 per 30 s and holds them to the same expectation, so a 429 (a call more)
 * fails it there.
 */
const CHECK_BURST_LIMIT = 500;

export function scenarioCallCount(scenario: Scenario, record: RunRecord): CallCount {
	return {
		id: `results.${scenario.key}.${record.variant === 'listGroupList' ? 'listGroupList' : 'documented'}`,
		table: 'results.md',
		scenario: scenario.title,
		variant: record.variant,
		calls: record.log.calls,
		byEndpoint: endpointCounts(record.log.byEndpoint),
		floor: record.floors.floor,
		parameterReads: record.measurement.parameterCalls,
		items: record.items,
		itemNoun: 'input item',
	};
}

async function countScenario(
	control: SimControl,
	scenario: Scenario,
	behaviour: Partial<DocuSignBehaviour> = {},
): Promise<CallCount> {
	const prepared = await prepareRun(control, {
		scenario,
		latencyMs: 0,
		behaviour,
		burstLimit: Math.max(scenario.burstLimit, CHECK_BURST_LIMIT),
	});
	const measurement = await measure(control.address, {
		parameters: scenario.parameters(scenario.batchSize),
		items: prepared.items,
		tokens: await control.tokens(),
	});
	const record = {
		batchSize: scenario.batchSize,
		...(await readBack(control, scenario, prepared, measurement)),
	};
	const unexpectedError = scenario.failsByDesign ? undefined : measurement.runError;
	if (record.problem || unexpectedError || (measurement.failedItems && !scenario.failsByDesign))
		throw new Error(
			`${scenario.title}: ${record.problem ?? unexpectedError ?? `${measurement.failedItems} failed items (first: ${measurement.firstFailure})`}`,
		);
	return scenarioCallCount(scenario, record);
}

export const scenarioCalls: CallGroup = {
	name: 'bench/run.ts scenarios (a)–(f)',
	async run() {
		const sim = await startSimulator({ port: 0 });
		const control = new SimControl({
			baseUrl: sim.baseUrl,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
		});
		try {
			const counts: CallCount[] = [];
			for (const scenario of SCENARIOS) {
				counts.push(await countScenario(control, scenario));
				if (GROUP_LIST_VARIANT_KEYS.includes(scenario.key))
					counts.push(await countScenario(control, scenario, { listGroupList: true }));
			}
			return counts;
		} finally {
			await sim.close();
		}
	},
};
