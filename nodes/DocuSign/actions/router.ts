import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { AUTHENTICATION } from '../parameters/authentication';
import { openSession } from '../transport';
import { Directory } from '../users/directory';
import {
	PARAMETERS,
	readDirectoryTtlMs,
	readRunParameter,
	readSessionSettings,
	readWriteSettings,
} from './parameters';
import type { Run } from '../users/run';
import { Results } from '../users/results';
import { readOperation } from './resources';

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
		const selected = readOperation(n8n);
		const accountId = readRunParameter(n8n, PARAMETERS.account);
		const credentialType = readRunParameter(n8n, AUTHENTICATION);
		const session = await openSession.call(
			n8n,
			credentialType,
			readSessionSettings(n8n),
			accountId,
		);
		const directory = new Directory(n8n, session, readDirectoryTtlMs(n8n));
		const run: Run = { n8n, session, directory, results, settings: readWriteSettings(n8n) };
		try {
			await selected.execute(run);
		} finally {
			// A failed item may come from a stale cached directory (a group deleted meanwhile): read it afresh next run.
			if (results.pending().length < items.length) directory.forget();
		}
	} catch (error) {
		results.failUnsettled(error);
	}
	return [results.outputOrThrowFirstFailure()];
}
