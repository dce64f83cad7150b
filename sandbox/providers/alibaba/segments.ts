/** Billing segments (`sms_size`, `Segments`), specs/aliyun.md §0.8. */

/** GSM 03.38 default alphabet (ESC excluded): one septet each. */
const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
		'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Extension table: an escape plus the character, two septets each. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Mainland messages: up to 70 characters (the 【sign】 included) is one segment, then 67 each. */
export function domesticSegments(content: string): number {
	const length = [...content].length;
	return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** International: GSM-7 160 / 153 (extension characters count two), else UCS-2 70 / 67. */
export function internationalSegments(text: string): { segments: number; encoding: 'GSM-7' | 'UCS-2' } {
	let septets = 0;
	for (const char of text) {
		if (GSM_BASIC.has(char)) septets += 1;
		else if (GSM_EXTENSION.has(char)) septets += 2;
		else {
			const units = text.length;
			return { segments: units <= 70 ? 1 : Math.ceil(units / 67), encoding: 'UCS-2' };
		}
	}
	return { segments: septets <= 160 ? 1 : Math.ceil(septets / 153), encoding: 'GSM-7' };
}
