import { fee, render, variableCount } from '../../sandbox/providers/tencent/send';
import { parsePhoneNumber } from '../../sandbox/providers/tencent/phone';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { control, ok, TENCENT, tencentCall, type TencentCall } from './tencent-helpers';

/** Raw API 3.0 calls, for what the SDK cannot send: stale clocks, odd hosts, GET, bad parameters. */

let clock = Date.now();
let sandbox: Sandbox;
let base: string;
let origin: string;

const nowSeconds = () => Math.floor(clock / 1000);
const OTHER = { secretId: 'AKIDotherAccount000000000000000000', secretKey: 'otherSecretKey', smsSdkAppId: '1400000002' };

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => clock, providers: { tencent: { credentials: [OTHER] } } });
	base = sandbox.urls.tencent;
	origin = new URL(sandbox.urls.ovh).origin;
});

afterAll(() => sandbox.close());

beforeEach(() => {
	clock = Date.now();
	sandbox.reset();
});

const call = (action: string, params: Record<string, unknown>, extra: Partial<TencentCall> = {}) =>
	tencentCall(base, { action, params, timestamp: nowSeconds(), ...extra });
const codeOf = async (promise: ReturnType<typeof tencentCall>) => (await promise).response.Error?.Code ?? 'none';

const SEND = {
	PhoneNumberSet: ['+8613800000001'],
	SmsSdkAppId: TENCENT.smsSdkAppId,
	SignName: TENCENT.signName,
	TemplateId: TENCENT.templateId,
	TemplateParamSet: ['1234', '5'],
};
const sendSms = (params: Record<string, unknown>, extra: Partial<TencentCall> = {}) =>
	call('SendSms', { ...SEND, ...params }, extra);

describe('answers (specs/tencent.md §5)', () => {
	it('answers HTTP 200, Content-Type exactly application/json, a fresh lower-case UUID, the trace id echoed', async () => {
		const answers = await Promise.all([
			call('DescribeSmsSignList', { International: 0 }, { headers: { 'X-TC-TraceId': 'trace-1' } }),
			call('DescribeSmsSignList', { International: 0 }, { keys: { ...TENCENT, secretKey: 'wrong' } }),
		]);
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toBe('application/json');
			expect(answer.response.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		}
		expect(answers[0].headers['x-tc-traceid']).toBe('trace-1');
		expect(answers[0].response.RequestId).not.toBe(answers[1].response.RequestId);
		expect(answers[1].response).toEqual({
			Error: {
				Code: 'AuthFailure.SignatureFailure',
				Message: 'The provided credentials could not be validated. Please check your signature is correct.',
			},
			RequestId: expect.any(String),
		});
	});

	it('answers in Chinese for X-TC-Language: zh-CN, in English otherwise', async () => {
		const zh = await sendSms({ PhoneNumberSet: [] }, { headers: { 'X-TC-Language': 'zh-CN' } });
		expect(zh.response.Error).toEqual({
			Code: 'MissingParameter.EmptyPhoneNumberSet',
			Message: '传入的号码列表为空，请确认您的参数中是否传入号码。',
		});
		const en = await sendSms({ PhoneNumberSet: [] }, { headers: { 'X-TC-Language': 'en-US' } });
		expect(en.response.Error?.Message).toBe('The phone number list is empty.');
	});
});

