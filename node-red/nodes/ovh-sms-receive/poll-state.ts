import { keepFresh } from '../../../core';

/** How far back each poll lists again before the last message seen, for late indexing and clock skew. */
export const OVERLAP_MS = 5 * 60_000;
/** Ids remembered to drop what the overlap lists again: more than a busy account receives in five minutes. */
export const MAX_SEEN = 5000;
/** Sent messages whose delivery is followed at once, at most (the newest are kept). */
export const MAX_TRACKED = 5000;

/** Where polling for received messages stands: what was read, and when the newest of them arrived. */
export interface IncomingCursor {
	/** ISO 8601: the newest receivedAt read, or the time polling started. */
	since: string;
	/** Ids already emitted (or there before polling started), newest last. */
	seen: string[];
}

export function startCursor(now: number): IncomingCursor {
	return { since: new Date(now).toISOString(), seen: [] };
}

/** creationDatetime.from of the next listing: the cursor minus the overlap. */
export function listFrom(cursor: IncomingCursor, overlapMs = OVERLAP_MS): string {
	return new Date(Date.parse(cursor.since) - overlapMs).toISOString();
}

/** The listed ids not read yet, oldest first. */
export function unseenIds(ids: readonly number[], cursor: IncomingCursor): number[] {
	const seen = new Set(cursor.seen);
	return [...new Set(ids)].filter((id) => !seen.has(String(id))).sort((a, b) => a - b);
}

/** The cursor once these ids are read (or skipped, when polling starts): remembered, and the cursor moved to the newest. */
export function markRead(
	cursor: IncomingCursor,
	read: ReadonlyArray<{ id: number | string; receivedAt?: string }>,
	max = MAX_SEEN,
): IncomingCursor {
	const { seen } = keepFresh(
		read.map((r) => String(r.id)),
		(id) => id,
		cursor.seen,
		max,
	);
	let since = cursor.since;
	for (const { receivedAt } of read) {
		if (receivedAt && Date.parse(receivedAt) > Date.parse(since)) since = new Date(receivedAt).toISOString();
	}
	return { since, seen };
}

export type OutgoingStatus = 'delivered' | 'failed' | 'pending' | 'unknown';

/** The last status seen of each sent message followed, by id. */
export interface ReportTracker {
	/** False until the first poll has noted what was already there, which makes no messages. */
	primed: boolean;
	last: Record<string, OutgoingStatus>;
}

export function startTracker(): ReportTracker {
	return { primed: false, last: {} };
}

const isFinal = (status: OutgoingStatus | undefined) => status === 'delivered' || status === 'failed';

/** Of the sent messages listed, those still worth a look: new ones and those not delivered or failed yet (newest kept). */
export function idsToCheck(ids: readonly number[], tracker: ReportTracker, max = MAX_TRACKED): number[] {
	return [...new Set(ids)]
		.filter((id) => !isFinal(tracker.last[String(id)]))
		.sort((a, b) => b - a)
		.slice(0, max)
		.sort((a, b) => a - b);
}

/**
 * Records the statuses just read. Once primed, a message whose status became delivered or failed since the
 * last look (or that was first seen so) is returned, once; the first call only notes the statuses. Messages
 * no longer listed (out of the window) are forgotten.
 */
export function reportChanges<T extends { messageId: string; status: OutgoingStatus }>(
	tracker: ReportTracker,
	listed: readonly number[],
	read: readonly T[],
	max = MAX_TRACKED,
): { changed: T[]; tracker: ReportTracker } {
	const last: Record<string, OutgoingStatus> = {};
	const keep = [...new Set(listed)].sort((a, b) => b - a).slice(0, max);
	for (const id of keep) {
		const known = tracker.last[String(id)];
		if (known) last[String(id)] = known;
	}
	const changed: T[] = [];
	for (const record of read) {
		const before = tracker.last[record.messageId];
		if (tracker.primed && isFinal(record.status) && before !== record.status) changed.push(record);
		if (keep.includes(Number(record.messageId))) last[record.messageId] = record.status;
	}
	return { changed, tracker: { primed: true, last } };
}
