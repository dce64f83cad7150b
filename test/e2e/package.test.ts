import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ROOT } from './helpers/pack';

/** What `npm pack` publishes: only what users need, and nothing n8n's community rules forbid. */
describe('the published package', () => {
	const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' })) as Array<{
		files: Array<{ path: string }>;
		size: number;
		unpackedSize: number;
	}>;
	const files = pack.files.map((f) => f.path);
	const pkg = JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8'));

	it('holds the build, examples, README and LICENSE only (no sandbox, no tests, no sources)', () => {
		const outside = files.filter((f) => !/^(dist\/|examples\/|README\.md$|LICENSE$|package\.json$)/.test(f));
		expect(outside).toEqual([]);
		expect(files.some((f) => f.includes('sandbox'))).toBe(false);
		expect(files.some((f) => f.endsWith('.ts'))).toBe(false);
	});

	it('ships every n8n node, credential and the Node-RED entry it declares', () => {
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials, ...Object.values(pkg['node-red'].nodes)] as string[];
		for (const file of declared) expect(files).toContain(file);
		expect(files).toContain('dist/node-red/smskit.html');
		expect(files).toContain('dist/node-red/locales/en-US/smskit.json');
	});

	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toEqual(expect.arrayContaining(['n8n-community-node-package', 'node-red']));
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg['node-red'].version).toBe('>=4.0.0');
	});

	it('bundles its libraries: no shipped file requires anything but Node built-ins and n8n-workflow', () => {
		const requires = new Set<string>();
		for (const file of files.filter((f) => f.endsWith('.js'))) {
			for (const m of fs.readFileSync(`${ROOT}/${file}`, 'utf8').matchAll(/require\("([^"]+)"\)/g)) requires.add(m[1]);
		}
		const foreign = [...requires].filter((m) => m !== 'n8n-workflow' && !m.startsWith('node:') && !isBuiltin(m));
		expect(foreign).toEqual([]);
	});
});

function isBuiltin(name: string): boolean {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require('node:module') as typeof import('node:module')).builtinModules.includes(name);
}
