import { randomUUID } from 'node:crypto';
import type { EmulatorFaults, FaultStatus } from '../../provider';
import { first, type AlibabaRequest } from './auth';
import { guessCall, renderAnswer } from './response';

/** The calls that send, on both API versions. */
const SEND_ACTIONS = new Set([
	'SendSms',
	'SendBatchSms',
	'SendMessageToGlobe',
	'SendMessageWithTemplate',
	'BatchSendMessageToGlobe',
]);

/**
 * Gateway (POP) errors, specs/aliyun.md §7.3: 4xx/5xx with `Recommend` and `HostId`, JSON or XML
 * as the request asked. Throttling is `Throttling.User` (the generated SDK raises ThrottlingError
 * for any code containing `Throttling`); its real status is 400 or 503 [UNCONFIRMED], the fault's is
 * the one asked for.
 */
const ERRORS: Record<FaultStatus, [string, string]> = {
	429: ['Throttling.User', 'Request was denied due to user flow control.'],
	500: ['InternalError', 'The request processing has failed due to some unknown error, exception or failure.'],
	502: ['InternalError', 'The request processing has failed because the gateway got no valid answer.'],
	503: ['ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
};

const requestOf = (req: Parameters<EmulatorFaults['isSend']>[0], body: Buffer, requestTarget: string): AlibabaRequest => ({
	method: req.method ?? 'GET',
	requestTarget,
	headers: req.headersDistinct,
	body,
});

export const alibabaFaults: EmulatorFaults = {
	isSend: (req, ctx) => SEND_ACTIONS.has(guessCall(requestOf(req, ctx.body, ctx.requestTarget)).action),
	errorAnswer: (status, req, ctx) => {
		const request = requestOf(req, ctx.body, ctx.requestTarget);
		const [code, message] = ERRORS[status];
		const requestId = randomUUID().toUpperCase();
		const body = {
			RequestId: requestId,
			HostId: first(request.headers, 'host') ?? 'dysmsapi.aliyuncs.com',
			Code: code,
			Message: message,
			Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dysmsapi&requestId=${requestId}`,
		};
		return renderAnswer(body, guessCall(request).format, 'Error');
	},
};