describe('authentication (specs/tencent.md §3.2)', () => {
	it('refuses a stale or future timestamp with SignatureExpire and HTTP 200, following the sandbox clock', async () => {
		for (const skew of [-301, 301]) {
			const answer = await call('DescribeSmsSignList', { International: 0 }, { timestamp: nowSeconds() + skew });
			expect(answer.status).toBe(200);
			expect(answer.response.Error?.Code).toBe('AuthFailure.SignatureExpire');
		}
		for (const skew of [-300, 300]) {
			expect(await codeOf(call('DescribeSmsSignList', { International: 0 }, { timestamp: nowSeconds() + skew }))).toBe('none');
		}
		clock = Date.UTC(2023, 10, 14, 22, 13, 20);
		expect(await codeOf(call('DescribeSmsSignList', { International: 0 }, { timestamp: Math.floor(Date.now() / 1000) }))).toBe(
			'AuthFailure.SignatureExpire',
		);
		expect(await codeOf(call('DescribeSmsSignList', { International: 0 }))).toBe('none');
	});

	it('accepts the Host signed as sent (Python SDK) and without its port (Node SDK), not another one', async () => {
		expect(await codeOf(sendSms({}, { signedHost: 'with-port' }))).toBe('none');
		expect(await codeOf(sendSms({}, { signedHost: 'without-port' }))).toBe('none');
		const moved = await sendSms({}, { headers: { Host: `127.0.0.1:${sandbox.ports.tencent + 1}` } });
		expect(moved.response.Error?.Code).toBe('AuthFailure.SignatureFailure');
	});

	it('accepts the service sms or the one an SDK derives from the sandbox host, nothing else', async () => {
		expect(await codeOf(sendSms({}, { service: '127' }))).toBe('none');
		expect(await codeOf(sendSms({}, { service: 'cvm' }))).toBe('AuthFailure.SignatureFailure');
	});

	it('accepts the vendor demos: charset in Content-Type and x-tc-action signed', async () => {
		const demo = { contentType: 'application/json; charset=utf-8', extraSigned: ['x-tc-action'] };
		expect(await codeOf(sendSms({}, demo))).toBe('none');
		// x-tc-action is then covered: changing it breaks the signature.
		const headers = { 'X-TC-Action': 'PullSmsSendStatus' };
		expect(await codeOf(call('SendSms', SEND, { ...demo, headers }))).toBe('AuthFailure.SignatureFailure');
	});

	it('verifies the raw bytes: Python-style spacing and raw UTF-8 are fine, an altered body is not', async () => {
		const python =
			'{"PhoneNumberSet": ["+8613800000001"], "SmsSdkAppId": "1400000001", "TemplateId": "100001", "SignName": "SMSKit", "TemplateParamSet": ["1234", "5"]}';
		expect(ok(await tencentCall(base, { action: 'SendSms', body: python, timestamp: nowSeconds() })).SendStatusSet).toHaveLength(
			1,
		);
		const unicode = JSON.stringify({ ...SEND, SessionContext: 'café 🎉 \u4f60\u597d' });
		const sent = ok(await tencentCall(base, { action: 'SendSms', body: unicode, timestamp: nowSeconds() }));
		expect((sent.SendStatusSet as { SessionContext: string }[])[0].SessionContext).toBe('café 🎉 你好');
		const altered = await tencentCall(base, {
			action: 'SendSms',
			body: python,
			sentBody: python.replace('"1234"', '"4321"'),
			timestamp: nowSeconds(),
		});
		expect(altered.response.Error?.Code).toBe('AuthFailure.SignatureFailure');
		const compacted = await tencentCall(base, {
			action: 'SendSms',
			body: python,
			sentBody: JSON.stringify(JSON.parse(python)),
			timestamp: nowSeconds(),
		});
		expect(compacted.response.Error?.Code).toBe('AuthFailure.SignatureFailure');
	});

	it('honours X-TC-Content-SHA256: UNSIGNED-PAYLOAD', async () => {
		expect(await codeOf(sendSms({}, { unsignedPayload: true }))).toBe('none');
	});

	it('checks authentication before the action, version, region and parameters', async () => {
		const headers = { 'X-TC-Action': 'Nope', 'X-TC-Version': '2019-07-11', 'X-TC-Region': 'mars-1' };
		const answer = await tencentCall(base, {
			action: 'Nope',
			keys: { secretId: 'AKIDnobody', secretKey: 'x' },
			headers,
			timestamp: nowSeconds(),
		});
		expect(answer.response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
	});

	it('accepts start-up credentials', async () => {
		expect(await codeOf(sendSms({ SmsSdkAppId: OTHER.smsSdkAppId }, { keys: OTHER }))).toBe('none');
	});
});

describe('action, version, region (§3.2 steps 6–7)', () => {
	it.each<[string, Record<string, string | undefined>, string]>([
		['an unknown action', { 'X-TC-Action': 'SendEmail' }, 'InvalidAction'],
		['no action', { 'X-TC-Action': undefined }, 'MissingParameter'],
		['another version', { 'X-TC-Version': '2019-07-11' }, 'NoSuchVersion'],
		['no version', { 'X-TC-Version': undefined }, 'MissingParameter'],
		['an unknown region', { 'X-TC-Region': 'mars-north-1' }, 'UnsupportedRegion'],
		['no region', { 'X-TC-Region': undefined }, 'MissingParameter'],
	])('answers %s with its code', async (_case, headers, code) => {
		const answer = await tencentCall(base, {
			action: headers['X-TC-Action'] ?? 'SendSms',
			params: SEND,
			timestamp: nowSeconds(),
			headers,
		});
		expect(answer.status).toBe(200);
		expect(answer.response.Error?.Code).toBe(code);
	});

	it('answers other HTTP methods with UnsupportedProtocol', async () => {
		expect(await codeOf(tencentCall(base, { method: 'PUT', params: SEND, timestamp: nowSeconds() }))).toBe('UnsupportedProtocol');
	});
});

describe('parameters', () => {
	it('reads GET with flattened, 0-based lists and integers as text', async () => {
		const sent = ok(await sendSms({ PhoneNumberSet: ['+8613800000001', '+8613800000002'] }, { method: 'GET' }));
		expect((sent.SendStatusSet as { Code: string }[]).map((s) => s.Code)).toEqual(['Ok', 'Ok']);
		const list = ok(await call('DescribeSmsTemplateList', { International: 0, TemplateIdSet: [100002] }, { method: 'GET' }));
		expect(list.DescribeTemplateStatusSet).toEqual([expect.objectContaining({ TemplateId: 100002, StatusCode: 1 })]);
	});

	it.each([
		['a missing required parameter', { TemplateId: undefined }, 'MissingParameter'],
		['a string where a list is due', { PhoneNumberSet: '+8613800000001' }, 'InvalidParameter'],
		['a number where a string is due', { TemplateId: 100001 }, 'InvalidParameter'],
		['an undefined parameter', { Sign: 'SMSKit' }, 'UnknownParameter'],
	])('answers %s', async (_case, params, code) => {
		const answer = await call('SendSms', { ...SEND, ...params });
		expect(answer.response.Error?.Code).toBe(code);
		expect(answer.response.Error?.Message).toMatch(/`\w+`/);
	});

	it('answers a body that is not a JSON object, or not JSON, with InvalidParameter', async () => {
		for (const body of ['{"PhoneNumberSet":', '["SendSms"]']) {
			expect(await codeOf(tencentCall(base, { action: 'SendSms', body, timestamp: nowSeconds() }))).toBe('InvalidParameter');
		}
		expect(await codeOf(sendSms({}, { contentType: 'text/plain' }))).toBe('InvalidParameter');
	});
});

describe('SendSms (specs/tencent.md §6.1)', () => {
	it('puts per-number failures in SendStatusSet, as the official example shows them', async () => {
		const answer = ok(
			await sendSms({ PhoneNumberSet: ['+8613800000001', '12345', '+86138'], TemplateParamSet: ['1234', '5', 'x'] }),
		);
		expect(answer.SendStatusSet).toEqual([
			{
				SerialNo: '',
				PhoneNumber: '+8613800000001',
				Fee: 0,
				SessionContext: '',
				Code: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
				Message: 'request content does not match the template content',
				IsoCode: '',
			},
			expect.objectContaining({ PhoneNumber: '12345', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Fee: 0 }),
			expect.objectContaining({ PhoneNumber: '+86138', Code: 'InvalidParameterValue.IncorrectPhoneNumber' }),
		]);
		const receipts = ok(await call('PullSmsSendStatus', { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 10 }));
		expect(receipts.PullSmsSendStatusSet).toEqual([]);
	});

	it.each([
		['an empty number list', { PhoneNumberSet: [] }, 'MissingParameter.EmptyPhoneNumberSet'],
		['an unknown application', { SmsSdkAppId: '1400999999' }, 'InvalidParameterValue.SdkAppIdNotExist'],
		['another key’s application', { SmsSdkAppId: OTHER.smsSdkAppId }, 'UnauthorizedOperation.SmsSdkAppIdVerifyFail'],
		['an unknown signature', { SignName: 'Nobody' }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
		['no signature for the mainland', { SignName: undefined }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
		['an unknown template', { TemplateId: '999' }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
		['a template under review', { TemplateId: '100002' }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
		[
			'mainland and international numbers together',
			{ PhoneNumberSet: ['+8613800000001', '+33601020304'] },
			'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
		],
		['a SessionContext of 512 bytes', { SessionContext: 'é'.repeat(256) }, 'InvalidParameterValue'],
	])('refuses %s for the whole request', async (_case, params, code) => {
		expect(await codeOf(sendSms(params))).toBe(code);
		expect((await control<{ tencent: unknown[] }>(origin, 'GET', '/messages')).json.tencent).toEqual([]);
	});

	it('accepts a SessionContext of 511 bytes and echoes it', async () => {
		const context = `${'é'.repeat(255)}x`;
		const answer = ok(await sendSms({ SessionContext: context }));
		expect((answer.SendStatusSet as { SessionContext: string }[])[0].SessionContext).toBe(context);
	});

	it('bills segments of the text with its signature', async () => {
		// `【SMSKit】Your SMS Kit code is 1, valid for  minutes.` is 51 characters.
		const answer = ok(await sendSms({ TemplateParamSet: ['1', 'x'.repeat(20)] }));
		expect((answer.SendStatusSet as { Fee: number }[])[0].Fee).toBe(2);
		const short = ok(await sendSms({ TemplateParamSet: ['1', 'x'.repeat(19)] }));
		expect((short.SendStatusSet as { Fee: number }[])[0].Fee).toBe(1);
	});
});

describe('pulls (§6.3–§6.6)', () => {
	it.each([0, 101])('refuses Limit %i', async (limit) => {
		expect(await codeOf(call('PullSmsSendStatus', { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: limit }))).toBe(
			'InvalidParameterValue.LimitVerifyFail',
		);
	});

	it('reaches back seven days at most, and wants EndTime after BeginTime', async () => {
		const query = { SmsSdkAppId: TENCENT.smsSdkAppId, PhoneNumber: '+8613800000001', Offset: 0, Limit: 10 };
		const week = 7 * 24 * 3600;
		expect(await codeOf(call('PullSmsSendStatusByPhoneNumber', { ...query, BeginTime: nowSeconds() - week - 1 }))).toBe(
			'InvalidParameterValue.BeginTimeVerifyFail',
		);
		expect(await codeOf(call('PullSmsReplyStatusByPhoneNumber', { ...query, BeginTime: nowSeconds() - week }))).toBe('none');
		expect(
			await codeOf(call('PullSmsSendStatusByPhoneNumber', { ...query, BeginTime: nowSeconds(), EndTime: nowSeconds() - 1 })),
		).toBe('InvalidParameterValue.EndTimeVerifyFail');
	});

	it('keeps queues per application', async () => {
		await sendSms({ SmsSdkAppId: OTHER.smsSdkAppId }, { keys: OTHER });
		const mine = ok(await call('PullSmsSendStatus', { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 10 }));
		expect(mine.PullSmsSendStatusSet).toEqual([]);
		const theirs = ok(await call('PullSmsSendStatus', { SmsSdkAppId: OTHER.smsSdkAppId, Limit: 10 }, { keys: OTHER }));
		expect(theirs.PullSmsSendStatusSet).toHaveLength(1);
	});

	it('filters by number on the receive time', async () => {
		await sendSms({});
		const query = { SmsSdkAppId: TENCENT.smsSdkAppId, PhoneNumber: '+8613800000001', Offset: 0, Limit: 10 };
		const found = (params: Record<string, unknown>) =>
			call('PullSmsSendStatusByPhoneNumber', { ...query, ...params }).then(
				(a) => (ok(a).PullSmsSendStatusSet as unknown[]).length,
			);
		expect(await found({ BeginTime: nowSeconds() })).toBe(1);
		expect(await found({ BeginTime: nowSeconds() + 2 })).toBe(0);
		expect(await found({ BeginTime: nowSeconds() - 10, EndTime: nowSeconds() })).toBe(0);
		expect(await found({ BeginTime: nowSeconds() - 10, EndTime: nowSeconds() + 1 })).toBe(1);
		expect(await found({ BeginTime: nowSeconds(), PhoneNumber: '+8613800000002' })).toBe(0);
	});
});

describe('templates, signatures and statistics: validation', () => {
	const template = { TemplateName: 'T', TemplateContent: 'Code {1}', SmsType: 3, International: 0, Remark: 'r' };
	const sign = { SignName: 'Acme', SignType: 0, DocumentType: 1, International: 0, SignPurpose: 0, ProofImage: 'aGVsbG8=' };

	it.each([
		['AddSmsTemplate', { ...template, SmsType: 9 }, 'InvalidParameterValue.InvalidSmsType'],
		['AddSmsTemplate', { ...template, International: 2 }, 'InvalidParameterValue.InvalidInternational'],
		['AddSmsTemplate', { ...template, TemplateContent: 'Code {a}' }, 'InvalidParameterValue.InvalidTemplateFormat'],
		['AddSmsTemplate', { ...template, TemplateContent: 'Code {2}' }, 'InvalidParameterValue.InvalidTemplateFormat'],
		['ModifySmsTemplate', { ...template, TemplateId: 5 }, 'FailedOperation.MissingTemplateToModify'],
		['ModifySmsTemplate', { ...template, TemplateId: 100001 }, 'FailedOperation.TemplateAlreadyPassedCheck'],
		['ModifySmsTemplate', { ...template, TemplateId: 100002, International: 1 }, 'InvalidParameterValue.InvalidInternational'],
		['DeleteSmsTemplate', { TemplateId: 5 }, 'FailedOperation.TemplateIdNotExist'],
		['DescribeSmsTemplateList', { International: 0, Limit: 101 }, 'InvalidParameterValue.LimitVerifyFail'],
		['AddSmsSign', { ...sign, DocumentType: 7 }, 'InvalidParameterValue.InvalidDocumentType'],
		['AddSmsSign', { ...sign, SignType: 2 }, 'InvalidParameterValue'],
		['AddSmsSign', { ...sign, SignPurpose: 1 }, 'InvalidParameterValue.ImageInvalid'],
		['AddSmsSign', { ...sign, ProofImage: 'data:image/jpeg;base64,aGVsbG8=' }, 'InvalidParameterValue.ImageInvalid'],
		['AddSmsSign', { ...sign, SignName: 'SMSKit' }, 'InvalidParameterValue.SignExistAndUnapproved'],
		['AddSmsSign', { ...sign, SignName: 'ABCDEFGHIJKLM' }, 'InvalidParameterValue.SignNameLengthTooLong'],
		['AddSmsSign', { ...sign, QualificationId: 9 }, 'InvalidParameterValue.QualificationIdNotFound'],
		['ModifySmsSign', { ...sign, SignId: 1 }, 'InvalidParameterValue.SignAlreadyPassedCheck'],
		['ModifySmsSign', { ...sign, SignId: 9 }, 'FailedOperation.MissingSignatureToModify'],
		['DeleteSmsSign', { SignId: 9 }, 'FailedOperation.SignIdNotExist'],
		['DescribeSmsSignList', { International: 3 }, 'InvalidParameterValue.InvalidInternational'],
	])('%s %j → %s', async (action, params, code) => {
		expect(await codeOf(call(action, params))).toBe(code);
	});

	const range = { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 0, Offset: 0 };
	it.each([
		['SendStatusStatistics', { BeginTime: '2024-05-01', EndTime: '2024050123' }, 'InvalidParameterValue.BeginTimeVerifyFail'],
		['SendStatusStatistics', { BeginTime: '2024050113', EndTime: '2024050112' }, 'InvalidParameterValue.EndTimeVerifyFail'],
		['SendStatusStatistics', { BeginTime: '2024023013', EndTime: '2024050112' }, 'InvalidParameterValue.BeginTimeVerifyFail'],
		['CallbackStatusStatistics', { BeginTime: '2024010100', EndTime: '2024030100' }, 'InvalidParameterValue.EndTimeVerifyFail'],
		['SmsPackagesStatistics', { BeginTime: '2024010100', EndTime: '2024010100' }, 'InvalidParameterValue.EndTimeVerifyFail'],
		[
			'SmsPackagesStatistics',
			{ BeginTime: '2024010100', EndTime: '2024010200', Limit: 501 },
			'InvalidParameterValue.LimitVerifyFail',
		],
		[
			'SendStatusStatistics',
			{ BeginTime: '2024050113', EndTime: '2024050113', SmsSdkAppId: '1' },
			'InvalidParameterValue.SdkAppIdNotExist',
		],
	])('%s %j → %s', async (action, params, code) => {
		expect(await codeOf(call(action, { ...range, ...params }))).toBe(code);
	});
});

describe('pure helpers', () => {
	it('normalises numbers', () => {
		expect(parsePhoneNumber('13800000000')).toMatchObject({
			e164: '+8613800000000',
			countryCode: '86',
			isoCode: 'CN',
			mainland: true,
		});
		expect(parsePhoneNumber('8613800000000')?.e164).toBe('+8613800000000');
		expect(parsePhoneNumber('008613800000000')?.e164).toBe('+8613800000000');
		expect(parsePhoneNumber('+85291234567')).toMatchObject({
			countryCode: '852',
			subscriber: '91234567',
			isoCode: 'HK',
			mainland: false,
		});
		expect(parsePhoneNumber('+12025550123')).toMatchObject({ countryCode: '1', isoCode: 'US' });
		expect(parsePhoneNumber('+4915112345678')).toMatchObject({ countryCode: '49', isoCode: 'DE' });
		expect(parsePhoneNumber('+6591234567')).toMatchObject({ countryCode: '65', isoCode: 'SG' });
		expect(parsePhoneNumber('+819012345678')).toMatchObject({ countryCode: '81', isoCode: 'JP' });
		expect(parsePhoneNumber('+2348012345678')).toMatchObject({ countryCode: '234', isoCode: 'DEF', isoName: '' });
		for (const bad of ['', '+', '0033601020304', '+8623800000000', '+33 6 01 02 03 04', '+1234567890123456', '33601020304']) {
			expect(parsePhoneNumber(bad)).toBeNull();
		}
	});

	it('counts segments: 70 characters in one, then 67 each', () => {
		expect([1, 70, 71, 134, 135].map((n) => fee('字'.repeat(n)))).toEqual([1, 1, 2, 2, 3]);
		expect(fee('🎉'.repeat(70))).toBe(1);
	});

	it('fills template variables', () => {
		expect(variableCount('Your SMS Kit code is {1}, valid for {2} minutes. {1}')).toBe(2);
		expect(render('A {1} B {2}', ['x'])).toBe('A x B {2}');
	});
});
