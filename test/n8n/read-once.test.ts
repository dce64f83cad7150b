/**
 * readOnce (nodes/shared/run.ts): what n8n would resolve the same for every item is resolved once, a bare
 * `{{ $json.field }}` is read from the item, and every other expression is still n8n's, item by item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readOnce } from '../../nodes/shared/run';

/** A context whose getNodeParameter stands for n8n's: it counts its calls and "evaluates" per item. */
function context(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const calls: string[] = [];
	const ctx = {
		marker: 'original',
		getNode: () => ({ parameters }),
		getInputData: () => items,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			calls.push(`${name}@${itemIndex}`);
			const value = name.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], parameters);
			if (typeof value === 'string' && value.startsWith('=')) return `n8n(${value}, item ${itemIndex})`;
			return value === undefined ? fallback : structuredClone(value);
		},
		whoAmI(this: { marker: string }) {
			return this.marker;
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, calls };
}

const items = [
	{ json: { to: '+33600000001', 'a b': 'x', list: ['first'], nested: { n: 1 }, obj: { deep: true } } },
	{ json: { to: '+33600000002', 'a b': 'y', list: ['second'], nested: { n: 2 }, obj: { deep: false } } },
	{ json: { to: 33600000003, 'a b': null, list: [], nested: {}, obj: {} } },
];

describe('readOnce', () => {
	it('reads a parameter without an expression once for all items, frozen', () => {
		const { ctx, calls } = context({ message: 'Hello', options: { tag: 'x', flags: ['a'] } }, items);
		const fast = readOnce(ctx);
		const read = items.map((_, i) => fast.getNodeParameter('options', i) as { tag: string; flags: string[] });
		expect(read.map((o) => o.tag)).toEqual(['x', 'x', 'x']);
		expect(items.map((_, i) => fast.getNodeParameter('message', i))).toEqual(['Hello', 'Hello', 'Hello']);
		expect(calls).toEqual(['options@0', 'message@0']);
		// No item can change what the next one reads.
		expect(() => read[0].flags.push('b')).toThrow(/not extensible/);
		expect(() => ((read[1] as { tag: string }).tag = 'y')).toThrow(/read only/);
		// A missing parameter keeps each fallback apart.
		expect(fast.getNodeParameter('absent', 0, 'one')).toBe('one');
		expect(fast.getNodeParameter('absent', 1, 'two')).toBe('two');
	});

	it.each([
		['={{ $json.to }}', ['+33600000001', '+33600000002', 33600000003]],
		['={{$json["a b"]}}', ['x', 'y', null]],
		["={{ $json['a b'] }}", ['x', 'y', null]],
		['={{ $json.list[0] }}', ['first', 'second', undefined]],
		['={{ $json.nested.n }}', [1, 2, undefined]],
	])('reads %s from each item as n8n evaluates it, without evaluating', (expression, expected) => {
		const { ctx, calls } = context({ to: expression }, items);
		const fast = readOnce(ctx);
		const read = items.map((_, i) => fast.getNodeParameter('to', i));
		// Values that are not there (undefined) are left to n8n, which says what it makes of them.
		expected.forEach((value, i) => {
			if (value === undefined) expect(read[i]).toBe(`n8n(${expression}, item ${i})`);
			else expect(read[i]).toBe(value);
		});
		expect(calls).toEqual(expected.flatMap((v, i) => (v === undefined ? [`to@${i}`] : [])));
	});

	it.each([
		'={{ $json.to + 1 }}',
		'=+33{{ $json.to }}',
		'={{ $json.obj }}',
		'={{ $("Sheet").item.json.to }}',
		'={{ $json.to.toUpperCase() }}',
	])('leaves %s to n8n, item by item', (expression) => {
		const { ctx, calls } = context({ to: expression }, items);
		const fast = readOnce(ctx);
		expect(items.map((_, i) => fast.getNodeParameter('to', i))).toEqual(items.map((_, i) => `n8n(${expression}, item ${i})`));
		expect(calls).toEqual(['to@0', 'to@1', 'to@2']);
	});

	it('reads a collection holding an expression item by item', () => {
		const { ctx, calls } = context({ options: { tag: '={{ $json.to }}' } }, items);
		const fast = readOnce(ctx);
		items.forEach((_, i) => fast.getNodeParameter('options', i));
		expect(calls).toEqual(['options@0', 'options@1', 'options@2']);
	});

	it("keeps every other method the context's own", () => {
		const { ctx } = context({}, items);
		const fast = readOnce(ctx) as unknown as { whoAmI(): string; marker: string; getInputData(): unknown };
		expect(fast.whoAmI()).toBe('original');
		expect(fast.marker).toBe('original');
		expect(fast.getInputData()).toBe(items);
	});
});
