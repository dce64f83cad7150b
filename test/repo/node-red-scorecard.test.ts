/** scripts/check-node-red-package.mjs: the Flow Library scorecard passes a well-formed package and names each broken rule. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');

type Pkg = Record<string, unknown> & { 'node-red': Record<string, unknown> };

/** A minimal valid Node-RED package in a fresh tmp dir; `edit` breaks it. */
function makePackage(edit: (pkg: Pkg, dir: string) => void = () => {}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-scorecard-'));
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.mkdirSync(path.join(dir, 'examples'));
	fs.writeFileSync(
		path.join(dir, 'dist/thing.js'),
		"module.exports = (RED) => RED.nodes.registerType('acme-thing', function (c) { RED.nodes.createNode(this, c); });\n",
	);
	fs.writeFileSync(
		path.join(dir, 'dist/thing.html'),
		'<script type="text/javascript">\n' +
			"RED.nodes.registerType('acme-thing', { category: 'function', defaults: { name: { value: '' } }, inputs: 1, outputs: 1 });\n" +
			'</script>\n',
	);
	fs.writeFileSync(path.join(dir, 'examples/basic.json'), JSON.stringify([{ id: 'n1', type: 'acme-thing', z: 'f1' }]));
	const pkg: Pkg = {
		name: '@acme/node-red-thing',
		version: '1.0.0',
		license: 'MIT',
		repository: { type: 'git', url: 'git+https://github.com/acme/node-red-thing.git' },
		keywords: ['node-red', 'thing'],
		engines: { node: '>=20.15' },
		'node-red': { version: '>=4.0.0', nodes: { thing: 'dist/thing.js' } },
	};
	edit(pkg, dir);
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	return dir;
}

/** The script's exit code and its table rows as [id, result, detail]. */
function check(dir: string): { code: number; rows: string[][] } {
	let code = 0;
	let out: string;
	try {
		out = execFileSync(process.execPath, ['scripts/check-node-red-package.mjs', dir], { cwd: root, encoding: 'utf8' });
	} catch (e) {
		const err = e as { status: number; stdout: string };
		code = err.status;
		out = err.stdout;
	}
	fs.rmSync(dir, { recursive: true, force: true });
	const rows = out
		.split('\n')
		.map((line) => /^(\S+)\s+(pass|FAIL|SKIPPED)\s*(.*)$/.exec(line)?.slice(1))
		.filter((row): row is string[] => row !== undefined);
	return { code, rows };
}

const failing = (rows: string[][]) => rows.filter(([, result]) => result === 'FAIL').map(([id]) => id);

it('passes a well-formed package, with the catalogue checks P08 and N01 skipped, not passed', () => {
	const { code, rows } = check(makePackage());
	expect(failing(rows)).toEqual([]);
	expect(code).toBe(0);
	expect(rows.map(([id]) => id)).toEqual(['P01', 'P03', 'P04', 'P08', 'P05', 'P06', 'P07', 'N01', 'N02', 'D01', 'D02', 'D03']);
	for (const id of ['P08', 'N01']) {
		expect(rows.find((row) => row[0] === id)).toEqual([id, 'SKIPPED', 'catalogue.nodered.org unreachable offline']);
	}
});

const broken: Array<[string, (pkg: Pkg, dir: string) => void, string, RegExp]> = [
	['no licence', (pkg) => delete pkg.license, 'P01', /No License/],
	['neither repository nor bugs', (pkg) => delete pkg.repository, 'P03', /repository URL or a Bugs URL/],
	['an unscoped name', (pkg) => (pkg.name = 'thing'), 'P04', /scoped name/],
	// node-red-dev only warns here and leaves the scorecard's P05 passed: the script counts the warning.
	['no node-red keyword', (pkg) => (pkg.keywords = ['thing']), 'P05', /keywords MUST contain node-red/],
	['no version in the node-red block', (pkg) => delete pkg['node-red'].version, 'P06', /version compatibility not declared/],
	['no engines.node', (pkg) => delete pkg.engines, 'P07', /Node version not declared/],
	[
		'an example that is not a flow',
		(_pkg, dir) => fs.writeFileSync(path.join(dir, 'examples/basic.json'), '{"nodes": []}'),
		'N02',
		/Unable to read example/,
	],
	// node-red-dev would pass N02 with no node read (it only logs the parse failure): the script does not.
	['a node without its .html', (_pkg, dir) => fs.rmSync(path.join(dir, 'dist/thing.html')), 'N02', /no node type read/],
	[
		'7 runtime dependencies',
		// "*" ranges of tiny registry packages, so D02 and D03 (which ask the npm registry) still pass.
		(pkg) =>
			(pkg.dependencies = Object.fromEntries(
				['ms', 'is-number', 'has-flag', 'isarray', 'inherits', 'kind-of', 'escape-string-regexp'].map((n) => [n, '*']),
			)),
		'D01',
		/large number of dependencies \(7\)/,
	],
];

it.each(broken)('fails a package with %s, naming the check', (_what, edit, id, message) => {
	const { code, rows } = check(makePackage(edit));
	expect(code).toBe(1);
	expect(failing(rows)).toEqual([id]);
	expect(rows.find((row) => row[0] === id)?.[2]).toMatch(message);
});
