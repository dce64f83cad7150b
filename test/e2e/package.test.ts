import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { PACKAGES, type PackageKey } from './helpers/pack';

/** What `npm pack` publishes for each package: only what its users need, nothing its editor's rules forbid. */
function packed(key: PackageKey) {
	const { dir } = PACKAGES[key];
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' })) as Array<{
		files: Array<{ path: string }>;
	}>;
	const files = info.files.map((f) => f.path);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	/** Every module a shipped .js requires. */
	const requires = new Set<string>();
	for (const file of files.filter((f) => f.endsWith('.js'))) {
		for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)) requires.add(m[1]);
	}
	return { files, pkg, requires: [...requires] };
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('@smskit/n8n-nodes-sms', () => {
	const { files, pkg, requires } = packed('n8n');

	it('holds the n8n nodes, credentials, icons and codex files only', () => {
		expect(files.filter((f) => !/^(dist\/(nodes|credentials|icons)\/|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
		expect(files.filter((f) => f.endsWith('.node.json'))).toHaveLength(pkg.n8n.nodes.length);
		expect(files.some((f) => /node-red|sandbox|examples|\.ts$/.test(f))).toBe(false);
	});

	it('has no runtime dependency, n8n-workflow as its only peer, and no Node-RED block', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.keywords).not.toContain('node-red');
		expect(pkg['node-red']).toBeUndefined();
		expect(pkg.bin).toBeUndefined();
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('requires only n8n-workflow and the Node built-ins n8n allows (crypto), and no restricted global', () => {
		expect(requires.filter((m) => m !== 'n8n-workflow').sort()).toEqual(['node:crypto']);
		for (const file of files.filter((f) => f.endsWith('.js'))) {
			expect([file, /\bglobalThis\b/.test(fs.readFileSync(path.join(PACKAGES.n8n.dir, file), 'utf8'))]).toEqual([file, false]);
		}
	});
});

describe('@smskit/node-red-sms', () => {
	const { files, pkg, requires } = packed('nodeRed');

	it('holds the Node-RED entry, its editor and locales, icons and example flows only', () => {
		expect(files.filter((f) => !/^(dist\/|examples\/[^/]+\.json$|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
		for (const file of [...Object.values(pkg['node-red'].nodes), 'dist/smskit.html', 'dist/locales/en-US/smskit.json'])
			expect(files).toContain(file);
		expect(files.some((f) => /\/(nodes|credentials)\/|\.ts$/.test(f))).toBe(false);
	});

	it('is a scoped Node-RED package with no runtime dependency', () => {
		expect(pkg.name).toMatch(/^@smskit\//);
		expect(pkg.keywords).toContain('node-red');
		expect(pkg.keywords).not.toContain('n8n-community-node-package');
		// Tested on 4.1.15 and 5.0.7 (npm test, npm run test:editors-matrix); 4.0 never ran.
		expect(pkg['node-red'].version).toBe('>=4.1.0 <6');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies ?? {}).toEqual({});
		expect(requires.filter((m) => !isBuiltin(m))).toEqual([]);
	});
});

describe('@smskit/tools', () => {
	const { files, pkg, requires } = packed('tools');

	it('holds the smskit command only, bundled', () => {
		expect(files.sort()).toEqual(['LICENSE', 'README.md', 'dist/smskit.js', 'package.json']);
		expect(pkg.bin).toEqual({ smskit: 'dist/smskit.js' });
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(requires.filter((m) => !isBuiltin(m))).toEqual([]);
		expect(fs.readFileSync(path.join(PACKAGES.tools.dir, 'dist/smskit.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
	});
});
