/**
 * The build of the three published packages; typecheck happens in `npm run typecheck`. Each bundles the shared
 * core with esbuild, so none has a runtime dependency:
 * - `@smskit/n8n-nodes-sms` (this folder): every n8n node and credential listed in package.json, built once into
 *   one shared runtime (dist/nodes/shared/runtime.js: core, zod, libphonenumber-js inlined; n8n-workflow external:
 *   n8n provides it), and for each a small file n8n loads at start-up that holds its description as data and
 *   requires the runtime the first time n8n calls it (see n8nEntryFile); icons, codex files;
 * - `@smskit/node-red-sms` (packages/node-red): the Node-RED entry (core, zod and libphonenumber-js inlined, the
 *   phone metadata packed), its editor templates and help concatenated into the one smskit.html / locales file
 *   Node-RED expects beside it, icons;
 * - `@smskit/tools` (packages/tools): the `smskit` command (sandbox, OVHcloud consumer key).
 */
const { src, dest, series, parallel } = require('gulp');
const { build } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

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
	// SMSKIT_UNMINIFIED=1 keeps the code readable, for CPU profiles (`npm run bench -- --n8n-cpu-prof <dir>`).
	minify: !process.env.SMSKIT_UNMINIFIED,
	keepNames: true,
	legalComments: 'none',
};

function clean(done) {
	for (const dir of [N8N, NODE_RED, TOOLS]) fs.rmSync(dir, { recursive: true, force: true });
	done();
}

/**
 * dist/nodes/X/X.node.js comes from nodes/X/X.node.ts and holds the class X, and so on for credentials; the
 * runtime exports it as XNode (or XCredential: a node and a credential may share a name).
 */
function n8nEntries() {
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((out) => {
		const name = path.basename(out).split('.')[0];
		return {
			out,
			source: out.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
			name,
			key: `${name}${pkg.n8n.nodes.includes(out) ? 'Node' : 'Credential'}`,
		};
	});
}

// Under dist/nodes: the package publishes nodes, credentials and icons only (test/e2e/package.test.ts).
const RUNTIME = `${N8N}/nodes/shared/runtime.js`;

/**
 * Every node and credential class in one bundle, so zod, libphonenumber-js and the core are parsed, and their
 * schemas built, once per n8n process, the first time any node runs; n8n never loads this file itself.
 */
function bundleN8nRuntime() {
	const contents = n8nEntries()
		.map(({ source, name, key }) => `export { ${name} as ${key} } from './${source.replace(/\.ts$/, '')}';`)
		.join('\n');
	return build({
		...common,
		stdin: { contents, resolveDir: __dirname, sourcefile: 'n8n-runtime.ts', loader: 'ts' },
		outfile: RUNTIME,
		external: ['n8n-workflow'],
		// n8n's community rules forbid the globalThis zod keeps its registry and config on: the bundle gets its
		// own object instead.
		define: { globalThis: 'smskitGlobals' },
		inject: ['scripts/globals.js'],
	});
}

/** The start-up files: each class as n8n reads it, its description evaluated here, its code in the runtime. */
function n8nEntryFiles(done) {
	const file = path.resolve(RUNTIME);
	delete require.cache[file];
	const runtime = require(file);
	delete require.cache[file];
	for (const { out, name, key } of n8nEntries()) {
		fs.mkdirSync(path.dirname(out), { recursive: true });
		const relative = path.relative(path.dirname(out), RUNTIME).split(path.sep).join('/');
		const from = { file: relative.startsWith('.') ? relative : `./${relative}`, key };
		fs.writeFileSync(out, n8nEntryFile(name, new runtime[key](), from));
	}
	done();
}

/**
 * n8n instantiates every node and credential at start-up to read its description, and calls its functions
 * (execute, poll, webhook, methods, authenticate…) only when it runs. So the file copies the instance's data
 * (description, properties, test request…) as literals, and each function becomes a stub that loads the runtime
 * once, makes the real instance and calls the same function there with the same `this` and arguments.
 */
