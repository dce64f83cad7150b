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

/**
 * SMS parts one receiver costs (specs/ovh.md §8.2: one credit per part to France). A multi-part
 * message loses room to the concatenation header: 153 septets or 67 UCS-2 units per part.
 */
export function countParts(text: string): number {
	const septets = gsmSeptets(text);
	if (septets !== null) return septets <= 160 ? 1 : Math.ceil(septets / 153);
	// UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
	return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}
