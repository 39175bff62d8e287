/**
 * Sync Roster at scale: a 10,000-person HR roster against a 10,000-user account with 1 % drift
 * (joiners, movers, leavers), in n8n's engine against the simulator with latency, side by side with
 * what examples/roster-sync.json did before Sync Roster (Get Many + Compare Datasets, then one write
 * per drifted person). Part of `npm run bench`; alone: `npx tsx bench/roster.ts [--latency 100]`
 * (needs `npm run build`). Writes bench/roster-results.md.
 */
import '../test/setup-env.js';

import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { joiners, PERSON_FROM_ITEMS, runNode } from '../test/support';
import type { Simulator } from '../test/simulator';
import { startSimulator } from '../test/simulator';
import { summarizeLog } from './callLog';
import {
	endpointCounts,
	figure,
	withCallSection,
	type BenchTable,
	type CallCount,
	type CallGroup,
	type Floor,
} from './callCounts';
import { runAlone } from './alone';
import { countParameterReads } from './parameterTimer';
import { startRssSampler } from './sampler';

export const ROSTER_USERS = 10_000;
const DRIFT = 0.01;
const BATCH = 500;
const PAGE = 100;
const BUILT_IN = ['Everyone', 'Administrators'];
const OPEN = ['Active', 'ActivationSent', 'ActivationRequired'];

export interface RosterFigures {
	calls: number;
	floor: Floor;
	byEndpoint: Record<string, number>;
	parameterReads: number;
	items: number;
	ms: number;
	peakRssMb: number;
	joiners: number;
	movers: number;
	leavers: number;
}

/** The account grown to ROSTER_USERS users (the seed's own plus Active extra users). */
async function rosterSimulator(latencyMs: number): Promise<Simulator> {
	const probe = await startSimulator();
	const seeded = probe.users().length;
	await probe.close();
	return await startSimulator({ latencyMs, seed: { extraUsers: ROSTER_USERS - seeded } });
}

interface Drifted {
	roster: IDataObject[];
	joiners: IDataObject[];
	movers: IDataObject[];
	leavers: string[];
}

/** The HR export: every open non-admin user as they are, then 1 % drift split into thirds. */
function driftedRoster(sim: Simulator): Drifted {
	const account = sim.store.account()!;
	const people = sim
		.users()
		.filter((u) => OPEN.includes(u.status) && !account.isAdmin(u))
		.map((u) => ({
			email: u.email,
			first: u.firstName,
			last: u.lastName,
			role: account.profileOf(u).permissionProfileName,
			groups: sim
				.userGroupNames(u.userId)
				.filter((g) => !BUILT_IN.includes(g))
				.join(', '),
		}));
	const each = Math.round((people.length * DRIFT) / 3);
	// from the older half: the seed dates its extra users day by day, so the newest are still in the grace period
	const leavers = people.splice(100, each).map((p) => p.email);
	const movers: IDataObject[] = [];
	for (let i = 0; i < each; i++) {
		const k = 200 + i * 97;
		people[k] = {
			...people[k],
			role: people[k].role === 'HR Sender' ? 'DocuSign Sender' : 'HR Sender',
		};
		movers.push(people[k]);
	}
	const joining = joiners(each, { groups: 'Sales' });
	return { roster: [...people, ...joining], joiners: joining, movers, leavers };
}

/**
 * The fewest calls the job can take: userinfo, profiles, the group list, every page of the user list
 * and of the member lists Group Sync needs, and the writes at DocuSign's batch sizes (one POST for
 * the joiners, one PUT for the profile changes, one PUT for the joiners' group, one DELETE).
 */
