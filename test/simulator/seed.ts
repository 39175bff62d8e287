/**
 * Deterministic seed: the same accounts, IDs, users and memberships on every run (IDs are hashes of labels).
 * Well-known values are exported so tests can name them.
 */
import { seededGuid } from './ids';
import { ADMIN_PROFILE_NAME, AccountStore, SimStore } from './state';
import type { SeedOptions, SimGroup, SimProfile, SimUser, UserStatus } from './types';

const BASE_TIME = Date.UTC(2024, 2, 1, 9, 15, 0); // 2024-03-01T09:15:00Z
const DAY = 86_400_000;
const EMAIL_DOMAIN = 'acme.example';

export const ACCOUNT_NAMES = ['Acme Corporation', 'Acme Sandbox'];
export const DEFAULT_ACCOUNT_ID = accountIdAt(0);
export const SANDBOX_ACCOUNT_ID = accountIdAt(1);

export const PROFILE_NAMES = {
	admin: ADMIN_PROFILE_NAME,
	sender: 'DocuSign Sender',
	viewer: 'DocuSign Viewer',
	hrSender: 'HR Sender',
	legalReviewer: 'Legal Reviewer',
} as const;
type ProfileKey = keyof typeof PROFILE_NAMES;

export const CUSTOM_GROUP_NAMES = [
	'Sales',
	'Engineering',
	'Human Resources',
	'Legal',
	'Finance',
	'Marketing',
] as const;
export const BUILT_IN_GROUP_NAMES = {
	everyone: 'Everyone',
	administrators: 'Administrators',
} as const;

/** Numeric-string profile IDs as DocuSign uses them, different per account (order follows PROFILE_NAMES). */
export function profileIdsFor(accountIndex: number): Record<ProfileKey, string> {
	const ids =
		accountIndex === 0
			? [1665536, 1665537, 1665538, 10325926, 10325927]
			: accountIndex === 1
				? [2301414, 2301415, 2301416, 11834701, 11834702]
				: [0, 1, 2, 3, 4].map((i) => 30_000_000 + accountIndex * 1000 + i);
	const [admin, sender, viewer, hrSender, legalReviewer] = ids.map(String);
	return { admin, sender, viewer, hrSender, legalReviewer };
}

/** Group IDs: Everyone, Administrators, then the custom groups in CUSTOM_GROUP_NAMES order. */
export function groupIdsFor(accountIndex: number): string[] {
	const base =
		accountIndex === 0
			? 8_427_750
			: accountIndex === 1
				? 9_516_340
				: 40_000_000 + accountIndex * 1000;
	return Array.from({ length: 2 + CUSTOM_GROUP_NAMES.length }, (_, i) => String(base + i));
}

interface SeedUserSpec {
	key: string;
	firstName: string;
	lastName: string;
	email?: string;
	status: UserStatus;
	profile: ProfileKey;
	groups: string[];
	jobTitle: string;
	/** For Closed users: whether they had been Active before closing (decides what a reopen gives). */
	everActive?: boolean;
}

/** A well-known user of the default account. */
export interface KnownUser {
	userId: string;
	userName: string;
	email: string;
}

const known = (key: string, firstName: string, lastName: string, email?: string): KnownUser => ({
	userId: userIdFor(0, key),
	userName: `${firstName} ${lastName}`,
	email: email ?? emailFor(firstName, lastName),
});

/** The user behind every token (/oauth/userinfo): an administrator of every account, same userId everywhere. */
export const ADA: KnownUser = {
	userId: seededGuid('user:ada'),
	userName: 'Ada Admin',
	email: `ada.admin@${EMAIL_DOMAIN}`,
};

