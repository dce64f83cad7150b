import fc from 'fast-check';
import {
	acs3CanonicalRequest,
	acs3Headers,
	acs3Signature,
	acs3StringToSign,
	popEncode,
	rpcSignature,
	rpcStringToSign,
} from '../../core/providers/alibaba/sign';
import { ovhAuthHeaders, ovhSignature, type OvhSigningInput } from '../../core/providers/ovh/sign';
import { checkWebhookSignature, webhookSignature } from '../../core/providers/smsmobileapi/sign';
import { tc3Authorization, tc3Signature, tencentAuthHeaders, type Tc3Input } from '../../core/providers/tencent/sign';

/** Well-formed unicode (lone surrogates all encode as U+FFFD, so they are the same bytes on the wire). */
const unicode = (maxLength = 40) =>
	fc.oneof(
		fc.string({ unit: 'grapheme', maxLength }),
		fc.string({ maxLength }),
		fc.string({ unit: 'grapheme-ascii', maxLength }),
	);
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 });
const method = fc.oneof(
	fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
	fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 7 }),
);
/** Unix seconds between 1970 and 2100. */
const seconds = fc.integer({ min: 0, max: 4_102_444_800 });
const asciiName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.~-]{0,11}$/);
const queryRecord = fc.dictionary(asciiName, unicode(16), { maxKeys: 8 });

/** The same entries in another insertion order. */
function shuffled<T>(record: Record<string, T>, seed: number): Record<string, T> {
	const entries = Object.entries(record);
	for (let i = entries.length - 1; i > 0; i--) {
		const j = (seed + i * 7919) % (i + 1);
		[entries[i], entries[j]] = [entries[j], entries[i]];
	}
	return Object.fromEntries(entries);
}

/** Another value for one field: any other text, or one character more. */
const other = (value: string, pick: string) => (pick === value ? `${value}x` : pick);

const ovhInput: fc.Arbitrary<OvhSigningInput> = fc.record({
	applicationSecret: secret,
	consumerKey: secret,
	method,
	url: unicode(60).map((path) => `https://eu.api.ovh.com/1.0/sms/${path}`),
	body: unicode(80),
	timestamp: fc.oneof(seconds, seconds.map(String)),
});

describe('OVHcloud signature: properties', () => {
	it('is deterministic, never throws on unicode, and has the $1$ + SHA-1 hex shape', () => {
		fc.assert(
			fc.property(ovhInput, (input) => {
				const signature = ovhSignature(input);
				expect(signature).toMatch(/^\$1\$[0-9a-f]{40}$/);
				expect(ovhSignature({ ...input })).toBe(signature);
				expect(ovhSignature({ ...input, timestamp: String(input.timestamp) })).toBe(signature);
			}),
			{ numRuns: 300 },
		);
	});

	it('changes when any signed field changes (method only up to case, as OVHcloud upper-cases it)', () => {
		const fields = ['applicationSecret', 'consumerKey', 'method', 'url', 'body', 'timestamp'] as const;
		fc.assert(
			fc.property(ovhInput, fc.constantFrom(...fields), unicode(20), (input, field, pick) => {
				const before = String(input[field]);
				const after = field === 'timestamp' ? Number(input.timestamp) + 1 : other(before, pick);
				if (field === 'method' && String(after).toUpperCase() === before.toUpperCase()) return;
				expect(ovhSignature({ ...input, [field]: after })).not.toBe(ovhSignature(input));
			}),
			{ numRuns: 400 },
		);
	});

	it('the X-Ovh-Signature header is the signature of exactly the method, URL, body and timestamp sent', () => {
		fc.assert(
			fc.property(ovhInput, fc.string(), seconds, (input, applicationKey, ts) => {
				const keys = { applicationKey, applicationSecret: input.applicationSecret, consumerKey: input.consumerKey };
				const headers = ovhAuthHeaders(keys, { method: input.method, url: input.url, body: input.body }, ts);
				expect(headers['X-Ovh-Signature']).toBe(ovhSignature({ ...input, timestamp: ts }));
				expect(headers['X-Ovh-Timestamp']).toBe(String(ts));
			}),
			{ numRuns: 200 },
		);
	});
});

