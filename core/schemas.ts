import * as z from 'zod';
import { splitReceivers, toE164 } from './phone';

/** A phone number normalised to E.164; invalid ones fail before any request with a clear message. */
export const e164 = z.string().transform((value, ctx) => {
	const number = toE164(value);
	if (!number) {
		ctx.addIssue(invalidPhoneIssue(value));
		return z.NEVER;
	}
	return number;
});

function invalidPhoneIssue(value: string, path?: number[]) {
	return {
		code: 'custom' as const,
		message: `"${value}" is not a valid phone number in international format (e.g. +33601020304)`,
		params: { code: 'INVALID_PHONE_NUMBER' },
		path,
	};
}

/** One or more receivers: a list, or text separated by commas, semicolons or new lines. */
export const e164List = e164Array();

/**
 * Receivers as a whole list, checked in one pass: a provider request's 1000 numbers, each read as `e164` would
 * (zod's per-element transform cost more than the check itself), every invalid one named by its position.
 */
export function e164Array(max?: number) {
	const list = z.array(z.string()).min(1, 'add at least one receiver');
	const limited = max ? list.max(max, `at most ${max} receivers per request`) : list;
	return z.preprocess(
		splitReceivers,
		limited.transform((values, ctx) => {
			const numbers = values.map((value) => toE164(value));
			numbers.forEach((number, index) => number ?? ctx.addIssue(invalidPhoneIssue(values[index], [index])));
			return numbers.includes(undefined) ? z.NEVER : (numbers as string[]);
		}),
	);
}

/** A list of strings: an array, or text separated by commas (template parameters, ids). */
export const stringList = z.preprocess(
	(value) =>
		value === undefined || value === ''
			? []
			: Array.isArray(value)
				? value.map(String)
				: String(value)
						.split(',')
						.map((s) => s.trim()),
	z.array(z.string()),
);

/** A point in time as Unix seconds: accepts seconds, milliseconds, or an ISO 8601 string. */
export const unixSeconds = z.union([z.number(), z.string().min(1)]).transform((value, ctx) => {
	const seconds =
		typeof value === 'number'
			? value > 1e11
				? Math.floor(value / 1000)
				: value
			: /^\d+$/.test(value)
				? Number(value)
				: Math.floor(Date.parse(value) / 1000);
	if (!Number.isFinite(seconds)) {
		ctx.addIssue({ code: 'custom', message: `"${value}" is not a date` });
		return z.NEVER;
	}
	return seconds;
});

/** Control characters phones do not show (NUL, BEL, ESC, tab…); line breaks (CR, LF) are text. */
function isControl(code: number): boolean {
	return (code < 0x20 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/** Why a text cannot go in an SMS, naming the first control character's position; undefined when it can. */
export function controlCharacterIssue(text: string): string | undefined {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (!isControl(code)) continue;
		const hex = code.toString(16).toUpperCase().padStart(4, '0');
		return `character ${i + 1} is a control character (U+${hex}) that phones do not show; remove it (line breaks are fine)`;
	}
	return undefined;
}

/** Text that goes into an SMS: any characters but control ones. */
export const smsText = z.string().superRefine((text, ctx) => {
	const issue = controlCharacterIssue(text);
	if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

/** Values that go into an SMS (template parameters), each checked like `smsText`. */
export const smsTextList = stringList.superRefine((list, ctx) =>
	list.forEach((text, index) => {
		const issue = controlCharacterIssue(text);
		if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [index] });
	}),
);
