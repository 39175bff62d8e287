/** n8n-workflow's expression engine without a running n8n: how credential declarations are evaluated. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/** An empty workflow whose expression engine evaluates `={{ … }}` values as n8n does. */
export const emptyWorkflow = (): Workflow =>
	new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => undefined,
			getByNameAndVersion: () => undefined,
			getKnownTypes: () => ({}),
		} as never,
	});

const expressionWorkflow = emptyWorkflow();

/** An `={{ … }}` value with $credentials, through n8n-workflow's expression engine as n8n resolves credential declarations. */
export function resolveWithCredentials(
	value: string,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (!value.startsWith('=')) return value;
	return expressionWorkflow.expression.getParameterValue(value, null, 0, 0, '', [], 'internal', {
		$credentials: credentials,
	} as never);
}