const tc3Input: fc.Arbitrary<Tc3Input> = fc.record({
	method,
	query: unicode(30),
	headers: fc.record({ 'content-type': unicode(30), host: fc.domain() }),
	signedHeaders: fc.constant(['content-type', 'host']),
	body: unicode(80),
	timestamp: seconds,
	service: fc.stringMatching(/^[a-z]{2,8}$/),
	secretId: secret,
	secretKey: secret,
});

describe('Tencent TC3-HMAC-SHA256: properties', () => {
	it('is deterministic and never throws on unicode bodies, queries and header values', () => {
		fc.assert(
			fc.property(tc3Input, (input) => {
				const signature = tc3Signature(input);
				expect(signature).toMatch(/^[0-9a-f]{64}$/);
				expect(tc3Signature(structuredClone(input))).toBe(signature);
			}),
			{ numRuns: 300 },
		);
	});

	it('changes when the body, query, timestamp, service or secret key changes; the secret id changes the Authorization', () => {
		const fields = ['body', 'query', 'timestamp', 'service', 'secretKey'] as const;
		fc.assert(
			fc.property(tc3Input, fc.constantFrom(...fields), unicode(20), (input, field, pick) => {
				const after = field === 'timestamp' ? input.timestamp + 1 : other(String(input[field]), pick);
				expect(tc3Signature({ ...input, [field]: after })).not.toBe(tc3Signature(input));
				const id = other(input.secretId, pick);
				expect(tc3Authorization({ ...input, secretId: id })).not.toBe(tc3Authorization(input));
			}),
			{ numRuns: 400 },
		);
	});

	it('signs the query as sent, unsorted (spec tencent.md §3.1.3), and the Content-Type whatever its name case', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.tuple(asciiName, fc.stringMatching(/^[a-z0-9]{1,6}$/)), {
					minLength: 2,
					maxLength: 5,
					selector: ([k]) => k,
				}),
				fc.constantFrom('Content-Type', 'content-type', 'CONTENT-TYPE'),
				seconds,
				(pairs, name, ts) => {
					const keys = { secretId: 'AKIDx', secretKey: 'k' };
					const url = (ps: typeof pairs) => `https://sms.tencentcloudapi.com/?${ps.map(([k, v]) => `${k}=${v}`).join('&')}`;
					const sign = (ps: typeof pairs, header: string) =>
						tencentAuthHeaders(keys, { method: 'GET', url: url(ps), headers: { [header]: 'application/json' } }, ts)
							.Authorization;
					expect(sign(pairs, name)).toBe(sign(pairs, 'Content-Type'));
					expect(sign([...pairs].reverse(), name)).not.toBe(sign(pairs, name));
				},
			),
			{ numRuns: 200 },
		);
	});
});

const acs3Input = fc.record({
	method: fc.constantFrom('GET', 'POST'),
	query: queryRecord,
	headers: fc.record({
		host: fc.domain(),
		'x-acs-action': asciiName,
		'x-acs-version': fc.constant('2017-05-25'),
		'x-acs-date': fc.constant('2026-12-01T08:00:00Z'),
		'x-acs-signature-nonce': fc.uuid(),
		'content-type': fc.constant('application/x-www-form-urlencoded'),
	}),
	body: unicode(80),
});
const acs3 = (secretKey: string, input: Parameters<typeof acs3CanonicalRequest>[0]) =>
	acs3Signature(secretKey, acs3StringToSign(acs3CanonicalRequest(input)));

