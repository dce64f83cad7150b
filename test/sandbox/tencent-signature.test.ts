import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	acceptedServices,
	candidateHosts,
	hostWithoutPort,
	parseAuthorization,
	verifyTc3,
	type Tc3Request,
} from '../../sandbox/providers/tencent/auth';
import { TencentError } from '../../sandbox/providers/tencent/errors';
import { authorization, signaturesEqual, tc3Sign } from '../../sandbox/providers/tencent/signature';

interface TencentVector {
	id: string;
	inputs: {
		method: string;
		url: string;
		path: string;
		query: string;
		headers: Record<string, string>;
		signedHeaders: string;
		canonicalHeaders?: string;
		body: string;
		bodyBytes?: number;
		timestamp: number;
		date: string;
		service: string;
		secretId: string;
		secretKey: string;
	};
	expected: Record<string, string>;
}

const vectors = (
	JSON.parse(readFileSync(join(__dirname, '../vectors/vectors.json'), 'utf8')) as { vectors: TencentVector[] }
).vectors.filter((vector) => vector.id.startsWith('tencent-'));

const lowerCase = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

function signVector({ inputs }: TencentVector) {
	return tc3Sign({
		method: inputs.method,
		uri: inputs.path,
		query: inputs.query,
		headers: lowerCase(inputs.headers),
		signedHeaders: inputs.signedHeaders,
		body: inputs.body,
		timestamp: inputs.timestamp,
		service: inputs.service,
		secretKey: inputs.secretKey,
	});
}

/** The request a client would send for the vector, with the Authorization it computed. */
function vectorRequest(vector: TencentVector, overrides: Partial<Tc3Request> = {}): Tc3Request {
	const { inputs, expected } = vector;
	const scope = `${inputs.date}/${inputs.service}/tc3_request`;
	return {
		method: inputs.method,
		requestTarget: inputs.query === '' ? inputs.path : `${inputs.path}?${inputs.query}`,
		headers: {
			...lowerCase(inputs.headers),
			authorization: authorization(inputs.secretId, scope, inputs.signedHeaders, expected.signature),
		},
		body: Buffer.from(inputs.body, 'utf8'),
		...overrides,
	};
}

const codeOf = (run: () => unknown): string => {
	try {
		run();
	} catch (error: unknown) {
		if (error instanceof TencentError) return error.code;
		throw error;
	}
	return 'none';
};

describe('TC3-HMAC-SHA256 (specs/tencent.md §3.1) against vectors.json', () => {
	it('has all six Tencent vectors', () => {
		expect(vectors.map((v) => v.id).sort()).toEqual([
			'tencent-tc3-doc-cvm',
			'tencent-tc3-doc-cvm-x-tc-action',
			'tencent-tc3-sms-sendsms-get',
			'tencent-tc3-sms-sendsms-node-sdk',
			'tencent-tc3-sms-sendsms-python-sdk-port',
			'tencent-tc3-sms-sendsms-x-tc-action',
		]);
	});

	it.each(vectors.map((v) => [v.id, v] as const))('%s: every intermediate and the signature', (_id, vector) => {
		const result = signVector(vector);
		const { expected, inputs } = vector;
		for (const [name, value] of Object.entries(expected)) {
			if (name === 'authorization') {
				const scope = `${inputs.date}/${inputs.service}/tc3_request`;
				expect(authorization(inputs.secretId, scope, inputs.signedHeaders, result.signature)).toBe(value);
			} else {
				expect({ [name]: result[name as keyof typeof result] }).toEqual({ [name]: value });
			}
		}
		if (inputs.canonicalHeaders !== undefined) expect(result.canonicalHeaders).toBe(inputs.canonicalHeaders);
		if (inputs.bodyBytes !== undefined) expect(Buffer.byteLength(inputs.body)).toBe(inputs.bodyBytes);
		expect(result.credentialScope).toBe(`${inputs.date}/${inputs.service}/tc3_request`);
	});

	it.each(vectors.map((v) => [v.id, v] as const))('%s: accepted by the verifier', (_id, vector) => {
		// The SecretId is not part of the HMAC; the documentation's, with asterisks, is no key's format.
		const secretId = /^AKID[0-9A-Za-z]+$/.test(vector.inputs.secretId) ? vector.inputs.secretId : 'AKIDdocumentation';
		const request = vectorRequest({ ...vector, inputs: { ...vector.inputs, secretId } });
		const keys = (id: string) => (id === secretId ? vector.inputs.secretKey : undefined);
		expect(verifyTc3(request, keys, { now: vector.inputs.timestamp * 1000 })).toBe(secretId);
		if (secretId !== vector.inputs.secretId) {
			expect(codeOf(() => verifyTc3(vectorRequest(vector), keys, { now: vector.inputs.timestamp * 1000 }))).toBe(
				'AuthFailure.InvalidSecretId',
			);
		}
	});
});

