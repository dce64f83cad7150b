import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CallbackAnswer, ProviderModule } from './provider';

/** Bodies larger than this are refused (413): a callback is a few hundred bytes per event. */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

/** The query field that carries a webhook's token (providers that do not sign their pushes). */
export const TOKEN_FIELD = 'token';

/** The content types a pushed body may have; a GET carries its fields in the query. */
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain'];

/** A fresh token for one trigger's callback URL: 128 random bits, URL-safe. */
export function newCallbackToken(): string {
	return randomBytes(16).toString('base64url');
}

/** `url` with the token added to its query, as it is registered with (or pasted into) the provider. */
export function withToken(url: string, token: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${TOKEN_FIELD}=${encodeURIComponent(token)}`;
}

export interface GuardRequest {
	method: string;
	/** Lower-case names. */
	headers: Record<string, string | undefined>;
	query: Record<string, unknown>;
	/** The client address as the socket saw it (IPv4, IPv6, or IPv4-mapped IPv6). */
	ip?: string;
	/** The body's size when known before reading it (Content-Length) or after. */
	bodyBytes?: number;
}

export interface GuardOptions {
	/** The token the sender must present (`?token=`), for providers that do not sign their pushes. */
	token?: string;
	/** Comma-separated CIDR ranges (or addresses); empty: any address. */
	allowedIps?: string;
}

/**
 * The checks every webhook passes before its body is parsed, the same in both editors: size (413), content
 * type (415), source address (403), and — for providers that do not sign — the trigger's token (401). A
 * signed provider's signature is checked by its inbound parser over the exact bytes. Undefined: let it in.
 */
export function guardCallback(module: ProviderModule, req: GuardRequest, options: GuardOptions): CallbackAnswer | undefined {
	const length = req.bodyBytes ?? Number(req.headers['content-length'] ?? 0);
	if (length > MAX_CALLBACK_BYTES) return refusal(413, `The body is larger than ${MAX_CALLBACK_BYTES} bytes.`);
	if (req.method.toUpperCase() === 'POST' && length > 0) {
		const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (!BODY_TYPES.includes(type)) return refusal(415, `Content type "${type || 'none'}" is not accepted; send JSON or a form.`);
	}
	if (options.allowedIps?.trim() && !ipAllowed(req.ip ?? '', options.allowedIps)) {
		return refusal(403, 'This address may not call this webhook.');
	}
	if (!module.inbound.signed) {
		const given = req.query[TOKEN_FIELD];
		if (!options.token) return refusal(401, 'This webhook has no token configured, so it accepts nothing.');
		if (typeof given !== 'string' || !sameText(given, options.token)) return refusal(401, 'Missing or wrong token.');
	}
	return undefined;
}

function refusal(status: number, body: string): CallbackAnswer {
	return { status, contentType: 'text/plain', body };
}

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `ip` falls in one of the comma-separated ranges (`10.0.0.0/8`, `2001:db8::/32`, `203.0.113.7`). */
export function ipAllowed(ip: string, ranges: string): boolean {
	const address = toBytes(ip.replace(/^::ffff:(?=\d+\.)/i, ''));
	if (!address) return false;
	return ranges
		.split(',')
		.map((r) => r.trim())
		.filter(Boolean)
		.some((range) => {
			const [base, bits] = range.split('/');
			const net = toBytes(base.replace(/^::ffff:(?=\d+\.)/i, ''));
			if (!net || net.length !== address.length) return false;
			const prefix = bits === undefined ? net.length * 8 : Number(bits);
			if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.length * 8) return false;
			for (let bit = 0; bit < prefix; bit++) {
				const mask = 0x80 >> (bit % 8);
				if ((net[bit >> 3] & mask) !== (address[bit >> 3] & mask)) return false;
			}
			return true;
		});
}

/** An address as bytes: 4 for IPv4, 16 for IPv6; undefined for anything else. */
function toBytes(ip: string): number[] | undefined {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
		const bytes = ip.split('.').map(Number);
		return bytes.every((b) => b <= 255) ? bytes : undefined;
	}
	if (!/^[\da-f:.]+$/i.test(ip) || !ip.includes(':')) return undefined;
	let text = ip;
	const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (v4) {
		const tail = toBytes(v4[1]);
		if (!tail) return undefined;
		text = `${text.slice(0, -v4[1].length)}${((tail[0] << 8) | tail[1]).toString(16)}:${((tail[2] << 8) | tail[3]).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const left = halves[0] ? halves[0].split(':') : [];
	const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const fill = 8 - left.length - right.length;
	if (halves.length === 1 ? left.length !== 8 : fill < 1) return undefined;
	const groups = halves.length === 1 ? left : [...left, ...Array<string>(fill).fill('0'), ...right];
	if (!groups.every((g) => /^[\da-f]{1,4}$/i.test(g))) return undefined;
	return groups.flatMap((g) => {
		const n = parseInt(g, 16);
		return [n >> 8, n & 0xff];
	});
}
