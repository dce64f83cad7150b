import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, missingParameter } from './errors';
import { param } from './params';
import type { SmsMobileApiState } from './state';

/** No lifetime is documented (specs §0.8); clients must refresh on a 401 anyway. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const invalidToken = (message: string) =>
	new ApiError(401, 'invalid_token', message, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

/**
 * `Authorization: Bearer <token>` from `/oauth2/token` (401 when unknown or expired), else `apikey`
 * from the query or the body (403 when missing or unknown, specs §4). Bearer works on every route:
 * which routes the service accepts it on is only confirmed for `/sendsms/` and the sent log.
 */
export function authenticate(
	state: SmsMobileApiState,
	headers: IncomingHttpHeaders,
	params: Map<string, string>,
	now: number,
): void {
	const authorization = headers.authorization;
	if (authorization !== undefined && /^bearer\s/i.test(authorization)) {
		const token = state.tokens.get(authorization.slice(7).trim());
		if (token === undefined) throw invalidToken('The access token is unknown');
		if (token.expiresAt <= now) throw invalidToken('The access token has expired: request a new one from /oauth2/token');
		return;
	}
	const apikey = param(params, 'apikey');
	if (apikey === undefined) throw new ApiError(403, 'missing_apikey', 'An API key (apikey) or a Bearer token is required');
	if (!state.apikeys.has(apikey.trim())) throw new ApiError(403, 'invalid_apikey', 'The API key is invalid or expired');
}

/**
 * `POST /oauth2/token`, client credentials grant (specs §2.2): `client_id` and `client_secret` in the
 * form, or HTTP Basic. Answers `{access_token, token_type, expires_in}`; OAuth2's own error codes.
 */
export function issueToken(
	state: SmsMobileApiState,
	headers: IncomingHttpHeaders,
	params: Map<string, string>,
	now: number,
	lifetimeSeconds: number,
): Record<string, unknown> {
	const grantType = param(params, 'grant_type');
	if (grantType === undefined) throw missingParameter('grant_type');
	if (grantType !== 'client_credentials') {
		throw new ApiError(400, 'unsupported_grant_type', `Grant type ${grantType} is not supported: use client_credentials`);
	}
	const client = basicCredentials(headers) ?? { id: param(params, 'client_id'), secret: param(params, 'client_secret') };
	if (client.id === undefined || client.secret === undefined) {
		throw new ApiError(400, 'invalid_request', 'client_id and client_secret are required');
	}
	if (state.clients.get(client.id) !== client.secret) {
		throw new ApiError(401, 'invalid_client', 'Unknown client or wrong client secret');
	}
	const accessToken = randomBytes(32).toString('hex');
	state.tokens.set(accessToken, { clientId: client.id, expiresAt: now + lifetimeSeconds * 1000 });
	return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds };
}

function basicCredentials(headers: IncomingHttpHeaders): { id: string; secret: string } | null {
	const match = /^basic\s+(\S+)$/i.exec(headers.authorization ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