function n8nEntryFile(name, instance, runtime) {
	if (instance.constructor.name !== name) throw new Error(`${runtime.key} is ${instance.constructor.name}, not ${name}`);
	const fields = Object.keys(instance).map((key) => `\t${propertyKey(key)} = ${literal(instance[key], [key], 1)};`);
	const methods = [];
	for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
		for (const key of Object.getOwnPropertyNames(proto)) {
			if (key === 'constructor' || Object.hasOwn(instance, key) || methods.some((m) => m.key === key)) continue;
			if (typeof proto[key] !== 'function') throw new Error(`${name}.${key}: only methods are expected on the prototype`);
			methods.push({
				key,
				source: `\t${propertyKey(key)}(...args) {\n\t\treturn real(${JSON.stringify([key])}).apply(this, args);\n\t}`,
			});
		}
	}
	return [
		`'use strict';`,
		`// Generated by gulpfile.js (n8nEntryFile) from ${name}: its description as n8n reads it at start-up; the code is`,
		`// in ${runtime.file}, loaded the first time n8n calls a function of it.`,
		`let instance;`,
		`function real(path) {`,
		`\tinstance ??= new (require('${runtime.file}').${runtime.key})();`,
		`\treturn path.reduce((value, key) => value[key], instance);`,
		`}`,
		`class ${name} {`,
		...fields,
		...methods.map((m) => m.source),
		`}`,
		`module.exports = { ${name} };`,
		'',
	].join('\n');
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const propertyKey = (key) => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/** Data as a JS literal; a function becomes a stub calling the runtime's at the same path. */
function literal(value, at, depth) {
	const indent = '\t'.repeat(depth);
	if (typeof value === 'function') {
		return `function (...args) {\n${indent}\treturn real(${JSON.stringify(at)}).apply(this, args);\n${indent}}`;
	}
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${at.join('.')}: ${value} has no literal`);
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const items = value.map((item, i) => {
			if (item === undefined) throw new Error(`${at.join('.')}[${i}] is undefined`);
			return `${indent}\t${literal(item, [...at, i], depth + 1)},`;
		});
		return `[\n${items.join('\n')}\n${indent}]`;
	}
	const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
	if (proto !== Object.prototype && proto !== null) {
		throw new Error(`${at.join('.')}: a ${typeof value} that is not plain data cannot be copied into the start-up file`);
	}
	if (depth > 40) throw new Error(`${at.join('.')}: too deep (a cycle?)`);
	const entries = Object.keys(value)
		.filter((key) => value[key] !== undefined)
		.map((key) => `${indent}\t${propertyKey(key)}: ${literal(value[key], [...at, key], depth + 1)},`);
	return entries.length ? `{\n${entries.join('\n')}\n${indent}}` : '{}';
}

// node-red/shared/transport.ts sends with Node's own http/https; an HTTP client creeping back in (axios was 77 kB
// of a 378 kB bundle) fails the build.
const NOT_IN_NODE_RED = /node_modules\/(axios|form-data|mime-db|mime-types|follow-redirects|https-proxy-agent)\//;

/**
 * libphonenumber-js's metadata (every country's prefixes and number lengths) is 83 kB of JSON, the largest single
 * part of the Node-RED bundle; brotli makes it 16 kB, and Node unpacks it in about a millisecond when the bundle
 * loads. The data is the one libphonenumber-js ships, byte for byte.
 */
const packedPhoneMetadata = {
	name: 'packed-phone-metadata',
	setup(esbuild) {
		esbuild.onLoad({ filter: /[\\/]libphonenumber-js[\\/]metadata\.min\.json\.js$/ }, () => {
			const json = fs.readFileSync(require.resolve('libphonenumber-js/metadata.min.json'));
			const packed = zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
			return {
				contents: `import { brotliDecompressSync } from 'node:zlib';
export default JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed.toString('base64'))}, 'base64')).toString('utf8'));`,
				loader: 'js',
			};
		});
	},
};

/**
 * zod's JSON Schema generator (to-json-schema, json-schema-processors: 18 kB) comes with every zod schema for its
 * toJSONSchema() method, which SMS Kit never calls. The Node-RED bundle takes stubs with the same exports that
 * refuse when called (the `create…Method` factories zod calls as it builds a schema return a refusing method).
 */
const ZOD_JSON_SCHEMA = /[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/;
const withoutZodJsonSchema = {
	name: 'without-zod-json-schema',
	setup(esbuild) {
		esbuild.onLoad({ filter: ZOD_JSON_SCHEMA }, ({ path: file }) => {
			const source = fs.readFileSync(file, 'utf8');
			const names = new Set();
			for (const [, name] of source.matchAll(/^export (?:async )?(?:function\*?|const|let|class) (\w+)/gm)) names.add(name);
			for (const [, list] of source.matchAll(/^export \{([^}]*)\}(?! from)/gm))
				for (const item of list.split(','))
					if (item.trim())
						names.add(
							item
								.trim()
								.split(/\s+as\s+/)
								.pop(),
						);
			const exports = [...names].map((name) =>
				/^create\w*Method$/.test(name)
					? `export const ${name} = () => refuse;`
					: name === 'allProcessors'
						? `export const ${name} = {};`
						: `export const ${name} = refuse;`,
			);
			return {
				contents: `const refuse = () => {
	throw new Error("SMS Kit's Node-RED bundle leaves out zod's JSON Schema generator");
};
${exports.join('\n')}`,
				loader: 'js',
			};
		});
	},
};

async function bundleNodeRed() {
	const { metafile } = await build({
		...common,
		// Node-RED shows an error's message, not its stack: the names esbuild would keep cost 30 kB.
		keepNames: false,
		entryPoints: ['node-red/index.ts'],
		outfile: `${NODE_RED}/smskit.js`,
		plugins: [packedPhoneMetadata, withoutZodJsonSchema],
		metafile: true,
	});
	// What takes the room: `SMSKIT_METAFILE=/tmp/meta.json npx gulp build`, then esbuild's analyzer (https://esbuild.github.io/analyze/).
	if (process.env.SMSKIT_METAFILE) fs.writeFileSync(process.env.SMSKIT_METAFILE, JSON.stringify(metafile));
	const unwanted = Object.keys(metafile.inputs).filter((input) => NOT_IN_NODE_RED.test(input));
	if (unwanted.length) throw new Error(`the Node-RED bundle is not to hold ${unwanted.join(', ')}`);
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
	parallel(series(bundleN8nRuntime, n8nEntryFiles), bundleNodeRed, bundleTools, nodeRedHtml, icons, codex, licences),
	nodeIconsBesideNodes,
);
exports.default = exports.build;
