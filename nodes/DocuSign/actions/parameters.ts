/**
 * The action node's parameters as data: each one's spec (path, label, scope, default, check, bounds),
 * and the records the router reads for every operation. How a spec is read and checked lives in
 * parameters/spec.ts, which calls nothing here: a check is a function the spec carries.
 */
import { MAX_BATCH_SIZE } from '../transport/pacing';
import type { Checked } from '../users/validate';
import {
	asList,
	asNameList,
	asText,
	EMAIL_ADDRESSES,
	checkBoolean,
	checkEmail,
	checkOption,
	checkPlainText,
	checkUserId,
	echo,
} from '../users/validate';
import { MAX_DIRECTORY_TTL_SECONDS } from '../users/directory';
import type { UserRef } from '../users/lookup';
import type { FieldKey, UserField } from '../users/fields';
import { FIELD_ROWS } from '../users/fields';
import { FILTERS } from './filters';
import { checkName } from '../users/validate';
import { ACCOUNT } from '../parameters/account';
import { AUTHENTICATION } from '../parameters/authentication';
import type { ParameterSpec } from '../parameters/spec';
import {
	asRead,
	booleanOption,
	checkCollection,
	numberSpec,
	onlyWhen,
	spec,
} from '../parameters/spec';

export { editorEntry } from '../parameters/spec';

const TOOL_MAX_WAIT_SECONDS = 20;
/** When an AI agent calls the node, a list stays small unless the agent asks for more. */
const TOOL_LIMIT = 10;
const OUTPUTS = ['simplified', 'raw', 'selected'] as const;
/** User > Get Many's orders; any but "none" is applied by the node after reading every page. */
const SORTS = ['none', 'lastLogin', 'created', 'name'] as const;
export type Sort = (typeof SORTS)[number];

/** DocuSign's group types, as GET /groups filters them (group_type), with the names the editor shows. */
export const GROUP_TYPE_OPTIONS = [
	{ name: 'Administrators (Built-In)', value: 'AdminGroup' },
	{ name: 'Custom', value: 'CustomGroup' },
	{ name: 'Everyone (Built-In)', value: 'EveryoneGroup' },
] as const;
const GROUP_TYPES = GROUP_TYPE_OPTIONS.map((type) => type.value);

const GROUP_CHANGES = ['keep', 'replace', 'add', 'remove', 'removeAll'] as const;

