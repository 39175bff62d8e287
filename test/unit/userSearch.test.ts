import { isUserSearch } from '../../nodes/DocuSign/users/lookup';
import { EVERY_USER_STATUS } from '../../nodes/DocuSign/users/model';

describe('isUserSearch: where "no such user" may mean "no match"', () => {
	it('a filter that may match nobody: an e-mail, a name, a group, some of the statuses', () => {
		expect(isUserSearch({ email: 'a@b.example', additional_info: 'true' })).toBe(true);
		expect(isUserSearch({ email_substring: 'acme' })).toBe(true);
		expect(isUserSearch({ user_name_substring: 'jo' })).toBe(true);
		expect(isUserSearch({ group_id: '123', status: EVERY_USER_STATUS })).toBe(true);
		expect(isUserSearch({ status: 'Closed,Disabled' })).toBe(true);
	});

	it('a list of every user: no filter, or every status in any order and case', () => {
		expect(isUserSearch()).toBe(false);
		expect(isUserSearch({ additional_info: 'true', login_status: 'true' })).toBe(false);
		expect(isUserSearch({ status: EVERY_USER_STATUS })).toBe(false);
		expect(
			isUserSearch({ status: EVERY_USER_STATUS.toUpperCase().split(',').reverse().join(', ') }),
		).toBe(false);
		expect(isUserSearch({ email: '', status: '' })).toBe(false);
	});
});
