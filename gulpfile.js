/**
 * The build of the three published packages; typecheck happens in `npm run typecheck`. Each bundles the shared
 * core with esbuild, so none has a runtime dependency:
 * - `@smskit/n8n-nodes-sms` (this folder): every n8n node and credential listed in package.json bundled on its
 *   own into dist/ (zod, libphonenumber-js inlined; n8n-workflow external: n8n provides it), icons, codex files;
 * - `@smskit/node-red-sms` (packages/node-red): the Node-RED entry with axios inlined, its editor templates and
 *   help concatenated into the one smskit.html / locales file Node-RED expects beside it, icons;
 * - `@smskit/tools` (packages/tools): the `smskit` command (sandbox, OVHcloud consumer key).
 */
const { src, dest, series, parallel } = require('gulp');
const { build } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const pkg = require('./package.json');
const N8N = 'dist';
const NODE_RED = 'packages/node-red/dist';
const TOOLS = 'packages/tools/dist';

// Minified: zod alone is 750 kB unminified and every bundle carries it; names are kept for readable stack traces.
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	logLevel: 'warning',
	minify: true,
	keepNames: true,
	legalComments: 'none',
};

function clean(done) {
	for (const dir of [N8N, NODE_RED, TOOLS]) fs.rmSync(dir, { recursive: true, force: true });
	done();
}

/** dist/nodes/X/X.node.js comes from nodes/X/X.node.ts, and so on for credentials. */
function n8nEntries() {
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((out) => out.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function bundleN8n() {
	return build({
		...common,
		entryPoints: n8nEntries(),
		outbase: '.',
		outdir: N8N,
		external: ['n8n-workflow'],
		// n8n's community rules forbid the globalThis zod keeps its registry and config on: each bundle gets its
		// own object instead (each bundle has its own copy of zod anyway).
		define: { globalThis: 'smskitGlobals' },
		inject: ['scripts/globals.js'],
	});
}

function bundleNodeRed() {
	return build({ ...common, entryPoints: ['node-red/index.ts'], outfile: `${NODE_RED}/smskit.js` });
}

function bundleTools() {
	return build({
		...common,
		entryPoints: ['cli/smskit.ts'],
		outfile: `${TOOLS}/smskit.js`,
		banner: { js: '#!/usr/bin/env node' },
	});
}

/** Node-RED wants one .html beside the .js, and one help file per locale: both are made from per-node files. */
function nodeRedHtml(done) {
	const nodes = fs.readdirSync('node-red/nodes').sort();
	const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() + '\n' : '');
	const editor = read('node-red/shared/editor.html') + nodes.map((n) => read(`node-red/nodes/${n}/editor.html`)).join('\n');
	fs.mkdirSync(`${NODE_RED}/locales/en-US`, { recursive: true });
	fs.writeFileSync(`${NODE_RED}/smskit.html`, editor);
	const help = nodes.map((n) => read(`node-red/nodes/${n}/help.html`)).join('\n');
	fs.writeFileSync(`${NODE_RED}/locales/en-US/smskit.html`, help);
	const messages = {};
	// The shared strings (runtime statuses of every node) first, then each node's.
	for (const file of ['node-red/shared/messages.json', ...nodes.map((n) => `node-red/nodes/${n}/messages.json`)]) {
		if (fs.existsSync(file)) Object.assign(messages, JSON.parse(fs.readFileSync(file, 'utf8')));
	}
	fs.writeFileSync(`${NODE_RED}/locales/en-US/smskit.json`, JSON.stringify(messages, null, '\t'));
	done();
}

function icons() {
	return src('icons/*.svg')
		.pipe(dest(`${N8N}/icons`))
		.pipe(dest(`${NODE_RED}/icons`));
}

function codex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest(N8N));
}

/** The licence ships in every package; the workspace packages take the repository's one. */
function licences(done) {
	for (const dir of ['packages/node-red', 'packages/tools']) fs.copyFileSync('LICENSE', path.join(dir, 'LICENSE'));
	done();
}

function nodeIconsBesideNodes(done) {
	// n8n resolves "file:" icons relative to the node file; dist mirrors the source layout, so ../../icons works.
	if (!fs.existsSync(path.join(N8N, 'icons'))) throw new Error('icons were not copied');
	done();
}

exports.clean = clean;
exports.build = series(
	clean,
	parallel(bundleN8n, bundleNodeRed, bundleTools, nodeRedHtml, icons, codex, licences),
	nodeIconsBesideNodes,
);
exports.default = exports.build;
