import * as z from 'zod';
import { splitReceivers, toE164 } from './phone';

/** A phone number normalised to E.164; invalid ones fail before any request with a clear message. */
export const e164 = z.string().transform((value, ctx) => {
	const number = toE164(value);
	if (!number) {
		ctx.addIssue({
			code: 'custom',
			message: `"${value}" is not a valid phone number in international format (e.g. +33601020304)`,
			params: { code: 'INVALID_PHONE_NUMBER' },
		});
		return z.NEVER;
	}
	return number;
});

/** One or more receivers: a list, or text separated by commas, semicolons or new lines. */
export const e164List = z.preprocess(splitReceivers, z.array(e164).min(1, 'add at least one receiver'));
