/** Input hygiene: control characters, e-mail characters, lengths in code points, strict values. */
import {
	checkBoolean,
	checkEmail,
	checkName,
	checkNumber,
	checkOption,
	checkPlainText,
	codePointLength,
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

describe('lengths in code points', () => {
	test('26 emoji are 26 characters', () => {
		expect(codePointLength('😀'.repeat(26))).toBe(26);
		expect(checkName('😀'.repeat(26), 50, true)).toEqual({ value: '😀'.repeat(26) });
	});

	test('51 emoji are over 50', () => {
		expect(checkName('😀'.repeat(51), 50, true)).toMatchObject({
			problem: "is 51 characters long, over DocuSign's limit of 50",
		});
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
