import { fieldOf } from '../../nodes/DocuSign/users/fields';
import {
	asList,
	asNameList,
	asText,
	checkEmail,
	checkName,
	checkUserId,
} from '../../nodes/DocuSign/users/validate';

const NAME_MAX_LENGTH = fieldOf('firstName').maxLength;

describe('asText', () => {
	it('turns missing values into empty text', () => {
		expect(asText(undefined)).toEqual({ value: '' });
		expect(asText(null)).toEqual({ value: '' });
	});

	it('trims strings and stringifies numbers and booleans', () => {
		expect(asText('  Nathan \t')).toEqual({ value: 'Nathan' });
		expect(asText(42)).toEqual({ value: '42' });
		expect(asText(false)).toEqual({ value: 'false' });
	});

	it('refuses lists and objects coming from an expression', () => {
		expect(asText(['a'])).toEqual({
			problem: 'is a list, not text',
			hint: expect.stringContaining('{{ $json.email }}'),
		});
		expect(asText({ email: 'a@b.com' })).toMatchObject({ problem: 'is an object, not text' });
	});
});

describe('checkEmail', () => {
	it('accepts and trims a plain address', () => {
		expect(checkEmail('  nathan@example.com ')).toEqual({ value: 'nathan@example.com' });
		expect(checkEmail('first.last+tag@mail.example.co.uk')).toEqual({
			value: 'first.last+tag@mail.example.co.uk',
		});
	});

	it('reports an empty address', () => {
		expect(checkEmail('')).toMatchObject({ problem: 'is empty' });
		expect(checkEmail('   ')).toMatchObject({ problem: 'is empty' });
		expect(checkEmail(undefined)).toMatchObject({ problem: 'is empty' });
	});

	it('reports inner spaces, tabs and non-breaking spaces', () => {
		expect(checkEmail('nathan @example.com')).toEqual({
			problem: 'contains spaces: "nathan @example.com"',
			hint: 'Remove the spaces from the email address.',
		});
		expect(checkEmail('nathan\t@example.com')).toMatchObject({
			problem: expect.stringContaining('contains spaces'),
		});
		expect(checkEmail('nathan\u00a0x@example.com')).toMatchObject({
			problem: expect.stringContaining('contains spaces'),
		});
	});

	it('reports unicode addresses', () => {
		expect(checkEmail('nathan@exämple.com')).toEqual({
			problem: 'contains non-ASCII characters: "nathan@exämple.com"',
			hint: expect.stringContaining('punycode'),
		});
		expect(checkEmail('zoë@example.com')).toMatchObject({
			problem: expect.stringContaining('non-ASCII'),
		});
	});

	it.each([
		'nathan.example.com',
		'nathan@',
		'@example.com',
		'a@b@example.com',
		'nathan@localhost',
		'nathan@example..com',
		'nathan@.example.com',
		'nathan@example.com.',
	])('reports %p as not a valid address', (email) => {
		expect(checkEmail(email)).toEqual({
			problem: `is not a valid email address: "${email}"`,
			hint: 'Use the form name@example.com.',
		});
	});

	it('accepts 100 characters and refuses 101', () => {
		const domain = '@example.com'; // 12 characters
		const at100 = 'a'.repeat(88) + domain;
		const at101 = 'a'.repeat(89) + domain;
		expect(at100).toHaveLength(100);
		expect(checkEmail(at100)).toEqual({ value: at100 });
		// The message repeats at most 100 characters of the input (issue 23).
		expect(checkEmail(at101)).toMatchObject({
			problem: `is not a valid email address: "${at101.slice(0, 100)}…"`,
		});
	});

	it('refuses non-text values from expressions', () => {
		expect(checkEmail(['nathan@example.com'])).toMatchObject({ problem: 'is a list, not text' });
		expect(checkEmail({ email: 'nathan@example.com' })).toMatchObject({
			problem: 'is an object, not text',
		});
		expect(checkEmail(12345)).toMatchObject({ problem: 'is not a valid email address: "12345"' });
	});
});

