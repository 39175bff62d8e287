/** Request-body checks shared by the routes: object shape, allowed keys (strict), string-typed fields. */
import { invalidBody } from './errors';
import { unknownFieldError } from './unverified';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObjectBody(body: unknown): JsonObject {
	if (!isObject(body)) throw invalidBody('The request body is missing or improperly formatted.');
	return body;
}

/** Throws INVALID_REQUEST_BODY naming the first key not in `allowed` (path like `newUsers[2].firstNme`). */
export function checkKeys(object: JsonObject, allowed: readonly string[], path: string): void {
	for (const key of Object.keys(object)) {
		if (!allowed.includes(key)) throw unknownFieldError(path ? `${path}.${key}` : key);
	}
}

/** The `users` / `newUsers` array of a body: present, an array of objects, not empty, not over `max`. */
export function requireUserArray(body: JsonObject, key: string, max: number): JsonObject[] {
	const list = body[key];
	if (!Array.isArray(list) || list.length === 0)
		throw invalidBody(`The request body must contain a non-empty '${key}' array.`);
	if (list.length > max)
		throw invalidBody(
			`Too many users in '${key}': ${list.length}; the maximum per request is ${max}.`,
		);
	return list.map((entry, index) => {
		if (!isObject(entry)) throw invalidBody(`${key}[${index}] must be an object.`);
		return entry;
	});
}

/** Reads an optional scalar as DocuSign would accept it: a string (numbers and booleans are stringified). */
export function optionalString(object: JsonObject, key: string, path: string): string | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw invalidBody(`'${path}.${key}' must be a string.`);
}
