import type { IDataObject } from 'n8n-workflow';
import type { Run } from '../run';

import { chunk } from '../../transport/pacing';
import type { Group } from '../model';
import { apiRequest, docuSignApiError, OutcomeUnknownError } from '../../transport';
import { apiErrorFor } from '../results';

/** One item's write on a custom group; `changes` is the audit record, empty when nothing is to do. */
export interface PlannedGroupWrite {
	itemIndex: number;
	action: 'create' | 'rename' | 'delete';
	/** The group as read before the run (rename, delete); undefined for a create or a group already gone. */
	group?: Group;
	/** The name the group is to have (create, rename). */
	name?: string;
	/** `exists` for a create that found its name taken: nothing to send. */
	outcome?: 'exists';
	changes: IDataObject;
}

const groupOutput = (group: Group | undefined, fallbackName?: string): IDataObject => ({
	id: group?.id ?? null,
	name: group?.name ?? fallbackName ?? null,
	type: group?.type ?? 'CustomGroup',
});

function groupWriteOutput(write: PlannedGroupWrite, group: Group | undefined, dryRun: boolean) {
	return {
		...groupOutput(group, write.name),
		action: write.outcome ?? write.action,
		changed: Object.keys(write.changes).length > 0,
		changes: write.changes,
		...(dryRun ? { dryRun: true } : {}),
	};
}

const needsRequest = (write: PlannedGroupWrite) =>
	!write.outcome && Object.keys(write.changes).length > 0;

/** The request body entry of one write: DocuSign's groupInformation.groups[]. */
function bodyEntry(write: PlannedGroupWrite): IDataObject {
	if (write.action === 'create') return { groupName: write.name };
	if (write.action === 'rename') return { groupId: write.group!.id, groupName: write.name };
	return { groupId: write.group!.id };
}

const sameName = (a: unknown, b: unknown) =>
	String(a ?? '')
		.trim()
		.toLowerCase() ===
	String(b ?? '')
		.trim()
		.toLowerCase();

/**
 * Group writes through the engine's rules: Dry Run sends nothing; one POST, PUT or DELETE /groups per
 * batch; DocuSign's per-group answers are matched by group ID (or, for a create, by name), never by
 * position; and, because DocuSign's echo of a group write is thinly documented, one fresh read of the
 * group list confirms every write before an item reports it (and refreshes the Directory Cache).
 */
