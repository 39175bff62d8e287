import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { Session } from '../transport';
import type { DocuSignCredentialType } from '../transport/types';
import { ACCOUNT } from '../parameters/account';
import { AUTHENTICATION } from '../parameters/authentication';
import { readWithoutItems } from '../parameters/spec';
import { openSession } from '../transport';

/**
 * The node's Account as the editor holds it: a picked or typed API Account ID. A value the editor
 * cannot resolve without input data (an expression) or that is not an API Account ID means the
 * credential's account, so a dropdown still opens; the run reports the bad value.
 */
function nodeAccountOf(n8n: ILoadOptionsFunctions): string {
	try {
		return readWithoutItems(n8n, ACCOUNT);
	} catch {
		return '';
	}
}

/** The credential the node is set to use, as a dropdown reads it. */
export function editorCredentialType(n8n: ILoadOptionsFunctions): DocuSignCredentialType {
	return readWithoutItems(n8n, AUTHENTICATION);
}

/** A dropdown's or list search's session, in the account the node is set to. */
export async function editorSession(this: ILoadOptionsFunctions): Promise<Session> {
	return await openSession.call(this, editorCredentialType(this), {}, nodeAccountOf(this));
}
