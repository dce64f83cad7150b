import type { EmulatorFaults, FaultStatus } from '../../provider';
import { ApiError } from './errors';

/**
 * The one documented error shape, `{"error", "message"}` (specs/smsmobileapi.md §4); 429 as the
 * rate-limit switch answers it, the 5xx codes the sandbox's own (the real strings are undocumented).
 */
const ERRORS: Record<FaultStatus, [string, string]> = {
	429: ['too_many_requests', 'Too many requests: retry later'],
	500: ['internal_error', 'Internal server error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['service_unavailable', 'Service temporarily unavailable'],
};

export const smsMobileApiFaults: EmulatorFaults = {
	isSend: (_req, ctx) => /^\/sendsms\/?$/.test(ctx.target.split('?')[0]),
	errorAnswer: (status) => {
		const [code, message] = ERRORS[status];
		return {
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
			body: JSON.stringify(new ApiError(status, code, message).toBody()),
		};
	},
};
