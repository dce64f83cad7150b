/** Phone numbers as SendSms and DescribePhoneNumberInfo read them (specs/tencent.md §6.1, §6.18). */

export interface PhoneNumber {
	/** `+<country code><subscriber number>`. */
	readonly e164: string;
	/** Country code without `+`, e.g. `86`. */
	readonly countryCode: string;
	/** National number, e.g. `13800000000`. */
	readonly subscriber: string;
	/** ISO 3166-1 alpha-2, or `DEF` outside the sandbox's small table. */
	readonly isoCode: string;
	/** English country name; empty for `DEF`. */
	readonly isoName: string;
	/** Chinese mainland: the other side of SendSms's domestic/international split. */
	readonly mainland: boolean;
}

const COUNTRIES: Readonly<Record<string, readonly [string, string]>> = {
	'1': ['US', 'United States'],
	'7': ['RU', 'Russia'],
	'31': ['NL', 'Netherlands'],
	'32': ['BE', 'Belgium'],
	'33': ['FR', 'France'],
	'34': ['ES', 'Spain'],
	'39': ['IT', 'Italy'],
	'41': ['CH', 'Switzerland'],
	'44': ['GB', 'United Kingdom'],
	'49': ['DE', 'Germany'],
	'55': ['BR', 'Brazil'],
	'60': ['MY', 'Malaysia'],
	'61': ['AU', 'Australia'],
	'62': ['ID', 'Indonesia'],
	'63': ['PH', 'Philippines'],
	'65': ['SG', 'Singapore'],
	'66': ['TH', 'Thailand'],
	'81': ['JP', 'Japan'],
	'82': ['KR', 'Korea'],
	'84': ['VN', 'Vietnam'],
	'86': ['CN', 'China'],
	'91': ['IN', 'India'],
	'852': ['HK', 'Hong Kong, China'],
	'853': ['MO', 'Macao, China'],
	'886': ['TW', 'Taiwan, China'],
	'971': ['AE', 'United Arab Emirates'],
};

/** ITU-T E.164 two-digit country codes; 1 and 7 are one digit, every other code three. */
const TWO_DIGIT_CODES = new Set(
	'20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
		' ',
	),
);

function countryCodeOf(digits: string): string {
	if (digits.startsWith('1') || digits.startsWith('7')) return digits[0];
	return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

/** A Chinese mainland mobile number: 11 digits starting with 1. */
const MAINLAND_MOBILE = /^1\d{10}$/;

/**
 * `+<digits>` (7 to 15 digits, E.164), or a Chinese mainland number as `0086…`, `86…` or its bare
 * 11 digits, which default to +86. A `0` after `+86` is tolerated, as DescribePhoneNumberInfo's
 * example `+86018501234444` shows. Anything else is invalid: null.
 */
export function parsePhoneNumber(raw: string): PhoneNumber | null {
	let digits: string;
	if (/^\+\d+$/.test(raw)) digits = raw.slice(1);
	else if (/^0086\d{11}$/.test(raw)) digits = raw.slice(2);
	else if (/^86\d{11}$/.test(raw)) digits = raw;
	else if (MAINLAND_MOBILE.test(raw)) digits = `86${raw}`;
	else return null;
	if (!/^[1-9]\d{6,14}$/.test(digits)) return null;

	const countryCode = countryCodeOf(digits);
	let subscriber = digits.slice(countryCode.length);
	if (countryCode === '86') {
		if (subscriber.startsWith('0')) subscriber = subscriber.slice(1);
		if (!MAINLAND_MOBILE.test(subscriber)) return null;
	}
	if (subscriber.length < 4) return null;
	const [isoCode, isoName] = COUNTRIES[countryCode] ?? ['DEF', ''];
	return { e164: `+${countryCode}${subscriber}`, countryCode, subscriber, isoCode, isoName, mainland: countryCode === '86' };
}