describe('Alibaba ACS3-HMAC-SHA256 and V1: properties', () => {
	it('is deterministic and never throws on unicode query values and bodies', () => {
		fc.assert(
			fc.property(acs3Input, secret, (input, key) => {
				const signature = acs3(key, input);
				expect(signature).toMatch(/^[0-9a-f]{64}$/);
				expect(acs3(key, structuredClone(input))).toBe(signature);
			}),
			{ numRuns: 300 },
		);
	});

	it('does not depend on the insertion order of query parameters or headers, which the spec sorts', () => {
		fc.assert(
			fc.property(acs3Input, secret, fc.nat(), (input, key, seed) => {
				const reordered = { ...input, query: shuffled(input.query, seed), headers: shuffled(input.headers, seed + 1) };
				expect(acs3CanonicalRequest(reordered)).toBe(acs3CanonicalRequest(input));
				expect(acs3(key, reordered)).toBe(acs3(key, input));
				const params = { ...input.query, AccessKeyId: 'LTAI', Action: 'SendSms' };
				expect(rpcStringToSign(input.method, shuffled(params, seed))).toBe(rpcStringToSign(input.method, params));
			}),
			{ numRuns: 300 },
		);
	});

	it('changes when the body, a query value, a signed header, the method or the secret changes', () => {
		fc.assert(
			fc.property(acs3Input, secret, unicode(20), fc.nat(), (input, key, pick, n) => {
				const base = acs3(key, input);
				expect(acs3(key, { ...input, body: other(input.body, pick) })).not.toBe(base);
				expect(acs3(other(key, pick), input)).not.toBe(base);
				expect(acs3(key, { ...input, method: input.method === 'GET' ? 'POST' : 'GET' })).not.toBe(base);
				const names = Object.keys(input.query);
				if (names.length) {
					const name = names[n % names.length];
					expect(acs3(key, { ...input, query: { ...input.query, [name]: other(input.query[name], pick) } })).not.toBe(base);
				}
				const nonce = other(input.headers['x-acs-signature-nonce'], pick.trim() || 'y');
				expect(acs3(key, { ...input, headers: { ...input.headers, 'x-acs-signature-nonce': nonce } })).not.toBe(base);
				const sts = rpcStringToSign(input.method, { ...input.query, Action: 'SendSms' });
				expect(rpcSignature(key, sts)).not.toBe(rpcSignature(other(key, pick), sts));
			}),
			{ numRuns: 300 },
		);
	});

	it('signs a wire request the same however its URL encodes and orders the same query, and whatever its header name case', () => {
		fc.assert(
			fc.property(queryRecord, unicode(40), fc.nat(), fc.boolean(), (query, body, seed, upper) => {
				const keys = { accessKeyId: 'LTAI', accessKeySecret: 'secret' };
				const url = (q: Record<string, string>, enc: (s: string) => string) =>
					`https://dysmsapi.aliyuncs.com/?${Object.entries(q)
						.map(([k, v]) => `${enc(k)}=${enc(v)}`)
						.join('&')}`;
				const headers = (name: string) => ({ [name]: 'SendSms', 'x-acs-version': '2017-05-25' });
				const sign = (u: string, h: Record<string, string>) =>
					acs3Headers(keys, { method: 'POST', url: u, headers: h, body }, 1764576000000, 'nonce-1').authorization;
				const base = sign(url(query, popEncode), headers('x-acs-action'));
				expect(sign(url(shuffled(query, seed), encodeURIComponent), headers(upper ? 'X-ACS-ACTION' : 'X-Acs-Action'))).toBe(base);
				expect(
					sign(
						url(query, (s) => encodeURIComponent(s).replace(/%20/g, '+')),
						headers('x-acs-action'),
					),
				).toBe(base);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('SMSMobileAPI webhook signature: properties', () => {
	const now = Date.parse('2026-12-01T08:00:00Z');
	const ts = now / 1000;

	it('is deterministic, the same over the text and its UTF-8 bytes, and verifies', () => {
		fc.assert(
			fc.property(secret, unicode(120), (key, body) => {
				const signature = webhookSignature(key, ts, body);
				expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
				expect(webhookSignature(key, String(ts), Buffer.from(body, 'utf8'))).toBe(signature);
				expect(checkWebhookSignature(key, { timestamp: String(ts), signature }, body, now)).toEqual({ ok: true });
			}),
			{ numRuns: 300 },
		);
	});

	it('changes when the body, the timestamp or the secret changes', () => {
		fc.assert(
			fc.property(secret, unicode(120), unicode(20), fc.integer({ min: 1, max: 10_000 }), (key, body, pick, skew) => {
				const signature = webhookSignature(key, ts, body);
				expect(webhookSignature(key, ts, other(body, pick))).not.toBe(signature);
				expect(webhookSignature(key, ts + skew, body)).not.toBe(signature);
				expect(webhookSignature(other(key, pick), ts, body)).not.toBe(signature);
			}),
			{ numRuns: 300 },
		);
	});
});
