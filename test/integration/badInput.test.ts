/**
 * A catalogue of bad inputs, run through the built node in n8n's engine against the simulator.
 * Every case must fail with an error that names the parameter and the item, whose description
 * says how to fix it, and that sent no write request to DocuSign.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { seedData } from '../simulator';
import { byUser, callLine, credentialFor, rl, runNode, useSimulator, writesOf } from '../support';

const { SEED_USERS, groupIdsFor, profileIdsFor } = seedData;

let sim!: Simulator;
useSimulator((s) => (sim = s));

const writes = () => writesOf(sim);

const long = (n: number, letter = 'a') => letter.repeat(n);
const NO_SUCH_GUID = '11111111-2222-4333-8444-555555555555';
const NO_SUCH_ACCOUNT = '00000000-0000-4000-8000-000000000000';
const ADMIN_GROUP_ID = groupIdsFor(0)[1];
const sofia = SEED_USERS.activeSalesEngineer;

const create = (p: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'create',
	email: 'new.hire@acme.example',
	firstName: 'New',
	lastName: 'Hire',
	...p,
});
const upsert = (p: IDataObject = {}): IDataObject => ({ ...create(p), operation: 'upsert' });
const update = (user: string | IDataObject, p: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'update',
	user: typeof user === 'string' ? rl('id', user) : user,
	groupMode: 'keep',
	...p,
});
const addUsers = (group: IDataObject, user: IDataObject = rl('id', sofia.userId)): IDataObject => ({
	resource: 'group',
	operation: 'addUsers',
	group,
	user,
});

interface BadCase {
	name: string;
	parameters: IDataObject;
	items?: IDataObject[];
	/** Credential overrides. */
	credential?: () => IDataObject;
	/** The parameter the message must name (as the user sees it in the node or the credential). */
	param: string;
	/** A specific fragment of the message; `[item N]` is checked separately. */
	message: string;
	/** A fragment of the description: how to fix it. */
	hint: string;
	/** The item that must be named; default 0. */
	item?: number;
	/** A failure of the whole account: the message names no item (issue 23). */
	accountWide?: true;
}

