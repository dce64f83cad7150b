import { SmsError } from '../../core/errors';
import { runOperation, validateInput } from '../../core/operation';
import {
	provider,
	planSendSms,
	pullSendStatus,
	renderTemplate,
	sendSms,
	sendStatistics,
	tencentHttpError,
	tencentSession,
	tencentWire,
} from '../../core/providers/tencent';
import type { WireRequest } from '../../core/http';

const parseCallback = (body: unknown) => provider.inbound.parse({ method: 'POST', query: {}, body }, { now: 0 });
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+336${String(10000000 + i)}`);
const ok = (SendStatusSet: object[]) => ({ Response: { SendStatusSet, RequestId: 'req-1' } });
const status = (PhoneNumber: string, Code = 'Ok') => ({
	SerialNo: Code === 'Ok' ? `2433:${PhoneNumber}` : '',
	PhoneNumber,
	Fee: Code === 'Ok' ? 1 : 0,
	SessionContext: '',
	Code,
	Message: Code === 'Ok' ? 'send success' : 'request content does not match the template content',
	IsoCode: 'FR',
});

describe('Tencent SendSms', () => {
	const base = { smsSdkAppId: '1400000001', signName: 'SMSKit', templateId: 100001, templateParams: '1234, 5' };

	it('splits 201 recipients into requests of 200 and 1, after validating all of them', () => {
		const batches = planSendSms({ ...base, phoneNumbers: numbers(201) });
		expect(batches.map((b) => b.phoneNumbers.length)).toEqual([200, 1]);
		expect(batches[0]).toMatchObject({ templateId: '100001', templateParams: ['1234', '5'] });
	});

	it('sends mainland China numbers apart from the others, which Tencent refuses to mix', () => {
		const batches = planSendSms({ ...base, phoneNumbers: '+33601020304, +8613800000000, +14155552671' });
		expect(batches.map((b) => b.phoneNumbers)).toEqual([['+8613800000000'], ['+33601020304', '+14155552671']]);
	});

	it('refuses a batch over 200 numbers', () => {
		expect(() => validateInput(sendSms, { ...base, phoneNumbers: numbers(201) })).toThrow(/at most 200/);
	});

	it('fails on one invalid number before any request', () => {
		expect(() => planSendSms({ ...base, phoneNumbers: ['+33601020304', 'nope'] })).toThrow(SmsError);
	});

	it('builds the SendSms action with PascalCase fields and no empty options', () => {
		const input = validateInput(sendSms, { ...base, phoneNumbers: '+33601020304', extendCode: '' });
		expect(sendSms.request(input)).toEqual({
			method: 'POST',
			path: '/',
			headers: { 'X-TC-Action': 'SendSms' },
			body: {
				PhoneNumberSet: ['+33601020304'],
				SmsSdkAppId: '1400000001',
				SignName: 'SMSKit',
				TemplateId: '100001',
				TemplateParamSet: ['1234', '5'],
				ExtendCode: undefined,
				SessionContext: undefined,
				SenderId: undefined,
			},
		});
		const wire = tencentWire('https://sms.tencentcloudapi.com', 'ap-guangzhou', sendSms.request(input));
		expect(wire.body).toBe(
			'{"PhoneNumberSet":["+33601020304"],"SmsSdkAppId":"1400000001","SignName":"SMSKit","TemplateId":"100001","TemplateParamSet":["1234","5"]}',
		);
		expect(wire.headers).toMatchObject({ 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' });
	});

	it('reports each recipient, with encoding and segments of the rendered template', () => {
		const input = validateInput(sendSms, {
			...base,
			phoneNumbers: '+33601020304,+33601020305',
			templateContent: 'Your SMS Kit code is {1}, valid for {2} minutes.',
		});
		const results = sendSms.parse(
			ok([status('+33601020304'), status('+33601020305', 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate')]),
			input,
		);
		expect(results[0]).toMatchObject({
			status: 'queued',
			to: '+33601020304',
			messageId: '2433:+33601020304',
			encoding: 'UCS-2',
			segments: 1,
			Fee: 1,
			Code: 'Ok',
		});
		expect(results[1]).toMatchObject({
			status: 'rejected',
			messageId: null,
			error: { code: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate' },
		});
		expect(renderTemplate('Code {1}, {2} min', ['1234', '5'], 'SMSKit')).toBe('【SMSKit】Code 1234, 5 min');
	});

	it('turns Response.Error into an SmsError with Tencent’s code, request id and a hint', () => {
		const input = validateInput(sendSms, { ...base, phoneNumbers: '+33601020304' });
		const body = {
			Response: { Error: { Code: 'AuthFailure.SignatureExpire', Message: 'Signature expired' }, RequestId: 'abc-123' },
		};
		const error = (() => {
			try {
				sendSms.parse(body, input);
			} catch (e) {
				return e as SmsError;
			}
		})();
		expect(error).toMatchObject({
			provider: 'tencent',
			code: 'AuthFailure.SignatureExpire',
			requestId: 'abc-123',
			retryable: false,
		});
		expect(error?.hint).toMatch(/clock/);
	});

	it('retries RequestLimitExceeded (not accepted) through runOperation', async () => {
		let calls = 0;
		const limited = {
			status: 200,
			headers: {},
			body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow down' }, RequestId: 'r' } },
		};
		const fine = { status: 200, headers: {}, body: ok([status('+33601020304')]) };
		const results = await runOperation(
			sendSms,
			{ ...base, phoneNumbers: '+33601020304' },
			{
				send: async () => (++calls === 1 ? limited : fine),
				toError: tencentHttpError,
				sleep: async () => {},
			},
		);
		expect(calls).toBe(2);
		expect(results[0].status).toBe('queued');
	});
});

describe('Tencent pulls and statistics', () => {
	it('normalises receipts', () => {
		const body = {
			Response: {
				PullSmsSendStatusSet: [
					{
						UserReceiveTime: 1700000001,
						CountryCode: '33',
						SubscriberNumber: '601020304',
						PhoneNumber: '+33601020304',
						SerialNo: 's1',
						ReportStatus: 'SUCCESS',
						Description: 'DELIVRD',
						SessionContext: '',
					},
					{
						UserReceiveTime: 1700000002,
						PhoneNumber: '+33601020305',
						SerialNo: 's2',
						ReportStatus: 'FAIL',
						Description: 'UNDELIV',
					},
				],
				RequestId: 'r',
			},
		};
		const reports = pullSendStatus.parse(body, validateInput(pullSendStatus, { smsSdkAppId: '1400000001' }));
		expect(reports.map((r) => [r.status, r.to, r.messageId, r.at])).toEqual([
			['delivered', '+33601020304', 's1', '2023-11-14T22:13:21.000Z'],
			['failed', '+33601020305', 's2', '2023-11-14T22:13:22.000Z'],
		]);
	});

	it('takes statistics hours as yyyymmddhh, converting dates to Beijing time', () => {
		const input = validateInput(sendStatistics, {
			smsSdkAppId: 1400000001,
			beginTime: '2024050100',
			endTime: '2024-05-01T10:30:00Z',
		});
		expect(input).toMatchObject({ smsSdkAppId: '1400000001', beginTime: '2024050100', endTime: '2024050118' });
	});
});

describe('Tencent callbacks', () => {
	it('reads a status callback array, one report per receipt, with a stable de-duplication key', () => {
		const body = [
			{
				user_receive_time: '2015-10-17 08:03:04',
				nationcode: '86',
				mobile: '13800000000',
				report_status: 'SUCCESS',
				errmsg: 'DELIVRD',
				description: '用户短信送达成功',
				sid: 'x1',
			},
		];
		const [report] = parseCallback(body);
		expect(report.payload).toMatchObject({
			event: 'delivery',
			status: 'delivered',
			to: '+8613800000000',
			messageId: 'x1',
			at: '2015-10-17T00:03:04.000Z',
		});
		expect(parseCallback(body)[0].key).toBe(report.key);
	});

	it('reads a reply callback object', () => {
		const [reply] = parseCallback({
			extend: '',
			mobile: '13800000000',
			nationcode: '86',
			sign: 'SMSKit',
			text: 'STOP',
			time: 1457336869,
		});
		expect(reply.payload).toMatchObject({
			event: 'incoming',
			from: '+8613800000000',
			text: 'STOP',
			receivedAt: '2016-03-07T07:47:49.000Z',
			raw: { sign: 'SMSKit' },
		});
	});

	it.each([[{}], [[{ sid: 1 }]], ['nope'], [{ mobile: '1' }]])('refuses a malformed body %j', (body) => {
		expect(() => parseCallback(body)).toThrow(/not a Tencent Cloud SMS/);
	});
});

describe('tencentSession', () => {
	it('signs each call with the clock and the Host as sent', async () => {
		const sent: WireRequest[] = [];
		const send = tencentSession(
			{ secretId: 'AKIDx', secretKey: 'k', region: 'ap-guangzhou', endpoint: 'custom', customUrl: 'http://127.0.0.1:4011' },
			async (w) => {
				sent.push(w);
				return { status: 200, headers: {}, body: {} };
			},
			() => 1700000000123,
		);
		await send(
			sendStatistics.request(validateInput(sendStatistics, { smsSdkAppId: '1', beginTime: '2024050100', endTime: '2024050101' })),
		);
		expect(sent[0].url).toBe('http://127.0.0.1:4011/');
		expect(sent[0].headers['X-TC-Timestamp']).toBe('1700000000');
		expect(sent[0].headers.Authorization).toMatch(
			/^TC3-HMAC-SHA256 Credential=AKIDx\/2023-11-14\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
		);
	});
});
