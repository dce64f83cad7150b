#!/usr/bin/env node
// The editor matrix: the same end-to-end suites npm test runs against the pinned editors, against the newest
// ones the registry installs (the folders of scripts/install-editors.mjs: n8n-latest on node24, node-red-5 on
// node22), installed first when missing. Packs nothing itself: Jest's globalSetup packs, as in npm test, from
// the build (npm run build first).
//   n8n: Jest runs on this Node, n8n (the CLI and the server the suites spawn) on the newest n8n's Node
//        (SMSKIT_N8N_DIR, SMSKIT_N8N_NODE).
//   Node-RED: embedded in the Jest process, so Jest itself runs on Node-RED 5's Node (SMSKIT_NODE_RED_DIR).
// Prints the versions tested and each part's suites, tests and time; exits non-zero if any suite failed.
// `node scripts/test-editors-matrix.mjs n8n` (or node-red) runs one part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDITORS, editorDir, installEditors, installedVersion, nodeBinary } from './install-editors.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = 'test/e2e';
// Queue mode (n8n-queue: PostgreSQL, Redis, five n8n processes) included.
const e2eFiles = (pattern) =>
	readdirSync(join(ROOT, E2E))
		.filter((file) => pattern.test(file))
		.sort()
		.map((file) => join(E2E, file));

const PARTS = {
	n8n: {
		editor: 'n8n-latest',
		files: [...e2eFiles(/^n8n-.*\.test\.ts$/), join(E2E, 'browser-n8n.test.ts')],
		// Jest on this Node; n8n on its own.
		jestNode: () => process.execPath,
		nodeArgs: [],
		env: () => ({ SMSKIT_N8N_DIR: editorDir('n8n-latest'), SMSKIT_N8N_NODE: nodeBinary(EDITORS['n8n-latest'].node) }),
	},
	'node-red': {
		editor: 'node-red-5',
		files: [...e2eFiles(/^node-red.*\.test\.ts$/), join(E2E, 'browser-node-red.test.ts')],
		jestNode: () => nodeBinary(EDITORS['node-red-5'].node),
		// Node-RED 5 loads every node file with import(), which inside Jest's vm contexts needs this flag
		// (without it each node set fails with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG and no type registers).
		nodeArgs: ['--experimental-vm-modules'],
		env: () => ({ SMSKIT_NODE_RED_DIR: editorDir('node-red-5') }),
	},
};

const only = process.argv.slice(2);
const unknown = only.filter((part) => !(part in PARTS));
if (unknown.length) {
	console.error(`unknown part(s): ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
	process.exit(2);
}
const parts = Object.keys(PARTS).filter((part) => !only.length || only.includes(part));

for (const dist of ['dist', 'packages/node-red/dist', 'packages/tools/dist'])
	if (!existsSync(join(ROOT, dist))) {
		console.error(`${dist} is missing: run npm run build first (Jest's globalSetup packs the build)`);
		process.exit(2);
	}

installEditors(parts.map((part) => PARTS[part].editor));

const nodeVersion = (bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
const results = [];
const reports = join(ROOT, '.tmp/editors-matrix');
mkdirSync(reports, { recursive: true });
for (const part of parts) {
	const { editor, files } = PARTS[part];
	const jestNode = PARTS[part].jestNode();
	const env = PARTS[part].env();
	const runsOn = nodeBinary(EDITORS[editor].node);
	const label = `${EDITORS[editor].pkg} ${installedVersion(editor)} on Node.js ${nodeVersion(runsOn)}`;
	const report = join(reports, `${part}.json`);
	rmSync(report, { force: true });
	console.log(
		`\n=== ${label} (Jest on Node.js ${[nodeVersion(jestNode), ...PARTS[part].nodeArgs].join(' ')}): ${files.length} suites ===`,
	);
	for (const [name, value] of Object.entries(env)) console.log(`    ${name}=${value}`);
	const started = Date.now();
	const run = spawnSync(
		jestNode,
		[
			...PARTS[part].nodeArgs,
			'node_modules/jest/bin/jest.js',
			'--selectProjects',
			'e2e',
			'--json',
			`--outputFile=${report}`,
			'--runTestsByPath',
			...files,
		],
		{ cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } },
	);
	const seconds = Math.round((Date.now() - started) / 1000);
	const json = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
	results.push({
		label,
		seconds,
		ok: run.status === 0 && json?.success === true,
		ended: run.error ? String(run.error) : `exit ${run.status}${run.signal ? `, ${run.signal}` : ''}`,
		json,
	});
}

console.log('\n=== Editor matrix ===');
for (const { label, seconds, ok, ended, json } of results) {
	const counts = json
		? `suites ${json.numPassedTestSuites} passed, ${json.numFailedTestSuites} failed; ` +
			`tests ${json.numPassedTests} passed, ${json.numFailedTests} failed` +
			(json.numPendingTests ? `, ${json.numPendingTests} skipped` : '')
		: 'no Jest report';
	console.log(`${ok ? 'PASS' : 'FAIL'} ${label}: ${counts} (${seconds} s, ${ended})`);
	for (const suite of json?.testResults ?? [])
		if (suite.status !== 'passed') {
			console.log(`     ${suite.name.replace(`${ROOT}/`, '')}`);
			for (const test of suite.assertionResults.filter((t) => t.status === 'failed')) console.log(`       ✕ ${test.fullName}`);
			if (!suite.assertionResults.length && suite.message) console.log(`       ${suite.message.split('\n')[0]}`);
		}
}
const passed = results.reduce((n, r) => n + (r.json?.numPassedTests ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.json?.numFailedTests ?? 0), 0);
console.log(`matrix: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
