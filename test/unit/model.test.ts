import {
	isClosedStatus,
	simplifyUser,
	toBoolean,
	toIsoDate,
} from '../../nodes/DocuSign/users/model';
import { isBuiltInGroupType, toGroup } from '../../nodes/DocuSign/users/directory';

describe('toBoolean', () => {
	it.each([
		['True', true],
		['true', true],
		['TRUE', true],
		[true, true],
		['false', false],
		['False', false],
		[false, false],
		['yes', false],
		[1, false],
		['', false],
		[undefined, false],
		[null, false],
	])('%p -> %p', (input, expected) => {
		expect(toBoolean(input)).toBe(expected);
	});
});

describe('toIsoDate', () => {
	it('reads DocuSign 7-digit fractional UTC dates', () => {
		expect(toIsoDate('2024-03-01T09:15:00.0000000Z')).toBe('2024-03-01T09:15:00.000Z');
	});

	it('treats strings without zone as UTC', () => {
		expect(toIsoDate('2024-03-01T09:15:00')).toBe('2024-03-01T09:15:00.000Z');
		expect(toIsoDate('2024-03-01T09:15:00.1234567')).toBe('2024-03-01T09:15:00.123Z');
	});

	it('honours an explicit offset', () => {
		expect(toIsoDate('2024-03-01T09:15:00+02:00')).toBe('2024-03-01T07:15:00.000Z');
		expect(toIsoDate('2024-03-01T09:15:00-0500')).toBe('2024-03-01T14:15:00.000Z');
	});

	it('maps the 0001-01-01 "never" sentinel to null', () => {
		expect(toIsoDate('0001-01-01T08:00:00.0000000Z')).toBeNull();
		expect(toIsoDate('0001-01-01T00:00:00')).toBeNull();
	});

	it.each(['', 'garbage', 'never', '2024-13-45T00:00:00', 20240301, null, undefined, {}])(
		'maps %p to null',
		(value) => {
			expect(toIsoDate(value)).toBeNull();
		},
	);
});

describe('isBuiltInGroupType', () => {
	it.each([
		'EveryoneGroup',
		'everyoneGroup',
		'EVERYONEGROUP',
		'AdminGroup',
		'Administrators',
		'adminstrators',
		'Everyone',
	])('%p is built in', (type) => {
		expect(isBuiltInGroupType(type)).toBe(true);
	});

	it.each(['CustomGroup', 'customgroup', '', undefined, null, 'Admin'])(
		'%p is not built in',
		(type) => {
			expect(isBuiltInGroupType(type)).toBe(false);
		},
	);

	it('flags built-in groups in toGroup', () => {
		expect(toGroup({ groupId: '5001', groupName: 'Everyone', groupType: 'EveryoneGroup' })).toEqual(
			{
				id: '5001',
				name: 'Everyone',
				type: 'EveryoneGroup',
				builtIn: true,
			},
		);
		expect(toGroup({ groupId: 5002, groupName: 'Sales', groupType: 'CustomGroup' })).toEqual({
			id: '5002',
			name: 'Sales',
			type: 'CustomGroup',
			builtIn: false,
		});
	});
});

describe('isClosedStatus', () => {
	it('matches closed in any casing only', () => {
		expect(isClosedStatus('Closed')).toBe(true);
		expect(isClosedStatus('closed')).toBe(true);
		expect(isClosedStatus('Active')).toBe(false);
	});
});

describe('simplifyUser', () => {
	// Shaped like GET /restapi/v2.1/accounts/{accountId}/users/{userId} (userInformation).
	const raw = {
		userName: 'Nathan Example',
		userId: '4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
		userType: 'CompanyUser',
		isAdmin: 'False',
		isNAREnabled: 'false',
		userStatus: 'ActivationSent',
		uri: '/users/4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
		email: 'nathan@example.com',
		createdDateTime: '2024-03-01T09:15:00.0000000Z',
		userAddedToAccountDateTime: '2024-03-01T09:15:00.0000000Z',
		firstName: 'Nathan',
		lastName: 'Example',
		jobTitle: 'Engineer',
		company: 'Example Inc',
		permissionProfileId: '12345',
		permissionProfileName: 'DocuSign Sender',
		lastLogin: '0001-01-01T08:00:00.0000000Z',
		sendActivationOnInvalidLogin: 'false',
		enableConnectForUser: 'false',
		groupList: [
			{
				groupId: '5001',
				groupName: 'Everyone',
				groupType: 'EveryoneGroup',
				permissionProfileId: '1',
			},
			{ groupId: '5002', groupName: 'Sales', groupType: 'CustomGroup' },
		],
		defaultAccountId: 'a',
	};

	it('flattens a pending user', () => {
		expect(simplifyUser(raw, 'acc-1')).toEqual({
			id: '4c2a8f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
			userName: 'Nathan Example',
			firstName: 'Nathan',
			middleName: '',
			suffixName: '',
			lastName: 'Example',
			email: 'nathan@example.com',
			status: 'ActivationSent',
			enabled: true,
			permissionProfile: { id: '12345', name: 'DocuSign Sender' },
			groups: [
				{ id: '5001', name: 'Everyone' },
				{ id: '5002', name: 'Sales' },
			],
			isAdmin: false,
			company: 'Example Inc',
			jobTitle: 'Engineer',
			createdAt: '2024-03-01T09:15:00.000Z',
			lastLoginAt: null,
			accountId: 'acc-1',
			activationPending: true,
		});
	});

	it('reads an active admin', () => {
		const user = simplifyUser(
			{ ...raw, userStatus: 'Active', isAdmin: 'True', lastLogin: '2024-04-02T10:00:00.5000000Z' },
			'acc-1',
		);
		expect(user.enabled).toBe(true);
		expect(user.activationPending).toBe(false);
		expect(user.isAdmin).toBe(true);
		expect(user.lastLoginAt).toBe('2024-04-02T10:00:00.500Z');
	});

	it('marks a closed user disabled', () => {
		const user = simplifyUser({ ...raw, userStatus: 'Closed' }, 'acc-1');
		expect(user.enabled).toBe(false);
		expect(user.activationPending).toBe(false);
		expect(user.status).toBe('Closed');
	});

	it('fills defaults for a sparse object', () => {
		expect(simplifyUser({ userId: 'u1' }, 'acc-2')).toEqual({
			id: 'u1',
			userName: '',
			firstName: '',
			middleName: '',
			suffixName: '',
			lastName: '',
			email: '',
			status: '',
			enabled: false,
			permissionProfile: null,
			groups: [],
			isAdmin: false,
			company: '',
			jobTitle: '',
			createdAt: null,
			lastLoginAt: null,
			accountId: 'acc-2',
			activationPending: false,
		});
	});
});