const CASES: BadCase[] = [
	// Emails
	{
		name: 'Create: malformed email',
		parameters: create({ email: 'not-an-email' }),
		param: 'Email',
		message: 'The parameter "Email" is not a valid email address: "not-an-email"',
		hint: 'name@example.com',
	},
	{
		name: 'Create: email without a dot in the domain',
		parameters: create({ email: 'ann@acme' }),
		param: 'Email',
		message: 'is not a valid email address: "ann@acme"',
		hint: 'name@example.com',
	},
	{
		name: 'Create: empty email (expression)',
		parameters: create({ email: '={{ $json.email }}' }),
		items: [{ email: '' }],
		param: 'Email',
		message: 'The parameter "Email" is empty',
		hint: 'Give the email address of the user',
	},
	{
		name: 'Create: whitespace-only email',
		parameters: create({ email: '   ' }),
		param: 'Email',
		message: 'The parameter "Email" is empty',
		hint: 'Give the email address of the user',
	},
	{
		name: 'Create: email with a space',
		parameters: create({ email: 'ann smith@acme.example' }),
		param: 'Email',
		message: 'contains spaces: "ann smith@acme.example"',
		hint: 'Remove the spaces',
	},
	{
		name: 'Create: unicode email',
		parameters: create({ email: 'jürgen@acme.example' }),
		param: 'Email',
		message: 'contains non-ASCII characters: "jürgen@acme.example"',
		hint: 'punycode',
	},
	{
		name: 'Create: email over 100 characters',
		parameters: create({ email: `${long(95)}@acme.example` }),
		param: 'Email',
		message: 'is not a valid email address',
		hint: 'name@example.com',
	},
	{
		name: 'Upsert: malformed email from an expression',
		parameters: upsert({ email: '={{ $json.mail }}' }),
		items: [{ mail: 'x@@acme.example' }],
		param: 'Email',
		message: 'is not a valid email address: "x@@acme.example"',
		hint: 'name@example.com',
	},
	// Names
	{
		name: 'Create: missing first name (expression)',
		parameters: create({ firstName: '={{ $json.first }}' }),
		items: [{ first: null }],
		param: 'First Name',
		message: 'The parameter "First Name" is empty',
		hint: 'DocuSign requires it',
	},
	{
		name: 'Create: missing last name',
		parameters: create({ lastName: '={{ $json.last }}' }),
		items: [{}],
		param: 'Last Name',
		message: 'The parameter "Last Name" is empty',
		hint: 'DocuSign requires it',
	},
	{
		name: 'Create: first name of 51 characters',
		parameters: create({ firstName: long(51) }),
		param: 'First Name',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'Shorten it to at most 50 characters',
	},
	{
		name: 'Create: last name of 60 characters',
		parameters: create({ lastName: long(60) }),
		param: 'Last Name',
		message: "is 60 characters long, over DocuSign's limit of 50",
		hint: 'Shorten it to at most 50 characters',
	},
	{
		name: 'Create: User Name of 51 characters',
		parameters: create({ additionalFields: { userName: long(51) } }),
		param: 'Additional Fields > User Name',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'at most 50 characters',
	},
	{
		name: 'Create: User Name made of First and Last Name is over 50 characters',
		parameters: create({ firstName: long(30), lastName: long(30, 'b') }),
		param: 'Additional Fields > User Name',
		message: `would be "${long(30)} ${long(30, 'b')}", over 50 characters`,
		hint: 'Give a shorter User Name',
	},
	{
		name: 'Create: Job Title of 51 characters',
		parameters: create({ additionalFields: { jobTitle: long(51) } }),
		param: 'Additional Fields > Job Title',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'at most 50 characters',
	},
	{
		name: 'Update: first name of 51 characters',
		parameters: update(sofia.userId, { updateFields: { firstName: long(51) } }),
		param: 'Update Fields > First Name',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'Shorten it to at most 50 characters',
	},
	{
		name: 'Update: emptied last name',
		parameters: update(sofia.userId, { updateFields: { lastName: ' ' } }),
		param: 'Update Fields > Last Name',
		message: 'is empty',
		hint: 'DocuSign requires it',
	},
	{
		name: 'Update: User Name of 51 characters',
		parameters: update(sofia.userId, { updateFields: { userName: long(51) } }),
		param: 'Update Fields > User Name',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'at most 50 characters',
	},
	{
		name: 'Update: Company of 51 characters',
		parameters: update(sofia.userId, { updateFields: { company: long(51) } }),
		param: 'Update Fields > Company',
		message: "is 51 characters long, over DocuSign's limit of 50",
		hint: 'at most 50 characters',
	},
	// Profiles and groups
	{
		name: 'Create: unknown profile name',
		parameters: create({ permissionProfile: 'Wizard' }),
		param: 'Permission Profile Name or ID',
		message: 'names no permission profile of this account: "Wizard"',
		hint: 'DocuSign Sender',
	},
	{
		name: 'Create: unknown profile ID',
		parameters: create({ permissionProfile: '99999999' }),
		param: 'Permission Profile Name or ID',
		message: 'names no permission profile of this account: "99999999"',
		hint: `DocuSign Sender (${profileIdsFor(0).sender})`,
	},
	{
		name: 'Update: unknown profile name',
		parameters: update(sofia.userId, { updateFields: { permissionProfile: 'Overlord' } }),
		param: 'Update Fields > Permission Profile Name or ID',
		message: '"Overlord"',
		hint: 'Use one of:',
	},
	{
		name: 'Create: unknown group name',
		parameters: create({ groups: ['Astronauts'] }),
		param: 'Group Names or IDs',
		message: 'names no group of this account: "Astronauts"',
		hint: 'Use one of: Sales',
	},
	{
		name: 'Create: unknown group ID',
		parameters: create({ groups: '={{ ["12345"] }}' }),
		param: 'Group Names or IDs',
		message: 'names no group of this account: "12345"',
		hint: 'Use one of: Sales',
	},
	{
		name: 'Create: Everyone in Groups',
		parameters: create({ groups: ['Sales', 'Everyone'] }),
		param: 'Group Names or IDs',
		message: 'is the built-in group "Everyone", whose members DocuSign manages itself',
		hint: 'Use a custom group',
	},
	{
		name: 'Create: Administrators (by ID) in Groups',
		parameters: create({ groups: [ADMIN_GROUP_ID] }),
		param: 'Group Names or IDs',
		message: 'is the built-in group "Administrators"',
		hint: 'Use a custom group',
	},
	{
		name: 'Update: Everyone in Groups (Add)',
		parameters: update(sofia.userId, { groupMode: 'add', groups: ['Everyone'] }),
		param: 'Group Names or IDs',
		message: 'is the built-in group "Everyone"',
		hint: 'Use a custom group',
	},
	{
		name: 'Update: Administrators in Groups (Replace)',
		parameters: update(sofia.userId, { groupMode: 'replace', groups: 'Legal, administrators' }),
		param: 'Group Names or IDs',
		message: 'is the built-in group "Administrators"',
		hint: 'Use a custom group',
	},
	{
		name: 'Update: unknown group (Remove)',
		parameters: update(sofia.userId, { groupMode: 'remove', groups: ['Astronauts'] }),
		param: 'Group Names or IDs',
		message: '"Astronauts"',
		hint: 'Use one of:',
	},
	{
		name: 'Group > Add Users: Everyone',
		parameters: addUsers(rl('name', 'Everyone')),
		param: 'Group',
		message: 'The parameter "Group" is the built-in group "Everyone"',
		hint: 'Use a custom group',
	},
	{
		name: 'Group > Add Users: Administrators by ID',
		parameters: addUsers(rl('id', ADMIN_GROUP_ID)),
		param: 'Group',
		message: 'is the built-in group "Administrators"',
		hint: 'Use a custom group',
	},
	{
		name: 'Group > Add Users: unknown group',
		parameters: addUsers(rl('name', 'Astronauts')),
		param: 'Group',
		message: 'names no group of this account: "Astronauts"',
		hint: 'Use one of: Sales',
	},
	{
		name: 'Group > Add Users: empty group (expression)',
		parameters: addUsers(rl('name', '={{ $json.group }}')),
		items: [{ group: '' }],
		param: 'Group',
		message: 'The parameter "Group" is empty',
		hint: 'Pick a group',
	},
	// User locators
	{
		name: 'Update: non-GUID user ID (expression)',
		parameters: update(rl('id', '={{ $json.id }}')),
		items: [{ id: '12345' }],
		param: 'User to Update',
		message: 'The parameter "User to Update" is not a DocuSign user ID: "12345"',
		hint: 'GUID',
	},
	{
		name: 'Suspend: non-GUID user ID from the list mode',
		parameters: byUser('suspend', rl('list', 'chris.walker')),
		param: 'User to Close',
		message: 'is not a DocuSign user ID: "chris.walker"',
		hint: 'By Email',
	},
	{
		name: 'Get: empty user locator (expression)',
		parameters: byUser('get', rl('list', '={{ $json.id }}')),
		items: [{ id: '' }],
		param: 'User to Get',
		message: 'The parameter "User to Get" is empty',
		hint: 'Pick a user from the list',
	},
	{
		name: 'Activate: empty user locator by email (expression)',
		parameters: byUser('activate', rl('email', '={{ $json.email }}')),
		items: [{}],
		param: 'User to Reactivate',
		message: 'The parameter "User to Reactivate" is empty',
		hint: 'email address',
	},
	{
		name: 'Update: user not found by ID',
		parameters: update(NO_SUCH_GUID, { updateFields: { jobTitle: 'x' } }),
		param: 'User to Update',
		message: `No DocuSign user has the ID "${NO_SUCH_GUID}" in this account`,
		hint: 'pick the user from the list',
	},
	{
		name: 'Suspend: user not found by email',
		parameters: byUser('suspend', rl('email', 'nobody@acme.example')),
		param: 'User to Close',
		message: 'No DocuSign user has the email "nobody@acme.example" in this account',
		hint: 'pick the user from the list',
	},
	{
		name: 'Group > Add Users: user not found',
		parameters: addUsers(rl('name', 'Sales'), rl('email', 'ghost@acme.example')),
		param: 'User to Add',
		message: 'No DocuSign user has the email "ghost@acme.example"',
		hint: 'pick the user from the list',
	},
	// States
	{
		name: 'Update: closed user',
		parameters: update(SEED_USERS.closed.userId, { updateFields: { jobTitle: 'Returner' } }),
		param: 'User to Update',
		message: `The user ${SEED_USERS.closed.email} (parameter "User to Update") is closed, so DocuSign ignores updates to it`,
		hint: 'Reactivate operation',
	},
	{
		name: 'Upsert: closed user without Reactivate Closed Users',
		parameters: upsert({ email: SEED_USERS.closed.email, firstName: 'Chris', lastName: 'Walker' }),
		param: 'Reactivate Closed Users',
		message: `The user ${SEED_USERS.closed.email} (ID ${SEED_USERS.closed.userId}) is closed`,
		hint: 'Turn on the option Reactivate Closed Users',
	},
	{
		name: 'Activate: Disabled user',
		parameters: byUser('activate', rl('id', SEED_USERS.disabled.userId)),
		param: 'User to Reactivate',
		message: `The user ${SEED_USERS.disabled.email} (parameter "User to Reactivate") is Disabled, which DocuSign does not let the API reopen`,
		hint: 'eSignature Admin',
	},
	// Batches
	{
		name: 'Create: the same email twice in one batch (other case)',
		parameters: create({ email: '={{ $json.email }}' }),
		items: [{ email: 'twin@acme.example' }, { email: 'TWIN@acme.example' }],
		param: 'Email',
		message: 'The parameter "Email" "TWIN@acme.example" is the same as in item 0',
		hint: 'Each user may appear once per run',
		item: 1,
	},
	{
		name: 'Upsert: the same email twice in one batch',
		parameters: upsert({ email: '={{ $json.email }}' }),
		items: [{ email: sofia.email }, { email: sofia.email }],
		param: 'Email',
		message: 'is the same as in item 0',
		hint: 'Each user may appear once per run',
		item: 1,
	},
	{
		name: 'Create: Batch Size 0',
		parameters: create({ requestSettings: { batchSize: 0 } }),
		param: 'Request Settings > Batch Size',
		message: 'The parameter "Request Settings > Batch Size" is 0, outside 1 to 500',
		hint: 'pick a whole number from 1 to 500',
	},
	{
		name: 'Suspend: Batch Size 501',
		parameters: byUser('suspend', rl('id', sofia.userId), { requestSettings: { batchSize: 501 } }),
		param: 'Request Settings > Batch Size',
		message: 'is 501, outside 1 to 500',
		hint: 'at most 500 users per request',
	},
	{
		name: 'Update: Batch Size 2.5',
		parameters: update(sofia.userId, {
			updateFields: { jobTitle: 'x' },
			requestSettings: { batchSize: 2.5 },
		}),
		param: 'Request Settings > Batch Size',
		message: 'is 2.5, outside 1 to 500',
		hint: 'whole number',
	},
	// Expressions that resolve to lists or objects
	{
		name: 'Create: email expression gives a list',
		parameters: create({ email: '={{ $json.list }}' }),
		items: [{ list: ['a@acme.example', 'b@acme.example'] }],
		param: 'Email',
		message: 'The parameter "Email" is a list, not text',
		hint: 'single text value',
	},
	{
		name: 'Create: first name expression gives an object',
		parameters: create({ firstName: '={{ $json.name }}' }),
		items: [{ name: { first: 'Ann' } }],
		param: 'First Name',
		message: 'The parameter "First Name" is an object, not text',
		hint: 'single text value',
	},
	{
		name: 'Update: job title expression gives a list',
		parameters: update(sofia.userId, { updateFields: { jobTitle: '={{ $json.titles }}' } }),
		items: [{ titles: ['Lead', 'Dev'] }],
		param: 'Update Fields > Job Title',
		message: 'is a list, not text',
		hint: 'single text value',
	},
	{
		name: 'Create: profile expression gives an object',
		parameters: create({ permissionProfile: '={{ $json.role }}' }),
		items: [{ role: { name: 'HR Sender' } }],
		param: 'Permission Profile Name or ID',
		message: 'is an object, not text',
		hint: 'single text value',
	},
	{
		name: 'Create: groups expression gives a list of objects',
		parameters: create({ groups: '={{ $json.groups }}' }),
		items: [{ groups: [{ name: 'Sales' }] }],
		param: 'Group Names or IDs',
		message: 'contains an object',
		hint: 'Give group names or IDs as text',
	},
	{
		// A group named by an object is no group: it must not read as one "already gone".
		name: 'Group > Delete: group expression gives an object',
		parameters: { resource: 'group', operation: 'delete', group: rl('id', '={{ $json.group }}') },
		items: [{ group: { name: 'Sales' } }],
		param: 'Group',
		message: 'The parameter "Group" is an object, not text',
		hint: 'single text value',
	},
	{
		name: 'Get: user locator expression gives an object',
		parameters: byUser('get', rl('email', '={{ $json.user }}')),
		items: [{ user: { email: sofia.email } }],
		param: 'User to Get',
		message: 'is an object, not text',
		hint: 'single text value',
	},
	{
		// Listing everyone instead would hand a dormant-user clean-up the whole account.
		name: 'Get Many: Group Names or IDs filter expression gives a list of objects',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { groups: '={{ $json.groups }}' },
		},
		items: [{ groups: [{ name: 'Sales' }] }],
		param: 'Filters > Group Names or IDs',
		message: 'The parameter "Filters > Group Names or IDs" contains an object',
		hint: 'Give group names or IDs as text',
	},
	{
		name: 'Get Many: Email filter expression gives a list',
		parameters: { resource: 'user', operation: 'getAll', filters: { email: '={{ $json.list }}' } },
		items: [{ list: [sofia.email] }],
		param: 'Filters > Email',
		message: 'is a list, not text',
		hint: 'single text value',
	},
	{
		name: 'Get Many: User Name Contains expression gives an object',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { userNameContains: '={{ $json.name }}' },
		},
		items: [{ name: { last: 'Smith' } }],
		param: 'Filters > User Name Contains',
		message: 'is an object, not text',
		hint: 'single text value',
	},
	{
		name: 'Group Get Many: Name Contains expression gives a list',
		parameters: {
			resource: 'group',
			operation: 'getAll',
			filters: { search: '={{ $json.list }}' },
		},
		items: [{ list: ['Sales'] }],
		param: 'Filters > Name Contains',
		message: 'is a list, not text',
		hint: 'single text value',
	},
	// Filters and options
	{
		name: 'Get Many: Created Before is not a date',
		parameters: { resource: 'user', operation: 'getAll', filters: { createdBefore: 'soon' } },
		param: 'Filters > Created Before',
		message: 'The parameter "Filters > Created Before" is not a date: "soon"',
		hint: 'ISO date such as 2026-09-01',
	},
	{
		name: 'Get Many: Never Logged In is neither true nor false',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { neverLoggedIn: '={{ $json.never }}' },
		},
		items: [{ never: 'yes' }],
		param: 'Filters > Never Logged In',
		message: 'The parameter "Filters > Never Logged In" is "yes", not true or false',
		hint: 'Make the expression return true or false',
	},
	{
		name: 'Get Many: Sort "newest" (not one of its values)',
		parameters: { resource: 'user', operation: 'getAll', sort: '={{ "newest" }}' },
		param: 'Sort',
		message: 'The parameter "Sort" is "newest", not one of its values',
		hint: '"none", "lastLogin", "created", "name"',
	},
	// A list holding something other than text: the hint speaks of this parameter's own values.
	{
		name: 'Get Many: a Status list holding an object',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { status: '={{ [{ status: "Active" }] }}' },
		},
		param: 'Filters > Status',
		message: 'The parameter "Filters > Status" contains an object',
		hint: 'Give user statuses as text: a list like ["Active", "Closed"] or "Active, Closed". Valid values: ActivationRequired, ActivationSent, Active, Closed, Disabled',
	},
	{
		name: 'Notify Delete: a Recipients list holding an object',
		parameters: byUser('notifyDelete', rl('id', SEED_USERS.legalReviewer.userId), {
			options: { recipients: '={{ [{ email: "dpo@acme.example" }] }}' },
		}),
		param: 'Options > Recipients',
		message: 'contains an object',
		hint: 'Give email addresses as text: a list like ["dpo@acme.example", "it@acme.example"]',
	},
	{
		name: 'Sync Roster: a Never Touch list holding a list',
		parameters: {
			resource: 'user',
			operation: 'syncRoster',
			email: '={{ $json.email }}',
			firstName: 'A',
			lastName: 'B',
			outOfRoster: 'report',
			options: { neverTouch: '={{ [["ceo@acme.example"]] }}' },
		},
		items: [{ email: 'a@acme.example' }],
		param: 'Options > Never Touch',
		message: 'contains a list',
		hint: 'Give email addresses as text',
	},
	{
		name: 'Get Many: Email Contains together with Email',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { email: sofia.email, emailContains: 'acme' },
		},
		param: 'Filters > Email Contains',
		message: 'The parameter "Filters > Email Contains" cannot be combined with Email',
		hint: 'remove one',
	},
	{
		name: 'Notify Delete: bad recipient email',
		parameters: byUser('notifyDelete', rl('id', SEED_USERS.legalReviewer.userId), {
			options: { recipients: 'dpo@acme.example, it-admins@acme' },
		}),
		param: 'Options > Recipients',
		message: 'The parameter "Options > Recipients" is not a valid email address: "it-admins@acme"',
		hint: 'name@example.com',
	},
	{
		name: 'Notify Delete: recipient with a space',
		parameters: byUser('notifyDelete', rl('id', SEED_USERS.legalReviewer.userId), {
			options: { recipients: 'it admins@acme.example' },
		}),
		param: 'Options > Recipients',
		message: 'contains spaces',
		hint: 'Remove the spaces',
	},
	// Run-time ranges and types (the editor's minValue does not bind expressions)
	{
		name: 'Create: Timeout 0',
		parameters: create({ requestSettings: { timeoutSeconds: 0 } }),
		param: 'Request Settings > Timeout (Seconds)',
		message: 'is 0, outside 1 to 600',
		hint: 'Pick a number from 1 to 600',
	},
	{
		name: 'Suspend: Timeout as text',
		parameters: byUser('suspend', rl('id', sofia.userId), {
			requestSettings: { timeoutSeconds: '={{ "soon" }}' },
		}),
		param: 'Request Settings > Timeout (Seconds)',
		message: 'is "soon", not a number',
		hint: 'Give a number from 1 to 600',
	},
	{
		name: 'Update: Max Rate-Limit Wait as text',
		parameters: update(sofia.userId, {
			updateFields: { jobTitle: 'x' },
			requestSettings: { maxWaitSeconds: '={{ "forever" }}' },
		}),
		param: 'Request Settings > Max Rate-Limit Wait (Seconds)',
		message: 'is "forever", not a number',
		hint: 'from 0 to 3600',
	},
	{
		name: 'Get Many: Limit 0',
		parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 0 },
		param: 'Limit',
		message: 'The parameter "Limit" is 0, outside 1 to',
		hint: 'whole number',
	},
	{
		name: 'Get Many: Limit -5',
		parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: -5 },
		param: 'Limit',
		message: 'is -5, outside 1 to',
		hint: 'whole number',
	},
	{
		name: 'Group > Get Many: Limit 2.5',
		parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: 2.5 },
		param: 'Limit',
		message: 'is 2.5, outside 1 to',
		hint: 'whole number',
	},
	{
		name: 'Permission Profile > Get Many: Limit "abc"',
		parameters: {
			resource: 'permissionProfile',
			operation: 'getAll',
			returnAll: false,
			limit: '={{ "abc" }}',
		},
		param: 'Limit',
		message: 'is "abc", not a number',
		hint: 'whole number',
	},
	{
		name: 'Group > Get Members: Return All "yes"',
		parameters: {
			resource: 'group',
			operation: 'getMembers',
			group: rl('name', 'Sales'),
			returnAll: '={{ "yes" }}',
		},
		param: 'Return All',
		message: 'is "yes", not true or false',
		hint: 'true or false',
	},
	// Booleans and option values from expressions
	{
		name: 'Get: Simplify "no"',
		parameters: byUser('get', rl('id', sofia.userId), { simplify: '={{ "no" }}' }),
		param: 'Simplify',
		message: 'The parameter "Simplify" is "no", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Permission Profile > Get Many: Count Closed Users "yes"',
		parameters: {
			resource: 'permissionProfile',
			operation: 'getAll',
			countClosedUsers: '={{ "yes" }}',
		},
		param: 'Count Closed Users',
		message: 'is "yes", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Suspend: Dry Run "maybe"',
		parameters: byUser('suspend', rl('id', sofia.userId), {
			options: { dryRun: '={{ "maybe" }}' },
		}),
		param: 'Options > Dry Run',
		message: 'is "maybe", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Suspend: Dry Run 1',
		parameters: byUser('suspend', rl('id', sofia.userId), { options: { dryRun: '={{ 1 }}' } }),
		param: 'Options > Dry Run',
		message: 'is number, not true or false',
		hint: 'true or false',
	},
	{
		name: 'Suspend: Remove From Groups "no"',
		parameters: byUser('suspend', rl('id', sofia.userId), {
			options: { removeFromGroups: '={{ "no" }}' },
		}),
		param: 'Options > Remove From Groups',
		message: 'is "no", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Notify Delete: Close User First "off"',
		parameters: byUser('notifyDelete', rl('id', sofia.userId), {
			options: { suspendFirst: '={{ "off" }}' },
		}),
		param: 'Options > Close User First',
		message: 'is "off", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Upsert: Reactivate Closed Users "yes"',
		parameters: upsert({ options: { reactivateClosedUsers: '={{ "yes" }}' } }),
		param: 'Options > Reactivate Closed Users',
		message: 'is "yes", not true or false',
		hint: 'true or false',
	},
	{
		name: 'Upsert: Group Sync "Replace" (capital R)',
		parameters: upsert({ groups: ['Sales'], options: { groupSync: '={{ "Replace" }}' } }),
		param: 'Options > Group Sync',
		message: 'is "Replace", not one of its values',
		hint: '"replace"',
	},
	{
		name: 'Update: Group Change "Remove" (capital R)',
		parameters: update(sofia.userId, { groupMode: '={{ "Remove" }}', groups: ['Sales'] }),
		param: 'Group Change',
		message: 'is "Remove", not one of its values',
		hint: '"remove"',
	},
	{
		name: 'Update: Group Change "delete"',
		parameters: update(sofia.userId, { groupMode: '={{ "delete" }}', groups: ['Sales'] }),
		param: 'Group Change',
		message: 'is "delete", not one of its values',
		hint: '"removeAll"',
	},
	// Group safety
	{
		name: 'Update: Replace with a missing field',
		parameters: update(sofia.userId, {
			groupMode: 'replace',
			groups: '={{ $json.newDepartment }}',
		}),
		items: [{}],
		param: 'Group Names or IDs',
		message: 'is empty while Group Change is Replace',
		hint: 'Remove From All Custom Groups',
	},
	{
		name: 'Update: Replace with an empty list',
		parameters: update(sofia.userId, { groupMode: 'replace', groups: [] }),
		param: 'Group Names or IDs',
		message: 'is empty while Group Change is Replace',
		hint: 'Remove From All Custom Groups',
	},
	{
		name: 'Upsert: Group Sync Replace with no groups',
		parameters: upsert({ email: sofia.email, options: { groupSync: 'replace' } }),
		param: 'Group Names or IDs',
		message: 'is empty while Options > Group Sync is Replace',
		hint: 'Add Only',
	},
	// Hostile text
	{
		name: 'Create: first name with CR/LF',
		parameters: create({ firstName: '={{ $json.first }}' }),
		items: [{ first: 'Ann\r\nBcc: x@evil.example' }],
		param: 'First Name',
		message: 'contains a control character (\\x0d',
		hint: 'Remove line breaks',
	},
	{
		name: 'Create: last name with a tab',
		parameters: create({ lastName: '={{ "Hire\tX" }}' }),
		param: 'Last Name',
		message: 'contains a control character (\\x09',
		hint: 'Remove line breaks',
	},
	{
		name: 'Create: job title with NUL',
		parameters: create({ additionalFields: { jobTitle: '={{ "Lead\u0000" + "X" }}' } }),
		param: 'Additional Fields > Job Title',
		message: 'contains a control character (\\x00',
		hint: 'Remove line breaks',
	},
	{
		name: 'Update: company with DEL',
		parameters: update(sofia.userId, { updateFields: { company: '={{ "Acme\u007f" + "X" }}' } }),
		param: 'Update Fields > Company',
		message: 'contains a control character (\\x7f',
		hint: 'Remove line breaks',
	},
	{
		name: 'Notify Delete: reason with a line break',
		parameters: byUser('notifyDelete', rl('id', sofia.userId), {
			options: { reason: '={{ $json.reason }}' },
		}),
		items: [{ reason: 'Left\nBcc: x@evil.example' }],
		param: 'Options > Reason',
		message: 'contains a control character (\\x0a',
		hint: 'the reason',
	},
	{
		name: 'Create: email with a comma',
		parameters: create({ email: 'a,b@acme.example' }),
		param: 'Email',
		message: 'contains the character ,',
		hint: 'one plain address',
	},
	{
		name: 'Create: email in angle brackets',
		parameters: create({ email: '<e@acme.example>' }),
		param: 'Email',
		message: 'contains the character <',
		hint: 'one plain address',
	},
	{
		name: 'Notify Delete: recipient with a display name',
		parameters: byUser('notifyDelete', rl('id', sofia.userId), {
			options: { recipients: '"IT"<it@acme.example>' },
		}),
		param: 'Options > Recipients',
		message: 'contains the character "',
		hint: 'one plain address',
	},
	{
		name: 'Create: first name of 51 emoji',
		parameters: create({ firstName: '😀'.repeat(51) }),
		param: 'First Name',
		// UTF-16 units, as DocuSign counts (issue 23): an emoji counts 2.
		message: "is 102 characters long, over DocuSign's limit of 50",
		hint: 'at most 50 characters',
	},
	// One target per user per run
	{
		name: 'Suspend: the same user by ID and by email',
		parameters: byUser('suspend', '={{ $json.user }}' as unknown as IDataObject),
		items: [{ user: rl('id', sofia.userId) }, { user: rl('email', sofia.email) }],
		param: 'User to Close',
		message: 'names the same user as item 0',
		hint: 'Each user may appear once per run',
		item: 1,
	},
	{
		name: 'Group > Remove Users: the same user twice in one group',
		parameters: {
			resource: 'group',
			operation: 'removeUsers',
			group: rl('name', 'Sales'),
			user: rl('id', '={{ $json.id }}'),
		},
		items: [{ id: sofia.userId }, { id: sofia.userId }],
		param: 'User to Remove',
		message: 'names the same user as item 0',
		hint: 'Each user may appear once per run',
		item: 1,
	},
	// Per-run parameters that differ across items
	{
		name: 'Create: Dry Run differing by item',
		parameters: create({ email: '={{ $json.email }}', options: { dryRun: '={{ $json.dry }}' } }),
		items: [
			{ email: 'a@acme.example', dry: true },
			{ email: 'b@acme.example', dry: false },
		],
		param: 'Options > Dry Run',
		message: 'is false here but true in item 0',
		hint: 'holds for the whole run',
		item: 1,
	},
	// Credential
	{
		name: 'Credential: an Account ID the user lacks',
		parameters: create(),
		credential: () => ({ accountId: NO_SUCH_ACCOUNT }),
		param: 'Account ID',
		message: `The connected DocuSign user has no account with the Account ID "${NO_SUCH_ACCOUNT}"`,
		hint: "Set the credential's Account ID to one of",
		accountWide: true,
	},
	{
		name: 'Credential: a numeric account number as Account ID',
		parameters: create(),
		credential: () => ({ accountId: '18736542' }),
		param: 'Account ID',
		message: 'The credential\'s Account ID "18736542" is an account number, not an API Account ID',
		hint: 'API Account ID (a GUID)',
		accountWide: true,
	},
];

