import * as fs from 'node:fs';
import * as path from 'node:path';

const DIR = path.join(__dirname, '../../packages/node-red/examples');
/** About the size Node-RED draws a node with a short label. */
const WIDTH = 160;
const HEIGHT = 30;

interface FlowNode {
	id: string;
	type: string;
	z?: string;
	x?: number;
	y?: number;
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('examples/ (Node-RED lists every file there under Import → Examples)', () => {
	test('holds Node-RED flows only: a JSON array of nodes each', () => {
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const flow = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as unknown;
			expect(Array.isArray(flow)).toBe(true);
			for (const node of flow as FlowNode[])
				expect(node).toEqual(expect.objectContaining({ id: expect.any(String), type: expect.any(String) }));
		}
	});

	test.each(files)('%s: no two nodes of a tab are drawn over each other (bug 6)', (file) => {
		const flow = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as FlowNode[];
		const drawn = flow.filter((n) => typeof n.x === 'number' && typeof n.y === 'number');
		const overlaps: string[] = [];
		for (const [i, a] of drawn.entries()) {
			for (const b of drawn.slice(i + 1)) {
				if ((a.z ?? '') !== (b.z ?? '')) continue;
				if (Math.abs(a.x! - b.x!) < WIDTH && Math.abs(a.y! - b.y!) < HEIGHT)
					overlaps.push(`${a.type} ${a.id} / ${b.type} ${b.id}`);
			}
		}
		expect(overlaps).toEqual([]);
	});
});
