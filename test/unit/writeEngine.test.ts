/** The write engine's pure parts: change planning, answer matching, the parameter reader, Results. */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { planUserChange } from '../../nodes/DocuSign/users/diff';
import type { User } from '../../nodes/DocuSign/users/model';
import { statusMeaning, withStatus } from '../../nodes/DocuSign/users/model';
import { LIMIT_READS, PARAMETERS, UPDATE_FIELDS } from '../../nodes/DocuSign/actions/parameters';
import {
	readItemParameter,
	readParameters,
	readRunParameter,
	take,
} from '../../nodes/DocuSign/parameters/spec';
import { Results } from '../../nodes/DocuSign/users/results';
import { matchAnswers } from '../../nodes/DocuSign/users/writes/report';
import { rejectRepeats } from '../../nodes/DocuSign/actions/targets';

const NODE = {
	id: 'n',
	name: 'DocuSign',
	type: 'docuSign',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

/** Just enough of IExecuteFunctions: parameters per item (a function of the item), On Error. */
function fakeFn(
	parameters: Record<string, (itemIndex: number) => unknown>,
	itemCount = 1,
	onError?: INode['onError'],
): IExecuteFunctions {
	// As saved in the workflow: each parameter an expression (its value is a function of the item).
	const saved: IDataObject = {};
	for (const path of Object.keys(parameters)) {
		const keys = path.split('.');
		let at = saved;
		for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as IDataObject;
		at[keys[keys.length - 1]] = '={{ $json.value }}';
	}
	const node = { ...NODE, onError, parameters: saved };
	return {
		getNode: () => node,
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		continueOnFail: () => onError === 'continueRegularOutput' || onError === 'continueErrorOutput',
		getNodeParameter: (path: string, itemIndex: number, fallback?: unknown) =>
			path in parameters ? parameters[path](itemIndex) : fallback,
	} as unknown as IExecuteFunctions;
}

const user = (over: Partial<User> = {}): User => ({
	id: 'u1',
	userName: 'Ann Lee',
	firstName: 'Ann',
	middleName: '',
	lastName: 'Lee',
	suffixName: '',
	email: 'ann@acme.example',
	status: 'Active',
	enabled: true,
	permissionProfile: { id: 'p1', name: 'Sender' },
	groups: [
		{ id: 'everyone', name: 'Everyone' },
		{ id: 'sales', name: 'Sales' },
		{ id: 'legal', name: 'Legal' },
	],
	isAdmin: false,
	company: '',
	jobTitle: 'Engineer',
	createdAt: null,
	lastLoginAt: null,
	accountId: 'a',
	activationPending: false,
	...over,
});
const group = (id: string) => ({
	id,
	name: id[0].toUpperCase() + id.slice(1),
	type: 'CustomGroup',
	builtIn: false,
});
const isCustom = (id: string) => id !== 'everyone';

describe('change planning', () => {
	test('Replace adds the missing groups and removes the other custom ones, never a built-in group', () => {
		const change = planUserChange(
			user(),
			{ groups: { mode: 'replace', list: [group('legal'), group('finance')] } },
			isCustom,
		);
		expect(change.addGroups.map((g) => g.id)).toEqual(['finance']);
		expect(change.removeGroups.map((g) => g.id)).toEqual(['sales']);
		expect(change.changes).toEqual({ groups: { added: ['Finance'], removed: ['Sales'] } });
	});

	test('Replace with an empty list removes every custom group (the reader refuses it unless asked for explicitly)', () => {
		const change = planUserChange(user(), { groups: { mode: 'replace', list: [] } }, isCustom);
		expect(change.removeGroups.map((g) => g.id).sort()).toEqual(['legal', 'sales']);
	});

	test('only differing fields are sent; equal values cost nothing', () => {
		const change = planUserChange(
			user(),
			{ jobTitle: 'Engineer', firstName: 'Anna', permissionProfile: { id: 'p1', name: 'Sender' } },
			isCustom,
		);
		expect(change.fields).toEqual({ firstName: 'Anna' });
		expect(change.changes).toEqual({ firstName: { before: 'Ann', after: 'Anna' } });
	});

	test('Remove takes out only groups the user is in', () => {
		const change = planUserChange(
			user(),
			{ groups: { mode: 'remove', list: [group('sales'), group('finance')] } },
			isCustom,
		);
		expect(change.removeGroups.map((g) => g.id)).toEqual(['sales']);
		expect(change.addGroups).toEqual([]);
	});
});

describe('answer matching', () => {
	const entries = [
		{ id: 'A', email: 'a@x.example' },
		{ id: 'B', email: 'b@x.example' },
		{ id: 'C', email: 'c@x.example' },
	];

	test('by user ID, whatever the order of the answer', () => {
		const answers = [{ userId: 'c' }, { userId: 'a' }, { userId: 'b' }];
		expect(matchAnswers(entries, answers, (e) => ({ userId: e.id }))).toEqual([
			{ userId: 'a' },
			{ userId: 'b' },
			{ userId: 'c' },
		]);
	});

	test('never by position: an answer missing one user leaves that user unmatched, not the next one shifted', () => {
		const answers = [
			{ email: 'a@x.example', userId: '1' },
			{ email: 'c@x.example', userId: '3' },
		];
		const matched = matchAnswers(entries, answers, (e) => ({ email: e.email }));
		expect(matched).toEqual([answers[0], undefined, answers[1]]);
	});

	test('an answer without identity matches nothing', () => {
		expect(
			matchAnswers(entries, [{ userStatus: 'Active' }, {}], (e) => ({
				userId: e.id,
				email: e.email,
			})),
		).toEqual([undefined, undefined, undefined]);
	});

	test('e-mail is compared case-insensitively, and used when no ID is known', () => {
		expect(
			matchAnswers(
				[{ email: 'Ann@X.example' }],
				[{ email: 'ann@x.example', userId: 'u' }],
				(e) => ({ email: e.email }),
			),
		).toEqual([{ email: 'ann@x.example', userId: 'u' }]);
	});
});

describe('status meaning', () => {
	test.each([
		['Active', true, false, false],
		['ActivationSent', true, true, false],
		['activationrequired', true, true, false],
		['Closed', false, false, true],
		['Disabled', false, false, false],
		['', false, false, false],
	])('%s: enabled %p, pending %p, closed %p', (status, enabled, activationPending, closed) => {
		expect(statusMeaning(status)).toMatchObject({ enabled, activationPending, closed });
	});

	test('withStatus derives enabled and activationPending from the status, never from a default', () => {
		expect(withStatus(user({ status: 'Closed', enabled: false }), 'ActivationSent')).toMatchObject({
			status: 'ActivationSent',
			enabled: true,
			activationPending: true,
		});
		expect(withStatus(user(), 'Closed')).toMatchObject({
			status: 'Closed',
			enabled: false,
			activationPending: false,
		});
	});
});

/** Batch Size and Dry Run as the router reads them: one record per run. */
const readWriteSettings = (fn: IExecuteFunctions) =>
	readParameters(fn, {
		run: { batchSize: PARAMETERS.batchSize, dryRun: PARAMETERS.dryRun },
		item: {},
	}).run;

/** An item's Limit as Get Many reads it: from its record (Return All, then Limit unless Return All). */
const readLimit = (fn: IExecuteFunctions, itemIndex: number) =>
	take(readParameters(fn, { run: {}, item: LIMIT_READS }).items[itemIndex]).limit;

describe('the parameter reader', () => {
	test('a per-run value the same for every item is read', () => {
		expect(
			readRunParameter(
				fakeFn({ 'requestSettings.batchSize': () => '250' }, 3),
				PARAMETERS.batchSize,
			),
		).toBe(250);
	});

	test('a per-run value that differs across items is an error naming both items', () => {
		const fn = fakeFn({ 'options.dryRun': (i) => (i === 2 ? 'false' : true) }, 3);
		expect(() => readRunParameter(fn, PARAMETERS.dryRun)).toThrow(
			'The parameter "Options > Dry Run" is false here but true in item 0 [item 2]',
		);
	});

	test('a per-run value saved without an expression is read once, and one not set not at all', () => {
		const reads: string[] = [];
		const fn = {
			...fakeFn({}, 1000),
			getNode: () => ({ ...NODE, parameters: { requestSettings: { batchSize: 250 } } }),
			getNodeParameter: (path: string) => {
				reads.push(path);
				return 250;
			},
		} as unknown as IExecuteFunctions;
		expect(readRunParameter(fn, PARAMETERS.batchSize)).toBe(250);
		expect(readRunParameter(fn, PARAMETERS.timeoutSeconds)).toBe(60);
		expect(reads).toEqual(['requestSettings.batchSize']);
	});

	test('a per-run expression is read for every item', () => {
		const reads: number[] = [];
		const fn = fakeFn({ 'requestSettings.batchSize': (i) => (reads.push(i), 250) }, 4);
		expect(readRunParameter(fn, PARAMETERS.batchSize)).toBe(250);
		expect(reads).toEqual([0, 1, 2, 3]);
	});

	test('a per-item value is read for its own item', () => {
		const fn = fakeFn({ 'options.recipients': (i) => `m${i}@acme.example` }, 2);
		expect([0, 1].map((i) => readItemParameter(fn, PARAMETERS.recipients, i))).toEqual([
			['m0@acme.example'],
			['m1@acme.example'],
		]);
	});

	test.each([
		[true, true],
		['true', true],
		['FALSE', false],
		[false, false],
	])('boolean %p -> %p', (value, expected) => {
		expect(
			readItemParameter(
				fakeFn({ 'options.removeFromGroups': () => value }),
				PARAMETERS.removeFromGroups,
				0,
			),
		).toBe(expected);
	});

	test.each(['yes', 1, 0, null, '', 'on'])('boolean %p is an error, never a default', (value) => {
		expect(() => readWriteSettings(fakeFn({ 'options.dryRun': () => value }))).toThrow(
			/The parameter "Options > Dry Run" .*not true or false \[item 0\]/,
		);
	});

	test('absent options take the editor default', () => {
		expect(readWriteSettings(fakeFn({}))).toEqual({ batchSize: 100, dryRun: false });
		expect(readItemParameter(fakeFn({}), PARAMETERS.suspendFirst, 0)).toBe(true);
	});

	test.each(['Remove', 'delete', 'REPLACE', 3])('option value %p is an error', (value) => {
		expect(() =>
			readItemParameter(fakeFn({ groupMode: () => value }), PARAMETERS.groupChange, 0),
		).toThrow(/The parameter "Group Change" is .*, not one of its values/);
	});

	test.each([[0], [-5], [2.5], ['abc'], ['']])('Limit %p is an error', (value) => {
		expect(() => readLimit(fakeFn({ limit: () => value }), 0)).toThrow(/The parameter "Limit"/);
	});

	test('Limit "20" from an expression is 20; Return All gives no limit', () => {
		expect(readLimit(fakeFn({ limit: () => '20' }), 0)).toBe(20);
		expect(readLimit(fakeFn({ returnAll: () => true, limit: () => 0 }), 0)).toBeUndefined();
	});
});

describe("an operation's records (readParameters: one call per run)", () => {
	/** fakeFn, logging every getNodeParameter call as "path@item". */
	const logged = (parameters: Record<string, (itemIndex: number) => unknown>, itemCount = 1) => {
		const reads: string[] = [];
		const fn = fakeFn(parameters, itemCount);
		const read = fn.getNodeParameter.bind(fn);
		(fn as unknown as { getNodeParameter: unknown }).getNodeParameter = (
			path: string,
			itemIndex: number,
			fallback?: unknown,
		) => (reads.push(`${path}@${itemIndex}`), read(path, itemIndex, fallback));
		return { fn, reads };
	};

	test('each item gets one record; an item whose parameter does not read keeps its error, with its item as data, and the others read', () => {
		const { fn } = logged(
			{
				'options.reason': (i) => `reason ${i}`,
				'options.removeFromGroups': (i) => (i === 1 ? 'yes' : i === 2),
			},
			3,
		);
		const read = readParameters(fn, {
			run: {},
			item: { reason: PARAMETERS.reason, removeFromGroups: PARAMETERS.removeFromGroups },
		});
		expect(read.item(0)).toEqual({ reason: 'reason 0', removeFromGroups: false });
		expect(read.item(2)).toEqual({ reason: 'reason 2', removeFromGroups: true });
		const failed = read.items[1] as { error: NodeOperationError; before: IDataObject };
		expect(failed.error.message).toMatch(
			/^The parameter "Options > Remove From Groups" .*not true or false \[item 1\]$/,
		);
		expect(failed.error.context.itemIndex).toBe(1);
		// The values read before the one that failed stay with the error.
		expect(failed.before).toEqual({ reason: 'reason 1' });
		expect(() => read.item(1)).toThrow(failed.error);
	});

	test("per-run values are read in one pass before any item's values; a problem there is the whole run's", () => {
		const { fn, reads } = logged(
			{ 'requestSettings.batchSize': () => 20, 'options.reason': (i) => `r${i}` },
			2,
		);
		const read = readParameters(fn, {
			run: { batchSize: PARAMETERS.batchSize },
			item: { reason: PARAMETERS.reason },
		});
		expect(read.run).toEqual({ batchSize: 20 });
		expect(reads).toEqual([
			'requestSettings.batchSize@0',
			'requestSettings.batchSize@1',
			'options.reason@0',
			'options.reason@1',
		]);
		const differing = fakeFn({ 'options.dryRun': (i) => i === 1 }, 2);
		expect(() =>
			readParameters(differing, { run: { dryRun: PARAMETERS.dryRun }, item: {} }),
		).toThrow('The parameter "Options > Dry Run" is true here but false in item 0 [item 1]');
	});

	test('a parameter with a condition is read only when the values before it meet it', () => {
		const { fn, reads } = logged({ returnAll: (i) => i === 0, limit: () => 5 }, 2);
		const read = readParameters(fn, { run: {}, item: LIMIT_READS });
		expect(read.items).toEqual([
			{ value: { returnAll: true, limit: undefined } },
			{ value: { returnAll: false, limit: 5 } },
		]);
		expect(reads).toEqual(['returnAll@0', 'returnAll@1', 'limit@1']);
	});

	test('an optional parameter that is not set is neither read nor checked', () => {
		const { fn, reads } = logged({ 'updateFields.jobTitle': () => 'Engineer' });
		const read = readParameters(fn, {
			run: {},
			item: {
				firstName: UPDATE_FIELDS.firstName,
				jobTitle: UPDATE_FIELDS.jobTitle,
				permissionProfile: PARAMETERS.updatePermissionProfile,
			},
		});
		expect(read.item(0)).toEqual({
			firstName: undefined,
			jobTitle: 'Engineer',
			permissionProfile: undefined,
		});
		expect(reads).toEqual(['updateFields.jobTitle@0']);
	});
});

describe('Results', () => {
	const failure = (fn: IExecuteFunctions, message: string) =>
		new NodeOperationError(fn.getNode(), message, { description: 'How to fix it.' });

	test('every item comes out once, in input order, paired, whatever order outcomes were recorded in', () => {
		const fn = fakeFn({}, 3, 'continueRegularOutput');
		const results = new Results(fn, 3);
		results.ok(2, { n: 2 });
		results.fail(1, failure(fn, 'bad'));
		results.ok(0, [{ n: 0 }, { n: 0.5 }]);
		const output = results.outputOrThrowFirstFailure();
		expect(output.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(output[2].json).toEqual({ error: 'bad [item 1]', description: 'How to fix it.' });
		expect(output[2].error).toBeUndefined();
	});

	test('under Continue (using error output) a failed item holds only error and message (advice + DocuSign code), so that n8n 1.x and 2.x route it whole', () => {
		const fn = fakeFn({}, 1, 'continueErrorOutput');
		const results = new Results(fn, 1);
		const error = new NodeApiError(
			fn.getNode(),
			{ message: 'x' },
			{ message: 'DocuSign said no', description: 'Do this instead.' },
		);
		error.context.errorCode = 'USER_LACKS_PERMISSIONS';
		results.fail(0, error);
		const [item] = results.outputOrThrowFirstFailure();
		expect(item.json).toEqual({
			error: 'DocuSign said no [item 0]',
			message: "Do this instead. DocuSign's error code: USER_LACKS_PERMISSIONS.",
		});
		// an item-level error would make n8n cut the json down to { error } (n8n-core's normalizeNodeErrors)
		expect(item.error).toBeUndefined();
	});

	test('open hands out the items that have not failed, in order, and none once Continue On Fail off must stop', () => {
		const onFail = fakeFn({}, 4, 'continueRegularOutput');
		const carryOn = new Results(onFail, 4);
		carryOn.fail(1, failure(onFail, 'bad'));
		const handed: number[] = [];
		for (const i of carryOn.open()) {
			handed.push(i);
			if (i === 2) carryOn.fail(2, failure(onFail, 'bad too'));
		}
		expect(handed).toEqual([0, 2, 3]);

		const stop = fakeFn({}, 4);
		const stopping = new Results(stop, 4);
		const before: number[] = [];
		for (const i of stopping.open()) {
			before.push(i);
			if (i === 1) stopping.fail(1, failure(stop, 'bad'));
		}
		expect(before).toEqual([0, 1]);
		expect([...stopping.open()]).toEqual([]);
	});

	test('a run-level failure fails the unfinished items and keeps the finished ones', () => {
		const fn = fakeFn({}, 3, 'continueRegularOutput');
		const results = new Results(fn, 3);
		results.ok(0, { done: true });
		results.failUnsettled(new Error('lookup failed'));
		const output = results.outputOrThrowFirstFailure();
		expect(output.map((i) => i.json)).toEqual([
			{ done: true },
			{ error: 'lookup failed [item 1]' },
			{ error: 'lookup failed [item 2]' },
		]);
	});

	test('Continue On Fail off: the first failure is thrown, listing what this run already wrote', () => {
		const fn = fakeFn({}, 14);
		const results = new Results(fn, 14);
		for (let i = 0; i < 12; i++) results.noteWritten(i, 'created', `u${i}@acme.example`);
		results.noteWritten(12, 'closed', 'c@acme.example');
		results.fail(13, failure(fn, 'the batch failed'));
		expect(results.stopRequested()).toBe(true);
		let thrown: NodeOperationError | undefined;
		try {
			results.outputOrThrowFirstFailure();
		} catch (error) {
			thrown = error as NodeOperationError;
		}
		expect(thrown?.message).toBe('the batch failed [item 13]');
		expect(thrown?.description).toBe(
			'How to fix it.\n\nAlready written to DocuSign by this run before it stopped (these writes stand): created 12 (u0@acme.example, u1@acme.example, u2@acme.example, u3@acme.example, u4@acme.example, u5@acme.example, u6@acme.example, u7@acme.example, u8@acme.example, u9@acme.example and 2 more); closed 1 (c@acme.example).',
		);
	});

	test('Continue On Fail off: a run-level error that names its item is thrown as it is', () => {
		const fn = fakeFn({}, 3);
		const results = new Results(fn, 3);
		results.failUnsettled(failure(fn, 'differs [item 2]'));
		expect(() => results.outputOrThrowFirstFailure()).toThrow('differs [item 2]');
	});

	test('a second failure of the same item does not replace the first; ok after a failure is ignored', () => {
		const fn = fakeFn({}, 1, 'continueRegularOutput');
		const results = new Results(fn, 1);
		results.fail(0, failure(fn, 'first'));
		results.fail(0, failure(fn, 'second'));
		results.ok(0, { late: true });
		expect(results.outputOrThrowFirstFailure()[0].json.error).toBe('first [item 0]');
	});
});

describe('one target per user', () => {
	test('a later entry with the same key fails, naming the earlier item', () => {
		const fn = fakeFn({}, 3, 'continueRegularOutput');
		const results = new Results(fn, 3);
		const kept = rejectRepeats(
			fn,
			results,
			[
				{ itemIndex: 0, id: 'U' },
				{ itemIndex: 1, id: 'v' },
				{ itemIndex: 2, id: 'u' },
			],
			(e) => e.id,
			'User',
			(_e, first) => `names the same user as item ${first}`,
		);
		expect(kept.map((e) => e.itemIndex)).toEqual([0, 1]);
		expect(results.failed(2)).toBe(true);
	});
});