describe('verification order (specs/tencent.md §3.2)', () => {
	const vector = vectors.find((v) => v.id === 'tencent-tc3-sms-sendsms-node-sdk')!;
	const { inputs } = vector;
	const keys = (id: string) => (id === inputs.secretId ? inputs.secretKey : undefined);
	const now = inputs.timestamp * 1000;
	const verify = (request: Tc3Request, at = now) => codeOf(() => verifyTc3(request, keys, { now: at }));
	const withHeaders = (headers: Record<string, string | undefined>) =>
		vectorRequest(vector, { headers: { ...vectorRequest(vector).headers, ...headers } });
	const authWith = (replace: [string, string]) =>
		withHeaders({
			authorization: vectorRequest(vector)
				.headers.authorization!.toString()
				.replace(...replace),
		});

	it('accepts the request as the Node SDK signed it', () => {
		expect(verify(vectorRequest(vector))).toBe('none');
	});

	it('1: refuses an Authorization that is missing or not TC3', () => {
		expect(verify(withHeaders({ authorization: undefined }))).toBe('AuthFailure.InvalidAuthorization');
		expect(verify(authWith(['TC3-HMAC-SHA256', 'HMAC-SHA256']))).toBe('AuthFailure.InvalidAuthorization');
		expect(verify(authWith(['/tc3_request', '/tc2_request']))).toBe('AuthFailure.InvalidAuthorization');
		expect(verify(authWith([', SignedHeaders=content-type;host', '']))).toBe('AuthFailure.InvalidAuthorization');
		// Even with a stale timestamp and an unknown key, the format is checked first.
		expect(verify(authWith(['AKIDEXAMPLE', 'bad/key']), 0)).toBe('AuthFailure.InvalidAuthorization');
	});

	it('2: tells a malformed SecretId from an unknown one', () => {
		expect(verify(authWith(['AKIDEXAMPLE', 'XKIDEXAMPLE']), 0)).toBe('AuthFailure.InvalidSecretId');
		expect(verify(authWith(['AKIDEXAMPLE', 'AKIDOTHER']), 0)).toBe('AuthFailure.SecretIdNotFound');
	});

	it('3: allows 300 seconds of skew either way', () => {
		expect(verify(vectorRequest(vector), now + 300_000)).toBe('none');
		expect(verify(vectorRequest(vector), now - 300_000)).toBe('none');
		expect(verify(vectorRequest(vector), now + 301_000)).toBe('AuthFailure.SignatureExpire');
		expect(verify(vectorRequest(vector), now - 301_000)).toBe('AuthFailure.SignatureExpire');
		expect(verify(withHeaders({ 'x-tc-timestamp': undefined }))).toBe('MissingParameter');
	});

	it('4: checks the scope: UTC date, service, signed headers', () => {
		expect(verify(authWith(['2023-11-14', '2023-11-15']))).toBe('AuthFailure.SignatureFailure');
		expect(verify(authWith(['/sms/', '/cvm/']))).toBe('AuthFailure.SignatureFailure');
		expect(verify(authWith(['SignedHeaders=content-type;host', 'SignedHeaders=content-type']))).toBe(
			'AuthFailure.SignatureFailure',
		);
		expect(verify(authWith(['SignedHeaders=content-type;host', 'SignedHeaders=content-type;host;x-tc-nothing']))).toBe(
			'AuthFailure.SignatureFailure',
		);
	});

	it('5: refuses another body, method, query or signature', () => {
		expect(verify(vectorRequest(vector, { body: Buffer.from(inputs.body.replace('1234', '1235')) }))).toBe(
			'AuthFailure.SignatureFailure',
		);
		expect(verify(vectorRequest(vector, { body: Buffer.from(` ${inputs.body}`) }))).toBe('AuthFailure.SignatureFailure');
		expect(verify(vectorRequest(vector, { method: 'GET' }))).toBe('AuthFailure.SignatureFailure');
		expect(verify(vectorRequest(vector, { requestTarget: '/?a=1' }))).toBe('AuthFailure.SignatureFailure');
		expect(verify(authWith([vector.expected.signature, vector.expected.signature.toUpperCase()]))).toBe(
			'AuthFailure.SignatureFailure',
		);
	});

	it('lower-cases and trims signed header values, so their case and padding do not matter', () => {
		expect(verify(withHeaders({ 'content-type': '  Application/JSON ' }))).toBe('none');
	});

	it('accepts the Host signed with or without the port it was sent with', () => {
		expect(verify(withHeaders({ host: 'sms.tencentcloudapi.com:4011' }))).toBe('none');
		const python = vectors.find((v) => v.id === 'tencent-tc3-sms-sendsms-python-sdk-port')!;
		expect(codeOf(() => verifyTc3(vectorRequest(python), keys, { now }))).toBe('none');
		expect(
			codeOf(() =>
				verifyTc3(
					vectorRequest(python, { headers: { ...vectorRequest(python).headers, host: 'sms.tencentcloudapi.com:18082' } }),
					keys,
					{
						now,
					},
				),
			),
		).toBe('AuthFailure.SignatureFailure');
	});

	it('honours X-TC-Content-SHA256: UNSIGNED-PAYLOAD', () => {
		const unsigned = tc3Sign({
			method: 'POST',
			headers: lowerCase(inputs.headers),
			signedHeaders: 'content-type;host',
			body: 'anything at all',
			unsignedPayload: true,
			timestamp: inputs.timestamp,
			service: 'sms',
			secretKey: inputs.secretKey,
		});
		expect(unsigned.hashedRequestPayload).toBe(createHash('sha256').update('UNSIGNED-PAYLOAD').digest('hex'));
		const request = vectorRequest(vector, {
			body: Buffer.from('another body'),
			headers: {
				...lowerCase(inputs.headers),
				'x-tc-content-sha256': 'UNSIGNED-PAYLOAD',
				authorization: authorization(inputs.secretId, '2023-11-14/sms/tc3_request', 'content-type;host', unsigned.signature),
			},
		});
		expect(verify(request)).toBe('none');
		expect(verify({ ...request, headers: { ...request.headers, 'x-tc-content-sha256': undefined } })).toBe(
			'AuthFailure.SignatureFailure',
		);
	});
});

