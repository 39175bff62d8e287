/** Pure checks on parameter values; each returns the trimmed value or a problem to report. */

import { GUID_PATTERN } from '../transport/types';

export { GUID_PATTERN };

export type Checked<T> = { value: T } | { problem: string; hint: string };

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : typeof value;
}

/** The longest piece of an input an error message repeats. */
const ECHO_MAX = 100;

/** An input as an error message repeats it: quoted, at most ECHO_MAX characters of it. */
export function echo(value: string): string {
	const chars = Array.from(value);
	return `"${chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX).join('')}…` : value}"`;
}

/** Expressions can resolve to anything; a text parameter must end up as text. */
export function asText(value: unknown): Checked<string> {
	if (value === undefined || value === null) return { value: '' };
	if (typeof value === 'string') return { value: value.trim() };
	if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
	return {
		problem: `is ${describe(value)}, not text`,
		hint: 'Make the expression return a single text value, e.g. {{ $json.email }} rather than {{ $json }}.',
	};
}

export function checkEmail(value: unknown): Checked<string> {
	const text = asText(value);
	if ('problem' in text) return text;
	const email = text.value;
	if (!email)
		return {
			problem: 'is empty',
			hint: 'Give the email address of the user, e.g. nathan@example.com.',
		};
	if (/\s/.test(email)) {
		return {
			problem: `contains spaces: ${echo(email)}`,
			hint: 'Remove the spaces from the email address.',
		};
	}
	const forbidden = /[,;<>()[\]\\"]/.exec(email);
	if (forbidden) {
		return {
			problem: `contains the character ${forbidden[0]}: ${echo(email)}`,
			hint: 'Give one plain address such as name@example.com, without a display name, brackets, quotes or list separators.',
		};
	}
	if (/[^\x21-\x7e]/.test(email)) {
		return {
			problem: `contains non-ASCII characters: ${echo(email)}`,
			hint: 'DocuSign accepts ASCII email addresses only; use the punycode form of the domain.',
		};
	}
	if (email.length > 100 || !/^[^@]+@[^@.]+(\.[^@.]+)+$/.test(email)) {
		return {
			problem: `is not a valid email address: ${echo(email)}`,
			hint: 'Use the form name@example.com.',
		};
	}
	return { value: email };
}

/**
 * Length as DocuSign counts it: in UTF-16 code units (DocuSign is a .NET service, and so counts
 * the simulator), so most emoji count 2.
 */
export function docuSignLength(text: string): number {
	return text.length;
}

/**
 * Characters that have no place in a name or an e-mail text: C0 controls and DEL (line breaks
 * forge headers), C1 controls (U+0080 to U+009F) and the bidirectional overrides and isolates
 * (U+202A to U+202E, U+2066 to U+2069), which make text read differently from what it is.
 */
export function isHiddenControl(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** The first hidden control character in the text, if any. */
function firstControlCharacter(text: string): number | undefined {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isHiddenControl(code)) return code;
	}
	return undefined;
}

function describeControl(code: number): string {
	if (code < 0x20 || code === 0x7f)
		return `a control character (\\x${code.toString(16).padStart(2, '0')}, e.g. a line break or tab)`;
	const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return code <= 0x9f
		? `a control character (${point}, a C1 control)`
		: `a bidirectional control character (${point}, which makes text display differently from what it is)`;
}

/** Control characters (line breaks, tabs, NUL) have no place in a name; in an e-mail subject they forge headers. */
export function checkPlainText(value: unknown, what = 'a name'): Checked<string> {
	const text = asText(value);
	if ('problem' in text) return text;
	const control = firstControlCharacter(text.value);
	if (control !== undefined) {
		return {
			problem: `contains ${describeControl(control)}`,
			hint: `Remove line breaks, tabs and other control characters from ${what}, e.g. with {{ $json.name.replace(/\\s+/g, ' ') }}.`,
		};
	}
	return text;
}

