/**
 * De-duplication for triggers: providers push the same event again when they think the first push failed,
 * and polling windows overlap. Keys are kept with the time of their event and dropped once that time is
 * out of the window that can still bring them back — bounded by time, not by a count, so it stays right at
 * any volume.
 */
export type Seen = Record<string, number>;

/** How long a webhook trigger remembers an event: providers retry a push for minutes, well under a day. */
export const PUSH_RETRY_WINDOW_MS = 24 * 3600_000;

export function dedupe<T>(
	items: readonly T[],
	keyOf: (item: T) => string,
	timeOf: (item: T) => number,
	seen: Seen,
	/** Events older than this (epoch ms) cannot come back: their keys are forgotten. */
	horizon: number,
): { fresh: T[]; seen: Seen } {
	const next: Seen = {};
	for (const [key, at] of Object.entries(seen)) if (at >= horizon) next[key] = at;
	const fresh: T[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (key in next || key in seen) continue;
		next[key] = timeOf(item);
		fresh.push(item);
	}
	return { fresh, seen: next };
}
