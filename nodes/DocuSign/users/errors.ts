import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The node's errors carry their item as data: `context.itemIndex` (n8n's own field) and the message
 * without the item, `plainMessage`; the " [item N]" a person reads is added once, from the field,
 * by forItem. No code reads an item number back out of a message.
 *
 * The family: ParameterError (below), ItemApiError (below), OutcomeUnknownError
 * (transport/request.ts: a write whose effect is unknown), docuSignApiError (transport/errors.ts:
 * DocuSign's own error answer), DocuSignJwtGrantError (transport/jwtGrant.ts: the JWT credential
 * could not get a token). Only NodeOperationError and NodeApiError (and their subclasses) leave the node.
 */
export type NodeError = NodeApiError | NodeOperationError;

type Itemized = NodeError & { plainMessage?: string };

/**
 * Thrown while an item's parameters are read, before anything is written for it: the value the
 * item gives `parameter` is wrong, and `hint` says how to fix it.
 */
export class ParameterError extends NodeOperationError {
	readonly plainMessage: string;

	constructor(node: INode, itemIndex: number, parameter: string, problem: string, hint: string) {
		const plainMessage = `The parameter "${parameter}" ${problem}`;
		super(node, `${plainMessage} [item ${itemIndex}]`, { description: hint, itemIndex });
		this.plainMessage = plainMessage;
	}
}

/**
 * Recorded for one item when DocuSign refused or did not confirm what the item asked (a user that
 * exists already, a write DocuSign's answer does not show): the message says what, the
 * description what to do.
 */
export class ItemApiError extends NodeApiError {
	readonly plainMessage: string;

	constructor(
		node: INode,
		itemIndex: number,
		message: string,
		description: string,
		extra: IDataObject = {},
	) {
		super(node, { message, ...extra } as JsonObject, {
			message: `${message} [item ${itemIndex}]`,
			description,
			itemIndex,
		});
		this.plainMessage = message;
		if (extra.errorCode) this.context.errorCode = extra.errorCode;
	}
}

/** The item an error names, as data; undefined for an error of the whole run. */
export function itemIndexOf(error: unknown): number | undefined {
	const itemIndex = (error as NodeError | undefined)?.context?.itemIndex;
	return typeof itemIndex === 'number' ? itemIndex : undefined;
}

/** An error's message without its item. */
export function plainMessageOf(error: unknown): string {
	const itemized = error as Itemized | undefined;
	return itemized?.plainMessage ?? itemized?.message ?? String(error);
}

/** A copy of the error for one item (one failed batch request is reported by every item in it). */
export function forItem(n8n: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	const base =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(n8n.getNode(), error as Error);
	const plainMessage = plainMessageOf(base);
	const copy = Object.assign(
		Object.create(Object.getPrototypeOf(base) as object) as Itemized,
		base,
	);
	copy.context = { ...base.context, itemIndex };
	copy.plainMessage = plainMessage;
	copy.message = `${plainMessage} [item ${itemIndex}]`;
	return copy;
}
