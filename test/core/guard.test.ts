import { guardCallback, ipAllowed, MAX_CALLBACK_BYTES, withToken } from '../../core/guard';
import { PROVIDER_MODULES } from '../../core/providers';

const tencent = PROVIDER_MODULES.find((m) => m.id === 'tencent')!;
const smsmobileapi = PROVIDER_MODULES.find((m) => m.id === 'smsmobileapi')!;
const json = { 'content-type': 'application/json', 'content-length': '20' };

describe('webhook guard', () => {
	it('lets in a request with the token, and refuses one without it or with another (401)', () => {
		const ok = guardCallback(tencent, { method: 'POST', headers: json, query: { token: 'abc123' } }, { token: 'abc123' });
		expect(ok).toBeUndefined();
		for (const query of [{}, { token: 'abc124' }, { token: ['abc123'] }]) {
			expect(guardCallback(tencent, { method: 'POST', headers: json, query }, { token: 'abc123' })?.status).toBe(401);
		}
		// No token configured: nothing gets in.
		expect(guardCallback(tencent, { method: 'POST', headers: json, query: { token: '' } }, {})?.status).toBe(401);
	});

	it('leaves a signed provider to its signature check', () => {
		expect(guardCallback(smsmobileapi, { method: 'POST', headers: json, query: {} }, {})).toBeUndefined();
	});

	it('refuses bodies over 1 MB (413) and content types that are not JSON, a form or text (415)', () => {
		const big = { ...json, 'content-length': String(MAX_CALLBACK_BYTES + 1) };
		expect(guardCallback(smsmobileapi, { method: 'POST', headers: big, query: {} }, {})?.status).toBe(413);
		expect(guardCallback(smsmobileapi, { method: 'POST', headers: json, query: {}, bodyBytes: 2e6 }, {})?.status).toBe(413);
		const xml = { 'content-type': 'application/xml', 'content-length': '20' };
		expect(guardCallback(smsmobileapi, { method: 'POST', headers: xml, query: {} }, {})?.status).toBe(415);
		const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': '20' };
		expect(guardCallback(smsmobileapi, { method: 'POST', headers: form, query: {} }, {})).toBeUndefined();
		// A GET carries its fields in the query: no body type to check.
		expect(guardCallback(smsmobileapi, { method: 'GET', headers: {}, query: {} }, {})).toBeUndefined();
	});

	it('keeps to the allowed source ranges (403)', () => {
		const request = (ip: string) => ({ method: 'POST', headers: json, query: { token: 't0k3n' }, ip });
		const options = { token: 't0k3n', allowedIps: '10.0.0.0/8, 2001:db8::/32, 203.0.113.7' };
		expect(guardCallback(tencent, request('10.1.2.3'), options)).toBeUndefined();
		expect(guardCallback(tencent, request('::ffff:10.1.2.3'), options)).toBeUndefined();
		expect(guardCallback(tencent, request('2001:db8:0:1::5'), options)).toBeUndefined();
		expect(guardCallback(tencent, request('203.0.113.7'), options)).toBeUndefined();
		expect(guardCallback(tencent, request('203.0.113.8'), options)?.status).toBe(403);
		expect(guardCallback(tencent, request('11.0.0.1'), options)?.status).toBe(403);
		expect(guardCallback(tencent, request('2001:db9::1'), options)?.status).toBe(403);
		expect(guardCallback(tencent, request(''), options)?.status).toBe(403);
	});

	it('parses ranges strictly', () => {
		expect(ipAllowed('192.168.1.10', '192.168.1.0/24')).toBe(true);
		expect(ipAllowed('192.168.2.10', '192.168.1.0/24')).toBe(false);
		expect(ipAllowed('192.168.1.10', '0.0.0.0/0')).toBe(true);
		expect(ipAllowed('::1', '::1')).toBe(true);
		expect(ipAllowed('256.1.1.1', '0.0.0.0/0')).toBe(false);
		expect(ipAllowed('10.0.0.1', '10.0.0.0/33')).toBe(false);
		expect(ipAllowed('10.0.0.1', 'not-an-ip')).toBe(false);
	});

	it('adds the token to a callback URL with or without a query', () => {
		expect(withToken('https://x.example/hook', 'a b')).toBe('https://x.example/hook?token=a%20b');
		expect(withToken('https://x.example/hook?x=1', 't')).toBe('https://x.example/hook?x=1&token=t');
	});
});
