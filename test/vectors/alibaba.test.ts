/** Every aliyun-* known answer (spec aliyun.md §5), V1 and V3, with the intermediate strings the vectors give. */
import {
	acs3CanonicalRequest,
	acs3Headers,
	acs3HashedPayload,
	acs3Signature,
	acs3StringToSign,
	rpcSignature,
	rpcStringToSign,
} from '../../core/providers/alibaba';
import vectors from './vectors.json';

interface AliyunVector {
	id: string;
	provider: string;
	algorithm: string;
	inputs: {
		method: string;
		host?: string;
		query?: string;
		params?: Record<string, string>;
		queryParams?: Record<string, string>;
		bodyParams?: Record<string, string>;
		headers?: Record<string, string>;
		signedHeaders?: string;
		body?: string;
		accessKeyId?: string;
		accessKeySecret: string;
	};
	expected: Record<string, string>;
}

const all = (vectors.vectors as unknown as AliyunVector[]).filter((v) => v.provider === 'aliyun');
const v1 = all.filter((v) => v.algorithm.startsWith('HMAC-SHA1'));
const v3 = all.filter((v) => v.algorithm === 'ACS3-HMAC-SHA256');

it('covers every aliyun vector', () => {
	expect(v1.length + v3.length).toBe(all.length);
	expect(v1).toHaveLength(6);
	expect(v3).toHaveLength(4);
});

describe.each(v1.map((v) => [v.id, v] as const))('V1 %s', (_id, v) => {
	const params = v.inputs.params ?? { ...v.inputs.queryParams, ...v.inputs.bodyParams };

	it('string to sign and signature', () => {
		const stringToSign = rpcStringToSign(v.inputs.method, params);
		if (v.expected.stringToSign) expect(stringToSign).toBe(v.expected.stringToSign);
		expect(rpcSignature(v.inputs.accessKeySecret, stringToSign)).toBe(v.expected.signature);
	});
});

function decodedQuery(query: string | undefined): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(query ?? ''));
}

describe.each(v3.map((v) => [v.id, v] as const))('V3 %s', (_id, v) => {
	const headers = Object.fromEntries(Object.entries(v.inputs.headers ?? {}).map(([k, val]) => [k.toLowerCase(), val]));
	const input = { method: v.inputs.method, query: decodedQuery(v.inputs.query), headers, body: v.inputs.body ?? '' };
	const signed = v.inputs.signedHeaders!.split(';');

	it('payload hash, canonical request, string to sign and signature', () => {
		expect(acs3HashedPayload(input.body)).toBe(headers['x-acs-content-sha256']);
		if (v.expected.contentSha256) expect(acs3HashedPayload(input.body)).toBe(v.expected.contentSha256);
		const canonical = acs3CanonicalRequest(input, signed);
		if (v.expected.canonicalRequest) expect(canonical).toBe(v.expected.canonicalRequest);
		const stringToSign = acs3StringToSign(canonical);
		if (v.expected.stringToSign) expect(stringToSign).toBe(v.expected.stringToSign);
		expect(acs3Signature(v.inputs.accessKeySecret, stringToSign)).toBe(v.expected.signature);
	});

	it('our signer picks the same headers and signs the same request', () => {
		if (!v.inputs.accessKeyId) return expect(v.id).toBe('aliyun-acs3-doc-runinstances');
		// Only the headers a client sets itself: the signer adds date, nonce, hash and host.
		const own = Object.fromEntries(
			Object.entries(headers).filter(([k]) =>
				['x-acs-action', 'x-acs-version', 'content-type', 'x-acs-credentials-provider'].includes(k),
			),
		);
		const url = `https://${v.inputs.host}/${v.inputs.query ? `?${v.inputs.query}` : ''}`;
		const out = acs3Headers(
			{ accessKeyId: v.inputs.accessKeyId, accessKeySecret: v.inputs.accessKeySecret },
			{ method: v.inputs.method, url, headers: own, body: v.inputs.body || undefined },
			Date.parse(headers['x-acs-date']),
			headers['x-acs-signature-nonce'],
		);
		expect(out.authorization).toBe(
			`ACS3-HMAC-SHA256 Credential=${v.inputs.accessKeyId},SignedHeaders=${v.inputs.signedHeaders},Signature=${v.expected.signature}`,
		);
		if (v.expected.authorization) expect(out.authorization).toBe(v.expected.authorization);
	});
});
