import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authenticate, distinctHeaders, type AlibabaRequest } from '../../sandbox/providers/alibaba/auth';
import { GatewayError } from '../../sandbox/providers/alibaba/errors';
import {
	acs3Authorization,
	acs3Sign,
	canonicalQuery,
	parsePairs,
	popEncode,
	v1Sign,
} from '../../sandbox/providers/alibaba/signature';

interface AliyunVector {
	id: string;
	algorithm: string;
	inputs: {
		method: string;
		path: string;
		params?: Record<string, string>;
		queryParams?: Record<string, string>;
		bodyParams?: Record<string, string>;
		paramsIn?: string;
		query?: string;
		body?: string;
		headers?: Record<string, string>;
		signedHeaders?: string;
		accessKeyId?: string;
		accessKeySecret: string;
	};
	expected: Record<string, string>;
}

const vectors = (
	JSON.parse(readFileSync(join(__dirname, '../vectors/vectors.json'), 'utf8')) as { vectors: AliyunVector[] }
).vectors.filter((v) => v.id.startsWith('aliyun-'));
const v1Vectors = vectors.filter((v) => v.algorithm.startsWith('HMAC-SHA1'));
const v3Vectors = vectors.filter((v) => v.algorithm === 'ACS3-HMAC-SHA256');

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The request a client would send for a V1 vector, parameters where the vector puts them. */
function v1Request({ inputs, expected }: AliyunVector): AlibabaRequest {
	const signature = { Signature: expected.signature };
	const query = inputs.queryParams ?? (inputs.paramsIn === 'body' ? {} : inputs.params!);
	const body = inputs.bodyParams ?? (inputs.paramsIn === 'body' ? inputs.params! : undefined);
	const bodyText = body === undefined ? '' : form({ ...body, ...(inputs.paramsIn === 'body' ? signature : {}) });
	const queryText = form({ ...query, ...(inputs.paramsIn === 'body' ? {} : signature) });
	return {
		method: inputs.method,
		requestTarget: queryText === '' ? '/' : `/?${queryText}`,
		headers: bodyText === '' ? {} : { 'content-type': ['application/x-www-form-urlencoded'] },
		body: Buffer.from(bodyText),
	};
}

function v1Params(inputs: AliyunVector['inputs']): [string, string][] {
	return Object.entries({ ...inputs.params, ...inputs.queryParams, ...inputs.bodyParams });
}

const context = (time: string, accessKeyId: string, secret: string) => ({
	now: Date.parse(time),
	secretOf: (id: string) => (id === accessKeyId ? secret : undefined),
	nonces: new Map<string, number>(),
});

describe('V1 (HMAC-SHA1) vectors', () => {
	it('covers every V1 vector of the spec', () => expect(v1Vectors).toHaveLength(6));

	it.each(v1Vectors.map((v) => [v.id, v] as const))('%s: signature and string to sign', (_id, vector) => {
		const signed = v1Sign({
			method: vector.inputs.method,
			params: v1Params(vector.inputs),
			accessKeySecret: vector.inputs.accessKeySecret,
		});
		expect(signed.signature).toBe(vector.expected.signature);
		if (vector.expected.stringToSign) expect(signed.stringToSign).toBe(vector.expected.stringToSign);
	});

	it.each(v1Vectors.map((v) => [v.id, v] as const))('%s: the verifier accepts it as sent', (_id, vector) => {
		const params = Object.fromEntries(v1Params(vector.inputs));
		const auth = authenticate(v1Request(vector), context(params.Timestamp, params.AccessKeyId, vector.inputs.accessKeySecret));
		expect(auth).toMatchObject({ scheme: 'v1', accessKeyId: params.AccessKeyId, action: params.Action });
	});

	it('signs the received method: the GET vector sent as POST does not verify', () => {
		const vector = v1Vectors.find((v) => v.id === 'aliyun-rpc-v1-popcore-get')!;
		const params = Object.fromEntries(v1Params(vector.inputs));
		const request = { ...v1Request(vector), method: 'POST' };
		expect(() => authenticate(request, context(params.Timestamp, 'testId', 'testSecret'))).toThrow(
			expect.objectContaining({ code: 'SignatureDoesNotMatch', status: 400 }),
		);
	});
});

