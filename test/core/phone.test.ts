import { forgetCheckedNumbers, plainInternational, splitReceivers, toE164 } from '../../core/phone';

describe('toE164', () => {
	it.each([
		['+33601020304', '+33601020304'],
		['0033601020304', '+33601020304'],
		[' +33 6 01 02 03 04 ', '+33601020304'],
		['+44 7911 123456', '+447911123456'],
		['+1 (415) 555-2671', '+14155552671'],
	])('%j → %s', (input, expected) => {
		expect(toE164(input)).toBe(expected);
	});

	it.each(['', '+33 12', 'hello', '+999999999999', '0601020304'])('%j is refused without a default country', (input) => {
		expect(toE164(input)).toBeUndefined();
	});

	it('takes the short way for "+" and digits of a calling code with one country, and leaves the rest to libphonenumber', () => {
		expect(plainInternational('+33601020304')).toBe('+33601020304');
		expect(plainInternational('+8613900000001')).toBe('+8613900000001');
		expect(plainInternational('+3312')).toBeUndefined(); // too short for France: invalid either way
		expect(toE164('+3312')).toBeUndefined();
		// +1 and +44 are shared by several countries; spaces, 00 and national forms are libphonenumber's.
		for (const text of ['+14155552671', '+447911123456', '+33 6 01 02 03 04', '0601020304']) {
			expect(plainInternational(text)).toBeUndefined();
		}
	});

	it('refuses a national number whose E.164 form libphonenumber reads as invalid (found by the properties)', () => {
		// Valid for the Vatican, but +39 0723… is read as Italian and invalid: later checks would refuse it anyway.
		expect(toE164('+39072345678')).toBeUndefined();
		expect(toE164('072345678', 'VA')).toBeUndefined();
	});

	it('uses a default country for national numbers', () => {
		expect(toE164('06 01 02 03 04', 'FR')).toBe('+33601020304');
	});
});

describe('splitReceivers', () => {
	it('splits text on commas, semicolons and new lines', () => {
		expect(splitReceivers('+33601020304, +33601020305;+33601020306\n+33601020307')).toEqual([
			'+33601020304',
			'+33601020305',
			'+33601020306',
			'+33601020307',
		]);
	});

	it('keeps lists and drops blanks', () => {
		expect(splitReceivers(['+33601020304', ' ', 33601020305])).toEqual(['+33601020304', '33601020305']);
	});
});

describe('toE164 remembers what it read', () => {
	it('gives the same answers a second time, each default country apart', () => {
		for (let round = 0; round < 2; round++) {
			expect(toE164('0601020304', 'FR')).toBe('+33601020304');
			expect(toE164('0601020304')).toBeUndefined();
			expect(toE164('0601020304', 'DE')).toBe('+49601020304');
			expect(toE164('not a number')).toBeUndefined();
			expect(toE164(' +33 6 01 02 03 04 ')).toBe('+33601020304');
		}
	});

	it('still reads right after forgetting', () => {
		expect(toE164('+8613800000001')).toBe('+8613800000001');
		forgetCheckedNumbers();
		expect(toE164('+8613800000001')).toBe('+8613800000001');
		expect(toE164('+86138')).toBeUndefined();
	});
});
