/** Phone numbers as the two APIs read them (specs/aliyun.md §8.1, §0.9). */

export interface PhoneNumber {
	/** Mainland: the 11-digit number; elsewhere country code and number, no `+` (`852…`). */
	readonly digits: string;
	readonly mainland: boolean;
	readonly countryCode: string;
	/** English country or region name (`NumberDetail.Country`); empty outside the sandbox's table. */
	readonly country: string;
}

const MAINLAND = /^(?:\+86|0086|86|\+)?(1[3-9]\d{9})$/;

const COUNTRIES: Readonly<Record<string, string>> = {
	'1': 'United States',
	'7': 'Russia',
	'33': 'France',
	'34': 'Spain',
	'39': 'Italy',
	'44': 'United Kingdom',
	'49': 'Germany',
	'60': 'Malaysia',
	'61': 'Australia',
	'62': 'Indonesia',
	'63': 'Philippines',
	'65': 'Singapore',
	'66': 'Thailand',
	'81': 'Japan',
	'82': 'Korea',
	'84': 'Vietnam',
	'86': 'China',
	'91': 'India',
	'852': 'Hong Kong',
	'853': 'Macau',
	'886': 'Taiwan',
	'971': 'United Arab Emirates',
};

/** ITU-T E.164 two-digit country codes; 1 and 7 are one digit, every other code three. */
const TWO_DIGIT_CODES = new Set(
	(
		'20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 ' +
		'81 82 84 86 90 91 92 93 94 95 98'
	).split(' '),
);

/**
 * SendSms / SendBatchSms / QuerySendDetails: mainland numbers bare or behind `+86`, `0086`, `86` or
 * `+`; any other number as country code and number without `+`. Null when it is neither.
 */
export function parseNumber(raw: string): PhoneNumber | null {
	const value = raw.trim();
	const mainland = MAINLAND.exec(value);
	if (mainland) return { digits: mainland[1], mainland: true, countryCode: '86', country: 'China' };
	return international(value);
}

/** The 2018-05-01 API's `To`: country code and number, digits only; mainland numbers are flagged. */
export function parseGlobeNumber(raw: string): PhoneNumber | null {
	const value = raw.trim();
	if (/^861[3-9]\d{9}$/.test(value)) return { digits: value, mainland: true, countryCode: '86', country: 'China' };
	return international(value);
}

function international(value: string): PhoneNumber | null {
	if (!/^[1-9]\d{7,14}$/.test(value) || value.startsWith('86')) return null;
	const countryCode =
		value.startsWith('1') || value.startsWith('7')
			? value[0]
			: TWO_DIGIT_CODES.has(value.slice(0, 2))
				? value.slice(0, 2)
				: value.slice(0, 3);
	return { digits: value, mainland: false, countryCode, country: COUNTRIES[countryCode] ?? '' };
}
