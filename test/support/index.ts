/**
 * The one support module every suite and the bench import from: builders (parameters, items),
 * the simulator per suite and what to read back from it, n8n's engine around the node (runNode,
 * credentials, the node as a tool, the credential test) and the trigger under n8n's PollContext.
 */
export * from './builders';
export * from './expressions';
export * from './harness';
export * from './simulator';
export * from './trap';
export * from './trigger';