describe('checkName', () => {
	it('accepts up to the limit, trimmed', () => {
		const fifty = 'x'.repeat(NAME_MAX_LENGTH);
		expect(NAME_MAX_LENGTH).toBe(50);
		expect(checkName(`  ${fifty}  `, NAME_MAX_LENGTH, true)).toEqual({ value: fifty });
		expect(checkName('Zoë', NAME_MAX_LENGTH, true)).toEqual({ value: 'Zoë' });
	});

	it('reports a name over the limit with its length', () => {
		expect(checkName('x'.repeat(51), NAME_MAX_LENGTH, false)).toEqual({
			problem: "is 51 characters long, over DocuSign's limit of 50",
			hint: 'Shorten it to at most 50 characters as DocuSign counts them (most emoji count 2), e.g. with {{ $json.name.slice(0, 50) }}.',
		});
	});

	it('requires a value only when asked to', () => {
		expect(checkName('  ', 50, true)).toEqual({
			problem: 'is empty',
			hint: 'Give a value; DocuSign requires it.',
		});
		expect(checkName('', 50, false)).toEqual({ value: '' });
		expect(checkName(null, 50, false)).toEqual({ value: '' });
	});

	it('refuses objects', () => {
		expect(checkName({ first: 'N' }, 50, true)).toMatchObject({
			problem: 'is an object, not text',
		});
	});
});

describe('checkUserId', () => {
	const id = '4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6';

	it('accepts a GUID, trimmed and lower-cased', () => {
		expect(checkUserId(id)).toEqual({ value: id });
		expect(checkUserId(`  ${id.toUpperCase()} `)).toEqual({ value: id });
	});

	it('reports empty', () => {
		expect(checkUserId('')).toMatchObject({ problem: 'is empty' });
	});

	it.each(['nathan@example.com', id.replace(/-/g, ''), `{${id}}`, id.slice(0, -1), `${id}0`])(
		'reports %p as not a user ID',
		(value) => {
			expect(checkUserId(value)).toMatchObject({
				problem: `is not a DocuSign user ID: "${value}"`,
			});
		},
	);
});

describe('asNameList', () => {
	it('is empty for missing values', () => {
		expect(asNameList(undefined)).toEqual({ value: [] });
		expect(asNameList(null)).toEqual({ value: [] });
		expect(asNameList('')).toEqual({ value: [] });
		expect(asNameList([])).toEqual({ value: [] });
	});

	it('splits a comma-separated field, dropping blanks and duplicates', () => {
		expect(asNameList(' Sales, Legal ,, ,Sales ')).toEqual({ value: ['Sales', 'Legal'] });
	});

	it('takes an array, trimming, dropping blanks and duplicates, keeping order', () => {
		expect(asNameList(['Legal', ' Sales ', '', '  ', 'Legal', 7])).toEqual({
			value: ['Legal', 'Sales', '7'],
		});
	});

	it('does not split elements of an array on commas', () => {
		expect(asNameList(['Sales, EMEA'])).toEqual({ value: ['Sales, EMEA'] });
	});

	it('takes a single number', () => {
		expect(asNameList(12)).toEqual({ value: ['12'] });
	});

	it('refuses objects, lists and nulls inside', () => {
		expect(asNameList(['Sales', { name: 'Legal' }])).toEqual({
			problem: 'contains an object',
			hint: 'Give group names or IDs as text: a list like ["Sales", "Legal"] or "Sales, Legal".',
		});
		expect(asNameList([['Sales']])).toMatchObject({ problem: 'contains a list' });
		expect(asNameList(['Sales', null])).toMatchObject({ problem: 'contains null' });
		expect(asNameList({ name: 'Sales' })).toMatchObject({ problem: 'contains an object' });
		expect(asNameList(true)).toMatchObject({ problem: 'contains boolean' });
	});

	it("names the parameter's own values in its hint", () => {
		const statuses = {
			what: 'user statuses',
			examples: ['Active', 'Closed'],
			valid: ['Active', 'Closed'],
		} as const;
		expect(asList([{}], statuses)).toEqual({
			problem: 'contains an object',
			hint: 'Give user statuses as text: a list like ["Active", "Closed"] or "Active, Closed". Valid values: Active, Closed.',
		});
	});
});
