import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialTypeOf } from '../parameters/authentication';
import type { ValuesOf } from '../parameters/spec';
import { readParameters } from '../parameters/spec';
import { openSession } from '../transport';
import { Directory } from '../users/directory';
import { RUN_SETTINGS } from './parameters';
import type { Run } from '../users/run';
import { Results } from '../users/results';
import { operationOf } from './resources';

/**
 * Hands all items to the chosen operation at once, so that it can batch them, after opening the
 * execution's DocuSign session in the node's Account (one userinfo call, or none when cached). Whatever an operation throws is a run-level
 * failure: it goes through Results like any other, so every item still comes out exactly once
 * (finished items keep their results, the others carry the error) and nothing written is lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = operationOf(resource, operation);
	if (!selected?.execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const n8n = this;
	const results = new Results(n8n, items.length);
	try {
		// Every parameter the run and the operation read, once, before anything is sent.
		const read = readParameters(n8n, {
			run: { ...RUN_SETTINGS, ...selected.reads?.run },
			item: selected.reads?.item ?? {},
		});
		const settings = read.run as ValuesOf<typeof RUN_SETTINGS>;
		const credentialType = credentialTypeOf.call(n8n);
		const session = await openSession.call(
			n8n,
			credentialType,
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
