import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

type Outcome = { json: IDataObject[] } | { error: NodeApiError | NodeOperationError };

/**
 * Per-item bookkeeping for one execution. Operations record what each item produced; the first
 * failure stops the node unless Continue On Fail is on, in which case the item gets an error
 * output and the others carry on. Output keeps input order and pairs every item with its input.
 */
export class Results {
	private readonly outcomes = new Map<number, Outcome>();

	constructor(
		private readonly fn: IExecuteFunctions,
		readonly itemCount: number,
	) {}

	/** Item indexes that have not failed yet. */
	pending(): number[] {
		const open: number[] = [];
		for (let i = 0; i < this.itemCount; i++) {
			const outcome = this.outcomes.get(i);
			if (!outcome || !('error' in outcome)) open.push(i);
		}
		return open;
	}

	failed(itemIndex: number): boolean {
		const outcome = this.outcomes.get(itemIndex);
		return !!outcome && 'error' in outcome;
	}

	ok(itemIndex: number, json: IDataObject | IDataObject[]): void {
		this.outcomes.set(itemIndex, { json: Array.isArray(json) ? json : [json] });
	}

	/** Records a failure for one item; throws it at once when Continue On Fail is off. */
	fail(itemIndex: number, error: unknown): void {
		const nodeError = this.asNodeError(itemIndex, error);
		if (!this.fn.continueOnFail()) throw nodeError;
		this.outcomes.set(itemIndex, { error: nodeError });
	}

	/** Runs `work` for one item, recording its result or its failure. */
	async run(itemIndex: number, work: () => Promise<IDataObject | IDataObject[]>): Promise<void> {
		try {
			this.ok(itemIndex, await work());
		} catch (error) {
			this.fail(itemIndex, error);
		}
	}

	/** Runs `work` for every pending item in turn (reads, validation). */
	async each<T>(work: (itemIndex: number) => Promise<T> | T): Promise<Array<{ itemIndex: number; value: T }>> {
		const done: Array<{ itemIndex: number; value: T }> = [];
		for (const itemIndex of this.pending()) {
			try {
				done.push({ itemIndex, value: await work(itemIndex) });
			} catch (error) {
				this.fail(itemIndex, error);
			}
		}
		return done;
	}

	failAll(error: unknown): void {
		for (let i = 0; i < this.itemCount; i++) this.fail(i, error);
	}

	toOutput(): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.itemCount; i++) {
			const outcome = this.outcomes.get(i);
			if (!outcome) continue;
			if ('error' in outcome) {
				const { message, description } = outcome.error;
				const errorCode = outcome.error.context?.errorCode;
				output.push({
					json: { error: message, ...(description ? { description } : {}), ...(errorCode ? { errorCode } : {}) },
					pairedItem: { item: i },
				});
			} else {
				for (const json of outcome.json) output.push({ json, pairedItem: { item: i } });
			}
		}
		return output;
	}

	/** Each item gets its own copy: one failed batch request is reported by every item in it. */
	private asNodeError(itemIndex: number, error: unknown): NodeApiError | NodeOperationError {
		const base =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.fn.getNode(), error as Error);
		const nodeError = Object.assign(Object.create(Object.getPrototypeOf(base) as object) as typeof base, base);
		nodeError.context = { ...base.context, itemIndex };
		nodeError.message = `${base.message.replace(/ \[item \d+\]$/, '')} [item ${itemIndex}]`;
		return nodeError;
	}
}

export function parameterError(
	fn: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	problem: string,
	hint: string,
): NodeOperationError {
	return new NodeOperationError(fn.getNode(), `The parameter "${parameter}" ${problem} [item ${itemIndex}]`, {
		description: hint,
		itemIndex,
	});
}

export function apiErrorFor(fn: IExecuteFunctions, itemIndex: number, message: string, description: string, extra: IDataObject = {}): NodeApiError {
	const error = new NodeApiError(fn.getNode(), { message, ...extra } as JsonObject, {
		message: `${message} [item ${itemIndex}]`,
		description,
		itemIndex,
	});
	if (extra.errorCode) error.context.errorCode = extra.errorCode;
	return error;
}