interface Row {
	name: string;
	named: string;
	message: string;
	ok: boolean;
}
const catalogue: Row[] = [];

afterAll(() => {
	const width = (key: keyof Row, max: number) =>
		Math.min(max, Math.max(key.length, ...catalogue.map((r) => String(r[key]).length)));
	const cols: Array<[keyof Row, number]> = [
		['name', width('name', 52)],
		['named', width('named', 44)],
		['message', 110],
	];
	const cut = (text: string, n: number) =>
		text.length > n ? `${text.slice(0, n - 1)}…` : text.padEnd(n);
	const lines = [
		`${cut('case', cols[0][1])} | ${cut('parameter named', cols[1][1])} | message`,
		`${'-'.repeat(cols[0][1])}-+-${'-'.repeat(cols[1][1])}-+-${'-'.repeat(40)}`,
		...catalogue.map(
			(r) =>
				`${r.ok ? ' ' : '✗'}${cut(r.name, cols[0][1] - 1)} | ${cut(r.named, cols[1][1])} | ${cut(r.message, cols[2][1])}`,
		),
	];
	const failed = catalogue.filter((r) => !r.ok).length;
	lines.push(
		'',
		`${catalogue.length} bad-input cases run (${CASES.length} in the catalogue): ${catalogue.length - failed} as expected, ${failed} not.`,
	);
	console.log(lines.join('\n'));
});

