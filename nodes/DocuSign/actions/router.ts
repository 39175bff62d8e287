import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ValuesOf } from '../parameters/spec';
import { readParameters } from '../parameters/spec';
import { openSession } from '../transport';
import { Directory } from '../users/directory';
import { RUN_SETTINGS } from './parameters';
import type { Run } from '../users/run';
import { Results } from '../users/results';
import type { Resource } from './resources';
import { OPERATION_READS, RESOURCES } from './resources';

/**
 * Hands all items to the chosen operation at once, so that it can batch them, after opening the
 * execution's DocuSign session in the node's Account (one userinfo call, or none when cached). Whatever an operation throws is a run-level
 * failure: it goes through Results like any other, so every item still comes out exactly once
 * (finished items keep their results, the others carry the error) and nothing written is lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const n8n = this;
	const results = new Results(n8n, items.length);
	try {
		// Which operation (an entry of the RESOURCES table), then every parameter the run and the
		// operation read: once, before anything is sent.
		const which = readParameters(n8n, { run: OPERATION_READS }).run as ValuesOf<
			typeof OPERATION_READS
		>;
		const resource: Resource = RESOURCES[which.resource];
		const selected = resource.operations[which[which.resource] as string];
		const read = readParameters(n8n, {
			run: { ...RUN_SETTINGS, ...selected.reads?.run },
			item: selected.reads?.item,
		});
		const settings = read.run as ValuesOf<typeof RUN_SETTINGS>;
		const session = await openSession.call(
			n8n,
			settings.credentialType,
			{ maxWaitMs: settings.maxWaitSeconds * 1000, timeoutMs: settings.timeoutSeconds * 1000 },
			settings.accountId,
		);
		const directory = new Directory(n8n, session, settings.directoryCacheSeconds * 1000);
		const run: Run = {
			n8n,
			session,
			directory,
			results,
			settings: { batchSize: settings.batchSize, dryRun: settings.dryRun },
		};
		try {
			await selected.execute(run, read);
		} finally {
			// A failed item may come from a stale cached directory (a group deleted meanwhile): read it afresh next run.
			if (results.pending().length < items.length) directory.forget();
		}
	} catch (error) {
		results.failUnsettled(error);
	}
	return [results.outputOrThrowFirstFailure()];
}