function floorOf(sim: Simulator, drifted: Drifted): Floor {
	const users = sim.users().length;
	const memberPages = sim
		.groups()
		.filter((g) => g.groupType === 'CustomGroup')
		.reduce((n, g) => n + Math.ceil(sim.groupMemberIds(g.groupId).length / PAGE), 0);
	const terms: Array<[number, string]> = [
		[3, '1 userinfo + 1 profiles + 1 groups'],
		[Math.ceil(users / PAGE), `ceil(${users} users/100) list pages`],
		[memberPages, `${memberPages} member pages (Group Sync Add Only must know who is in)`],
		[Math.ceil(drifted.joiners.length / BATCH), `ceil(${drifted.joiners.length}/500) POST`],
		[Math.ceil(drifted.movers.length / BATCH), `ceil(${drifted.movers.length}/500) PUT`],
		[Math.ceil(drifted.leavers.length / BATCH), `ceil(${drifted.leavers.length}/500) DELETE`],
	];
	return {
		value: terms.reduce((sum, [n]) => sum + n, 0),
		formula: terms.map(([, words]) => words).join(' + '),
	};
}

async function measured(sim: Simulator, work: () => Promise<void>) {
	sim.clearLog();
	const stop = startRssSampler();
	const started = performance.now();
	await work();
	const ms = performance.now() - started;
	return { calls: sim.log.length, ms, peakRssMb: stop().sampledPeakRss / 2 ** 20 };
}

/** Sync Roster on the drifted roster: the figures, and the simulator's state checked afterwards. */
export async function rosterScenario(sim: Simulator): Promise<RosterFigures> {
	const drifted = driftedRoster(sim);
	const floor = floorOf(sim, drifted);
	const reads = countParameterReads();
	reads.reset();
	const figures = await measured(sim, async () => {
		const result = await runNode(sim, {
			items: drifted.roster,
			parameters: {
				resource: 'user',
				operation: 'syncRoster',
				...PERSON_FROM_ITEMS,
				outOfRoster: 'close',
				requestSettings: { batchSize: BATCH },
			},
		});
		if (result.error) throw new Error(result.error.message);
	});
	const closed = drifted.leavers.filter((e) => sim.userByEmail(e)?.status === 'Closed').length;
	const created = drifted.joiners.filter((j) => sim.userByEmail(String(j.email))).length;
	if (closed !== drifted.leavers.length || created !== drifted.joiners.length)
		throw new Error(`Sync Roster left the account wrong: ${closed} closed, ${created} created`);
	return {
		...figures,
		floor,
		byEndpoint: endpointCounts(summarizeLog(sim.log).byEndpoint),
		parameterReads: reads.read().calls,
		items: drifted.roster.length,
		joiners: drifted.joiners.length,
		movers: drifted.movers.length,
		leavers: drifted.leavers.length,
	};
}

function rosterCounts(sync: RosterFigures): CallCount[] {
	return [
		{
			id: 'roster.syncRoster',
			table: 'roster-results.md',
			scenario: `Sync Roster: ${ROSTER_USERS.toLocaleString('en-US')} people against ${ROSTER_USERS.toLocaleString('en-US')} users, 1 % drift (Close, Batch Size ${BATCH})`,
			variant: 'documented API',
			calls: sync.calls,
			byEndpoint: sync.byEndpoint,
			floor: sync.floor,
			parameterReads: sync.parameterReads,
			items: sync.items,
			itemNoun: 'input item',
		},
	];
}

/** For the bench's call-count check: Sync Roster on a fresh 10,000-user account, no latency. */
export const rosterCalls: CallGroup = {
	name: 'bench/roster.ts',
	async run() {
		const sim = await rosterSimulator(0);
		try {
			return rosterCounts(await rosterScenario(sim));
		} finally {
			await sim.close();
		}
	},
};

