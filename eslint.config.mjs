// n8n's community-node lint (the recommended config, as `n8n-node lint` applies it) on what ships to n8n:
// the nodes, the credentials, the core they bundle, and package.json. The Node-RED adapter, the sandbox,
// scripts and tests run outside n8n and get TypeScript's recommended rules only.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test/editors/**', 'coverage/**'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { 'no-console': 'error', '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'core/**/*.ts'],
		extends: [community],
	},
	{
		files: ['package.json'],
		extends: [community],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['sandbox/**/*.ts', 'scripts/**', 'test/**/*.ts', 'cli/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
);
