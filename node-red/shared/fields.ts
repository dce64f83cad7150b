/**
 * The one rule for node fields versus msg properties: a field set in the node wins; a field left empty is
 * taken from the first msg property that has a value. Values are passed on untouched otherwise, so the
 * core's schema reports a wrong type in plain English instead of this layer guessing.
 */
export function pick(configured: unknown, ...fromMsg: unknown[]): unknown {
	if (isSet(configured)) return configured;
	return fromMsg.find(isSet);
}

/** Text fields: as pick, and '' when nothing is set so the schema says what is missing. */
export function pickText(configured: unknown, ...fromMsg: unknown[]): unknown {
	return pick(configured, ...fromMsg) ?? '';
}

/** A ticked checkbox wins; an unticked one lets a boolean msg property decide; otherwise the provider default. */
export function pickFlag(configured: unknown, fromMsg: unknown): boolean | undefined {
	if (configured === true) return true;
	return typeof fromMsg === 'boolean' ? fromMsg : undefined;
}

/** Editor inputs hold numbers as text: "60" becomes 60, anything else is passed on for the schema to refuse. */
export function pickNumber(configured: unknown, ...fromMsg: unknown[]): unknown {
	const value = pick(configured, ...fromMsg);
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return value;
}

/** msg.payload counts as message text only when it is a string (an inject timestamp is not a message). */
export function textPayload(payload: unknown): string | undefined {
	return typeof payload === 'string' ? payload : undefined;
}

function isSet(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.length > 0;
	return true;
}
