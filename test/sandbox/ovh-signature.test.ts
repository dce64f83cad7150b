import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidateUrls, hostWithoutPort, rulesCover, verifySignedRequest } from '../../sandbox/providers/ovh/auth';
import { canonicalBytes, ovhSignature, signaturesEqual } from '../../sandbox/providers/ovh/signature';
import { createOvhState } from '../../sandbox/providers/ovh/state';

interface OvhVector {
	id: string;
	inputs: {
		method: string;
		url: string;
		body: string;
		timestamp: string;
		applicationKey: string;
		applicationSecret: string;
		consumerKey: string;
	};
	expected: { signature: string; canonicalString?: string };
}

const vectors = (
	JSON.parse(readFileSync(join(__dirname, '../vectors/vectors.json'), 'utf8')) as { vectors: OvhVector[] }
).vectors.filter((vector) => vector.id.startsWith('ovh-'));

describe('OVH signature (specs/ovh.md §3.3) against vectors.json', () => {
	it('has the OVH vectors', () => {
		expect(vectors.length).toBeGreaterThanOrEqual(12);
	});

	it.each(vectors.map((v) => [v.id, v] as const))('%s: signature', (_id, vector) => {
		const { inputs } = vector;
		expect(ovhSignature({ ...inputs })).toBe(vector.expected.signature);
		if (vector.expected.canonicalString !== undefined) {
			expect(canonicalBytes({ ...inputs }).toString('utf8')).toBe(vector.expected.canonicalString);
		}
	});

	// The request node-ovh would send for the vector: https, Host without a port, raw target and body.
	it.each(vectors.map((v) => [v.id, v] as const))('%s: accepted by the verifier', (_id, vector) => {
		const { inputs } = vector;
		const url = new URL(inputs.url);
		const state = createOvhState([inputs], 0);
		const credential = verifySignedRequest(
			state,
			{
				headers: {
					host: url.host,
					'x-ovh-application': inputs.applicationKey,
					'x-ovh-consumer': inputs.consumerKey,
					'x-ovh-timestamp': inputs.timestamp,
					'x-ovh-signature': vector.expected.signature,
				},
				method: inputs.method,
				scheme: 'https',
				requestTarget: url.pathname + url.search,
				apiPath: url.pathname,
				body: Buffer.from(inputs.body, 'utf8'),
			},
			{ now: Number(inputs.timestamp) * 1000, timestampWindowSeconds: 180 },
		);
		expect(credential.consumerKey).toBe(inputs.consumerKey);
	});
});

describe('OVH verification helpers', () => {
	it('signs over raw bytes, so an escaped and a raw UTF-8 body differ', () => {
		const base = { applicationSecret: 'as', consumerKey: 'ck', method: 'POST', url: 'https://h/1.0/x', timestamp: '1' };
		const escaped = ovhSignature({ ...base, body: '{"m":"\\u00e9"}' });
		const raw = ovhSignature({ ...base, body: Buffer.from('{"m":"é"}', 'utf8') });
		expect(escaped).not.toBe(raw);
		expect(ovhSignature({ ...base, body: '{"m":"é"}' })).toBe(raw);
	});

	it('compares signatures exactly', () => {
		expect(signaturesEqual('$1$abc', '$1$abc')).toBe(true);
		expect(signaturesEqual('$1$abc', '$1$abd')).toBe(false);
		expect(signaturesEqual('$1$abc', '$1$ab')).toBe(false);
		expect(signaturesEqual('$1$abc', '')).toBe(false);
	});

	it('tries the node-ovh URL (https, no port) and the URL as received', () => {
		expect(candidateUrls({ headers: { host: '127.0.0.1:4010' }, scheme: 'http', requestTarget: '/ovh/1.0/sms?a=%2B1' })).toEqual([
			'https://127.0.0.1/ovh/1.0/sms?a=%2B1',
			'http://127.0.0.1:4010/ovh/1.0/sms?a=%2B1',
		]);
		expect(candidateUrls({ headers: { host: 'eu.api.ovh.com' }, scheme: 'https', requestTarget: '/1.0/sms' })).toEqual([
			'https://eu.api.ovh.com/1.0/sms',
		]);
		expect(candidateUrls({ headers: {}, scheme: 'http', requestTarget: '/x' })).toEqual([]);
	});

	it('strips ports from IPv4, names and IPv6 hosts', () => {
		expect(hostWithoutPort('127.0.0.1:4010')).toBe('127.0.0.1');
		expect(hostWithoutPort('localhost')).toBe('localhost');
		expect(hostWithoutPort('[::1]:4010')).toBe('[::1]');
		expect(hostWithoutPort('[::1]')).toBe('[::1]');
	});

	it('matches access rules with * wildcards on method and path', () => {
		const rules = [
			{ method: 'GET', path: '/sms' },
			{ method: 'GET', path: '/sms/*' },
			{ method: 'POST', path: '/sms/*/jobs' },
		] as const;
		expect(rulesCover(rules, 'GET', '/sms')).toBe(true);
		expect(rulesCover(rules, 'GET', '/sms/sms-a/outgoing/1')).toBe(true);
		expect(rulesCover(rules, 'POST', '/sms/sms-a/jobs')).toBe(true);
		expect(rulesCover(rules, 'POST', '/sms/sms-a/jobs/1')).toBe(false);
		expect(rulesCover(rules, 'PUT', '/sms/sms-a')).toBe(false);
		expect(rulesCover([{ method: 'GET', path: '/sms/*' }], 'GET', '/sms')).toBe(false);
		expect(rulesCover([{ method: 'DELETE', path: '/*' }], 'DELETE', '/anything/at/all')).toBe(true);
		expect(rulesCover([{ method: 'GET', path: '/sms.json' }], 'GET', '/smsXjson')).toBe(false);
	});
});