export async function runGroupWrites(run: Run, plan: PlannedGroupWrite[]): Promise<void> {
	const { n8n, session, results, directory } = run;
	const { batchSize, dryRun } = run.settings;
	if (results.stopRequested()) return;
	const live = plan.filter((w) => !results.failed(w.itemIndex));
	if (dryRun) {
		for (const write of live)
			results.ok(write.itemIndex, groupWriteOutput(write, write.group, true));
		return;
	}
	const sent: PlannedGroupWrite[] = [];
	const createdIds = new Map<number, string>();
	const refused = new Map<number, IDataObject>();
	const unknown = new Set<number>();
	for (const method of ['POST', 'PUT', 'DELETE'] as const) {
		const action = method === 'POST' ? 'create' : method === 'PUT' ? 'rename' : 'delete';
		const what = `${action} the groups`;
		for (const batch of chunk(
			live.filter((w) => w.action === action && needsRequest(w)),
			batchSize,
		)) {
			if (results.stopRequested()) break;
			let answers: IDataObject[] = [];
			try {
				const response = await apiRequest.call(n8n, session, {
					method,
					path: '/groups',
					body: { groups: batch.map(bodyEntry) },
					idempotent: method !== 'POST',
					what,
				});
				answers = Array.isArray(response.groups) ? (response.groups as IDataObject[]) : [];
			} catch (error) {
				// A create whose outcome is unknown is settled by the confirming read below.
				if (method === 'POST' && error instanceof OutcomeUnknownError) {
					for (const write of batch) unknown.add(write.itemIndex);
					sent.push(...batch);
					continue;
				}
				for (const write of batch) results.fail(write.itemIndex, error);
				continue;
			}
			for (const write of batch) {
				const answer = answers.find((a) =>
					action === 'create'
						? sameName(a.groupName, write.name)
						: String(a.groupId ?? '') === write.group!.id,
				);
				const details = answer?.errorDetails as IDataObject | undefined;
				if (!details) {
					if (answer?.groupId) createdIds.set(write.itemIndex, String(answer.groupId));
					sent.push(write);
				} else if (action === 'create') {
					// A refused create may mean another execution took the name meanwhile: the read decides.
					refused.set(write.itemIndex, details);
					sent.push(write);
				} else
					results.fail(
						write.itemIndex,
						docuSignApiError(n8n.getNode(), 400, details, { what, itemIndex: write.itemIndex }),
					);
			}
		}
	}
	let now: Group[] = [];
	if (sent.length) {
		try {
			now = await directory.rereadGroups();
		} catch (error) {
			for (const write of sent) results.fail(write.itemIndex, error);
			return;
		}
	}
	for (const write of live) {
		if (results.failed(write.itemIndex) || results.stopRequested()) continue;
		if (!needsRequest(write)) {
			results.ok(write.itemIndex, groupWriteOutput(write, write.group, false));
			continue;
		}
		if (!sent.includes(write)) continue;
		const confirmed = confirm(
			write,
			now,
			createdIds.get(write.itemIndex),
			unknown.has(write.itemIndex),
		);
		const refusal = refused.get(write.itemIndex);
		if (refusal && !('raced' in confirmed)) {
			results.fail(
				write.itemIndex,
				docuSignApiError(n8n.getNode(), 400, refusal, {
					what: 'create the groups',
					itemIndex: write.itemIndex,
				}),
			);
		} else if ('ok' in confirmed) {
			results.noteWritten(
				write.itemIndex,
				`group ${write.action}d`,
				write.name ?? write.group!.name,
			);
			results.ok(write.itemIndex, groupWriteOutput(write, confirmed.group ?? write.group, false));
		} else if ('raced' in confirmed) {
			// Another execution created the same name meanwhile: ours is the existing group.
			results.ok(
				write.itemIndex,
				groupWriteOutput({ ...write, outcome: 'exists', changes: {} }, confirmed.raced, false),
			);
		} else {
			results.fail(
				write.itemIndex,
				apiErrorFor(
					n8n,
					write.itemIndex,
					`DocuSign did not confirm the group write (${write.action} ${write.name ?? write.group!.name}): ${confirmed.problem}`,
					'The outcome is unknown. Read the groups (Group > Get Many) and run the item again: it changes only what still differs.',
				),
			);
		}
	}
}

/** What the fresh group list shows for one sent write. */
function confirm(
	write: PlannedGroupWrite,
	now: Group[],
	createdId: string | undefined,
	outcomeUnknown: boolean,
): { ok: true; group?: Group } | { raced: Group } | { problem: string } {
	if (write.action === 'delete') {
		return now.some((g) => g.id === write.group!.id)
			? { problem: 'the group is still listed' }
			: { ok: true };
	}
	if (write.action === 'rename') {
		const group = now.find((g) => g.id === write.group!.id);
		return group && group.name === write.name
			? { ok: true, group }
			: { problem: `the group is listed as "${group?.name ?? 'missing'}"` };
	}
	const named = now.filter((g) => sameName(g.name, write.name));
	const ours = createdId ? named.find((g) => g.id === createdId) : undefined;
	if (ours) return { ok: true, group: ours };
	// The name was free when this run read the groups: after a lost answer, the group listed now is ours.
	if (named.length && outcomeUnknown) return { ok: true, group: named[0] };
	if (named.length && !createdId) return { raced: named[0] };
	return { problem: 'no group of that name is listed' };
}