describe('bad-input catalogue', () => {
	test('has at least 30 cases with unique names', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
		expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
	});

	const run = (c: BadCase) =>
		runNode(sim, {
			parameters: c.parameters,
			items: c.items,
			...(c.credential ? { credential: credentialFor(sim, c.credential()) } : {}),
		});

	test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const item = c.item ?? 0;
		const row: Row = { name: c.name, named: '', message: '', ok: false };
		catalogue.push(row);
		const result = await run(c);
		row.message =
			result.error?.message ?? `(no error; output ${JSON.stringify(result.json).slice(0, 80)})`;
		row.named =
			/The parameter "([^"]+)"/.exec(row.message)?.[1] ??
			(row.message.includes(c.param) ? c.param : '(none)');

		expect(result.error).toBeDefined();
		const { message } = result.error!;
		expect(message).toContain(c.message);
		if (c.accountWide) expect(message).not.toMatch(/\[item \d+\]$/);
		else expect(message).toMatch(new RegExp(`\\[item ${item}\\]$`));
		expect(message).toContain(c.param);
		expect(result.error!.description ?? '').toContain(c.hint);
		expect(writes().map((e) => `${e.method} ${e.path}`)).toEqual([]);
		row.ok = true;
	});
});

describe("all of an item's parameters are checked before any request", () => {
	const badGroups = { groups: '={{ $json.groups }}' };
	const objectGroups = [{ groups: [{ name: 'Sales' }] }];

	test('Groups that are not names fail the item before its profile is looked up', async () => {
		const result = await runNode(sim, {
			parameters: create({ permissionProfile: 'DocuSign Sender', ...badGroups }),
			items: objectGroups,
		});
		expect(result.error?.message).toBe(
			'The parameter "Group Names or IDs" contains an object [item 0]',
		);
		expect(sim.count({ path: /permission_profiles$/ })).toBe(0);
		expect(sim.count({ path: /groups$/ })).toBe(0);
	});

	test('of two faults, the first parameter in read order is named: User Name (made of the names) before Groups', async () => {
		const result = await runNode(sim, {
			parameters: create({ firstName: long(30), lastName: long(30, 'b'), ...badGroups }),
			items: objectGroups,
		});
		expect(result.error?.message).toMatch(
			/^The parameter "Additional Fields > User Name" would be "a{30} b{30}", over 50 characters \[item 0\]$/,
		);
		expect(sim.count({ path: /permission_profiles$|groups$/ })).toBe(0);
	});
});