export const SEED_USERS = {
	ada: ADA,
	/** Active administrators besides Ada. */
	adminAlan: known('alan', 'Alan', 'Turner'),
	adminBarbara: known('barbara', 'Barbara', 'Lang'),
	/** A Closed administrator (was Active). */
	closedAdmin: known('oscar', 'Oscar', 'Olsen'),
	/** Active DocuSign Sender in Sales and Engineering. */
	activeSalesEngineer: known('sofia', 'Sofia', 'Martinez'),
	/** Closed, was Active (reopen -> Active), still in Marketing. */
	closed: known('chris', 'Chris', 'Walker'),
	/** Closed before ever activating (reopen -> ActivationSent), in Legal. */
	closedNeverActive: known('nina', 'Nina', 'Patel'),
	/** ActivationSent (pending), HR Sender in Human Resources. */
	pending: known('priya', 'Priya', 'Shah'),
	activationRequired: known('ravi', 'Ravi', 'Kumar'),
	disabled: known('daniel', 'Daniel', 'Doyle'),
	/** Active Legal Reviewer in Legal. */
	legalReviewer: known('liam', 'Liam', 'Brennan'),
	/** Same email twice: an old Closed membership and a newer Active one (a rehire). */
	rehiredOldClosed: known('eve-old', 'Eve', 'Johnson'),
	rehiredActive: known('eve', 'Eve', 'Johnson'),
} as const;

const NAMED_USERS: SeedUserSpec[] = [
	{
		key: 'alan',
		firstName: 'Alan',
		lastName: 'Turner',
		status: 'Active',
		profile: 'admin',
		groups: ['Engineering'],
		jobTitle: 'IT Manager',
	},
	{
		key: 'barbara',
		firstName: 'Barbara',
		lastName: 'Lang',
		status: 'Active',
		profile: 'admin',
		groups: ['Finance'],
		jobTitle: 'Controller',
	},
	{
		key: 'oscar',
		firstName: 'Oscar',
		lastName: 'Olsen',
		status: 'Closed',
		everActive: true,
		profile: 'admin',
		groups: [],
		jobTitle: 'Former IT Lead',
	},
	{
		key: 'sofia',
		firstName: 'Sofia',
		lastName: 'Martinez',
		status: 'Active',
		profile: 'sender',
		groups: ['Sales', 'Engineering'],
		jobTitle: 'Sales Engineer',
	},
	{
		key: 'chris',
		firstName: 'Chris',
		lastName: 'Walker',
		status: 'Closed',
		everActive: true,
		profile: 'sender',
		groups: ['Marketing'],
		jobTitle: 'Marketing Manager',
	},
	{
		key: 'nina',
		firstName: 'Nina',
		lastName: 'Patel',
		status: 'Closed',
		everActive: false,
		profile: 'legalReviewer',
		groups: ['Legal'],
		jobTitle: 'Paralegal',
	},
	{
		key: 'priya',
		firstName: 'Priya',
		lastName: 'Shah',
		status: 'ActivationSent',
		profile: 'hrSender',
		groups: ['Human Resources'],
		jobTitle: 'HR Business Partner',
	},
	{
		key: 'ravi',
		firstName: 'Ravi',
		lastName: 'Kumar',
		status: 'ActivationRequired',
		profile: 'sender',
		groups: ['Finance'],
		jobTitle: 'Financial Analyst',
	},
	{
		key: 'daniel',
		firstName: 'Daniel',
		lastName: 'Doyle',
		status: 'Disabled',
		everActive: true,
		profile: 'viewer',
		groups: [],
		jobTitle: 'Contractor',
	},
	{
		key: 'liam',
		firstName: 'Liam',
		lastName: 'Brennan',
		status: 'Active',
		profile: 'legalReviewer',
		groups: ['Legal'],
		jobTitle: 'Counsel',
	},
	{
		key: 'eve-old',
		firstName: 'Eve',
		lastName: 'Johnson',
		status: 'Closed',
		everActive: true,
		profile: 'sender',
		groups: ['Sales'],
		jobTitle: 'Account Executive',
	},
];
const REHIRE: SeedUserSpec = {
	key: 'eve',
	firstName: 'Eve',
	lastName: 'Johnson',
	status: 'Active',
	profile: 'sender',
	groups: ['Sales'],
	jobTitle: 'Senior Account Executive',
};

