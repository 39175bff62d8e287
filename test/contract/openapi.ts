/**
 * Contract check against DocuSign's published OpenAPI (the vendored subset beside this file, MIT, see
 * LICENSE-docusign-openapi.txt): every /restapi request (path, query names and values, body fields and types) and every
 * answer (body fields and types, per status) is validated. A small validator of exactly the Swagger 2.0 subset the
 * file uses ($ref, type, properties, items); node built-ins only, so the simulator stays dependency-free.
 *
 * Objects are checked strictly (a field the spec does not declare is a violation): the spec declares no
 * additionalProperties, and a misspelt field is what this check exists to catch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Schema {
	$ref?: string;
	type?: string;
	properties?: Record<string, Schema>;
	items?: Schema;
	enum?: unknown[];
}

interface Parameter {
	name: string;
	in: 'path' | 'query' | 'body' | 'header';
	type?: string;
	required?: boolean;
	schema?: Schema;
	enum?: string[];
}

interface Operation {
	operationId?: string;
	parameters?: Parameter[];
	responses: Record<string, { schema?: Schema }>;
}

interface Spec {
	basePath: string;
	paths: Record<string, Record<string, Operation>>;
	definitions: Record<string, Schema>;
}

export interface ContractViolation {
	kind: 'request' | 'response';
	/** `GET /restapi/v2.1/accounts/…/users` */
	request: string;
	problem: string;
}

export interface ContractInput {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** eSignature (basePath /restapi) and the Admin API (basePath /Management), each checked against its own spec. */
const SPEC_FILES = ['esignature-users-subset.json', 'admin-users-subset.json'].map((file) =>
	path.join(__dirname, file),
);

/**
 * Value rules the spec states only in its parameter descriptions (docs/sources.md#list-users, docs/sources.md#group-types, docs/sources.md#permission-profiles, docs/sources.md#close-users); a value outside
 * them is a violation. Comma lists: the newer spec allows several statuses (docs/sources.md#s3); `delete` and `include` are lists.
 */
const USER_STATUSES = ['ActivationRequired', 'ActivationSent', 'Active', 'Closed', 'Disabled'];
const BOOLEAN_TEXT = ['true', 'false'];
const QUERY_VALUE_RULES: Record<string, (value: string) => string | undefined> = {
	additional_info: oneOf(BOOLEAN_TEXT),
	include_usercount: oneOf(BOOLEAN_TEXT),
	login_status: oneOf(BOOLEAN_TEXT),
	domain_users_only: oneOf(BOOLEAN_TEXT),
	status: listOf(USER_STATUSES),
	delete: listOf(['Groups', 'PermissionSet', 'SigningGroupsEmail']),
	include: listOf(['user_count', 'closed_users', 'account_management', 'metadata']),
	count: (value) =>
		/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100
			? undefined
			: 'must be a whole number from 1 to 100',
	start_position: (value) => (/^\d+$/.test(value) ? undefined : 'must be a whole number from 0'),
	email: (value) => (value.trim() ? undefined : 'must not be empty'),
};

function oneOf(values: string[]): (value: string) => string | undefined {
	return (value) =>
		values.includes(value.toLowerCase()) ? undefined : `must be one of ${values.join(', ')}`;
}

function listOf(values: string[]): (value: string) => string | undefined {
	const known = values.map((v) => v.toLowerCase());
	return (value) => {
		const bad = value.split(',').find((part) => !known.includes(part.trim().toLowerCase()));
		return bad === undefined ? undefined : `has '${bad}', not one of ${values.join(', ')}`;
	};
}

interface CompiledPath {
	spec: Spec;
	template: string;
	pattern: RegExp;
	names: string[];
	operations: Record<string, Operation>;
}

export class ContractChecker {
	private readonly specs: Spec[];
	private readonly paths: CompiledPath[];
	readonly violations: ContractViolation[] = [];
	requestsChecked = 0;
	responsesChecked = 0;