export function checkName(value: unknown, maxLength: number, required: boolean): Checked<string> {
	const text = checkPlainText(value);
	if ('problem' in text) return text;
	if (required && !text.value)
		return { problem: 'is empty', hint: 'Give a value; DocuSign requires it.' };
	const length = docuSignLength(text.value);
	if (length > maxLength) {
		return {
			problem: `is ${length} characters long, over DocuSign's limit of ${maxLength}`,
			hint: `Shorten it to at most ${maxLength} characters as DocuSign counts them (most emoji count 2), e.g. with {{ $json.name.slice(0, ${maxLength}) }}.`,
		};
	}
	return { value: text.value };
}

export function checkUserId(value: unknown): Checked<string> {
	const text = asText(value);
	if ('problem' in text) return text;
	if (!text.value)
		return { problem: 'is empty', hint: 'Pick a user from the list, or give an ID or email.' };
	if (!GUID_PATTERN.test(text.value)) {
		return {
			problem: `is not a DocuSign user ID: ${echo(text.value)}`,
			hint: 'A user ID is a GUID such as 4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6; switch the mode to By Email to give an email.',
		};
	}
	return { value: text.value.toLowerCase() };
}

/** What a list parameter holds, as its hint names it: e.g. "email addresses", two examples, the valid values if few. */
interface ListOf {
	what: string;
	examples: readonly [string, string];
	valid?: readonly string[];
}

const GROUP_NAMES: ListOf = { what: 'group names or IDs', examples: ['Sales', 'Legal'] };
export const EMAIL_ADDRESSES: ListOf = {
	what: 'email addresses',
	examples: ['dpo@acme.example', 'it@acme.example'],
};

/** Group names or IDs: see asList. */
export function asNameList(value: unknown): Checked<string[]> {
	return asList(value, GROUP_NAMES);
}

/** Lists come from a multi-select, a comma-separated HR field, or an expression array. */
export function asList(value: unknown, of: ListOf): Checked<string[]> {
	if (value === undefined || value === null || value === '') return { value: [] };
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	const names: string[] = [];
	for (const part of parts) {
		if (typeof part !== 'string' && typeof part !== 'number') {
			return {
				problem: `contains ${describe(part)}`,
				hint: `Give ${of.what} as text: a list like ${JSON.stringify(of.examples).replace(',', ', ')} or "${of.examples.join(', ')}".${of.valid ? ` Valid values: ${of.valid.join(', ')}.` : ''}`,
			};
		}
		const name = String(part).trim();
		if (name) names.push(name);
	}
	return { value: [...new Set(names)] };
}

/** A boolean from the editor or an expression: true / "true" / false / "false" and nothing else. */
export function checkBoolean(value: unknown): Checked<boolean> {
	if (value === true || value === false) return { value };
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return { value: true };
		if (text === 'false') return { value: false };
	}
	return {
		problem: `is ${typeof value === 'string' ? echo(value) : describe(value)}, not true or false`,
		hint: 'Make the expression return true or false (or the text "true" / "false"), e.g. {{ $env.DRY_RUN === "true" }}.',
	};
}

/** One of the option values the editor offers; an expression gets no other meaning. */
export function checkOption<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text === 'string' && (allowed as readonly string[]).includes(text))
		return { value: text as T };
	return {
		problem: `is ${typeof value === 'string' ? echo(value) : describe(value)}, not one of its values`,
		hint: `Use exactly one of: ${allowed.map((a) => `"${a}"`).join(', ')} (case matters).`,
	};
}

/** A number from the editor or an expression ("60" counts), checked for range and, if asked, wholeness. */
export function checkNumber(
	value: unknown,
	min: number,
	max: number,
	whole: boolean,
): Checked<number> {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim()
				? Number(value)
				: NaN;
	const range = `${whole ? 'a whole number ' : 'a number '}from ${min} to ${max}`;
	if (!Number.isFinite(number)) {
		return {
			problem: `is ${typeof value === 'string' ? echo(value) : describe(value)}, not a number`,
			hint: `Give ${range}.`,
		};
	}
	if ((whole && !Number.isInteger(number)) || number < min || number > max) {
		return { problem: `is ${number}, outside ${min} to ${max}`, hint: `Pick ${range}.` };
	}
	return { value: number };
}
