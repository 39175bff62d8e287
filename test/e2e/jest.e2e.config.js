/**
 * Jest config for the real-n8n end-to-end tests ONLY (test/e2e/*.test.ts).
 *   npx jest -c test/e2e/jest.e2e.config.js
 * Needs `npm run build` (dist/) and `bash test/e2e/install-n8n.sh all` first.
 * The unit-test jest config must NOT pick these files up (testPathIgnorePatterns: ['/test/e2e/']).
 */
module.exports = {
	rootDir: __dirname,
	testMatch: ['<rootDir>/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/queue/'], // queue mode: npm run test:e2e:queue
	testEnvironment: 'node',
	transform: {
		// isolatedModules in tsconfig.json: transpile only (fast); `npx tsc -p test/e2e` type-checks
		'^.+\\.ts$': ['ts-jest', { tsconfig: `${__dirname}/tsconfig.json` }],
	},
	testTimeout: 10 * 60 * 1000, // a cold n8n start + migrations + several CLI runs
	maxWorkers: 1, // 2 cores: n8n processes are CPU-heavy; versions run one after the other
	verbose: true,
};
