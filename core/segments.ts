/**
 * Message encoding and segment count, as carriers split SMS (3GPP TS 23.038 / 23.040):
 * GSM-7 holds 160 septets in one SMS or 153 per part with the concatenation header;
 * UCS-2 holds 70 UTF-16 units or 67 per part. Parts never split an escape sequence or a surrogate pair.
 */
export type Encoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
	encoding: Encoding;
	/** Characters as a person counts them (code points). */
	characters: number;
	/** Septets (GSM-7) or UTF-16 units (UCS-2) the text occupies. */
	units: number;
	segments: number;
}

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** Size of each character in the encoding's units, or undefined if GSM-7 cannot carry the text. */
function gsmSizes(chars: string[]): number[] | undefined {
	const sizes: number[] = [];
	for (const c of chars) {
		if (basic.has(c)) sizes.push(1);
		else if (extended.has(c)) sizes.push(2);
		else return undefined;
	}
	return sizes;
}

function pack(sizes: number[], single: number, perPart: number): number {
	const total = sizes.reduce((a, b) => a + b, 0);
	if (total <= single) return total === 0 ? 0 : 1;
	let parts = 1;
	let used = 0;
	for (const size of sizes) {
		if (used + size > perPart) {
			parts++;
			used = 0;
		}
		used += size;
	}
	return parts;
}

export function countSegments(text: string): SegmentInfo {
	const chars = Array.from(text);
	const gsm = gsmSizes(chars);
	if (gsm) {
		return { encoding: 'GSM-7', characters: chars.length, units: sum(gsm), segments: pack(gsm, 160, 153) };
	}
	const ucs = chars.map((c) => c.length);
	return { encoding: 'UCS-2', characters: chars.length, units: sum(ucs), segments: pack(ucs, 70, 67) };
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