describe('V3 (ACS3-HMAC-SHA256) vectors', () => {
	it('covers every V3 vector of the spec', () => expect(v3Vectors).toHaveLength(4));

	const signVector = ({ inputs }: AliyunVector) =>
		acs3Sign({
			method: inputs.method,
			uri: inputs.path,
			query: inputs.query === undefined ? [] : parsePairs(inputs.query),
			headers: distinctHeaders(inputs.headers ?? {}),
			signedHeaders: inputs.signedHeaders!,
			hashedPayload: inputs.headers!['x-acs-content-sha256'],
			accessKeySecret: inputs.accessKeySecret,
		});

	it.each(v3Vectors.map((v) => [v.id, v] as const))('%s: intermediates and signature', (_id, vector) => {
		const signed = signVector(vector);
		expect(signed.signature).toBe(vector.expected.signature);
		if (vector.expected.canonicalRequest) expect(signed.canonicalRequest).toBe(vector.expected.canonicalRequest);
		if (vector.expected.stringToSign) expect(signed.stringToSign).toBe(vector.expected.stringToSign);
		if (vector.expected.authorization) {
			expect(acs3Authorization(vector.inputs.accessKeyId!, vector.inputs.signedHeaders!, signed.signature)).toBe(
				vector.expected.authorization,
			);
		}
	});

	it.each(v3Vectors.map((v) => [v.id, v] as const))('%s: the verifier accepts it as sent', (_id, vector) => {
		const { inputs, expected } = vector;
		const accessKeyId = inputs.accessKeyId ?? 'YourAccessKeyId';
		const headers = distinctHeaders({
			...inputs.headers,
			authorization: acs3Authorization(accessKeyId, inputs.signedHeaders!, expected.signature),
		});
		const request = {
			method: inputs.method,
			requestTarget: inputs.query ? `/?${inputs.query}` : '/',
			headers,
			body: Buffer.from(inputs.body ?? ''),
		};
		const auth = authenticate(request, context(inputs.headers!['x-acs-date'], accessKeyId, inputs.accessKeySecret));
		expect(auth).toMatchObject({ scheme: 'v3', accessKeyId, action: inputs.headers!['x-acs-action'] });
		if (inputs.body) expect(auth.params.get('PhoneNumberJson')).toBe('["13800000000","13900000000"]');
	});

	it('hashes the raw body: a changed byte is refused even with the header unchanged', () => {
		const vector = v3Vectors.find((v) => v.id === 'aliyun-acs3-sms-sendbatchsms-form-body')!;
		const { inputs, expected } = vector;
		const request = {
			method: 'POST',
			requestTarget: `/?${inputs.query}`,
			headers: distinctHeaders({
				...inputs.headers,
				authorization: acs3Authorization('testId', inputs.signedHeaders!, expected.signature),
			}),
			body: Buffer.from(inputs.body!.replace('1234', '1235')),
		};
		let error: unknown;
		try {
			authenticate(request, context(inputs.headers!['x-acs-date'], 'testId', 'testSecret'));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(GatewayError);
		expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 400 });
	});
});

describe('POP encoding (§3.2)', () => {
	it('keeps the unreserved characters and encodes the rest with upper-case hex', () => {
		expect(popEncode("a-_.~ *!'()/+=&中")).toBe('a-_.~%20%2A%21%27%28%29%2F%2B%3D%26%E4%B8%AD');
	});

	it('decodes + as a space in queries and forms, then sorts by name', () => {
		expect(canonicalQuery(parsePairs('b=x+y&a=%7E&c'))).toBe('a=~&b=x%20y&c=');
	});
});
