import type { IncomingHttpHeaders } from 'node:http';
import { invalidCredential, invalidKey, invalidSignature, notCredential, notGrantedCall, queryOutOfTime } from './errors';
import { ovhSignature, signaturesEqual } from './signature';
import type { ConsumerKeyRecord, OvhAccessRule, OvhState } from './state';

export interface SignedRequest {
	readonly headers: IncomingHttpHeaders;
	readonly method: string;
	/** Scheme of the listener that took the connection. */
	readonly scheme: 'http' | 'https';
	/** Request target exactly as received (path and query), e.g. `/ovh/1.0/sms?x=1`. */
	readonly requestTarget: string;
	/** Path relative to the API base without the query, e.g. `/sms`; access rules apply to it. */
	readonly apiPath: string;
	readonly body: Buffer;
}

export interface VerifyOptions {
	/** Sandbox clock, epoch milliseconds. */
	readonly now: number;
	readonly timestampWindowSeconds: number;
}

/** `X-Ovh-Application` must name a known application; the one check `POST /auth/credential` makes. */
export function verifyApplication(state: OvhState, headers: IncomingHttpHeaders): string {
	const applicationKey = header(headers, 'x-ovh-application');
	if (applicationKey === undefined || !state.applications.has(applicationKey)) throw invalidKey();
	return applicationKey;
}

/**
 * The checks of specs/ovh.md §3.9, in its order, so each failure gets the answer a client sees
 * from OVH. Throws the matching OvhError; returns the consumer key on success.
 */
export function verifySignedRequest(state: OvhState, request: SignedRequest, options: VerifyOptions): ConsumerKeyRecord {
	const applicationKey = verifyApplication(state, request.headers);
	const application = state.applications.get(applicationKey)!;

	const consumerKey = header(request.headers, 'x-ovh-consumer');
	const credential = consumerKey === undefined ? undefined : state.consumerKeys.get(consumerKey);
	if (!credential || credential.applicationKey !== applicationKey) throw notCredential();
	if (credential.state !== 'validated') throw invalidCredential();

	const timestamp = header(request.headers, 'x-ovh-timestamp');
	if (timestamp === undefined || !timestampInWindow(timestamp, options)) throw queryOutOfTime();

	const received = header(request.headers, 'x-ovh-signature') ?? '';
	const matches = candidateUrls(request).some((url) =>
		signaturesEqual(
			ovhSignature({
				applicationSecret: application.secret,
				consumerKey: credential.consumerKey,
				method: request.method,
				url,
				body: request.body,
				timestamp,
			}),
			received,
		),
	);
	if (!matches) throw invalidSignature();

	if (!isSelfService(request.apiPath) && !rulesCover(credential.rules, request.method, request.apiPath)) {
		throw notGrantedCall();
	}
	return credential;
}

function timestampInWindow(timestamp: string, options: VerifyOptions): boolean {
	if (!/^\d{1,12}$/.test(timestamp)) return false;
	const skew = Math.abs(Number(timestamp) - Math.floor(options.now / 1000));
	return skew <= options.timestampWindowSeconds;
}

/**
 * URLs a client may have signed (§3.4, §11): node-ovh always signs `https://<host>` without the
 * port, whatever it connects to; python and go sign their configured base, port and scheme included.
 */
export function candidateUrls(request: Pick<SignedRequest, 'headers' | 'scheme' | 'requestTarget'>): string[] {
	const host = header(request.headers, 'host');
	if (host === undefined) return [];
	const urls = [
		`https://${hostWithoutPort(host)}${request.requestTarget}`,
		`${request.scheme}://${host}${request.requestTarget}`,
	];
	return [...new Set(urls)];
}

export function hostWithoutPort(host: string): string {
	if (host.startsWith('[')) {
		const end = host.indexOf(']');
		return end === -1 ? host : host.slice(0, end + 1);
	}
	return host.replace(/:\d*$/, '');
}

/** Rule paths are literal except `*`, which matches anything, slashes included (`/sms/*`, `/*`). */
export function rulesCover(rules: readonly OvhAccessRule[], method: string, apiPath: string): boolean {
	return rules.some((rule) => rule.method === method && rulePattern(rule.path).test(apiPath));
}

function rulePattern(path: string): RegExp {
	const escaped = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${escaped.join('.*')}$`);
}

/**
 * A consumer key may always describe or expire itself, whatever its rules: the rules grant access
 * to the account's API, not to the credential. [UNCONFIRMED] — the spec does not say either way.
 */
function isSelfService(apiPath: string): boolean {
	return apiPath.startsWith('/auth/');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}