const FIRST_NAMES = [
	'Olivia',
	'Noah',
	'Emma',
	'Liam',
	'Amelia',
	'Oliver',
	'Mia',
	'Elijah',
	'Harper',
	'James',
	'Evelyn',
	'William',
	'Abigail',
	'Benjamin',
	'Emily',
	'Lucas',
	'Ella',
	'Henry',
	'Avery',
	'Theodore',
	'Scarlett',
	'Jack',
	'Grace',
	'Levi',
	'Chloe',
	'Alexander',
	'Victoria',
	'Jackson',
	'Riley',
	'Mateo',
	'Aria',
	'Samuel',
	'Lily',
	'Sebastian',
	'Zoey',
	'David',
	'Hannah',
	'Joseph',
	'Nora',
	'Owen',
	'Layla',
	'Wyatt',
	'Zara',
	'Julian',
	'Ines',
	'Kenji',
	'Fatima',
	'Marco',
];
const LAST_NAMES = [
	'Smith',
	'Garcia',
	'Chen',
	'Nguyen',
	'Kowalski',
	'Okafor',
	'Rossi',
	'Schmidt',
	'Dubois',
	'Silva',
	'Tanaka',
	'Hughes',
	'Murphy',
	'Larsen',
	'Haddad',
	'Novak',
	'Fischer',
	'Lopez',
	'Khan',
	'Andersson',
	'Moreau',
	'Costa',
	'Yamamoto',
	'Reyes',
	'Bauer',
	'Ivanova',
	'Mensah',
	'Park',
	'Sato',
	'Quinn',
	'Ortiz',
	'Weber',
	'Byrne',
	'Jensen',
	'Kim',
	'Ali',
	'Castro',
	'Horvat',
	'Lindqvist',
	'Mbeki',
	'Nakamura',
	'Petrov',
	'Ramos',
	'Stein',
	'Toth',
	'Varga',
	'Wolf',
	'Young',
];
const JOB_TITLES: Record<string, string> = {
	Sales: 'Account Executive',
	Engineering: 'Software Engineer',
	'Human Resources': 'HR Specialist',
	Legal: 'Counsel',
	Finance: 'Financial Analyst',
	Marketing: 'Marketing Specialist',
};

/** 46 generated colleagues: mostly Active, some pending, one Closed; spread over the custom groups. */
function generatedUsers(count: number): SeedUserSpec[] {
	const pendingAt = new Set([5, 13, 21, 29]);
	const activationRequiredAt = new Set([17, 37]);
	const closedAt = new Set([25]);
	return Array.from({ length: count }, (_, i) => {
		const department = CUSTOM_GROUP_NAMES[i % CUSTOM_GROUP_NAMES.length];
		const groups =
			i % 11 === 3
				? []
				: i % 5 === 0
					? [department, CUSTOM_GROUP_NAMES[(i + 2) % CUSTOM_GROUP_NAMES.length]]
					: [department];
		const profile: ProfileKey =
			i % 9 === 0
				? 'viewer'
				: department === 'Human Resources'
					? 'hrSender'
					: department === 'Legal'
						? 'legalReviewer'
						: 'sender';
		const status: UserStatus = pendingAt.has(i)
			? 'ActivationSent'
			: activationRequiredAt.has(i)
				? 'ActivationRequired'
				: closedAt.has(i)
					? 'Closed'
					: 'Active';
		return {
			key: `gen-${i}`,
			firstName: FIRST_NAMES[i % FIRST_NAMES.length],
			lastName: LAST_NAMES[(i * 7 + 3) % LAST_NAMES.length],
			status,
			everActive: status === 'Closed',
			profile,
			groups,
			jobTitle: JOB_TITLES[department],
		};
	});
}

/** A few colleagues in the smaller accounts. */
function smallAccountUsers(): SeedUserSpec[] {
	return [
		{
			key: 'sb-1',
			firstName: 'Tom',
			lastName: 'Becker',
			status: 'Active',
			profile: 'sender',
			groups: ['Sales'],
			jobTitle: 'Account Executive',
		},
		{
			key: 'sb-2',
			firstName: 'Maya',
			lastName: 'Cohen',
			status: 'Active',
			profile: 'admin',
			groups: [],
			jobTitle: 'Sandbox Admin',
		},
		{
			key: 'sb-3',
			firstName: 'Luis',
			lastName: 'Fernandez',
			status: 'Active',
			profile: 'viewer',
			groups: ['Legal'],
			jobTitle: 'Counsel',
		},
		{
			key: 'sb-4',
			firstName: 'Anna',
			lastName: 'Kovacs',
			status: 'ActivationSent',
			profile: 'sender',
			groups: ['Engineering'],
			jobTitle: 'QA Engineer',
		},
		{
			key: 'sb-5',
			firstName: 'Peter',
			lastName: 'Holm',
			status: 'Closed',
			everActive: true,
			profile: 'sender',
			groups: ['Finance'],
			jobTitle: 'Analyst',
		},
		{
			key: 'sb-6',
			firstName: 'Sara',
			lastName: 'Lindgren',
			status: 'Active',
			profile: 'hrSender',
			groups: ['Human Resources'],
			jobTitle: 'Recruiter',
		},
		{
			key: 'sb-7',
			firstName: 'Omar',
			lastName: 'Aziz',
			status: 'Active',
			profile: 'sender',
			groups: ['Marketing', 'Sales'],
			jobTitle: 'Growth Lead',
		},
	];
}

