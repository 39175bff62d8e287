import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_BATCH_SIZE } from '../../helpers/batch';
import type { User } from '../../helpers/interfaces';
import { simplifyUser } from '../../helpers/normalize';
import type { Session } from '../../transport';
import type { Results } from '../results';
import { parameterError } from '../results';
import { lookupUsers, readUserLocator, userFrom, userNotFound } from './lookup';

export interface WriteSettings {
	batchSize: number;
	dryRun: boolean;
}

/** Batch size and Dry Run hold for the whole execution (read from the first item). */
export function readWriteSettings(fn: IExecuteFunctions): WriteSettings {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? 100);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
		throw parameterError(fn, 0, 'Options > Batch Size', `is ${String(options.batchSize)}, outside 1 to ${MAX_BATCH_SIZE}`, `DocuSign takes at most ${MAX_BATCH_SIZE} users per request; pick a whole number from 1 to ${MAX_BATCH_SIZE}.`);
	}
	return { batchSize, dryRun: options.dryRun === true };
}

export interface Target {
	itemIndex: number;
	raw: IDataObject;
	user: User;
}

/** The users the items point at, read in as few calls as possible; unknown users fail their item. */
export async function loadTargets(fn: IExecuteFunctions, session: Session, results: Results, parameter: string): Promise<Target[]> {
	const refs = await results.each((i) => readUserLocator(fn, i, parameter));
	const found = await lookupUsers(fn, session, refs.map((r) => r.value));
	const targets: Target[] = [];
	for (const { itemIndex, value: ref } of refs) {
		const raw = userFrom(found, ref);
		if (!raw) results.fail(itemIndex, userNotFound(fn, itemIndex, ref, parameter));
		else targets.push({ itemIndex, raw, user: simplifyUser(raw, session.account.accountId) });
	}
	return targets;
}

/** Every write output: the user after the change, what was done, and the audit of the change. */
export function writeOutput(user: User, action: string, changes: IDataObject, dryRun: boolean): IDataObject {
	return {
		...(user as unknown as IDataObject),
		action,
		changed: Object.keys(changes).length > 0,
		changes,
		...(dryRun ? { dryRun: true } : {}),
	};
}
