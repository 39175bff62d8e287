/** Fault injection: rules matched by method and path regex, with skip / times counters. */
import type { FaultAction, FaultRule } from './types';

interface ActiveRule {
	id: string;
	rule: FaultRule;
	pattern?: RegExp;
	query?: Array<[string, RegExp]>;
	matched: number;
	hits: number;
}

export class FaultInjector {
	private rules: ActiveRule[] = [];
	private nextId = 1;

	add(rule: FaultRule): string {
		if (!rule || typeof rule.action !== 'object' || rule.action === null)
			throw new Error('A fault rule needs an action object.');
		const id = `fault-${this.nextId++}`;
		this.rules.push({
			id,
			rule,
			pattern: rule.path ? new RegExp(rule.path) : undefined,
			query: rule.query
				? Object.entries(rule.query).map(([name, source]) => [name, new RegExp(source, 'i')])
				: undefined,
			matched: 0,
			hits: 0,
		});
		return id;
	}

	clear(): void {
		this.rules = [];
	}

	list(): Array<FaultRule & { id: string; matched: number; hits: number }> {
		return this.rules.map(({ id, rule, matched, hits }) => ({ id, ...rule, matched, hits }));
	}

	/** The action to apply to this request, if a rule fires (first matching rule past its `skip`, within its `times`). */
	match(
		method: string,
		path: string,
		query: Record<string, string> = {},
	): { id: string; action: FaultAction } | undefined {
		for (const active of this.rules) {
			const { rule } = active;
			if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
			if (active.pattern && !active.pattern.test(path)) continue;
			if (active.query?.some(([name, value]) => !value.test(query[name] ?? ''))) continue;
			if (active.hits >= (rule.times ?? 1)) continue;
			active.matched++;
			if (active.matched <= (rule.skip ?? 0)) continue;
			active.hits++;
			return { id: active.id, action: rule.action };
		}
		return undefined;
	}
}