function accountIdAt(index: number): string {
	return seededGuid(`account:${index}`);
}

function userIdFor(accountIndex: number, key: string): string {
	return seededGuid(`account:${accountIndex}:user:${key}`);
}

function emailFor(firstName: string, lastName: string, suffix = ''): string {
	return `${firstName}.${lastName}${suffix}@${EMAIL_DOMAIN}`.toLowerCase();
}

function accountNameAt(index: number): string {
	return ACCOUNT_NAMES[index] ?? `Acme Subsidiary ${index}`;
}

const SETTINGS: Record<ProfileKey, Record<string, string>> = {
	admin: {
		allowAccountManagement: 'true',
		allowEnvelopeSending: 'true',
		allowedTemplateAccess: 'share',
		powerFormRole: 'admin',
		allowedAddressBookAccess: 'personalAndShared',
		allowBulkSending: 'true',
		allowApiAccess: 'true',
	},
	sender: {
		allowAccountManagement: 'false',
		allowEnvelopeSending: 'true',
		allowedTemplateAccess: 'create',
		powerFormRole: 'user',
		allowedAddressBookAccess: 'usePersonalAndShared',
		allowBulkSending: 'false',
		allowApiAccess: 'true',
	},
	viewer: {
		allowAccountManagement: 'false',
		allowEnvelopeSending: 'false',
		allowedTemplateAccess: 'none',
		powerFormRole: 'none',
		allowedAddressBookAccess: 'personal',
		allowBulkSending: 'false',
		allowApiAccess: 'false',
	},
	hrSender: {
		allowAccountManagement: 'false',
		allowEnvelopeSending: 'true',
		allowedTemplateAccess: 'share',
		powerFormRole: 'user',
		allowedAddressBookAccess: 'usePersonalAndShared',
		allowBulkSending: 'true',
		allowApiAccess: 'true',
	},
	legalReviewer: {
		allowAccountManagement: 'false',
		allowEnvelopeSending: 'true',
		allowedTemplateAccess: 'use',
		powerFormRole: 'none',
		allowedAddressBookAccess: 'useShared',
		allowBulkSending: 'false',
		allowApiAccess: 'true',
	},
};

function seedProfiles(accountIndex: number): SimProfile[] {
	const ids = profileIdsFor(accountIndex);
	return (Object.keys(PROFILE_NAMES) as ProfileKey[]).map((key) => {
		const builtIn = key === 'admin' || key === 'sender' || key === 'viewer';
		return {
			permissionProfileId: ids[key],
			permissionProfileName: PROFILE_NAMES[key],
			grantsAdmin: key === 'admin',
			modifiedAt: builtIn
				? Date.UTC(2018, 2, 26, 3, 54, 40, 447)
				: Date.UTC(2024, 1, 10, 14, 30, 0),
			modifiedByUsername: builtIn ? '' : ADA.userName,
			settings: SETTINGS[key],
		};
	});
}

function seedGroups(accountIndex: number, profiles: Record<ProfileKey, string>): SimGroup[] {
	const ids = groupIdsFor(accountIndex);
	const builtIn: SimGroup[] = [
		{
			groupId: ids[0],
			groupName: BUILT_IN_GROUP_NAMES.everyone,
			groupType: 'EveryoneGroup',
			permissionProfileId: profiles.sender,
		},
		{
			groupId: ids[1],
			groupName: BUILT_IN_GROUP_NAMES.administrators,
			groupType: 'AdminGroup',
			permissionProfileId: profiles.admin,
		},
	];
	const custom = CUSTOM_GROUP_NAMES.map(
		(groupName, i): SimGroup => ({
			groupId: ids[2 + i],
			groupName,
			groupType: 'CustomGroup',
			permissionProfileId: profiles.sender,
		}),
	);
	return [...builtIn, ...custom];
}

