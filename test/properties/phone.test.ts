import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { SmsError } from '../../core/errors';
import { validate } from '../../core/operation';
import { applyDefaultCountry, forgetCheckedNumbers, plainInternational, splitReceivers, toE164 } from '../../core/phone';
import metadata from 'libphonenumber-js/min/metadata';
import { e164List } from '../../core/schemas';

const E164 = /^\+[1-9]\d{1,14}$/;

const countries = getCountries().filter((c) => getExampleNumber(c, examples) !== undefined);
const country = fc.constantFrom(...countries);

/** Real codes in any case and padding, codes libphonenumber does not know, and names that live on Object.prototype. */
const anyCountry = fc.oneof(
	country,
	country.map((c) => ` ${c.toLowerCase()} `),
	fc.string({ maxLength: 4 }),
	fc.constantFrom('XX', 'ZZ', '001', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
	fc.constant(undefined),
);

/** Phone-ish text: digits, separators and prefixes, mixed with arbitrary unicode. */
const phoneish = fc.oneof(
	fc.string({ unit: fc.constantFrom(...'0123456789 +-().,;\n\t'.split('')), maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 30 }),
);

/** A valid number: a country's example number with its last digits replaced, kept when still valid. */
const validNumber = fc
	.record({ country, tail: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: 3 }) })
	.map(({ country: c, tail }) => {
		const example = getExampleNumber(c, examples)!;
		const national = example.nationalNumber;
		const digits = national.slice(0, national.length - tail.length) + tail.join('');
		return { country: c, parsed: parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`) };
	})
	.filter(({ parsed }) => parsed?.isValid() === true)
	.map(({ country: c, parsed }) => ({ country: c, e164: parsed!.number as string, parsed: parsed! }));

/** Spaces, dashes and dots people put between digits. */
function decorate(text: string, seps: string[]): string {
	return Array.from(text)
		.map((ch, i) => (i > 1 && /\d/.test(ch) ? (seps[i % seps.length] ?? '') + ch : ch))
		.join('');
}
const separators = fc.array(fc.constantFrom('', '', '', ' ', '-', '.'), { minLength: 1, maxLength: 6 });

describe('phone numbers: properties', () => {
	it('toE164 never throws, and returns an E.164 number or undefined', () => {
		fc.assert(
			fc.property(phoneish, anyCountry, (input, c) => {
				const out = toE164(input, c as CountryCode);
				expect(out === undefined || E164.test(out)).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});

	it('the receiver pipeline (default country, split, schema) throws only SmsError INVALID_PHONE_NUMBER / INVALID_INPUT', () => {
		// Node-RED's msg.to can be any JSON, even an object whose own keys shadow toString / valueOf.
		const shadowing = fc.dictionary(fc.constantFrom('toString', 'valueOf', '__proto__', 'length'), fc.jsonValue(), {
			minKeys: 1,
		});
		const value = fc.oneof(
			phoneish,
			fc.array(fc.oneof(phoneish, fc.jsonValue()), { maxLength: 4 }),
			fc.anything({ withNullPrototype: true, withBoxedValues: true }),
			shadowing,
			fc.array(shadowing, { minLength: 1, maxLength: 2 }),
		);
		fc.assert(
			fc.property(value, anyCountry, (raw, c) => {
				try {
					const out = validate('ovh', e164List, applyDefaultCountry(raw, c));
					expect(out.length).toBeGreaterThan(0);
					for (const n of out) expect(n).toMatch(E164);
				} catch (error) {
					expect(error).toBeInstanceOf(SmsError);
					expect(['INVALID_PHONE_NUMBER', 'INVALID_INPUT']).toContain((error as SmsError).code);
				}
			}),
			{ numRuns: 500 },
		);
	});

	it('a valid number in E.164, international or 00 form normalises to its E.164, whatever the default country', () => {
		fc.assert(
			fc.property(validNumber, separators, anyCountry, ({ e164, parsed }, seps, c) => {
				const forms = [e164, parsed.formatInternational(), decorate(e164, seps), `00${e164.slice(1)}`, ` ${e164}\t`];
				for (const form of forms) expect(toE164(form, c as CountryCode)).toBe(e164);
				expect(applyDefaultCountry(forms.join(', '), c || 'FR')).toEqual(forms.map((f) => f.trim()));
			}),
			{ numRuns: 300 },
		);
	});

	it('a national number with its own default country gives the same E.164 as the international form', () => {
		fc.assert(
			fc.property(validNumber, separators, ({ country: c, e164, parsed }, seps) => {
				const national = parsed.formatNational();
				expect(toE164(national, c)).toBe(e164);
				expect(toE164(decorate(parsed.nationalNumber, seps), c)).toBe(e164);
				expect(applyDefaultCountry(national, c.toLowerCase())).toEqual([e164]);
				expect(validate('ovh', e164List, applyDefaultCountry(national, c))).toEqual([e164]);
			}),
			{ numRuns: 300 },
		);
	});

	it('"+" and digits: the short way (plainInternational) concludes what libphonenumber does, whenever it answers', () => {
		const codes = Object.keys(metadata.country_calling_codes);
		const plus = fc.oneof(
			// A real calling code, then 2-17 digits (national prefixes, leading zeros and all).
			fc.record({ code: fc.constantFrom(...codes), digits: fc.stringMatching(/^\d{2,17}$/) }).map((r) => `+${r.code}${r.digits}`),
			validNumber.map((v) => v.e164),
			fc.stringMatching(/^\+\d{1,20}$/),
		);
		let short = 0;
		fc.assert(
			fc.property(plus, (text) => {
				const parsed = parsePhoneNumberFromString(text);
				const library = parsed?.isValid() ? parsed.number : undefined;
				const answer = plainInternational(text);
				if (answer !== undefined) short++;
				expect(answer === undefined || answer === library).toBe(true);
				forgetCheckedNumbers();
				expect(toE164(text)).toBe(library);
			}),
			{ numRuns: 3000 },
		);
		// It must also be the way most numbers take, or it is not worth having.
		expect(short).toBeGreaterThan(300);
	});

	it('normalising twice is normalising once', () => {
		const input = fc.oneof(
			phoneish,
			validNumber.map((v) => v.parsed.formatNational()),
			validNumber.map((v) => v.e164),
		);
		fc.assert(
			fc.property(input, anyCountry, (text, c) => {
				const once = toE164(text, c as CountryCode);
				if (once !== undefined) {
					expect(toE164(once, c as CountryCode)).toBe(once);
					expect(toE164(once)).toBe(once);
				}
				const applied = applyDefaultCountry(text, c);
				expect(applyDefaultCountry(applied, c)).toEqual(applied);
			}),
			{ numRuns: 500 },
		);
	});

	it('splitReceivers never throws on text or lists, and yields trimmed, non-empty parts', () => {
		fc.assert(
			fc.property(fc.oneof(phoneish, fc.array(fc.oneof(phoneish, fc.integer()), { maxLength: 5 })), (value) => {
				for (const part of splitReceivers(value)) {
					expect(part).toBe(part.trim());
					expect(part.length).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 300 },
		);
	});
});

describe('phone numbers: cases the properties found', () => {
	it('refuses objects that cannot become text (null prototype, own toString) as INVALID_PHONE_NUMBER, not a TypeError', () => {
		for (const raw of [[Object.create(null)], { toString: 1 }, ['+33601020304', { valueOf: 'x', toString: null }]]) {
			expect(() => validate('ovh', e164List, applyDefaultCountry(raw, 'FR'))).toThrow(
				expect.objectContaining({ name: 'SmsError', code: 'INVALID_PHONE_NUMBER' }),
			);
		}
	});
});
