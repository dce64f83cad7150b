import { OvhApi } from '../../credentials/OvhApi.credentials';
import vectors from '../vectors/vectors.json';

interface Vector {
	id: string;
	inputs: Record<string, string>;
	expected: { signature: string };
}
const byId = (id: string) => (vectors.vectors as unknown as Vector[]).find((v) => v.id === id)!;

describe('OvhApi credential authenticate', () => {
	const credential = new OvhApi();
	const authenticate = (c: object, r: object) => credential.authenticate(c as never, r as never);

	beforeAll(() => jest.useFakeTimers());
	afterAll(() => jest.useRealTimers());

	it('signs the wire-capture vector: query folded into the URL, body signed as sent', async () => {
		const v = byId('ovh-v1-sms-wire-post-jobs');
		jest.setSystemTime(1457018875467);
		const signed = await authenticate(
			{ ...v.inputs, timeDelta: '6' },
			{ method: 'POST', baseURL: 'https://eu.api.ovh.com/1.0', url: '/sms/sms-ab12345-1/jobs', body: v.inputs.body },
		);
		expect(signed.url).toBe('https://eu.api.ovh.com/1.0/sms/sms-ab12345-1/jobs');
		expect(signed.baseURL).toBeUndefined();
		expect(signed.headers).toMatchObject({ 'X-Ovh-Timestamp': '1457018881', 'X-Ovh-Signature': v.expected.signature });
	});

	it('signs a GET whose query arrives as qs (credential test path)', async () => {
		const v = byId('ovh-v1-sms-wire-get-outgoing');
		jest.setSystemTime(1457018881000);
		const signed = await authenticate(
			{ ...v.inputs, timeDelta: '0' },
			{
				method: 'GET',
				baseURL: 'https://eu.api.ovh.com/1.0',
				url: '/sms/sms-ab12345-1/outgoing',
				qs: { receiver: '+33601020304', 'creationDatetime.from': '2024-01-01T00:00:00+01:00', deliveryReceipt: 1 },
			},
		);
		expect(signed.url).toBe(v.inputs.url);
		expect(signed.qs).toBeUndefined();
		expect(signed.headers?.['X-Ovh-Signature']).toBe(v.expected.signature);
	});

	it('keeps secrets as password fields', () => {
		const secret = credential.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(secret).toEqual(['applicationSecret', 'consumerKey']);
	});

	it('bug 15: the Base URL is a placeholder, not a value; a Default Country is offered', () => {
		expect(credential.properties.find((p) => p.name === 'customUrl')).toMatchObject({
			default: '',
			placeholder: 'http://127.0.0.1:4010/ovh/1.0',
		});
		expect(credential.properties.find((p) => p.name === 'defaultCountry')).toMatchObject({ type: 'string', default: '' });
	});
});
