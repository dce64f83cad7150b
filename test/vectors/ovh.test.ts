import { ovhCanonicalString, ovhSignature, ovhTimeDelta, ovhTimestamp } from '../../core/providers/ovh';
import vectors from './vectors.json';

interface OvhVector {
	id: string;
	provider: string;
	inputs: { method: string; url: string; body: string; timestamp: string; applicationSecret: string; consumerKey: string };
	expected: { signature: string; canonicalString?: string };
}

const ovh = (vectors.vectors as unknown as OvhVector[]).filter((v) => v.provider === 'ovh');

describe('OVH $1$ signature (spec ovh.md §4)', () => {
	it('covers all twelve OVH vectors', () => {
		expect(ovh).toHaveLength(12);
	});

	it.each(ovh.map((v) => [v.id, v] as const))('%s', (_id, v) => {
		const input = { ...v.inputs, timestamp: v.inputs.timestamp };
		if (v.expected.canonicalString) expect(ovhCanonicalString(input)).toBe(v.expected.canonicalString);
		expect(ovhSignature(input)).toBe(v.expected.signature);
	});

	it('aligns the timestamp on the server clock (wire capture: local 1457018875, server 1457018881)', () => {
		const delta = ovhTimeDelta(1457018881, 1457018875467);
		expect(delta).toBe(6);
		expect(ovhTimestamp(1457018875467, delta)).toBe(1457018881);
	});
});
