import { countSegments } from '../../core/segments';

describe('countSegments', () => {
	it.each([
		['', 'GSM-7', 0, 0],
		['Hello World!', 'GSM-7', 12, 1],
		['a'.repeat(160), 'GSM-7', 160, 1],
		['a'.repeat(161), 'GSM-7', 161, 2],
		['a'.repeat(306), 'GSM-7', 306, 2],
		['a'.repeat(307), 'GSM-7', 307, 3],
		['Café à 10€', 'GSM-7', 11, 1], // é and à are GSM-7; € takes an escape (two septets)
		['[]'.repeat(80), 'GSM-7', 320, 3], // 160 characters, 320 septets
		['Привет', 'UCS-2', 6, 1],
		['ж'.repeat(70), 'UCS-2', 70, 1],
		['ж'.repeat(71), 'UCS-2', 71, 2],
		['ж'.repeat(134), 'UCS-2', 134, 2],
		['ж'.repeat(135), 'UCS-2', 135, 3],
		['Hi 👋', 'UCS-2', 5, 1], // the emoji is one character but two UTF-16 units
	])('%j → %s, %i units, %i segments', (text, encoding, units, segments) => {
		const info = countSegments(text);
		expect(info.encoding).toBe(encoding);
		expect(info.units).toBe(units);
		expect(info.segments).toBe(segments);
	});

	it('never splits an escape sequence across parts', () => {
		// 152 plain septets then "€" (2 septets) does not fit the 153-septet first part: 3 parts, not 2.
		const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
		expect(countSegments(text).segments).toBe(3);
	});

	it('never splits a surrogate pair across parts', () => {
		const text = 'ж'.repeat(66) + '👋' + 'ж'.repeat(66);
		expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2', characters: 133, units: 134, segments: 3 });
	});

	it('counts characters as people do', () => {
		expect(countSegments('👋👋').characters).toBe(2);
	});
});