/** Every parameter whose meaning is more than "a text of this item", declared once; per item or per run is where an operation lists it (`reads.item` or `reads.run`). */
export const PARAMETERS = {
	batchSize: numberSpec({
		path: 'requestSettings.batchSize',
		label: 'Request Settings > Batch Size',
		fallback: 100,
		bounds: { min: 1, max: MAX_BATCH_SIZE, integer: true },
		explain: `DocuSign takes at most ${MAX_BATCH_SIZE} users per request;`,
		description: `How many users to send to DocuSign in one request (at most ${MAX_BATCH_SIZE}). Fewer requests keep the workflow well inside DocuSign's rate limits.`,
	}),
	dryRun: booleanOption('dryRun', 'Dry Run', false),
	// An agent waiting minutes for a tool answer looks hung: a tool call waits briefly, then reports the reset time.
	maxWaitSeconds: numberSpec({
		path: 'requestSettings.maxWaitSeconds',
		label: 'Request Settings > Max Rate-Limit Wait (Seconds)',
		fallback: 300,
		toolFallback: TOOL_MAX_WAIT_SECONDS,
		bounds: { min: 0, max: 3600, integer: false },
		description: `The most the whole run may wait, in total, for DocuSign's API limits to reset before it stops with an error. Default 300; ${TOOL_MAX_WAIT_SECONDS} when an AI agent calls the node, so that the agent does not hang.`,
	}),
	directoryCacheSeconds: numberSpec({
		path: 'requestSettings.directoryCacheSeconds',
		label: 'Request Settings > Directory Cache (Seconds)',
		fallback: 300,
		bounds: { min: 0, max: MAX_DIRECTORY_TTL_SECONDS, integer: false },
		description:
			"How long this n8n process reuses the account's permission profiles and groups across executions (0 = read them on every run). A name not in the cache is looked up once more before it is an error.",
	}),
	account: ACCOUNT,
	timeoutSeconds: numberSpec({
		path: 'requestSettings.timeoutSeconds',
		label: 'Request Settings > Timeout (Seconds)',
		fallback: 60,
		bounds: { min: 1, max: 600, integer: false },
		description: 'How long to wait for DocuSign to answer one request',
	}),
	groupSync: spec({
		path: 'options.groupSync',
		label: 'Options > Group Sync',
		fallback: 'add',
		check: (v) => checkOption(v, ['add', 'replace'] as const),
	}),
	reactivateClosedUsers: booleanOption('reactivateClosedUsers', 'Reactivate Closed Users', false),
	activation: spec({
		path: 'options.activation',
		label: 'Options > Activation',
		fallback: 'email',
		check: (v) => checkOption(v, ['email', 'immediate'] as const),
	}),
	fallbackToEmail: booleanOption('fallbackToEmail', 'Fall Back to Activation Email', false),
	removeFromGroups: booleanOption('removeFromGroups', 'Remove From Groups', false),
	rosterScope: spec({
		path: 'scope',
		label: 'Scope',
		fallback: 'all',
		check: (v) => checkOption(v, ['all', 'groups', 'domains'] as const),
	}),
	scopeGroups: spec({
		path: 'scopeGroups',
		label: 'Scope Group Names or IDs',
		fallback: [],
		check: asNameList,
	}),
	scopeDomains: spec({
		path: 'scopeDomains',
		label: 'Scope Domains',
		fallback: '',
		check: checkDomains,
	}),
	outOfRoster: spec({
		path: 'outOfRoster',
		label: 'Users Missing From the Roster',
		fallback: 'report',
		check: (v) => checkOption(v, ['report', 'close', 'closeAndRequestDeletion'] as const),
	}),
	includeAdministrators: booleanOption('includeAdministrators', 'Include Administrators', false),
	neverTouch: spec({
		path: 'options.neverTouch',
		label: 'Options > Never Touch',
		fallback: '',
		check: checkRecipients,
	}),
	maxCloses: numberSpec({
		path: 'options.maxCloses',
		label: 'Options > Max Closes',
		fallback: 100,
		bounds: { min: 0, max: 300_000, integer: true },
	}),
	maxClosePercent: numberSpec({
		path: 'options.maxClosePercent',
		label: 'Options > Max Close Share (%)',
		fallback: 10,
		bounds: { min: 0, max: 100, integer: false },
	}),
	newUserGraceHours: numberSpec({
		path: 'options.newUserGraceHours',
		label: 'Options > New User Grace (Hours)',
		fallback: 24,
		bounds: { min: 0, max: 720, integer: false },
	}),
	deleteWithMembers: booleanOption('deleteWithMembers', 'Delete Even With Members', false),
	suspendFirst: booleanOption('suspendFirst', 'Close User First', true),
	reason: spec({
		path: 'options.reason',
		label: 'Options > Reason',
		fallback: '',
		check: (v) => checkPlainText(v, 'the reason'),
	}),
	recipients: spec({
		path: 'options.recipients',
		label: 'Options > Recipients',
		fallback: '',
		check: checkRecipients,
	}),
	groupChange: spec({
		path: 'groupMode',
		label: 'Group Change',
		fallback: 'keep',
		check: (v) => checkOption(v, GROUP_CHANGES),
	}),
	returnAll: spec({
		path: 'returnAll',
		label: 'Return All',
		fallback: false,
		check: checkBoolean,
	}),
	limit: numberSpec({
		path: 'limit',
		label: 'Limit',
		fallback: 50,
		toolFallback: TOOL_LIMIT,
		bounds: { min: 1, max: 1_000_000, integer: true },
	}),
	simplify: spec({
		path: 'simplify',
		label: 'Simplify',
		fallback: true,
		check: checkBoolean,
	}),
	output: spec({
		path: 'output',
		label: 'Output',
		fallback: 'simplified',
		check: (v) => checkOption(v, OUTPUTS),
	}),
	fields: spec({
		path: 'fields',
		label: 'Fields',
		fallback: 'id, email, status',
		check: (v) => asList(v, { what: 'field names', examples: ['id', 'email'] }),
	}),
	// Values whose checks need the run (a name to resolve against the account, a locator's mode): read here, checked there.
	user: spec<{ mode?: string; value?: unknown }>({
		path: 'user',
		label: 'User',
		fallback: { mode: 'list', value: '' },
		check: asRead,
	}),
	// A group by ID or name: text here, matched against the account by the directory.
	group: spec({
		path: 'group',
		label: 'Group',
		fallback: '',
		extractValue: true,
		check: asText,
	}),
	groupName: spec<unknown>({
		path: 'name',
		label: 'Name',
		fallback: '',
		check: asRead,
	}),
	// A profile or groups by ID or name: checked as text here, matched against the account by the directory.
	permissionProfile: spec({
		path: 'permissionProfile',
		label: 'Permission Profile Name or ID',
		fallback: '',
		check: asText,
	}),
	updatePermissionProfile: spec<string | undefined>({
		path: 'updateFields.permissionProfile',
		label: 'Update Fields > Permission Profile Name or ID',
		fallback: '',
		optional: true,
		check: asText,
	}),
	groups: spec({
		path: 'groups',
		label: 'Group Names or IDs',
		fallback: [],
		check: asNameList,
	}),
	filters: spec({
		path: 'filters',
		label: 'Filters',
		fallback: {},
		check: checkCollection,
	}),
	// Not added: every group type; added: the editor starts it at Custom.
	groupType: spec({
		path: 'filters.groupType',
		label: 'Filters > Type',
		fallback: 'CustomGroup',
		optional: true,
		check: (v) => checkOption(v, GROUP_TYPES),
	}),
	...FILTERS,
	sort: spec({
		path: 'sort',
		label: 'Sort',
		fallback: 'none',
		check: (v) => checkOption(v, SORTS),
	}),
	rosterEmail: spec<unknown>({
		path: 'email',
		label: 'Email',
		fallback: '',
		check: asRead,
	}),
	countClosedUsers: spec({
		path: 'countClosedUsers',
		label: 'Count Closed Users',
		fallback: false,
		check: checkBoolean,
	}),
};

