import type { IncomingHttpHeaders } from 'node:http';
import { invalidParameter, missingParameter, TencentError } from './errors';
import { signaturesEqual, TC3_ALGORITHM, tc3Sign, UNSIGNED_PAYLOAD, utcDate } from './signature';

export interface Tc3Request {
	readonly method: string;
	/** Path and query exactly as received. */
	readonly requestTarget: string;
	readonly headers: IncomingHttpHeaders;
	readonly body: Buffer;
}

export interface ParsedAuthorization {
	readonly secretId: string;
	readonly date: string;
	readonly service: string;
	readonly signedHeaders: string;
	readonly signature: string;
}

export interface VerifyOptions {
	/** Sandbox clock, epoch milliseconds. */
	readonly now: number;
	/** specs/tencent.md §3.2 step 3: five minutes either way. */
	readonly windowSeconds?: number;
}

/** API keys start with `AKID` (temporary STS keys too); anything else is not a key at all. */
export const SECRET_ID = /^AKID[0-9A-Za-z]+$/;
const REQUIRED_SIGNED_HEADERS = ['content-type', 'host'];

/**
 * The authentication checks of specs/tencent.md §3.2, steps 1–5 in that order, each failure with
 * its code. `secretKeyOf` answers the SecretKey of a known SecretId. Returns the SecretId.
 */
export function verifyTc3(
	request: Tc3Request,
	secretKeyOf: (secretId: string) => string | undefined,
	options: VerifyOptions,
): string {
	const auth = parseAuthorization(header(request.headers, 'authorization'));

	if (!SECRET_ID.test(auth.secretId)) throw new TencentError('AuthFailure.InvalidSecretId');
	const secretKey = secretKeyOf(auth.secretId);
	if (secretKey === undefined) throw new TencentError('AuthFailure.SecretIdNotFound');

	const rawTimestamp = header(request.headers, 'x-tc-timestamp');
	if (rawTimestamp === undefined) throw missingParameter('X-TC-Timestamp');
	if (!/^\d{1,12}$/.test(rawTimestamp)) throw invalidParameter('X-TC-Timestamp must be a Unix time in seconds.');
	const timestamp = Number(rawTimestamp);
	if (Math.abs(Math.floor(options.now / 1000) - timestamp) > (options.windowSeconds ?? 300)) {
		throw new TencentError('AuthFailure.SignatureExpire');
	}

	const host = header(request.headers, 'host') ?? '';
	const signed = auth.signedHeaders.split(';');
	const headers = lowerCaseHeaders(request.headers);
	const scopeOk =
		auth.date === utcDate(timestamp) &&
		acceptedServices(host).includes(auth.service) &&
		REQUIRED_SIGNED_HEADERS.every((name) => signed.includes(name)) &&
		signed.every((name) => headers[name] !== undefined);
	if (!scopeOk) throw new TencentError('AuthFailure.SignatureFailure');

	const [uri, query = ''] = splitTarget(request.requestTarget);
	const unsignedPayload = headers['x-tc-content-sha256'] === UNSIGNED_PAYLOAD;
	const matches = candidateHosts(host).some((signedHost) =>
		signaturesEqual(
			tc3Sign({
				method: request.method,
				uri,
				query,
				headers: { ...headers, host: signedHost },
				signedHeaders: auth.signedHeaders,
				body: request.body,
				unsignedPayload,
				timestamp,
				service: auth.service,
				secretKey,
			}).signature,
			auth.signature,
		),
	);
	if (!matches) throw new TencentError('AuthFailure.SignatureFailure');
	return auth.secretId;
}

/** §3.1 step 7 read back: `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization {
	const invalid = () => new TencentError('AuthFailure.InvalidAuthorization');
	const prefix = `${TC3_ALGORITHM} `;
	if (value === undefined || !value.startsWith(prefix)) throw invalid();
	const fields = new Map<string, string>();
	for (const part of value.slice(prefix.length).split(',')) {
		const separator = part.indexOf('=');
		if (separator === -1) throw invalid();
		fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
	}
	const credential = fields.get('Credential')?.split('/') ?? [];
	const signedHeaders = fields.get('SignedHeaders') ?? '';
	const signature = fields.get('Signature') ?? '';
	if (fields.size !== 3 || credential.length !== 4 || credential[3] !== 'tc3_request' || credential.some((p) => p === '')) {
		throw invalid();
	}
	if (signedHeaders === '' || signature === '') throw invalid();
	const [secretId, date, service] = credential;
	return { secretId, date, service, signedHeaders, signature };
}

/**
 * The service a client may have put in its scope: `sms`, as the real endpoints' first label gives
 * it (§1), or the first label of the sandbox's own Host — what the official SDKs derive from a
 * custom endpoint (`endpoint.split(".")[0]`: `127` for `127.0.0.1:4011`, `localhost:4011` for
 * `localhost:4011`), with and without the port.
 */
export function acceptedServices(host: string): string[] {
	return [...new Set(['sms', host.split('.')[0], hostWithoutPort(host).split('.')[0]])];
}

/**
 * §2.3: on a custom port the Node SDK signs the hostname without the port, the Python SDK the Host
 * header as sent; both are accepted.
 */
export function candidateHosts(host: string): string[] {
	return [...new Set([host, hostWithoutPort(host)])];
}

export function hostWithoutPort(host: string): string {
	if (host.startsWith('[')) {
		const end = host.indexOf(']');
		return end === -1 ? host : host.slice(0, end + 1);
	}
	return host.replace(/:\d*$/, '');
}

function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return result;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function splitTarget(target: string): [string, string?] {
	const index = target.indexOf('?');
	return index === -1 ? [target] : [target.slice(0, index), target.slice(index + 1)];
}
