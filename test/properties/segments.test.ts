import fc from 'fast-check';
import { countSegments } from '../../core/segments';

/**
 * The GSM 7-bit default alphabet and its extension table, by code point as 3GPP TS 23.038 §6.2.1 lists them
 * (position 0x1B is the escape, not a character), written apart from core/segments.ts to check it.
 */
const GSM_DEFAULT = [
	0x40,
	0xa3,
	0x24,
	0xa5,
	0xe8,
	0xe9,
	0xf9,
	0xec,
	0xf2,
	0xc7,
	0x0a,
	0xd8,
	0xf8,
	0x0d,
	0xc5,
	0xe5,
	0x394,
	0x5f,
	0x3a6,
	0x393,
	0x39b,
	0x3a9,
	0x3a0,
	0x3a8,
	0x3a3,
	0x398,
	0x39e,
	0xc6,
	0xe6,
	0xdf,
	0xc9,
	0x20,
	0x21,
	0x22,
	0x23,
	0xa4,
	...range(0x25, 0x3f),
	0xa1,
	...range(0x41, 0x5a),
	0xc4,
	0xd6,
	0xd1,
	0xdc,
	0xa7,
	0xbf,
	...range(0x61, 0x7a),
	0xe4,
	0xf6,
	0xf1,
	0xfc,
	0xe0,
].map((cp) => String.fromCodePoint(cp));
const GSM_EXTENSION = [0x0c, 0x5e, 0x7b, 0x7d, 0x5c, 0x5b, 0x7e, 0x5d, 0x7c, 0x20ac].map((cp) => String.fromCodePoint(cp));

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const inDefault = new Set(GSM_DEFAULT);
const inExtension = new Set(GSM_EXTENSION);
const isGsm = (text: string) => Array.from(text).every((c) => inDefault.has(c) || inExtension.has(c));
const septets = (text: string) => Array.from(text).reduce((n, c) => n + (inExtension.has(c) ? 2 : 1), 0);

const gsmChar = fc.constantFrom(...GSM_DEFAULT, ...GSM_EXTENSION);
/** Characters that look GSM but are not: lookalikes, lower-case ç, curly quotes, no-break space, Ω as the ohm sign. */
const nearGsm = fc.constantFrom('ç', '’', '“', '\u00a0', '\u2126', '\u00b5', '`', '\t', '\u001b', 'Ā', 'ж', '中');
const anyChar = fc.oneof(
	{ weight: 6, arbitrary: gsmChar },
	{ weight: 1, arbitrary: nearGsm },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
	{ weight: 1, arbitrary: fc.constantFrom('👋', '👍🏽', '🇫🇷', '\ud83d', '\udc4b') },
);
/** Texts around the 70 / 160 boundaries, where the properties matter. */
const text = fc.oneof(
	fc.array(anyChar, { maxLength: 20 }).map((cs) => cs.join('')),
	fc.array(anyChar, { minLength: 60, maxLength: 330 }).map((cs) => cs.join('')),
	fc.array(gsmChar, { minLength: 140, maxLength: 480 }).map((cs) => cs.join('')),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 100 }),
);

const ceil = Math.ceil;

describe('segments: properties', () => {
	it('never throws; counts characters as code points and units as septets (GSM-7) or UTF-16 units (UCS-2)', () => {
		fc.assert(
			fc.property(text, (t) => {
				const info = countSegments(t);
				expect(info.characters).toBe(Array.from(t).length);
				expect(info.characters).toBeGreaterThanOrEqual(0);
				expect(info.units).toBe(info.encoding === 'GSM-7' ? septets(t) : t.length);
				expect(info.segments >= 1).toBe(t.length > 0);
			}),
			{ numRuns: 500 },
		);
	});

	it('is GSM-7 exactly when every character is in the GSM default alphabet or its extension table', () => {
		fc.assert(
			fc.property(text, (t) => {
				expect(countSegments(t).encoding).toBe(isGsm(t) ? 'GSM-7' : 'UCS-2');
			}),
			{ numRuns: 500 },
		);
	});

	it('one SMS up to 160 septets / 70 units; beyond, 153 / 67 per part, a part never splitting an escape or a surrogate pair', () => {
		fc.assert(
			fc.property(text, (t) => {
				const { encoding, units, segments } = countSegments(t);
				const [single, perPart] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
				if (units === 0) expect(segments).toBe(0);
				else if (units <= single) expect(segments).toBe(1);
				else {
					// At most one unit per part is lost to a two-unit character pushed to the next part.
					expect(segments).toBeGreaterThanOrEqual(ceil(units / perPart));
					expect(segments).toBeLessThanOrEqual(ceil(units / (perPart - 1)));
				}
				const twoUnit = Array.from(t).some((c) => (encoding === 'GSM-7' ? inExtension.has(c) : c.length === 2));
				if (!twoUnit && units > single) expect(segments).toBe(ceil(units / perPart));
			}),
			{ numRuns: 500 },
		);
	});

	it('adding a character anywhere never lowers the segment count, and adds units within an encoding', () => {
		fc.assert(
			fc.property(text, anyChar, fc.nat(), (t, c, at) => {
				const chars = Array.from(t);
				const i = at % (chars.length + 1);
				const longer = [...chars.slice(0, i), c, ...chars.slice(i)].join('');
				const before = countSegments(t);
				const after = countSegments(longer);
				expect(after.segments).toBeGreaterThanOrEqual(before.segments);
				// Units are septets or UTF-16 units: comparable only within one encoding (€ is 2 septets, 1 unit).
				if (after.encoding === before.encoding) expect(after.units).toBeGreaterThan(before.units);
			}),
			{ numRuns: 500 },
		);
	});

	it('splits exactly at the boundaries: 160/161 and 306/307 GSM septets, 70/71 and 134/135 UCS-2 units', () => {
		fc.assert(
			fc.property(
				gsmChar.filter((c) => inDefault.has(c)),
				fc.constantFrom('ж', '中', 'ç'),
				(g, u) => {
					expect([160, 161, 306, 307].map((n) => countSegments(g.repeat(n)).segments)).toEqual([1, 2, 2, 3]);
					expect([70, 71, 134, 135].map((n) => countSegments(u.repeat(n)).segments)).toEqual([1, 2, 2, 3]);
				},
			),
			{ numRuns: 200 },
		);
	});
});
