import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { NodeError } from './errors';
import { forItem, ItemApiError, itemIndexOf, ParameterError, plainMessageOf } from './errors';

import { isAccountWide } from '../transport';

type Outcome = { json: IDataObject[] } | { error: NodeError };

/** How many e-mails the "already written" note lists before it only counts. */
const WRITTEN_EMAILS_SHOWN = 10;

/**
 * Per-item bookkeeping for one execution: every input item comes out exactly once, in input
 * order, paired with its input, either with its result or with its error. Failures are recorded,
 * never thrown here; with Continue On Fail off the engine stops writing at the first failure
 * (`stopRequested`) and the router throws it (`outputOrThrowFirstFailure`), naming what this run
 * already wrote. It runs no code of its callers: they loop over `open()` and record with ok, fail or settle.
 */
export class Results {
	private readonly outcomes = new Map<number, Outcome>();
	private firstFailure?: number;
	/** A run-level failure with Continue On Fail off: thrown as it is, naming the item it names. */
	private runFailure?: NodeError;
	/** A failure of the whole account (isAccountWide): ends the run, also under Continue On Fail, naming no item. */
	private accountFailure?: NodeError;
	/** Confirmed writes by item, e.g. "created", in the order DocuSign confirmed them. */
	private readonly writes = new Map<number, { email: string; verbs: Set<string> }>();
	/** Outputs past the input items (addOutputs): the input item each is paired with. */
	private readonly pairedWith = new Map<number, number>();

	constructor(
		private readonly n8n: IExecuteFunctions,
		private count: number,
	) {}

	/** Input items plus the outputs added with addOutputs. */
	get itemCount(): number {
		return this.count;
	}

	/**
	 * Outputs that belong to no single input item (Sync Roster's users missing from the roster), each
	 * paired with the input item `pairedWith`; returns their indexes, which the engine treats as items.
	 */
	addOutputs(count: number, pairedWith: number): number[] {
		const added: number[] = [];
		for (let i = 0; i < count; i++) {
			this.pairedWith.set(this.count, pairedWith);
			added.push(this.count++);
		}
		return added;
	}

	/** The input item an output is paired with: itself, or for an added output the item it was added with. */
	inputOf(index: number): number {
		return this.pairedWith.get(index) ?? index;
	}

	/** Item indexes that have not failed yet. */
	pending(): number[] {
		const open: number[] = [];
		for (let i = 0; i < this.itemCount; i++) if (!this.failed(i)) open.push(i);
		return open;
	}

	failed(itemIndex: number): boolean {
		const outcome = this.outcomes.get(itemIndex);
		return !!outcome && 'error' in outcome;
	}

	/** With Continue On Fail off, one failure ends the run: nothing more may be written. An account-wide one ends it anyway. */
	stopRequested(): boolean {
		return (
			this.accountFailure !== undefined ||
			(this.firstFailure !== undefined && !this.n8n.continueOnFail())
		);
	}

	/**
	 * Keeps the first account-wide failure, as it is: it names no item and ends the run. Under
	 * Continue On Fail (where n8n would turn a thrown error into an output item anyway) every item
	 * without an outcome carries it, untagged, and nothing more is sent.
	 */
	private failAccount(error: unknown): boolean {
		if (!isAccountWide(error)) return false;
		if (!this.accountFailure) {
			const failure = error as NodeError;
			// It names no item: the message without one, and no item as data.
			failure.message = plainMessageOf(failure);
			failure.context = { ...failure.context, itemIndex: undefined };
			failure.description = [
				failure.description,
				'This concerns the whole DocuSign account, not one item, so the run stopped.',
			]
				.filter(Boolean)
				.join('\n\n');
			this.accountFailure = failure;
		}
		if (this.n8n.continueOnFail())
			for (let i = 0; i < this.itemCount; i++)
				if (!this.outcomes.has(i)) this.outcomes.set(i, { error: this.accountFailure });
		return true;
	}

	ok(itemIndex: number, json: IDataObject | IDataObject[]): void {
		if (this.failed(itemIndex)) return;
		this.outcomes.set(itemIndex, { json: Array.isArray(json) ? json : [json] });
	}

	/** Records what an item's work settled to: its output, or the error it failed with. */
	async settle(itemIndex: number, work: Promise<IDataObject | IDataObject[]>): Promise<void> {
		try {
			this.ok(itemIndex, await work);
		} catch (error) {
			this.fail(itemIndex, error);
		}
	}

	/** Records a failure for one item; a later failure of the same item does not replace the first. */
	fail(itemIndex: number, error: unknown): void {
		if (this.failAccount(error) || this.failed(itemIndex)) return;
		this.outcomes.set(itemIndex, { error: this.asNodeError(itemIndex, error) });
		this.firstFailure ??= itemIndex;
	}

	/** Notes that DocuSign confirmed a write for this item (e.g. "created"), for the run summary. */
	noteWritten(itemIndex: number, verb: string, email: string): void {
		const entry = this.writes.get(itemIndex) ?? { email, verbs: new Set<string>() };
		entry.verbs.add(verb);
		this.writes.set(itemIndex, entry);
	}

	/**
	 * The items still to work on, in order: those that have not failed, each handed out only while the
	 * run may go on (checked before each). Callers do the work and record it with ok or fail.
	 */
	*open(): Generator<number> {
		for (const itemIndex of this.pending()) {
			if (this.stopRequested()) return;
			yield itemIndex;
		}
	}