/** Per-account lookups, computed once (seeding 10,000 users stays cheap). */
interface SeedContext {
	accountIndex: number;
	profileIds: Record<ProfileKey, string>;
	groupIdByName: Map<string, string>;
	company: string;
}

function buildUser(seed: SeedContext, spec: SeedUserSpec, order: number, userId?: string): SimUser {
	const { accountIndex, profileIds } = seed;
	const createdAt = BASE_TIME + order * DAY + (order % 7) * 3_600_000;
	const everActive =
		spec.status === 'Active' ||
		spec.status === 'Disabled' ||
		(spec.status === 'Closed' && spec.everActive === true);
	const groupIds = new Set(spec.groups.map((name) => seed.groupIdByName.get(name) as string));
	return {
		userId: userId ?? userIdFor(accountIndex, spec.key),
		membershipId: seededGuid(`account:${accountIndex}:membership:${spec.key}`),
		userName: `${spec.firstName} ${spec.lastName}`,
		email: spec.email ?? emailFor(spec.firstName, spec.lastName),
		firstName: spec.firstName,
		middleName: '',
		lastName: spec.lastName,
		suffixName: '',
		title: '',
		company: seed.company,
		jobTitle: spec.jobTitle,
		status: spec.status,
		permissionProfileId: profileIds[spec.profile],
		groupIds,
		createdAt,
		addedToAccountAt: createdAt,
		lastLoginAt: everActive ? createdAt + 30 * DAY + order * 3_600_000 : undefined,
		everActive,
	};
}

function seedAccount(accountIndex: number, baseUri: string, extraUsers: number): AccountStore {
	const profiles = seedProfiles(accountIndex);
	const account = new AccountStore(
		{
			accountId: accountIdAt(accountIndex),
			accountName: accountNameAt(accountIndex),
			isDefault: accountIndex === 0,
			baseUri,
		},
		profiles,
		seedGroups(accountIndex, profileIdsFor(accountIndex)),
	);
	const ada: SeedUserSpec = {
		key: 'ada',
		firstName: 'Ada',
		lastName: 'Admin',
		status: 'Active',
		profile: 'admin',
		groups: [],
		jobTitle: 'IT Director',
	};
	const seed: SeedContext = {
		accountIndex,
		profileIds: profileIdsFor(accountIndex),
		groupIdByName: new Map(account.groups.map((group) => [group.groupName, group.groupId])),
		company: account.info.accountName,
	};
	let order = 0;
	account.insertUser(buildUser(seed, ada, order++, ADA.userId));
	const specs =
		accountIndex === 0 ? [...NAMED_USERS, ...generatedUsers(46), REHIRE] : smallAccountUsers();
	for (const spec of specs) account.insertUser(buildUser(seed, spec, order++));
	for (let i = 0; i < extraUsers; i++)
		account.insertUser(buildUser(seed, extraUserSpec(i), order++));
	return account;
}

/** Bench users: unique emails with a numeric suffix, Active, spread over the custom groups. */
function extraUserSpec(i: number): SeedUserSpec {
	const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
	const lastName = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
	const department = CUSTOM_GROUP_NAMES[i % CUSTOM_GROUP_NAMES.length];
	return {
		key: `extra-${i}`,
		firstName,
		lastName,
		email: emailFor(firstName, lastName, `.${String(i + 1).padStart(5, '0')}`),
		status: 'Active',
		profile: 'sender',
		groups: [department],
		jobTitle: JOB_TITLES[department],
	};
}

export function seedStore(options: SeedOptions, baseUri: string): SimStore {
	const accountCount = Math.max(1, options.accounts ?? 2);
	const accounts = Array.from({ length: accountCount }, (_, i) =>
		seedAccount(i, baseUri, i === 0 ? Math.max(0, options.extraUsers ?? 0) : 0),
	);
	return new SimStore(accounts, {
		organizationId: ORGANIZATION_ID,
		siteId: 1,
		claimedDomains: [EMAIL_DOMAIN],
		listedInUserInfo: true,
	});
}

/** The organization of every seeded account; it has claimed the seed's e-mail domain. */
export const ORGANIZATION_ID = seededGuid('organization:acme');
export const CLAIMED_DOMAIN = EMAIL_DOMAIN;
