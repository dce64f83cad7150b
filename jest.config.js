/** Unit tests run fast on the pure core and the sandbox; e2e tests drive the real editors. */
const common = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', {}] },
	// Packed and unpacked copies of our packages (.tmp/) and the installed editors are not sources.
	modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/test/editors/'],
};

module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/{core,vectors,contract,properties,repo,sandbox,n8n,node-red}/**/*.test.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/e2e/timeout.ts'],
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
		},
	],
};
