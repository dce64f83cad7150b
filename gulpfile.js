/**
 * The build: typecheck happens in `npm run typecheck`; this bundles and copies.
 * - every n8n node and credential listed in package.json is bundled on its own (zod, libphonenumber-js inlined;
 *   n8n-workflow stays external: n8n provides it), keeping the source layout under dist/;
 * - the Node-RED entry is bundled to dist/node-red/smskit.js (axios inlined), its editor templates and help
 *   are concatenated into the one smskit.html / locales file Node-RED expects beside it;
 * - icons and codex files are copied.
 */
const { src, dest, series, parallel } = require('gulp');
const { build } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const pkg = require('./package.json');
const DIST = 'dist';

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
	fs.rmSync(DIST, { recursive: true, force: true });
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
		outdir: DIST,
		external: ['n8n-workflow'],
	});
}

/** Command-line tools shipped in package.json "bin" (e.g. the OVHcloud consumer-key helper). */
function bundleCli() {
	return build({
		...common,
		entryPoints: Object.values(pkg.bin).map((out) => out.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
		outbase: '.',
		outdir: DIST,
		banner: { js: '#!/usr/bin/env node' },
	});
}

function bundleNodeRed() {
	return build({ ...common, entryPoints: ['node-red/index.ts'], outfile: `${DIST}/node-red/smskit.js` });
}

/** Node-RED wants one .html beside the .js, and one help file per locale: both are made from per-node files. */
function nodeRedHtml(done) {
	const nodes = fs.readdirSync('node-red/nodes').sort();
	const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() + '\n' : '');
	const editor = read('node-red/shared/editor.html') + nodes.map((n) => read(`node-red/nodes/${n}/editor.html`)).join('\n');
	fs.mkdirSync(`${DIST}/node-red/locales/en-US`, { recursive: true });
	fs.writeFileSync(`${DIST}/node-red/smskit.html`, editor);
	const help = nodes.map((n) => read(`node-red/nodes/${n}/help.html`)).join('\n');
	fs.writeFileSync(`${DIST}/node-red/locales/en-US/smskit.html`, help);
	const messages = {};
	// The shared strings (runtime statuses of every node) first, then each node's.
	for (const file of ['node-red/shared/messages.json', ...nodes.map((n) => `node-red/nodes/${n}/messages.json`)]) {
		if (fs.existsSync(file)) Object.assign(messages, JSON.parse(fs.readFileSync(file, 'utf8')));
	}
	fs.writeFileSync(`${DIST}/node-red/locales/en-US/smskit.json`, JSON.stringify(messages, null, '\t'));
	done();
}

function icons() {
	return src('icons/*.svg')
		.pipe(dest(`${DIST}/icons`))
		.pipe(dest(`${DIST}/node-red/icons`));
}

function codex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest(DIST));
}

function nodeIconsBesideNodes(done) {
	// n8n resolves "file:" icons relative to the node file; dist mirrors the source layout, so ../../icons works.
	if (!fs.existsSync(path.join(DIST, 'icons'))) throw new Error('icons were not copied');
	done();
}

exports.clean = clean;
exports.build = series(clean, parallel(bundleN8n, bundleNodeRed, bundleCli, nodeRedHtml, icons, codex), nodeIconsBesideNodes);
exports.default = exports.build;