/** Before Sync Roster: Get Many of the open users (Compare Datasets is local), then one write per drifted person. */
async function exampleApproach(sim: Simulator) {
	const drifted = driftedRoster(sim);
	return await measured(sim, async () => {
		const listed = await runNode(sim, {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { status: OPEN },
			},
		});
		if (listed.error) throw new Error(listed.error.message);
		const perItem = { batchSize: 1 };
		for (const person of [...drifted.joiners, ...drifted.movers]) {
			const r = await runNode(sim, {
				items: [person],
				parameters: {
					resource: 'user',
					operation: 'upsert',
					...PERSON_FROM_ITEMS,
					requestSettings: perItem,
				},
			});
			if (r.error) throw new Error(r.error.message);
		}
		for (const email of drifted.leavers) {
			const r = await runNode(sim, {
				parameters: {
					resource: 'user',
					operation: 'suspend',
					user: { __rl: true, mode: 'email', value: email },
					requestSettings: perItem,
				},
			});
			if (r.error) throw new Error(r.error.message);
		}
	});
}

export const ROSTER_TABLE = path.join(__dirname, 'roster-results.md');

export async function rosterBench(latencyMs: number): Promise<BenchTable> {
	const sim = await rosterSimulator(latencyMs);
	let sync: RosterFigures;
	let before: Awaited<ReturnType<typeof exampleApproach>>;
	try {
		sync = await rosterScenario(sim);
		sim.reset();
		before = await exampleApproach(sim);
	} finally {
		await sim.close();
	}
	const ratio = sync.calls / sync.floor.value;
	const text = [
		'# Sync Roster: 10,000 people against 10,000 users, 1 % drift',
		'',
		`Written by \`npm run bench\` in a process of its own, or \`npx tsx bench/roster.ts\` (simulator latency ${latencyMs} ms per request).`,
		`Drift: ${sync.joiners} joiners, ${sync.movers} movers (a new permission profile), ${sync.leavers} leavers.`,
		'Peak RSS is this process: n8n-core, the node and the in-process simulator holding 10,000 users; the',
		'second row runs after the first in the same process, so its RSS includes what the first left behind.',
		"Sync Roster's wall time includes n8n evaluating the roster's expressions (five per person, 10,000",
		'people) and planning every entry; it was not split out here.',
		'',
		'| Approach | API calls | Floor | Calls / floor | Wall time | Peak RSS |',
		'|---|---|---|---|---|---|',
		`| Sync Roster (Close, Batch Size ${BATCH}) | ${figure('roster.syncRoster.calls')} | ${figure('roster.syncRoster.floor')} | ${figure('roster.syncRoster.calls / roster.syncRoster.floor', 2)} | ${(sync.ms / 1000).toFixed(1)} s | ${sync.peakRssMb.toFixed(0)} MB |`,
		`| Before: Get Many + Compare Datasets + one write per drifted person | ${before.calls} | – | ${figure(`${before.calls} / roster.syncRoster.floor`, 2)} | ${(before.ms / 1000).toFixed(1)} s | ${before.peakRssMb.toFixed(0)} MB |`,
		'',
		`Floor: userinfo, profiles and groups (3), every page of the user list and of the custom groups' member`,
		'lists (Group Sync Add Only must know who is in), and the writes at DocuSign batch sizes (one POST,',
		'one PUT, one DELETE). Targets: calls ≤ 1.1 × floor, peak RSS < 300 MB.',
		`Verdict: ${ratio <= 1.1 ? 'met' : 'MISSED'} (calls), ${sync.peakRssMb < 300 ? 'met' : 'MISSED'} (RSS).`,
		'The "before" row finds the drift but its per-item writes each re-read what they change; it also',
		'leaves Compare Datasets to the workflow and applies nothing by itself in the example.',
		'',
	].join('\n');
	const summary = `Wall time at ${latencyMs} ms per request (last full \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}; it varies with the machine's load): Sync Roster ${(sync.ms / 1000).toFixed(1)} s, peak RSS ${sync.peakRssMb.toFixed(0)} MB; before (Get Many + one write per drifted person) ${before.calls} calls, ${(before.ms / 1000).toFixed(1)} s.`;
	return {
		markdown: withCallSection(text, 'roster-results.md'),
		counts: rosterCounts(sync),
		summary,
	};
}

if (require.main === module) runAlone(rosterBench, ROSTER_TABLE, 'roster');
