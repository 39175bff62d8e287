import { findByIdOrName } from '../../nodes/DocuSign/users/directory';

describe('findByIdOrName', () => {
	const groups = [
		{ id: '101', name: 'Legal' },
		{ id: 'legal', name: 'Other' },
		{ id: 'ABC-1', name: 'Sales' },
	];

	it('matches ID or name case-insensitively after trimming', () => {
		expect(findByIdOrName(groups, ' sales ')).toBe(groups[2]);
		expect(findByIdOrName(groups, 'abc-1')).toBe(groups[2]);
		expect(findByIdOrName(groups, '101')).toBe(groups[0]);
	});

	it('prefers an ID match over an earlier name match', () => {
		expect(findByIdOrName(groups, 'LEGAL')).toBe(groups[1]);
	});

	it('returns undefined when nothing matches', () => {
		expect(findByIdOrName(groups, 'Finance')).toBeUndefined();
		expect(findByIdOrName([], 'Sales')).toBeUndefined();
	});
});
