import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Session } from '../transport';
import type { Directory } from '../users/directory';
import type { Results } from '../users/results';

export interface OperationContext {
	session: Session;
	directory: Directory;
	results: Results;
}

/** Every operation file: its parameters, and one call for all input items (so it can batch). */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, ctx: OperationContext): Promise<void>;
}