describe('verification helpers', () => {
	it('parses the Authorization into its parts', () => {
		expect(
			parseAuthorization(
				'TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/sms/tc3_request, SignedHeaders=content-type;host, Signature=abc',
			),
		).toEqual({ secretId: 'AKIDx', date: '2023-11-14', service: 'sms', signedHeaders: 'content-type;host', signature: 'abc' });
	});

	it('accepts sms and the service an SDK derives from the sandbox host', () => {
		expect(acceptedServices('sms.tencentcloudapi.com')).toEqual(['sms']);
		expect(acceptedServices('127.0.0.1:4011')).toEqual(['sms', '127']);
		expect(acceptedServices('localhost:4011')).toEqual(['sms', 'localhost:4011', 'localhost']);
	});

	it('tries the Host as sent and without its port', () => {
		expect(candidateHosts('127.0.0.1:4011')).toEqual(['127.0.0.1:4011', '127.0.0.1']);
		expect(candidateHosts('sms.tencentcloudapi.com')).toEqual(['sms.tencentcloudapi.com']);
		expect(hostWithoutPort('[::1]:4011')).toBe('[::1]');
	});

	it('compares signatures exactly', () => {
		expect(signaturesEqual('abc', 'abc')).toBe(true);
		expect(signaturesEqual('abc', 'abd')).toBe(false);
		expect(signaturesEqual('abc', 'ab')).toBe(false);
	});
});
