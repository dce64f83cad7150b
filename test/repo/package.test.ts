/** What ships as examples: Node-RED lists every JSON file under examples/, so only flows may live there. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_NAMES, PROVIDERS } from '../../core/errors';
import { PROVIDER_MODULES } from '../../core/providers';

const root = path.join(__dirname, '../..');
const walk = (dir: string): string[] =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

it('examples/ holds Node-RED flows only (arrays of nodes), which Import → Examples can open', () => {
	const files = walk(path.join(root, 'examples'));
	expect(files.length).toBeGreaterThan(0);
	for (const file of files) {
		expect(file).toMatch(/\.json$/);
		const flow: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(Array.isArray(flow)).toBe(true);
		for (const node of flow as Array<{ id?: unknown; type?: unknown }>) {
			expect(typeof node.id).toBe('string');
			expect(typeof node.type).toBe('string');
		}
	}
});

it('the n8n example workflows use only node types and parameters this package defines', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
	const nodes = new Map<string, Set<string>>();
	for (const out of pkg.n8n.nodes) {
		const file = path.join(root, out.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const name = /description: INodeTypeDescription = \{[\s\S]*?\n\t\tname: '([^']+)'/.exec(fs.readFileSync(file, 'utf8'))?.[1];
		// The parameters a node can have: every property name in its folder and the shared descriptions.
		const sources = [...walk(path.dirname(file)), ...walk(path.join(root, 'nodes/shared'))].filter((f) => f.endsWith('.ts'));
		const params = new Set(sources.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\bname: '(\w+)'/g)].map((m) => m[1])));
		if (name) nodes.set(name, params);
	}
	const dir = path.join(root, 'docs/n8n-workflows');
	for (const file of fs.readdirSync(dir)) {
		const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
			connections: Record<string, unknown>;
		};
		const names = workflow.nodes.map((n) => n.name);
		for (const from of Object.keys(workflow.connections)) expect(names).toContain(from);
		for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${pkg.name}.`))) {
			const params = nodes.get(node.type.slice(pkg.name.length + 1));
			expect(params).toBeDefined();
			for (const key of Object.keys(node.parameters)) expect([file, key, params!.has(key)]).toEqual([file, key, true]);
		}
	}
});

it('package.json advertises only the providers that are built', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { description: string; keywords: string[] };
	const built = new Set(PROVIDER_MODULES.map((m) => m.id));
	const text = [pkg.description, ...pkg.keywords].join(' ').toLowerCase();
	for (const id of PROVIDERS.filter((p) => !built.has(p))) {
		for (const word of [id, ...PROVIDER_NAMES[id].toLowerCase().split(' ').slice(0, 1)])
			expect([id, text.includes(word)]).toEqual([id, false]);
	}
});
