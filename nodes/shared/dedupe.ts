import type { IDataObject } from 'n8n-workflow';
import { keepFresh } from '../../core/dedupe';

/** Drops items a trigger already emitted, remembering their keys in the node's static data across restarts. */
export function freshItems<T extends { dedupeKey: string }>(staticData: IDataObject, items: T[]): T[] {
	const { fresh, seen } = keepFresh(items, (item) => item.dedupeKey, (staticData.seen as string[] | undefined) ?? []);
	staticData.seen = seen;
	return fresh;
}
