/** Input hygiene: control and bidi characters, e-mail characters, lengths in UTF-16 units (as DocuSign counts), strict values. */
import {
	checkBoolean,
	checkEmail,
	checkName,
	checkNumber,
	checkOption,
	checkPlainText,
	docuSignLength,
} from '../../nodes/DocuSign/users/validate';

describe('control characters', () => {
	test.each([
		'Ann\r\nBcc: x@evil.example',
		'Ann\nLee',
		'Ann\tLee',
		'A\u0000nn',
		'Ann\u007f',
		'Ann\u001bLee',
	])('%j is refused in a name', (value) => {
		expect(checkName(value, 50, true)).toMatchObject({
			problem: expect.stringContaining('contains a control character'),
		});
	});

	test('a trailing line break is trimmed like other outer whitespace', () => {
		expect(checkPlainText('Ann\n')).toEqual({ value: 'Ann' });
	});

	test('ordinary text, accents and emoji pass', () => {
		expect(checkName('José Ñúñez 😀', 50, true)).toEqual({ value: 'José Ñúñez 😀' });
	});
});

describe('lengths as DocuSign counts them: UTF-16 units', () => {
	// Issue 23: DocuSign (a .NET service) and the simulator count UTF-16 units; counting code points let
	// 26 emoji (52 units) pass the node only to be refused by DocuSign.
	test('26 emoji are 52 units, over 50', () => {
		expect(docuSignLength('😀'.repeat(26))).toBe(52);
		expect(checkName('😀'.repeat(26), 50, true)).toMatchObject({
			problem: "is 52 characters long, over DocuSign's limit of 50",
		});
	});

	test('25 emoji are 50 units, within 50', () => {
		expect(checkName('😀'.repeat(25), 50, true)).toEqual({ value: '😀'.repeat(25) });
	});
});

describe('invisible controls', () => {
	test.each([
		['\u202E', 'U+202E'],
		['\u2066', 'U+2066'],
		['\u0085', 'U+0085'],
		['\u009F', 'U+009F'],
	])('%j is refused, named by its code point', (char, point) => {
		expect(checkPlainText(`Ann${char}Lee`)).toMatchObject({
			problem: expect.stringContaining(point),
		});
	});

	test('an error repeats at most about 100 characters of the input', () => {
		const checked = checkEmail(`${'a'.repeat(5000)}@acme.example`);
		expect('problem' in checked && checked.problem.length).toBeLessThan(150);
	});
});

describe('e-mail characters', () => {
	test.each([
		'a,b@x.example',
		'<e@x.example>',
		'e@x.example;f@x.example',
		'"e"@x.example',
		'a(b)@x.example',
		'a[b]@x.example',
		'a\\b@x.example',
	])('%s is refused', (email) => {
		expect(checkEmail(email)).toMatchObject({
			problem: expect.stringMatching(/^contains the character /),
		});
	});

	test('a plain address passes', () => {
		expect(checkEmail(' ann.lee+hr@acme.example ')).toEqual({ value: 'ann.lee+hr@acme.example' });
	});
});

describe('strict values', () => {
	test('booleans', () => {
		expect(checkBoolean(' True ')).toEqual({ value: true });
		expect(checkBoolean('false')).toEqual({ value: false });
		expect(checkBoolean('no')).toHaveProperty('problem');
		expect(checkBoolean(undefined)).toHaveProperty('problem');
	});

	test('options are case-sensitive', () => {
		expect(checkOption('replace', ['add', 'replace'])).toEqual({ value: 'replace' });
		expect(checkOption('Replace', ['add', 'replace'])).toMatchObject({
			problem: 'is "Replace", not one of its values',
		});
	});

	test('numbers: text counts, ranges and wholeness are checked', () => {
		expect(checkNumber('60', 1, 600, false)).toEqual({ value: 60 });
		expect(checkNumber(0, 1, 600, false)).toMatchObject({ problem: 'is 0, outside 1 to 600' });
		expect(checkNumber(2.5, 1, 500, true)).toMatchObject({ problem: 'is 2.5, outside 1 to 500' });
		expect(checkNumber('abc', 1, 500, true)).toMatchObject({ problem: 'is "abc", not a number' });
		expect(checkNumber('', 1, 500, true)).toMatchObject({ problem: 'is "", not a number' });
		expect(checkNumber(null, 1, 500, true)).toMatchObject({ problem: 'is null, not a number' });
	});
});
