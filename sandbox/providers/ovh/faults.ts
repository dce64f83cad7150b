import { randomBytes } from 'node:crypto';
import type { EmulatorFaults, FaultStatus } from '../../provider';
import { OvhError } from './errors';

/** `POST /sms/{serviceName}/jobs`, under either base (`/1.0`, `/v1`). */
const SEND_PATH = /^\/(?:1\.0|v1)\/sms\/[^/]+\/jobs$/;

/**
 * OVH documents no answer for these statuses (specs/ovh.md §10: "back off on 429 or 5xx"): they
 * get its usual error body, `class` named after the status [UNCONFIRMED], and a query id.
 */
const ERRORS: Record<FaultStatus, [string, string]> = {
	429: ['Client::TooManyRequests', 'Too many requests, retry later'],
	500: ['Server::InternalServerError', 'Internal server error'],
	502: ['Server::BadGateway', 'Bad gateway'],
	503: ['Server::ServiceUnavailable', 'Service temporarily unavailable'],
};

export const ovhFaults: EmulatorFaults = {
	isSend: (req, ctx) => req.method === 'POST' && SEND_PATH.test(ctx.target.split('?')[0]),
	errorAnswer: (status) => {
		const [errorClass, message] = ERRORS[status];
		return {
			headers: {
				'Content-Type': 'application/json; charset=utf-8',
				'X-Ovh-QueryID': `EU.sandbox.fault.${randomBytes(4).toString('hex')}`,
			},
			body: JSON.stringify(new OvhError(status, errorClass, message).toBody()),
		};
	},
};
