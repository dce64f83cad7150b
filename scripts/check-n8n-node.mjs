// @n8n/node-cli's own checks on the n8n package, as n8n's starter project runs them (`npm test` runs this from
// scripts/check-packages.mjs, after the build):
// - `n8n-node lint` (the template's "lint" script): ESLint with n8n's config (@n8n/node-cli/eslint: the
//   community-nodes rules, eslint-plugin-n8n-nodes-base's node, credential and package.json rules, import-x,
//   typescript-eslint) on every .ts and the package.json of the folder it runs in. With `"strict": true` in
//   package.json's n8n section it first requires that folder's eslint.config.mjs to be node-cli's default one,
//   unchanged, and it takes no other config. This repository's eslint.config.mjs lints the whole repository
//   (Node-RED, sandbox, tests…), so the command runs in a copy of the n8n package: package.json, the nodes, the
//   credentials, the core they bundle, the icons, and node-cli's default eslint.config.mjs; node_modules is this
//   one. The paths in its report are turned back into this repository's.
// - `n8n-node prerelease` (the template's "prepublishOnly"): it refuses `npm publish` unless RELEASE_MODE is set,
//   which `n8n-node release` (`npm run release`) sets for the publish it runs. Both sides go through npm's own
//   lifecycle with `npm publish --dry-run --offline`: refused without RELEASE_MODE, packed with it.
// Exits 1 when either fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './packages.mjs';

const require = createRequire(import.meta.url);
// The package exports only its ESLint config (dist/configs/eslint.js): the folder is two up from it.
const cli = resolve(dirname(require.resolve('@n8n/node-cli/eslint')), '../..');
const bin = join(cli, 'bin/n8n-node.mjs');
const output = (run) => ({ ...run, stdout: run.stdout ?? '', stderr: (run.stderr ?? '') + (run.error ? `${run.error}\n` : '') });
const n8nNode = (args, options) => output(spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', ...options }));
const npm = (args, env) => output(spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env }));

function lint() {
	const stage = join(ROOT, '.tmp/n8n-node');
	rmSync(stage, { recursive: true, force: true });
	mkdirSync(stage, { recursive: true });
	for (const entry of ['package.json', 'tsconfig.json', 'nodes', 'credentials', 'core', 'icons'])
		cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
	copyFileSync(join(cli, 'dist/template/templates/shared/default/eslint.config.mjs'), join(stage, 'eslint.config.mjs'));
	symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
	const run = n8nNode(['lint'], { cwd: stage });
	const here = (text) => text.replaceAll(stage, ROOT);
	process.stdout.write(here(run.stdout));
	process.stderr.write(here(run.stderr));
	return run.status === 0;
}

function prerelease() {
	const { RELEASE_MODE: _, ...env } = process.env;
	const publish = ['publish', '--dry-run', '--offline'];
	const refused = npm(publish, env);
	const released = npm(publish, { ...env, RELEASE_MODE: 'true' });
	// Refused by the guard itself: its message, not some other failure of npm publish.
	const guarded = refused.status !== 0 && refused.stdout.includes('Run `npm run release` to publish the package');
	if (!guarded) process.stdout.write(refused.stdout + refused.stderr);
	if (released.status !== 0) process.stdout.write(released.stdout + released.stderr);
	const ok = guarded && released.status === 0;
	console.log(
		`${ok ? '✅' : '❌'} n8n-node prerelease (prepublishOnly): npm publish ${guarded ? 'refused' : 'NOT refused'} without RELEASE_MODE, ` +
			`${released.status === 0 ? 'goes through' : 'FAILS'} with it (as n8n-node release runs it)`,
	);
	return ok;
}

const linted = lint();
console.log(`${linted ? '✅' : '❌'} n8n-node lint: package.json, nodes/, credentials/, core/ with @n8n/node-cli/eslint`);
const guarded = prerelease();
process.exit(linted && guarded ? 0 : 1);
