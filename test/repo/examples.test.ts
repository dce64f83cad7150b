/** What ships as examples: Node-RED lists every JSON file under examples/, so only flows may live there. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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

it('the n8n example workflows use only node types this package defines', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
	const names = pkg.n8n.nodes.map((out) => {
		const source = fs.readFileSync(path.join(root, out.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		return /description: INodeTypeDescription = \{[\s\S]*?\n\t\tname: '([^']+)'/.exec(source)?.[1];
	});
	const dir = path.join(root, 'docs/n8n-workflows');
	for (const file of fs.readdirSync(dir)) {
		const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: Array<{ type: string }> };
		for (const { type } of workflow.nodes.filter((n) => n.type.startsWith(`${pkg.name}.`))) {
			expect(names).toContain(type.slice(pkg.name.length + 1));
		}
	}
});
