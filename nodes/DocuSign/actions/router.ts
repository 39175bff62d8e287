import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openSession } from '../transport';
import { Directory } from './directory';
import * as group from './group';
import * as permissionProfile from './permissionProfile';
import { Results } from './results';
import type { Operation } from './types';
import * as user from './user';

const resources: Record<string, Record<string, Operation | unknown>> = { user, group, permissionProfile };

function settingsOf(fn: IExecuteFunctions) {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		maxWaitMs: Number(options.maxWaitSeconds ?? 300) * 1000,
		timeoutMs: Number(options.timeoutSeconds ?? 60) * 1000,
	};
}

/**
 * Hands all items to the chosen operation at once, so that it can batch them, after opening the
 * execution's DocuSign session (one userinfo call). Items come out in input order, each paired.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.[operation] as Operation | undefined;
	if (!selected?.execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const results = new Results(this, items.length);
	let session;
	try {
		session = await openSession.call(this, settingsOf(this));
	} catch (error) {
		results.failAll(error);
		return [results.toOutput()];
	}
	await selected.execute.call(this, { session, directory: new Directory(this, session), results });
	return [results.toOutput()];
}
