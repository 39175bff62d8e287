/**
 * DocuSign Trigger: API calls per poll, wall time and state size for 10,000 users, through n8n-core's
 * PollContext (test/integration/pollHarness.ts) against the simulator with latency. Part of `npm run bench`;
 * alone: `npx tsx bench/trigger.ts [--latency 100]` (needs `npm run build`). Writes bench/trigger-results.md.
 */
import '../test/setup-env.js';

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { adminChanges, TriggerUnderTest } from '../test/integration/pollHarness';
import type { Simulator } from '../test/simulator';
import { seedData, startSimulator } from '../test/simulator';

const USERS = 10_000;
const ALL_EVENTS = [
	'userCreated',
	'userUpdated',
	'statusChanged',
	'permissionProfileChanged',
	'groupMembershipChanged',
];
const HOURLY_LIMIT = 3000;

interface Row {
	label: string;
	floor: string;
	baseline: { calls: number; ms: number };
	unchanged: { calls: number; ms: number; items: number };
	changed: { calls: number; ms: number; items: number; changes: number };
	stateBytes: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = performance.now();
	const value = await work();
	return { value, ms: performance.now() - started };
}

/** Ten administrator edits spread over the account, the last on the last page. */
function tenChanges(sim: Simulator): IDataObject[] {
	const users = sim.users();
	const at = (i: number) => users[Math.min(users.length - 1, i)].userId;
	return [
		{ user: at(10), set: { jobTitle: 'Bench Lead' } },
		{ user: at(1500), set: { company: 'Acme EU' } },
		{ user: at(3000), profile: 'HR Sender' },
		{ user: at(4500), addGroups: ['Finance'] },
		{
			user: at(6000),
			removeGroups: ['Sales', 'Engineering', 'Human Resources', 'Legal', 'Finance', 'Marketing'],
		},
		{ user: at(7500), status: 'Closed' },
		{ user: seedData.SEED_USERS.closed.userId, status: 'Active' },
		{ user: at(9000), set: { lastName: 'Renamed' } },
		{ user: at(9999), set: { email: 'moved.user@acme.example' } },
		{
			create: {
				userName: 'Bench Joiner',
				email: 'bench.joiner@acme.example',
				firstName: 'Bench',
				lastName: 'Joiner',
			},
		},
	];
}

/** The documented floor: every user page, and with memberships every custom group's member pages. */
function floorOf(sim: Simulator, withGroups: boolean): { value: number; formula: string } {
	const pages = Math.ceil(sim.users().length / 100);
	if (!withGroups) return { value: 1 + pages, formula: `1 userinfo + ${pages} user pages` };
	const groups = seedData.CUSTOM_GROUP_NAMES.map(
		(name) => sim.groupMemberIds(sim.groupByName(name)!.groupId).length,
	);
	const memberPages = groups.reduce(
		(sum, members) => sum + Math.max(1, Math.ceil(members / 100)),
		0,
	);
	return {
		value: 1 + pages + 1 + memberPages,
		formula: `1 userinfo + ${pages} user pages + 1 groups + ${memberPages} member pages (${groups.map(fmt).join(' + ')} members in ${groups.length} groups, 100 per page)`,
	};
}

async function measure(sim: Simulator, label: string, parameters: IDataObject): Promise<Row> {
	sim.reset({ extraUsers: USERS - 59 });
	const floor = floorOf(sim, (parameters.events as string[]).includes('groupMembershipChanged'));
	const t = new TriggerUnderTest(sim, parameters);
	// Polls run minutes apart in n8n: each one starts with a fresh 30-second burst window.
	const poll = async () => {
		sim.configure({ rateLimits: {} });
		return await timed(async () => await t.poll());
	};
	const baseline = await poll();
	const unchanged = await poll();
	await adminChanges(sim, tenChanges(sim));
	const changed = await poll();
	const row: Row = {
		label,
		floor: `${floor.formula} = **${floor.value}**`,
		baseline: { calls: baseline.value.calls, ms: baseline.ms },
		unchanged: {
			calls: unchanged.value.calls,
			ms: unchanged.ms,
			items: unchanged.value.items?.length ?? 0,
		},
		changed: {
			calls: changed.value.calls,
			ms: changed.ms,
			items: changed.value.items?.length ?? 0,
			changes: 10,
		},
		stateBytes: Buffer.byteLength(t.savedStaticData),
	};
	console.log(
		`  ${label}: ${row.unchanged.calls} calls/poll, ${(row.unchanged.ms / 1000).toFixed(2)} s, state ${fmt(row.stateBytes)} bytes, ${row.changed.items} items for 10 changes`,
	);
	return row;
}