/** A user attribute as Create and Create or Update read it: a required one on its own, the others under Additional Fields. */
function newUserFieldSpec(field: UserField): ParameterSpec<string> {
	return spec({
		path: field.requiredOnCreate ? field.key : `additionalFields.${field.key}`,
		label: field.requiredOnCreate ? field.label : `Additional Fields > ${field.label}`,
		fallback: '',
		check: field.email ? checkEmail : (v) => checkName(v, field.maxLength, field.requiredOnCreate),
	});
}

/** An attribute under Update Fields, left out unless set; a blankable one may be emptied. */
function updateFieldSpec(field: UserField): ParameterSpec<string | undefined> {
	return spec<string | undefined>({
		path: `updateFields.${field.key}`,
		label: `Update Fields > ${field.label}`,
		fallback: '',
		optional: true,
		check: (v) => checkName(v, field.maxLength, !field.blankable),
	});
}

const byKey = <T>(make: (field: UserField) => T) =>
	Object.fromEntries(FIELD_ROWS.map((f) => [f.key, make(f)])) as Record<FieldKey, T>;
/** Each attribute's parameter on Create and Create or Update, from its row in users/fields.ts. */
export const NEW_USER_FIELDS = byKey(newUserFieldSpec);
/** Each updatable attribute's parameter under Update Fields. */
export const UPDATE_FIELDS = byKey(updateFieldSpec);

/** Email domains, comma-separated or a list: "acme.example, @acme.co.uk" → ["acme.example", "acme.co.uk"]. */
function checkDomains(value: unknown): Checked<string[]> {
	const list = asList(value, {
		what: 'email domains',
		examples: ['acme.example', 'acme.co.uk'],
	});
	if ('problem' in list) return list;
	const domains = list.value.map((d) => d.replace(/^@/, '').toLowerCase());
	const bad = domains.find((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d));
	if (bad !== undefined)
		return {
			problem: `contains ${echo(bad)}, which is not an email domain`,
			hint: 'Give domains such as acme.example, comma-separated.',
		};
	return { value: domains };
}

function checkRecipients(value: unknown): Checked<string[]> {
	const list = asList(value, EMAIL_ADDRESSES);
	if ('problem' in list) return list;
	for (const email of list.value) {
		const checked = checkEmail(email);
		if ('problem' in checked) return checked;
	}
	return list;
}

/** The router's own per-run values, read for every operation: the session's, the directory's and the writes'. */
export const RUN_SETTINGS = {
	accountId: PARAMETERS.account,
	credentialType: AUTHENTICATION,
	maxWaitSeconds: PARAMETERS.maxWaitSeconds,
	timeoutSeconds: PARAMETERS.timeoutSeconds,
	directoryCacheSeconds: PARAMETERS.directoryCacheSeconds,
	batchSize: PARAMETERS.batchSize,
	dryRun: PARAMETERS.dryRun,
};

/** Return All, and Limit unless Return All is on: `limit` undefined means all. */
export const LIMIT_READS = {
	returnAll: PARAMETERS.returnAll,
	limit: onlyWhen(PARAMETERS.limit, (read) => !read.returnAll),
};

/**
 * The user locator of one item, as the operation names it (e.g. "User to Close"): From List and
 * By ID give an ID, By Email an email.
 */
export function userRefSpec(label: string): ParameterSpec<UserRef> {
	return spec({ ...PARAMETERS.user, label, check: checkUserLocator });
}

function checkUserLocator(value: unknown): Checked<UserRef> {
	const locator = value as { mode?: string; value?: unknown } | undefined;
	if (locator?.mode === 'email') {
		const email = checkEmail(locator.value);
		return 'problem' in email ? email : { value: { by: 'email', value: email.value } };
	}
	const id = checkUserId(locator?.value);
	return 'problem' in id ? id : { value: { by: 'id', value: id.value } };
}
