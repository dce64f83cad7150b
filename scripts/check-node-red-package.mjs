#!/usr/bin/env node
// Node-RED's Flow Library scorecard (`node-red-dev validate`) on a package folder, offline apart from the npm
// registry: node-red-dev's own check functions run as validate.js chains them, with a `cli` that records
// what they report. Usage: node scripts/check-node-red-package.mjs <packageDir>; exits 1 if a check fails.
//
// What each check really does (node-red-dev 0.1.6, src/libs/):
//   P01 licence      `license` is present (any value).
//   P03 repository   `repository` or `bugs` is present.
//   P04 naming       a scoped name (every package counts as new here: with no npm metadata there is no
//                    creation date); an unscoped name starting node-red/nodered must be node-red-contrib-*.
//   P08 similar      a same-named package in another scope of catalogue.nodered.org — SKIPPED.
//   P05 keywords     `keywords` include "node-red" (it only warns: the scorecard keeps test: true).
//   P06 node-red     `node-red.version` is declared and satisfied by a Node-RED release tagged latest or
//                    maintenance* on registry.npmjs.org (a package without a `node-red` block errors here).
//   P07 engines      `engines.node` is declared and admits the minimum Node.js of the latest Node-RED.
//   N01 unique types the node types (registerType in each node's .html) are in no other catalogue package — SKIPPED.
//   N02 examples     examples/**/*.json exist, each parses as an array (a flow), and together they use every
//                    non-config node type. An .html it cannot read is only console.logged and its types
//                    then need no example: the script fails N02 when no node type was read at all.
//   D01 dependencies at most 6 `dependencies`.
//   D02 bad packages the registry tree (npm-remote-ls) of the first dependency only (a `return` in its loop)
//                    holds nothing in its badpackages.json (agent-base <6).
//   D03 up to date   npm-check: each dependency's range admits the registry's latest, not a major behind.
// P02 (repository name) is commented out in node-red-dev itself.
//
// P08 and N01 read https://catalogue.nodered.org/catalogue.json, unreachable offline: node-red-dev's own axios
// answers those requests with an empty catalogue (a failed request would abort the rest of the chain), and
// both are reported SKIPPED, never passed. P06, P07, D02 and D03 use the npm registry, reachable wherever
// `npm install` is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const SKIPPED = { P08: 'catalogue.nodered.org unreachable offline', N01: 'catalogue.nodered.org unreachable offline' };
const ORDER = ['P01', 'P03', 'P04', 'P08', 'P05', 'P06', 'P07', 'N01', 'N02', 'D01', 'D02', 'D03'];
// Which check a warning belongs to: most carry their id; these do not.
const UNPREFIXED = [
	[/^No License/, 'P01'],
	[/^Duplicate nodename/, 'N01'],
	[/^(Examples not found|No examples found|Unable to read example)/, 'N02'],
];

const dir = process.argv[2];
if (!dir) {
	console.error('usage: node scripts/check-node-red-package.mjs <packageDir>');
	process.exit(2);
}
const path = resolve(dir);

const libs = createRequire(import.meta.url)
	.resolve('node-red-dev/src/libs/checkpackage.js')
	.replace(/checkpackage\.js$/, '');
const axios = createRequire(libs + 'checkpackage.js')('axios');
const get = axios.get.bind(axios);
axios.get = (url, config) =>
	url.startsWith('https://catalogue.nodered.org/')
		? Promise.resolve({ data: { modules: [] } })
		: get(url, { timeout: 15000, ...config }); // a registry that does not answer fails the check, not hangs

const warnings = [];
const errors = [];
const cli = {
	log: () => {},
	warn: (message) => warnings.push(String(message)),
	error: (e) => errors.push(e?.config?.url ? `${e.config.url}: ${e.message}` : String(e?.message ?? e)),
};

const started = Date.now();
const checkpackage = createRequire(libs)('./checkpackage.js');
const checknodes = createRequire(libs)('./checknodes.js');
const checkdeps = createRequire(libs)('./checkdeps.js');
const pkg = JSON.parse(readFileSync(path + '/package.json', 'utf8'));

// validate.js: checkpackage, then checknodes if the `node-red` block declares nodes, then checkdeps.
const scorecard = {};
await checkpackage(path, cli, scorecard, false);
if (pkg['node-red']?.nodes) await checknodes(path, cli, scorecard, false);
else cli.warn('N02 No nodes declared in package.json');
// checknodes only console.logs an .html it cannot read, and then finds every (zero) node in the examples.
if (scorecard.N02?.test && !scorecard.N02.nodes?.length) cli.warn("N02 no node type read from the nodes' .html files");
await checkdeps(path, cli, scorecard, false);

const rows = ORDER.map((id) => {
	if (SKIPPED[id]) return [id, 'SKIPPED', SKIPPED[id]];
	const mine = warnings.filter((w) => w.startsWith(id + ' ') || UNPREFIXED.some(([re, to]) => to === id && re.test(w)));
	const { test, ...facts } = scorecard[id] ?? {};
	// P06 warns for each incompatible release even when another is compatible; its `test` is the verdict.
	const failed = scorecard[id] === undefined || test === false || (id !== 'P06' && mine.length > 0);
	const shown = Object.entries(facts).filter(([, v]) => String(v) !== '');
	const detail = scorecard[id] === undefined ? ['not run'] : [...mine, ...shown.map(([k, v]) => `${k}: ${v}`)];
	return [id, failed ? 'FAIL' : 'pass', detail.join('; ')];
});
const stray = warnings.filter((w) => !/^[PND]\d\d /.test(w) && !UNPREFIXED.some(([re]) => re.test(w)));
rows.push(...stray.map((w) => ['?', 'FAIL', w]), ...errors.map((e) => ['error', 'FAIL', e]));

console.log(`Node-RED scorecard for ${pkg.name}@${pkg.version} (${path}), ${Date.now() - started} ms`);
for (const [id, result, detail] of rows) console.log(`${id.padEnd(6)}${result.padEnd(9)}${detail}`);
const failures = rows.filter(([, result]) => result === 'FAIL').length;
console.log(failures ? `${failures} failed` : 'all checks passed (P08, N01 skipped)');
// checkpackage.js and checkdeps.js open a readline on stdin when required, which would keep us running.
process.exit(failures ? 1 : 0);
