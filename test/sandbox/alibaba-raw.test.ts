import { ALIBABA_SEED } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ALIBABA, control, v1Call, v3Call } from './alibaba-helpers';

/** Raw V1 and V3 requests, signed by the test's own few lines: the gateway's checks in §12 order, then business codes. */

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	base = sandbox.urls.alibaba;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

const send = (params: Record<string, string>) =>
	v3Call(base, {
		action: 'SendSms',
		query: {
			PhoneNumbers: '13800000001',
			SignName: 'SMSKit',
			TemplateCode: ALIBABA_SEED.notificationTemplateCode,
			TemplateParam: '{"order":"A1"}',
			...params,
		},
	});

describe('gateway errors', () => {
	it('answers a wrong secret with SignatureDoesNotMatch, HTTP 400, Recommend and HostId', async () => {
		for (const call of [v1Call, v3Call]) {
			const answer = await call(base, { keys: { accessKeyId: ALIBABA.accessKeyId, accessKeySecret: 'wrong' } });
			expect(answer.status).toBe(400);
			expect(answer.headers['content-type']).toBe('application/json;charset=utf-8');
			expect(answer.json).toEqual({
				RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
				HostId: new URL(base).host,
				Code: 'SignatureDoesNotMatch',
				Message: expect.stringContaining('Specified signature does not match our calculation.'),
				Recommend: expect.stringContaining('q=SignatureDoesNotMatch'),
			});
		}
	});

	it('answers an unknown AccessKeyId with InvalidAccessKeyId.NotFound, HTTP 404', async () => {
		for (const call of [v1Call, v3Call]) {
			const answer = await call(base, { keys: { accessKeyId: 'LTAI5tUnknown', accessKeySecret: 'x' } });
			expect([answer.status, answer.json.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
		}
	});

	it('refuses a reused nonce with SignatureNonceUsed, for V1 and V3', async () => {
		for (const call of [v1Call, v3Call]) {
			const nonce = `nonce-${call.name}`;
			expect((await call(base, { nonce })).status).toBe(200);
			const again = await call(base, { nonce });
			expect([again.status, again.json.Code]).toEqual([400, 'SignatureNonceUsed']);
		}
	});

	it('keeps the nonce of a request whose signature failed free', async () => {
		const bad = await v1Call(base, { nonce: 'n-1', keys: { accessKeyId: ALIBABA.accessKeyId, accessKeySecret: 'wrong' } });
		expect(bad.json.Code).toBe('SignatureDoesNotMatch');
		expect((await v1Call(base, { nonce: 'n-1' })).status).toBe(200);
	});

	it('accepts 15 minutes of skew either way, not more (InvalidTimeStamp.Expired)', async () => {
		const minute = 60_000;
		for (const call of [v1Call, v3Call]) {
			expect((await call(base, { time: Date.now() - 14 * minute })).status).toBe(200);
			expect((await call(base, { time: Date.now() + 14 * minute })).status).toBe(200);
			const expired = await call(base, { time: Date.now() - 16 * minute });
			expect([expired.status, expired.json.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
		}
	});

	it('answers InvalidTimeStamp.Format, IncompleteSignature and Missing<Param> with HTTP 400', async () => {
		const bad = await v1Call(base, { params: { Timestamp: '2024-01-01 00:00:00' } });
		expect([bad.status, bad.json.Code]).toEqual([400, 'InvalidTimeStamp.Format']);
		const response = await fetch(base, { method: 'POST', headers: { Authorization: 'ACS3-HMAC-SHA256 Credential=x' } });
		expect([response.status, ((await response.json()) as { Code: string }).Code]).toEqual([400, 'IncompleteSignature']);
		const missing = await send({ SignName: '' });
		expect(missing).toMatchObject({
			status: 400,
			json: { Code: 'MissingSignName', Message: 'SignName is mandatory for this action.' },
		});
	});

	it('answers an unknown action (404) and version (400), and another path (404)', async () => {
		expect((await v3Call(base, { action: 'SendFax' })).json.Code).toBe('InvalidAction.NotFound');
		expect((await v3Call(base, { action: 'SendFax' })).status).toBe(404);
		const version = await v1Call(base, { version: '2099-01-01' });
		expect([version.status, version.json.Code]).toEqual([400, 'InvalidVersion']);
		// The 2018-05-01 actions live under their own version only.
		expect((await v3Call(base, { action: 'SendMessageToGlobe' })).status).toBe(404);
		expect((await fetch(`${base}/other`)).status).toBe(404);
	});

	it('refuses a body that is not the one hashed', async () => {
		const form = { PhoneNumberJson: '["13800000001"]', SignNameJson: '["SMSKit"]', TemplateParamJson: '[{"order":"1"}]' };
		const tampered = await v3Call(base, {
			action: 'SendBatchSms',
			query: { TemplateCode: ALIBABA_SEED.notificationTemplateCode },
			form,
			sentBody: new URLSearchParams({ ...form, PhoneNumberJson: '["13800000002"]' }).toString(),
		});
		expect([tampered.status, tampered.json.Code]).toEqual([400, 'SignatureDoesNotMatch']);
		expect(tampered.json.Message).toContain('x-acs-content-sha256');
	});
});

describe('what the verifier accepts', () => {
	it('takes V3 over the Host with or without its port, without a nonce, with extra signed x-acs-* headers', async () => {
		expect((await v3Call(base, { signedHost: 'with-port' })).status).toBe(200);
		expect((await v3Call(base, { signedHost: 'without-port' })).status).toBe(200);
		expect((await v3Call(base, { nonce: null })).status).toBe(200);
		expect((await v3Call(base, { headers: { 'x-acs-credentials-provider': 'static_ak' } })).status).toBe(200);
	});

	it('takes V1 parameters in the query or the form body, with GET or POST', async () => {
		for (const [method, placement] of [
			['GET', 'query'],
			['POST', 'query'],
			['POST', 'body'],
		] as const) {
			const answer = await v1Call(base, { method, placement, params: { PageSize: '5' } });
			expect([answer.status, answer.json.Code, answer.json.PageSize]).toEqual([200, 'OK', 5]);
		}
	});

	it('answers V1 in XML without Format=JSON', async () => {
		const answer = await v1Call(base, { format: null, action: 'GetSmsSign', params: { SignName: 'SMSKit' } });
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('text/xml;charset=utf-8');
		expect(answer.text).toMatch(/^<\?xml version='1.0' encoding='UTF-8'\?><GetSmsSignResponse><RequestId>/);
		expect(answer.text).toContain('<SignName>SMSKit</SignName><SignStatus>1</SignStatus>');
		const error = await v1Call(base, { format: null, keys: { accessKeyId: 'nobody', accessKeySecret: 'x' } });
		expect(error.text).toContain('<Error><RequestId>');
		expect(error.text).toContain('<Code>InvalidAccessKeyId.NotFound</Code>');
	});

	it('takes keys added through the control API, until a reset', async () => {
		const keys = { accessKeyId: 'LTAI5tExtraKey000000001', accessKeySecret: 'extra-secret' };
		expect((await v3Call(base, { keys })).status).toBe(404);
		expect((await control(sandbox.origin, 'POST', '/credentials', { alibaba: keys })).status).toBe(200);
		expect((await v3Call(base, { keys })).status).toBe(200);
		await control(sandbox.origin, 'POST', '/reset');
		expect((await v3Call(base, { keys })).status).toBe(404);
	});
});

describe('business codes, HTTP 200', () => {
	it.each([
		['isv.MOBILE_NUMBER_ILLEGAL', { PhoneNumbers: '12345' }],
		['isv.MOBILE_NUMBER_ILLEGAL', { PhoneNumbers: '+4479460000000' }],
		['isv.SMS_SIGNATURE_ILLEGAL', { SignName: 'Nobody' }],
		['isv.SMS_SIGNATURE_ILLEGAL', { SignName: ALIBABA_SEED.pendingSignName }],
		['isv.SMS_TEMPLATE_ILLEGAL', { TemplateCode: 'SMS_1' }],
		['isv.SMS_TEMPLATE_ILLEGAL', { TemplateCode: ALIBABA_SEED.pendingTemplateCode, TemplateParam: '{"parcel":"1"}' }],
		['isv.INVALID_JSON_PARAM', { TemplateParam: 'order=A1' }],
		['isv.INVALID_JSON_PARAM', { TemplateParam: '{"order":42}' }],
		['isv.TEMPLATE_MISSING_PARAMETERS', { TemplateParam: '{"other":"x"}' }],
		['isv.PARAM_LENGTH_LIMIT', { TemplateParam: JSON.stringify({ order: 'x'.repeat(36) }) }],
		['isv.PARAM_NOT_SUPPORT_URL', { TemplateParam: '{"order":"https://x.io"}' }],
	])('%s for %j', async (code, params) => {
		const answer = await send(params);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ RequestId: expect.any(String), Code: code, Message: expect.any(String) });
	});

	it('accepts the domestic prefixes and international numbers as country code and number', async () => {
		const answer = await send({ PhoneNumbers: '13800000001,+8613800000002,008613800000003,8613800000004,85212345678' });
		expect(answer.json).toMatchObject({ Code: 'OK', BizId: expect.stringMatching(/^\d{18}\^0$/) });
	});

	it('limits SendSms to 1000 numbers and SendBatchSms to 100, arrays of one length', async () => {
		const numbers = (n: number) => Array.from({ length: n }, (_, i) => `139${String(i).padStart(8, '0')}`);
		expect((await send({ PhoneNumbers: numbers(1000).join(',') })).json.Code).toBe('OK');
		expect((await send({ PhoneNumbers: numbers(1001).join(',') })).json.Code).toBe('isv.MOBILE_COUNT_OVER_LIMIT');
		const batch = (count: number, signs = count) =>
			v3Call(base, {
				action: 'SendBatchSms',
				query: { TemplateCode: ALIBABA_SEED.notificationTemplateCode },
				form: {
					PhoneNumberJson: JSON.stringify(numbers(count)),
					SignNameJson: JSON.stringify(Array(signs).fill('SMSKit')),
					TemplateParamJson: JSON.stringify(Array(count).fill({ order: '1' })),
				},
			});
		expect((await batch(100)).json.Code).toBe('OK');
		expect((await batch(101)).json.Code).toBe('isv.MOBILE_COUNT_OVER_LIMIT');
		expect((await batch(2, 1)).json.Code).toBe('isv.INVALID_PARAMETERS');
	});

	it('lets a verification template reach one sign and number once a minute and five times an hour', async () => {
		let now = Date.UTC(2025, 0, 1, 2, 0, 30);
		const clocked = await startSandbox({ now: () => now });
		try {
			const code = (number = '13800000001') =>
				v3Call(clocked.urls.alibaba, {
					action: 'SendSms',
					time: now,
					query: {
						PhoneNumbers: number,
						SignName: 'SMSKit',
						TemplateCode: ALIBABA.templateCode,
						TemplateParam: '{"code":"1234"}',
					},
				});
			expect((await code()).json.Code).toBe('OK');
			expect((await code()).json).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' });
			expect((await code('13800000002')).json.Code).toBe('OK');
			for (let i = 0; i < 4; i++) {
				now += 60_000;
				expect((await code()).json.Code).toBe('OK');
			}
			now += 60_000;
			expect((await code()).json).toMatchObject({ Message: '触发小时级流控Permits:5' });
		} finally {
			await clocked.close();
		}
	});

	it('refuses a send the balance cannot pay with isv.AMOUNT_NOT_ENOUGH', async () => {
		await control(sandbox.origin, 'PUT', '/alibaba/balance', { amount: 2 });
		expect((await send({ PhoneNumbers: '13800000001,13800000002,13800000003' })).json.Code).toBe('isv.AMOUNT_NOT_ENOUGH');
		expect((await send({ PhoneNumbers: '13800000001,13800000002' })).json.Code).toBe('OK');
		expect((await control(sandbox.origin, 'GET', '/alibaba/balance')).json).toEqual({ balance: 0 });
	});

	it('bills segments counting the sign with its brackets (≤ 70 one, then 67 each)', async () => {
		await send({ TemplateParam: JSON.stringify({ order: 'x'.repeat(35) }) });
		const { json } = await control<{ alibaba: { segments: number[]; contents: string[] }[] }>(sandbox.origin, 'GET', '/messages');
		expect([...json.alibaba[0].contents[0]]).toHaveLength(8 + 'Your order  has shipped.'.length + 35);
		expect(json.alibaba[0].segments).toEqual([1]);
	});
});