describe('Continue On Fail: a good item next to a bad one', () => {
	test('Create: the good user is created, the bad email is an error item paired with item 1', async () => {
		const result = await runNode(sim, {
			parameters: create({ email: '={{ $json.email }}' }),
			items: [
				{ email: 'good.one@acme.example' },
				{ email: 'bad one@acme.example' },
				{ email: 'good.two@acme.example' },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[0]).toMatchObject({ action: 'create', email: 'good.one@acme.example' });
		expect(result.json[1]).toEqual({
			error: 'The parameter "Email" contains spaces: "bad one@acme.example" [item 1]',
			description: 'Remove the spaces from the email address.',
		});
		expect(result.json[2]).toMatchObject({ action: 'create', email: 'good.two@acme.example' });
		expect(sim.userByEmail('good.one@acme.example')).toBeDefined();
		expect(sim.userByEmail('good.two@acme.example')).toBeDefined();
		const posts = writes();
		expect(posts.map((e) => e.method)).toEqual(['POST']);
		expect(((posts[0].body as IDataObject).newUsers as IDataObject[]).map((u) => u.email)).toEqual([
			'good.one@acme.example',
			'good.two@acme.example',
		]);
	});

	test('Create: the same email twice creates it once; the repeat is an error item', async () => {
		const result = await runNode(sim, {
			parameters: create({ email: '={{ $json.email }}' }),
			items: [{ email: 'twin@acme.example' }, { email: 'Twin@Acme.example' }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0]).toMatchObject({ action: 'create', email: 'twin@acme.example' });
		expect(result.json[1].error).toBe(
			'The parameter "Email" "Twin@Acme.example" is the same as in item 0 [item 1]',
		);
		expect(sim.users().filter((u) => u.email.toLowerCase() === 'twin@acme.example')).toHaveLength(
			1,
		);
		expect(((writes()[0].body as IDataObject).newUsers as unknown[]).length).toBe(1);
	});

	test('Update: the open user is updated, the closed one is an error item and gets no write', async () => {
		const chris = SEED_USERS.closed;
		const result = await runNode(sim, {
			parameters: update(rl('id', '={{ $json.id }}'), { updateFields: { jobTitle: 'Team Lead' } }),
			items: [{ id: chris.userId }, { id: sofia.userId }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBe(
			`The user ${chris.email} (parameter "User to Update") is closed, so DocuSign ignores updates to it [item 0]`,
		);
		expect(result.json[0].description).toContain('Reactivate operation');
		expect(result.json[1]).toMatchObject({
			action: 'update',
			changed: true,
			jobTitle: 'Team Lead',
		});
		expect(sim.userById(sofia.userId)!.jobTitle).toBe('Team Lead');
		expect(sim.userById(chris.userId)!.jobTitle).not.toBe('Team Lead');
		expect(JSON.stringify(writes().map((e) => e.body))).not.toContain(chris.userId);
		expect(writes()).toHaveLength(1);
	});

	test('Group > Add Users: the custom group is written, Everyone is an error item', async () => {
		const liam = SEED_USERS.legalReviewer;
		const result = await runNode(sim, {
			parameters: addUsers(rl('name', '={{ $json.group }}'), rl('id', '={{ $json.id }}')),
			items: [
				{ group: 'Finance', id: liam.userId },
				{ group: 'Everyone', id: sofia.userId },
			],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0]).toMatchObject({
			action: 'addUsers',
			changed: true,
			group: { name: 'Finance' },
		});
		expect(result.json[1].error).toBe(
			'The parameter "Group" is the built-in group "Everyone", whose members DocuSign manages itself [item 1]',
		);
		expect(sim.userGroupNames(liam.userId)).toContain('Finance');
		const paths = writes().map(callLine);
		expect(paths).toEqual([`PUT /groups/${sim.groupByName('Finance')!.groupId}/users`]);
		expect(JSON.stringify(writes()[0].body)).not.toContain(sofia.userId);
	});

	test('Activate: the closed user is reopened, the Disabled one is an error item', async () => {
		const chris = SEED_USERS.closed;
		const daniel = SEED_USERS.disabled;
		const result = await runNode(sim, {
			parameters: byUser('activate', rl('id', '={{ $json.id }}')),
			items: [{ id: daniel.userId }, { id: chris.userId }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toBe(
			`The user ${daniel.email} (parameter "User to Reactivate") is Disabled, which DocuSign does not let the API reopen [item 0]`,
		);
		expect(result.json[1]).toMatchObject({ action: 'activate', changed: true, enabled: true });
		expect(sim.userById(chris.userId)!.status).not.toBe('Closed');
		expect(sim.userById(daniel.userId)!.status).toBe('Disabled');
		expect(JSON.stringify(writes().map((e) => e.body))).not.toContain(daniel.userId);
	});

	test('an Account ID the user lacks (the whole account, issue 23): every item carries the one account error, naming no item', async () => {
		const result = await runNode(sim, {
			parameters: create({ email: '={{ $json.email }}' }),
			items: [{ email: 'a@acme.example' }, { email: 'b@acme.example' }],
			credential: credentialFor(sim, { accountId: NO_SUCH_ACCOUNT }),
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const json of result.json) {
			expect(json.error).toMatch(/has no account with the Account ID "[^"]+"$/);
			expect(json.description).toContain("Set the credential's Account ID to one of");
			expect(json.description).toContain('whole DocuSign account, not one item');
		}
		expect(writes()).toHaveLength(0);
	});

	test('a batch DocuSign rejects as a whole: each error item names its own item', async () => {
		sim.addFault({
			method: 'PUT',
			path: '/users$',
			action: {
				status: 400,
				body: { errorCode: 'INVALID_REQUEST_BODY', message: 'Rejected by test' },
			},
		});
		const ids = [sofia.userId, SEED_USERS.legalReviewer.userId];
		const result = await runNode(sim, {
			parameters: update(rl('id', '={{ $json.id }}'), { updateFields: { jobTitle: 'Lead' } }),
			items: ids.map((id) => ({ id })),
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.json[0].error).toMatch(/ \[item 0\]$/);
		expect(result.json[1].error).toMatch(/ \[item 1\]$/);
	});
});
