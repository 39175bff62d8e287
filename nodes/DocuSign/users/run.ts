import type { IExecuteFunctions } from 'n8n-workflow';

import type { DocuSignContext, Session } from '../transport';
import type { Directory } from './directory';
import type { Results } from './results';
import type { WriteSettings } from './writes/types';

/** What a DocuSign read needs: n8n's context (an execution, a poll, an editor dropdown) and the session. */
export interface Connection {
	n8n: DocuSignContext;
	session: Session;
}

/**
 * One execution of the action node, built once by the router and handed whole to the operation,
 * the look-up and the write engine: `run.n8n` is n8n's context everywhere below the router.
 */
export interface Run extends Connection {
	n8n: IExecuteFunctions;
	/** The account's permission profiles and groups, read at most once per execution. */
	directory: Directory;
	/** Every item's outcome. */
	results: Results;
	/** Batch Size and Dry Run (per run). */
	settings: WriteSettings;
}

/** What a write step needs when it writes no outcome itself: the execution's n8n context and session. */
export type Execution = Pick<Run, 'n8n' | 'session'>;
