import { SmsError, type ProviderId } from './errors';
import { transportError } from './operation';

export function chunk<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * Sends one request per batch. If the first batch fails nothing was sent, so the error is thrown as is;
 * once a batch went out, a later failure is reported per recipient instead, so no result is lost and
 * nobody retrying the item sends the first batch twice.
 */
export async function sendInBatches<T>(
	provider: ProviderId,
	batches: string[][],
	send: (batch: string[]) => Promise<T[]>,
	failed: (to: string, error: SmsError) => T,
): Promise<T[]> {
	const results: T[] = [];
	for (const [index, batch] of batches.entries()) {
		try {
			results.push(...(await send(batch)));
		} catch (caught) {
			const error = transportError(provider, caught);
			if (index === 0) throw error;
			results.push(...batch.map((to) => failed(to, error)));
		}
	}
	return results;
}