	/** A run-level failure: every item without an outcome yet gets it; finished items keep theirs. */
	failUnsettled(error: unknown): void {
		if (this.failAccount(error)) return;
		if (!this.n8n.continueOnFail()) {
			// An error that names its item (a per-run parameter differing in item 3) keeps it;
			// one that names none is reported for the first item that did not finish.
			let first = 0;
			while (first < this.itemCount - 1 && this.outcomes.has(first)) first++;
			this.runFailure ??= this.asNodeError(itemIndexOf(error) ?? first, error);
			return;
		}
		for (let i = 0; i < this.itemCount; i++) if (!this.outcomes.has(i)) this.fail(i, error);
	}

	/**
	 * The node's output. With Continue On Fail off and a failure recorded, throws that failure
	 * instead, its description extended with what this run already wrote to DocuSign, if anything.
	 */
	outputOrThrowFirstFailure(): INodeExecutionData[] {
		if (this.accountFailure && !this.n8n.continueOnFail()) {
			const error = this.accountFailure;
			if (this.writes.size)
				error.description = [error.description, this.writtenSummary()].join('\n\n');
			throw error;
		}
		if ((this.firstFailure !== undefined || this.runFailure) && !this.n8n.continueOnFail()) {
			const error =
				this.firstFailure !== undefined
					? (this.outcomes.get(this.firstFailure) as { error: NodeError }).error
					: this.runFailure!;
			if (this.writes.size)
				error.description = [error.description, this.writtenSummary()].filter(Boolean).join('\n\n');
			throw error;
		}
		const routesToErrorOutput = this.n8n.getNode().onError === 'continueErrorOutput';
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.itemCount; i++) {
			const outcome = this.outcomes.get(i);
			// Unreachable by construction (the router fails unsettled items); kept so no item vanishes.
			if (!outcome) {
				this.fail(
					i,
					new NodeOperationError(this.n8n.getNode(), 'The node produced no result for this item'),
				);
				return this.outputOrThrowFirstFailure();
			}
			const input = this.inputOf(i);
			if ('error' in outcome) output.push(errorItem(outcome.error, input, routesToErrorOutput));
			else for (const json of outcome.json) output.push({ json, pairedItem: { item: input } });
		}
		return output;
	}

	/** "Already written by this run: created 2 (a@x, b@x); closed 1 (c@x)." */
	writtenSummary(): string {
		if (!this.writes.size) return 'Nothing was written to DocuSign in this run.';
		const byVerb = new Map<string, string[]>();
		for (const { email, verbs } of this.writes.values()) {
			for (const verb of verbs) byVerb.set(verb, [...(byVerb.get(verb) ?? []), email]);
		}
		const parts = [...byVerb].map(([verb, emails]) => {
			const shown = emails.slice(0, WRITTEN_EMAILS_SHOWN).join(', ');
			const more =
				emails.length > WRITTEN_EMAILS_SHOWN
					? ` and ${emails.length - WRITTEN_EMAILS_SHOWN} more`
					: '';
			return `${verb} ${emails.length} (${shown}${more})`;
		});
		return `Already written to DocuSign by this run before it stopped (these writes stand): ${parts.join('; ')}.`;
	}

	/** Each item gets its own copy: one failed batch request is reported by every item in it. */
	private asNodeError(index: number, error: unknown): NodeError {
		return forItem(this.n8n, error, this.inputOf(index));
	}
}

/**
 * A failed item as n8n expects it. Under Continue (regular output) the item keeps the full json, so that the next
 * node can read the description and DocuSign's error code. Under Continue (using error output) n8n routes an item
 * whose json holds only `error` and `message` (n8n 1.x accepts no other key; an item-level `error` would make both
 * versions cut the json down to { error }): `message` carries the advice and DocuSign's error code, and n8n adds
 * the input item's fields.
 */
function errorItem(
	error: NodeError,
	itemIndex: number,
	routesToErrorOutput: boolean,
): INodeExecutionData {
	const { message, description } = error;
	const errorCode = error.context?.errorCode as string | undefined;
	if (routesToErrorOutput) {
		const advice = [description, errorCode ? `DocuSign's error code: ${errorCode}.` : '']
			.filter(Boolean)
			.join(' ');
		return {
			json: { error: message, ...(advice ? { message: advice } : {}) },
			pairedItem: { item: itemIndex },
		};
	}
	return {
		json: {
			error: message,
			...(description ? { description } : {}),
			...(errorCode ? { errorCode } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/** A ParameterError (users/errors.ts) for one item's parameter. */
export function parameterError(
	n8n: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	problem: string,
	hint: string,
): NodeOperationError {
	return new ParameterError(n8n.getNode(), itemIndex, parameter, problem, hint);
}

/** An ItemApiError (users/errors.ts) for one item. */
export function apiErrorFor(
	n8n: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
	extra: IDataObject = {},
): NodeApiError {
	return new ItemApiError(n8n.getNode(), itemIndex, message, description, extra);
}

/** An error passed on as n8n's error class: the transport's own errors as they are, anything else wrapped. */
export function nodeErrorOf(
	n8n: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(n8n.getNode(), error as Error, { itemIndex });
}
