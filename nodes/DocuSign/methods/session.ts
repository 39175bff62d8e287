import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { GUID_PATTERN } from '../transport/types';
import type { Session } from '../transport';
import { credentialTypeOf } from '../parameters/authentication';
import { openSession } from '../transport';

/**
 * The node's Account as the editor holds it: a picked or typed API Account ID. An expression
 * the editor cannot resolve without input data, or no Account parameter (the trigger), means the
 * credential's account, so a dropdown still opens.
 */
function nodeAccountOf(n8n: ILoadOptionsFunctions): string {
	let value: unknown;
	try {
		value = n8n.getNodeParameter('account', '', { extractValue: true });
	} catch {
		return '';
	}
	const text = typeof value === 'string' ? value.trim() : '';
	return GUID_PATTERN.test(text) ? text : '';
}

/** A dropdown's or list search's session, in the account the node is set to. */
export async function editorSession(this: ILoadOptionsFunctions): Promise<Session> {
	return await openSession.call(this, credentialTypeOf.call(this), {}, nodeAccountOf(this));
}
