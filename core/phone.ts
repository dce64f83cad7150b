import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (+33601020304), or returns undefined when it is not a valid number.
 * Numbers without a country prefix need `defaultCountry`; "00" international prefixes are accepted.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | undefined {
	const key = `${defaultCountry ?? ''}:${input}`;
	const known = checked.get(key);
	if (known !== undefined || checked.has(key)) return known;
	const cleaned = input.trim().replace(/^00/, '+');
	const parsed = cleaned ? parsePhoneNumberFromString(cleaned, defaultCountry) : undefined;
	const number = parsed?.isValid() ? parsed.number : undefined;
	// A send checks each number as it comes in, and the provider request's schema checks it again: the second
	// reading (and a re-run's) is a lookup. Bounded: emptied when full.
	if (checked.size >= CHECKED_MAX) checked.clear();
	checked.set(key, number);
	return number;
}

const CHECKED_MAX = 100_000;
const checked = new Map<string, string | undefined>();

/** Forgets every number read: the benchmarks measure each call as a send of numbers never seen before. */
export function forgetCheckedNumbers(): void {
	checked.clear();
}

/** Accepts a list or a string separated by commas, semicolons, spaces between numbers or new lines. */
export function splitReceivers(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(text) : text(value ?? '').split(/[,;\n]+/);
	return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * String(), except that objects it cannot convert (null prototype, an own toString) read "[object Object]", which
 * the schema then refuses as a phone number instead of a TypeError escaping.
 */
function text(value: unknown): string {
	try {
		return String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

/**
 * With a default country, national numbers (0601020304) become international ones; the others are left as
 * they are, for the schema to accept or refuse by name.
 */
export function applyDefaultCountry(value: unknown, defaultCountry?: string): unknown {
	if (!defaultCountry || value === undefined || value === null) return value;
	const country = defaultCountry.trim().toUpperCase() as CountryCode;
	const local = (n: string) => (/^\s*(\+|00)/.test(n) ? n : (toE164(n, country) ?? n));
	return splitReceivers(value).map(local);
}
