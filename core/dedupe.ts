/**
 * De-duplication for triggers: providers push the same receipt again when they think the first push
 * failed, and polling windows overlap. Keeps the most recent `max` keys (a trigger's static data).
 */
export function keepFresh<T>(
	items: T[],
	keyOf: (item: T) => string,
	seen: readonly string[],
	max = 1000,
): { fresh: T[]; seen: string[] } {
	const known = new Set(seen);
	const fresh: T[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (known.has(key)) continue;
		known.add(key);
		fresh.push(item);
	}
	return { fresh, seen: [...known].slice(-max) };
}
