import { randomUUID } from 'node:crypto';
import type { EmulatorFaults, FaultStatus } from '../../provider';
import { header } from './auth';

/**
 * The real API answers every error, throttling included, as HTTP 200 with `Response.Error`
 * (specs/tencent.md §7, §10); a `status` fault is a real HTTP status, as a gateway in front of it
 * would give, with that same body so a client reading `Response.Error.Code` sees the matching code.
 */
const ERRORS: Record<FaultStatus, [string, string]> = {
	429: ['RequestLimitExceeded', 'Your current request rate is too high, please try again later.'],
	500: ['InternalError', 'An internal error has occurred. Retry your request.'],
	502: ['InternalError', 'The service behind the gateway did not answer. Retry your request.'],
	503: ['ServiceUnavailable', 'The service is temporarily unavailable. Retry your request.'],
};

export const tencentFaults: EmulatorFaults = {
	isSend: (req) => header(req.headers, 'x-tc-action') === 'SendSms',
	errorAnswer: (status) => {
		const [code, message] = ERRORS[status];
		return {
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } }),
		};
	},
};