	constructor(
		specs: Spec[] = SPEC_FILES.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Spec),
	) {
		this.specs = specs;
		this.paths = specs.flatMap((spec) =>
			Object.entries(spec.paths).map(([template, operations]) => {
				const names: string[] = [];
				const source = template
					.replace(/[.]/g, '\\.')
					.replace(/\{([^}]+)\}/g, (_m, name: string) => {
						names.push(name);
						return '([^/]+)';
					});
				return {
					spec,
					template,
					pattern: new RegExp(`^${spec.basePath}${source}$`),
					names,
					operations,
				};
			}),
		);
	}

	/** Forget the recorded violations (each test starts clean); the counters keep running. */
	clear(): void {
		this.violations.length = 0;
	}

	/** Whether the path is one the contract covers (the eSignature REST API, the Admin API); OAuth and others are not. */
	covers(requestPath: string): boolean {
		return this.specs.some((spec) => requestPath.startsWith(`${spec.basePath}/`));
	}

	checkRequest(input: ContractInput): ContractViolation[] {
		this.requestsChecked++;
		const found = this.find(input);
		if ('problem' in found) return this.record('request', input, [found.problem]);
		const { operation, pathValues, spec } = found;
		const problems: string[] = [];
		const parameters = operation.parameters ?? [];
		for (const [name, value] of Object.entries(pathValues))
			if (!value) problems.push(`path parameter ${name} is empty`);
		const queryParameters = new Map(
			parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
		);
		for (const [name, value] of Object.entries(input.query)) {
			if (!queryParameters.has(name)) {
				problems.push(
					`query parameter '${name}' is not in the spec (known: ${[...queryParameters.keys()].join(', ') || 'none'})`,
				);
				continue;
			}
			const rule = QUERY_VALUE_RULES[name];
			const problem = rule?.(value);
			if (problem) problems.push(`query ${name}=${JSON.stringify(value)} ${problem}`);
		}
		const bodyParameter = parameters.find((p) => p.in === 'body');
		if (input.body !== undefined && input.body !== '') {
			if (!bodyParameter?.schema) problems.push('has a body, but the operation takes none');
			else this.validate(spec, input.body, bodyParameter.schema, 'body', problems);
		}
		return this.record('request', input, problems);
	}

	checkResponse(input: ContractInput, status: number, body: unknown): ContractViolation[] {
		this.responsesChecked++;
		const found = this.find(input);
		if ('problem' in found) return this.record('response', input, [found.problem]);
		const declared = found.operation.responses[String(status)];
		const problems: string[] = [];
		// Statuses the spec does not list (401, 404, 429, 5xx) carry DocuSign's documented error body (docs/sources.md#errors):
		// eSignature's errorDetails, the Admin API's ErrorDetails.
		const errorSchema = {
			$ref: found.spec.definitions.errorDetails
				? '#/definitions/errorDetails'
				: '#/definitions/ErrorDetails',
		};
		const schema = declared ? declared.schema : status >= 400 ? errorSchema : undefined;
		if (!declared && status < 400)
			problems.push(
				`status ${status} is not a declared answer (${Object.keys(found.operation.responses).join(', ')})`,
			);
		if (schema && body !== undefined) this.validate(found.spec, body, schema, 'body', problems);
		return this.record(
			'response',
			{ ...input },
			problems.map((p) => `${status}: ${p}`),
		);
	}

	private record(
		kind: ContractViolation['kind'],
		input: ContractInput,
		problems: string[],
	): ContractViolation[] {
		const request = `${input.method} ${input.path}`;
		const found = problems.map((problem) => ({ kind, request, problem }));
		this.violations.push(...found);
		return found;
	}

	private find(
		input: ContractInput,
	):
		| { operation: Operation; pathValues: Record<string, string>; spec: Spec }
		| { problem: string } {
		for (const compiled of this.paths) {
			const match = compiled.pattern.exec(input.path);
			if (!match) continue;
			const operation = compiled.operations[input.method.toLowerCase()];
			if (!operation)
				return { problem: `${input.method} is not an operation of ${compiled.template}` };
			const pathValues = Object.fromEntries(
				compiled.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]),
			);
			return { operation, pathValues, spec: compiled.spec };
		}
		return { problem: 'no path of the spec matches' };
	}

	private resolve(spec: Spec, schema: Schema): Schema {
		let current = schema;
		for (let depth = 0; current.$ref && depth < 20; depth++) {
			const name = current.$ref.replace('#/definitions/', '');
			const target = spec.definitions[name];
			if (!target) throw new Error(`The spec has no definition ${name}`);
			current = target;
		}
		return current;
	}

	private validate(spec: Spec, value: unknown, raw: Schema, at: string, problems: string[]): void {
		const schema = this.resolve(spec, raw);
		const type = schema.type ?? (schema.properties ? 'object' : undefined);
		if (value === null) {
			// The spec documents null for nextUri / previousUri on the first / last page (docs/sources.md#list-users).
			if (type !== 'string') problems.push(`${at} is null, the spec says ${type ?? 'a value'}`);
			return;
		}
		switch (type) {
			case 'string':
				if (typeof value !== 'string')
					problems.push(`${at} is ${describe(value)}, the spec says string`);
				else if (schema.enum && !schema.enum.includes(value))
					problems.push(`${at} is ${JSON.stringify(value)}, not one of ${schema.enum.join(', ')}`);
				return;
			case 'boolean':
				if (typeof value !== 'boolean')
					problems.push(`${at} is ${describe(value)}, the spec says boolean`);
				return;
			case 'integer':
			case 'number':
				if (typeof value !== 'number')
					problems.push(`${at} is ${describe(value)}, the spec says ${type}`);
				return;
			case 'array':
				if (!Array.isArray(value)) {
					problems.push(`${at} is ${describe(value)}, the spec says array`);
					return;
				}
				value.forEach(
					(entry, index) =>
						schema.items && this.validate(spec, entry, schema.items, `${at}[${index}]`, problems),
				);
				return;
			case 'object': {
				if (typeof value !== 'object' || Array.isArray(value)) {
					problems.push(`${at} is ${describe(value)}, the spec says object`);
					return;
				}
				const properties = schema.properties;
				if (!properties) return; // a free-form object
				for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
					const property = properties[key];
					if (!property) problems.push(`${at}.${key} is not a field of the spec's object`);
					else this.validate(spec, entry, property, `${at}.${key}`, problems);
				}
				return;
			}
			default:
				return;
		}
	}
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

/** One line per violation, for a test failure message. */
export function formatViolations(violations: readonly ContractViolation[]): string {
	return violations.map((v) => `${v.kind} ${v.request}: ${v.problem}`).join('\n');
}
