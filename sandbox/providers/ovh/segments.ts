/** GSM 03.38 default alphabet (ESC excluded): one septet each. */
const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
		'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Extension table: an escape plus the character, so two septets each. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Septets needed in GSM-7, or null when the text needs UCS-2. */
function gsmSeptets(text: string): number | null {
	let septets = 0;
	for (const char of text) {
		if (GSM_BASIC.has(char)) septets += 1;
		else if (GSM_EXTENSION.has(char)) septets += 2;
		else return null;
	}
	return septets;
}

/** `sms.JobEstimate` (§8.11): how a text is encoded and split. */
export interface TextEstimate {
	/** Septets in GSM-7 (extension characters count two), UTF-16 code units in UCS-2. */
	readonly characters: number;
	readonly charactersClass: '7bits' | 'unicode';
	/** 160 or 70 for a single part; 153 or 67 once the concatenation header takes its room. */
	readonly maxCharactersPerPart: number;
	readonly parts: number;
}

/**
 * Legal mention OVH appends to sends from a custom alphanumeric sender without `noStopClause`
 * (§8.2). The real text names a short number; this stand-in has the same 11-character length
 * [UNCONFIRMED exact wording].
 */
export const STOP_CLAUSE = '\nSTOP 36111';

export function estimateText(text: string): TextEstimate {
	const septets = gsmSeptets(text);
	if (septets !== null) return split(septets, '7bits', 160, 153);
	// UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
	return split(text.length, 'unicode', 70, 67);
}

function split(
	characters: number,
	charactersClass: TextEstimate['charactersClass'],
	single: number,
	multi: number,
): TextEstimate {
	const parts = characters <= single ? 1 : Math.ceil(characters / multi);
	return { characters, charactersClass, maxCharactersPerPart: parts === 1 ? single : multi, parts };
}

/**
 * SMS parts one receiver costs (specs/ovh.md §8.2: one credit per part to France). A multi-part
 * message loses room to the concatenation header: 153 septets or 67 UCS-2 units per part.
 */
export function countParts(text: string): number {
	return estimateText(text).parts;
}
