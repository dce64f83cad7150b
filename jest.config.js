/** Unit tests run fast on the pure core and the sandbox; e2e tests drive the real editors. */
const transform = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/{core,vectors,contract,repo,sandbox,n8n,node-red}/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/e2e/timeout.ts'],
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
		},
	],
};
