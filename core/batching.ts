export function chunk<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Runs `work` on every item with at most `limit` at a time; results keep the items' order. Fails on the first failure. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
	return results;
}

/** The newest `limit` of a list of numeric ids (higher is newer), newest first; names keep their order. */
export function newestFirst<T extends number | string>(ids: readonly T[], limit?: number): T[] {
	const unique = [...new Set(ids)];
	const sorted = unique.every((id) => typeof id === 'number') ? unique.sort((a, b) => Number(b) - Number(a)) : unique;
	return limit === undefined ? sorted : sorted.slice(0, limit);
}
