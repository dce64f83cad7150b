import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (+33601020304), or returns undefined when it is not a valid number.
 * Numbers without a country prefix need `defaultCountry`; "00" international prefixes are accepted.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | undefined {
	const cleaned = input.trim().replace(/^00/, '+');
	if (!cleaned) return undefined;
	const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
	return parsed?.isValid() ? parsed.number : undefined;
}

/** Accepts a list or a string separated by commas, semicolons, spaces between numbers or new lines. */
export function splitReceivers(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,;\n]+/);
	return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}
