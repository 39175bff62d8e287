/**
 * Jest config for the queue-mode suite ONLY (test/e2e/queue/*.test.ts): npm run test:e2e:queue.
 * Needs dist/, the n8n installs (test/e2e/install-n8n.sh) and PostgreSQL + Redis binaries (run.sh installs them).
 */
const base = require('../jest.e2e.config.js');

module.exports = {
	...base,
	rootDir: __dirname,
	testMatch: ['<rootDir>/**/*.test.ts'],
	testPathIgnorePatterns: [],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: `${__dirname}/../tsconfig.json` }] },
};
