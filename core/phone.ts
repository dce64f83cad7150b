import { parsePhoneNumberFromString, Metadata, type CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

/**
 * Normalises a phone number to E.164 (+33601020304), or returns undefined when it is not a valid number.
 * Numbers without a country prefix need `defaultCountry`; "00" international prefixes are accepted.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | undefined {
	const key = `${defaultCountry ?? ''}:${input}`;
	const known = checked.get(key);
	if (known !== undefined || checked.has(key)) return known;
	const cleaned = input.trim().replace(/^00/, '+');
	let number = plainInternational(cleaned);
	if (number === undefined) {
		const parsed = cleaned ? parsePhoneNumberFromString(cleaned, { defaultCountry }, metadata) : undefined;
		number = parsed?.isValid() ? parsed.number : undefined;
		// Read back in E.164, as every later check reads it: a national number valid for a country that shares
		// its calling code (Vatican 0723… under +39) can be invalid as +39 0723…, and is refused here, not later.
		if (number && !cleaned.startsWith('+') && toE164(number) !== number) number = undefined;
	}
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

/**
 * The short way for what bulk sends are made of, "+" and digits of a country with a calling code of its own
 * (+33, +86…): valid when the national digits match the country's pattern — what libphonenumber concludes for
 * such a number, at a twentieth of its cost (its parse handles every way of writing a number). Undefined means
 * "ask libphonenumber": any other form, a calling code several countries share (+1, +7, +44), or national digits
 * starting with what the country's national prefix could be (libphonenumber may strip it).
 */
export function plainInternational(text: string): string | undefined {
	if (!PLAIN.test(text)) return undefined;
	for (let length = 1; length <= 3; length++) {
		const plan = planOf(text.slice(1, 1 + length));
		if (plan === null) continue;
		const national = text.slice(1 + length);
		if (!plan || national.length < 2 || national.length > 17 || plan.prefix?.test(national)) return undefined;
		return plan.pattern.test(national) ? text : undefined;
	}
	return undefined;
}

const PLAIN = /^\+[1-9]\d{2,19}$/;

interface Plan {
	pattern: RegExp;
	prefix?: RegExp;
}

/** What libphonenumber's Metadata reads of a country (methods its typings leave out; tests/phone pins them). */
interface PlanReader {
	selectNumberingPlan(country: CountryCode): void;
	nationalNumberPattern(): string;
	nationalPrefixForParsing(): string | undefined;
	hasTypes(): boolean;
}

/** null: no such calling code; undefined: one the short way does not take. */
const plans = new Map<string, Plan | null | undefined>();
function planOf(callingCode: string): Plan | null | undefined {
	if (plans.has(callingCode)) return plans.get(callingCode);
	let plan: Plan | null | undefined = null;
	const countries = metadata.country_calling_codes[callingCode];
	if (countries?.length === 1) {
		const meta = new Metadata(metadata) as unknown as PlanReader;
		meta.selectNumberingPlan(countries[0]);
		const prefix = meta.nationalPrefixForParsing();
		plan = meta.hasTypes()
			? undefined
			: {
					pattern: new RegExp(`^(?:${meta.nationalNumberPattern()})$`),
					prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
				};
	} else if (countries) plan = undefined;
	plans.set(callingCode, plan);
	return plan;
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
