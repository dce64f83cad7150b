import { createHash } from 'node:crypto';
import {
	tc3Authorization,
	tc3CanonicalRequest,
	tc3Date,
	tc3HashedPayload,
	tc3Signature,
	tc3SigningKey,
	tc3StringToSign,
	tencentAuthHeaders,
	type Tc3Input,
} from '../../core/providers/tencent';
import vectors from './vectors.json';

interface TencentVector {
	id: string;
	provider: string;
	inputs: {
		method: string;
		url: string;
		host: string;
		query: string;
		headers: Record<string, string>;
		signedHeaders: string;
		body: string;
		timestamp: number;
		date: string;
		service: string;
		secretId: string;
		secretKey: string;
	};
	expected: Record<string, string>;
}

const tencent = (vectors.vectors as unknown as TencentVector[]).filter((v) => v.provider === 'tencent');

function inputOf(v: TencentVector): Tc3Input {
	const headers = Object.fromEntries(Object.entries(v.inputs.headers).map(([k, val]) => [k.toLowerCase(), val]));
	return {
		method: v.inputs.method,
		query: v.inputs.query,
		headers: { ...headers, host: headers.host ?? v.inputs.host },
		signedHeaders: v.inputs.signedHeaders.split(';'),
		body: v.inputs.body,
		timestamp: v.inputs.timestamp,
		service: v.inputs.service,
		secretId: v.inputs.secretId,
		secretKey: v.inputs.secretKey,
	};
}

describe('TC3-HMAC-SHA256 (spec tencent.md §4)', () => {
	it('covers all six Tencent vectors', () => expect(tencent).toHaveLength(6));

	it.each(tencent.map((v) => [v.id, v] as const))('%s: every given intermediate and the signature', (_id, v) => {
		const input = inputOf(v);
		const e = v.expected;
		expect(tc3Date(input.timestamp)).toBe(v.inputs.date);
		if (e.hashedRequestPayload) expect(tc3HashedPayload(input.body)).toBe(e.hashedRequestPayload);
		if (e.canonicalRequest) expect(tc3CanonicalRequest(input)).toBe(e.canonicalRequest);
		if (e.canonicalRequestSha256)
			expect(createHash('sha256').update(tc3CanonicalRequest(input)).digest('hex')).toBe(e.canonicalRequestSha256);
		if (e.stringToSign) expect(tc3StringToSign(input)).toBe(e.stringToSign);
		if (e.kSigning) expect(tc3SigningKey(input.secretKey, v.inputs.date, input.service).toString('hex')).toBe(e.kSigning);
		expect(tc3Signature(input)).toBe(e.signature);
		if (e.authorization) expect(tc3Authorization(input)).toBe(e.authorization);
	});

	it('tencentAuthHeaders signs what the Node SDK sends for SendSms', () => {
		const v = tencent.find((x) => x.id === 'tencent-tc3-sms-sendsms-node-sdk')!;
		const headers = tencentAuthHeaders(
			v.inputs,
			{ method: 'POST', url: v.inputs.url, headers: { 'Content-Type': 'application/json' }, body: v.inputs.body },
			v.inputs.timestamp,
		);
		expect(headers).toEqual({ Authorization: v.expected.authorization, 'X-TC-Timestamp': '1700000000' });
	});

	it('tencentAuthHeaders signs the host with its port, as the Python SDK does', () => {
		const v = tencent.find((x) => x.id === 'tencent-tc3-sms-sendsms-python-sdk-port')!;
		const headers = tencentAuthHeaders(
			v.inputs,
			{
				method: 'POST',
				url: 'https://sms.tencentcloudapi.com:18081/',
				headers: { 'Content-Type': 'application/json' },
				body: v.inputs.body,
			},
			v.inputs.timestamp,
		);
		expect(headers.Authorization).toContain(`Signature=${v.expected.signature}`);
	});
});
