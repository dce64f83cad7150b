import { TencentCloudSmsApi } from '../../credentials/TencentCloudSmsApi.credentials';
import vectors from '../vectors/vectors.json';

interface Vector {
	id: string;
	inputs: { secretId: string; secretKey: string; body: string; timestamp: number };
	expected: { authorization: string };
}

describe('TencentCloudSmsApi credential authenticate', () => {
	const credential = new TencentCloudSmsApi();
	const v = (vectors.vectors as unknown as Vector[]).find((x) => x.id === 'tencent-tc3-sms-sendsms-node-sdk')!;

	beforeAll(() => jest.useFakeTimers());
	afterAll(() => jest.useRealTimers());

	it('signs the SendSms vector exactly as the official Node SDK does, and adds version and region', async () => {
		jest.setSystemTime(v.inputs.timestamp * 1000 + 999);
		const signed = await credential.authenticate(
			{ secretId: v.inputs.secretId, secretKey: v.inputs.secretKey, region: 'ap-guangzhou' },
			{
				method: 'POST',
				url: 'https://sms.tencentcloudapi.com/',
				headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'SendSms' },
				body: v.inputs.body,
			},
		);
		expect(signed.headers).toMatchObject({
			Authorization: v.expected.authorization,
			'X-TC-Timestamp': String(v.inputs.timestamp),
			'X-TC-Version': '2021-01-11',
			'X-TC-Region': 'ap-guangzhou',
			'X-TC-Action': 'SendSms',
		});
		expect(signed.body).toBe(v.inputs.body);
	});

	it('serialises an object body (the credential test) before signing it', async () => {
		const signed = await credential.authenticate(
			{ secretId: 'AKIDx', secretKey: 'k', region: 'other', customRegion: 'eu-frankfurt' },
			{
				method: 'POST',
				baseURL: 'http://127.0.0.1:4011',
				url: '/',
				headers: { 'X-TC-Action': 'DescribeSmsSignList' },
				body: { International: 0, Limit: 1, Offset: 0 },
			},
		);
		expect(signed.url).toBe('http://127.0.0.1:4011/');
		expect(signed.body).toBe('{"International":0,"Limit":1,"Offset":0}');
		expect(signed.headers).toMatchObject({ 'X-TC-Region': 'eu-frankfurt' });
	});

	it('is tested by the nodes (the test says the code and what to do, see nodes.test.ts); the sandbox URL is a placeholder', () => {
		expect('test' in credential).toBe(false);
		const customUrl = credential.properties.find((p) => p.name === 'customUrl');
		expect(customUrl).toMatchObject({ default: '', placeholder: 'http://127.0.0.1:4011' });
		expect(credential.properties.find((p) => p.name === 'defaultCountry')).toMatchObject({ type: 'string', default: '' });
	});
});
