/** The service keeps China time (UTC+8) in every date it shows or takes (specs/aliyun.md §8.3, §0.7). */

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** `yyyy-MM-dd HH:mm:ss` in China time. */
export function chinaDateTime(ms: number): string {
	return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `yyyyMMdd` in China time: QuerySendDetails' `SendDate`, QuerySendStatistics' days. */
export function chinaDay(ms: number): string {
	return new Date(ms + OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Start of a `yyyyMMdd` China day in epoch ms, or null when it is no calendar date. */
export function parseChinaDay(value: string): number | null {
	const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
	if (!match) return null;
	const [, y, m, d] = match.map(Number);
	const start = Date.UTC(y, m - 1, d) - OFFSET_MS;
	return chinaDay(start) === value ? start : null;
}

export const DAY = DAY_MS;

/** Calendar minute and hour in China time, the flow-control windows (§0.7). */
export function chinaMinute(ms: number): number {
	return Math.floor((ms + OFFSET_MS) / 60_000);
}
export function chinaHour(ms: number): number {
	return Math.floor((ms + OFFSET_MS) / 3_600_000);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC-1123-like in China time, as QueryMessage shows it: `Mon, 24 Dec 2018 16:58:22 +0800`. */
export function rfc1123China(ms: number): string {
	const d = new Date(ms + OFFSET_MS);
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`
	);
}
