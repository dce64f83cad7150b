import type { IncomingHttpHeaders } from 'node:http';
import { invalidAccessToken } from './errors';
import { randomToken, type OvhState } from './state';

/** Path of the token endpoint under `/ovh`, like `https://www.ovh.com/auth/oauth2/token` (§1, §6). */
export const TOKEN_PATH = '/auth/oauth2/token';
/** What OVH's token endpoint answers (§6): an hour minus a second. */
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface TokenAnswer {
	readonly status: number;
	readonly body: Record<string, unknown>;
	readonly headers: Record<string, string>;
}

const fail = (status: number, error: string, description: string, headers: Record<string, string> = {}): TokenAnswer => ({
	status,
	body: { error, error_description: description },
	headers: { 'Cache-Control': 'no-store', ...headers },
});

/**
 * `POST /auth/oauth2/token`, client credentials grant (§6, §11): the client authenticates with
 * HTTP Basic (as simple-oauth2, requests-oauthlib and x/oauth2 do) or with `client_id` and
 * `client_secret` in the form; `scope` must be `all` (the default when absent).
 */
export function issueToken(
	state: OvhState,
	request: { method: string; headers: IncomingHttpHeaders; body: Buffer },
	now: number,
): TokenAnswer {
	if (request.method !== 'POST') return fail(405, 'invalid_request', 'The token endpoint only accepts POST', { Allow: 'POST' });
	const form = formParams(request.headers, request.body);
	const client = basicCredentials(request.headers) ?? formCredentials(form);
	if (client === null) {
		return fail(401, 'invalid_client', 'Client authentication is required', { 'WWW-Authenticate': 'Basic realm="ovhcloud"' });
	}
	const secret = state.oauth2Clients.get(client.id);
	if (secret === undefined) return fail(401, 'invalid_client', 'ovhcloud oauth2 client does not exists');
	if (secret !== client.secret) return fail(401, 'invalid_client', 'Invalid client credentials');

	const grantType = form.get('grant_type');
	if (grantType === null) return fail(400, 'invalid_request', 'grant_type is required');
	if (grantType !== 'client_credentials') {
		return fail(400, 'unsupported_grant_type', `Grant type ${grantType} is not supported: use client_credentials`);
	}
	const scope = form.get('scope') ?? 'all';
	if (scope.split(' ').some((s) => s !== 'all')) return fail(400, 'invalid_scope', `Scope ${scope} is not supported: use all`);

	const accessToken = randomToken(48);
	state.accessTokens.set(accessToken, { clientId: client.id, expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000 });
	return {
		status: 200,
		body: { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: 'all' },
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
	};
}

/** The form body; a JSON object is read too, as a courtesy to hand-written clients. */
function formParams(headers: IncomingHttpHeaders, body: Buffer): URLSearchParams {
	const text = body.toString('utf8');
	if (/^application\/json\b/i.test(headers['content-type'] ?? '')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
				return new URLSearchParams(
					Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
				);
			}
		} catch {
			// Not JSON after all: read it as a form.
		}
	}
	return new URLSearchParams(text);
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding. */
function basicCredentials(headers: IncomingHttpHeaders): { id: string; secret: string } | null {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headers.authorization ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	const decode = (value: string) => {
		try {
			return decodeURIComponent(value.replace(/\+/g, ' '));
		} catch {
			return value;
		}
	};
	return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function formCredentials(form: URLSearchParams): { id: string; secret: string } | null {
	const id = form.get('client_id');
	const secret = form.get('client_secret');
	return id === null || secret === null ? null : { id, secret };
}

/** The access token of an `Authorization: Bearer …` header, or null when the request has none. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return match ? match[1] : null;
}

/** A known, unexpired token grants everything (IAM policies are not emulated); answers its client id. */
export function verifyBearer(state: OvhState, token: string, now: number): string {
	const record = state.accessTokens.get(token);
	if (!record || record.expiresAt <= now) throw invalidAccessToken();
	return record.clientId;
}