export async function triggerBench(latencyMs: number): Promise<string> {
	const sim = await startSimulator({ latencyMs });
	const rows: Row[] = [];
	try {
		console.log(`DocuSign Trigger, ${fmt(USERS)} users, latency ${latencyMs} ms`);
		rows.push(
			await measure(sim, 'All events (member lists of every custom group)', { events: ALL_EVENTS }),
			await measure(sim, 'Without Group Membership Changed', {
				events: ALL_EVENTS.filter((e) => e !== 'groupMembershipChanged'),
			}),
		);
	} finally {
		await sim.close();
	}
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	const lines = [
		'# Bench: DocuSign Trigger (polling drift detection)',
		'',
		`- Date: ${new Date().toISOString()}; Node ${process.version}; n8n-core PollContext, the built node from dist/`,
		`- ${fmt(USERS)} users in the account (${fmt(USERS - 59)} generated, each in one custom group), ${latencyMs} ms latency per request; the workflow's static data is saved as JSON between polls, as n8n's database holds it`,
		"- Changed poll: ten administrator edits through the simulator's `/__control/admin-changes` (title, company, profile, group add, group removal, close, reopen, rename, e-mail, a new user)",
		'',
		'| | ' + rows.map((r) => `**${r.label}**`).join(' | ') + ' |',
		'| --- | ' + rows.map(() => '---').join(' | ') + ' |',
		'| **API calls per poll** | ' + rows.map((r) => `**${r.unchanged.calls}**`).join(' | ') + ' |',
		'| Floor | ' + rows.map((r) => r.floor).join(' | ') + ' |',
		'| Baseline poll (first) | ' +
			rows.map((r) => `${r.baseline.calls} calls, ${s(r.baseline.ms)}`).join(' | ') +
			' |',
		'| Unchanged poll | ' +
			rows
				.map((r) => `${r.unchanged.calls} calls, ${s(r.unchanged.ms)}, ${r.unchanged.items} items`)
				.join(' | ') +
			' |',
		'| Poll after 10 changes | ' +
			rows
				.map((r) => `${r.changed.calls} calls, ${s(r.changed.ms)}, ${r.changed.items} items`)
				.join(' | ') +
			' |',
		'| State in static data | ' +
			rows
				.map(
					(r) => `${fmt(r.stateBytes)} bytes = ${(r.stateBytes / USERS).toFixed(0)} bytes per user`,
				)
				.join(' | ') +
			' |',
		`| Polls per hour within DocuSign's ${fmt(HOURLY_LIMIT)} calls/hour (whole budget) | ` +
			rows
				.map(
					(r) =>
						`${Math.floor(HOURLY_LIMIT / r.unchanged.calls)} (every ${Math.ceil(60 / Math.floor(HOURLY_LIMIT / r.unchanged.calls))} min or slower)`,
				)
				.join(' | ') +
			' |',
		'| Admin API `last_modified_since` | n/a: needs Organization Admin Access (issue 12), not in this version | n/a |',
		'',
		'- Items after 10 changes: one per change with every event on; without Group Membership Changed the two group edits are not watched. The changed poll reads one page more: the new user is the 10,001st.',
		"- Group memberships come from `GET /groups/{id}/users`, the documented source; a user list's `groupList` (`additional_info=true`) would make them free, but DocuSign does not document it for lists.",
		`- Wall time is the poll in the bench process, simulator in-process (${latencyMs} ms per request; user pages and member pages four at a time, two groups at a time).`,
		'',
	];
	const markdown = lines.join('\n');
	writeFileSync(path.join(__dirname, 'trigger-results.md'), markdown);
	return markdown;
}

if (require.main === module) {
	const i = process.argv.indexOf('--latency');
	triggerBench(i >= 0 ? Number(process.argv[i + 1]) : 100)
		.then((markdown) => console.log(`\n${markdown}\nWrote bench/trigger-results.md`))
		.catch((error: Error) => {
			console.error(error);
			process.exit(1);
		});
}
