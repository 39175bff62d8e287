/** Unit and integration suites. The integration suites load the built package from dist/ into n8n-core. */
module.exports = {
	testEnvironment: '<rootDir>/test/quiet-environment.js',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/integration'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
