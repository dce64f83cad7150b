/** What the packages say of themselves: the n8n example workflows, and the providers they advertise. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_NAMES, PROVIDERS } from '../../core/errors';
import { PROVIDER_MODULES } from '../../core/providers';

const root = path.join(__dirname, '../..');
const walk = (dir: string): string[] =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

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

it.each(['package.json', 'packages/node-red/package.json', 'packages/tools/package.json'])(
	'%s advertises only the providers that are built',
	(file) => {
		const pkg = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { description: string; keywords: string[] };
		const built = new Set(PROVIDER_MODULES.map((m) => m.id));
		const text = [pkg.description, ...pkg.keywords].join(' ').toLowerCase();
		for (const id of PROVIDERS.filter((p) => !built.has(p))) {
			for (const word of [id, PROVIDER_NAMES[id].toLowerCase().split(' ')[0]])
				expect([id, text.includes(word)]).toEqual([id, false]);
		}
	},
);
