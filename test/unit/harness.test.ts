/** The test harness leaves a contributor's machine alone and keeps a passing run readable. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

test('an exported N8N_USER_FOLDER is replaced by an empty temp folder (n8n-core would refuse its key)', () => {
	const exported = fs.mkdtempSync(path.join(os.tmpdir(), 'exported-n8n-'));
	const folder = execFileSync(
		process.execPath,
		['-e', "require('./test/setup-env.js'); console.log(process.env.N8N_USER_FOLDER)"],
		{ cwd: ROOT, env: { ...process.env, N8N_USER_FOLDER: exported }, encoding: 'utf8' },
	).trim();
	expect(folder).not.toBe(exported);
	expect(folder.startsWith(os.tmpdir())).toBe(true);
	expect(fs.readdirSync(folder)).toEqual([]);
});

test("a test's console output is shown only when that test fails", () => {
	const run = spawnSync(
		process.execPath,
		[
			path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
			'--rootDir',
			ROOT,
			'--roots',
			'<rootDir>/test/fixtures/quiet',
			'--testMatch',
			'**/*.fixture.ts',
			'--testEnvironment',
			'<rootDir>/test/quiet-environment.js',
			'--transform',
			JSON.stringify({ '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] }),
			'--ci',
		],
		{ cwd: ROOT, env: { ...process.env, N8N_TEST_LOGS: '' }, encoding: 'utf8' },
	);
	const output = run.stdout + run.stderr;
	expect(output).toMatch(/1 failed, 1 passed/);
	expect(output).toContain('LINE-FROM-A-FAILING-TEST');
	expect(output).toContain('STREAM-LINE-FROM-A-FAILING-TEST');
	expect(output).not.toContain('LINE-FROM-A-PASSING-TEST');
});
