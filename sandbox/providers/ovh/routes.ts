import type { OvhCallbackPusher } from './callbacks';
import type { ConsumerKeyRecord, HttpMethod, OvhState } from './state';

/**
 * `none`: answered without any check (`GET /auth/time`); `application`: needs a known
 * `X-Ovh-Application` only (`POST /auth/credential`); `signed`: the full §3.9 check, or an OAuth2
 * bearer token (§6).
 */
export type AuthMode = 'none' | 'application' | 'signed';

export interface OvhCall {
	readonly state: OvhState;
	readonly params: Readonly<Record<string, string>>;
	readonly query: URLSearchParams;
	/** JSON body, `undefined` when empty. */
	readonly body: unknown;
	readonly applicationKey: string | null;
	/** The verified consumer key on `signed` routes called with a signature. */
	readonly credential: ConsumerKeyRecord | null;
	/** The OAuth2 client on `signed` routes called with a bearer token. */
	readonly oauth2ClientId: string | null;
	/** Sandbox clock, epoch milliseconds: `/auth/time`, credentials. */
	readonly now: number;
	/** SMS clock (the sandbox clock moved by `POST /_sandbox/ovh/clock`): records, due jobs. */
	readonly smsNow: number;
	readonly pusher: OvhCallbackPusher;
	/** Scheme and Host the client used, for URLs that point back at the sandbox. */
	readonly origin: string;
}

export interface OvhRoute {
	readonly method: HttpMethod;
	/** Relative to the API base (`/1.0`), with `{name}` placeholders for one path segment each. */
	readonly path: string;
	readonly auth: AuthMode;
	/** The JSON answer; `undefined` for void operations (sent as `null`). */
	handle(call: OvhCall): unknown;
}

export interface RouteMatch {
	readonly route: OvhRoute;
	readonly params: Record<string, string>;
}

export function matchRoute(routes: readonly OvhRoute[], method: string, path: string): RouteMatch | null {
	const segments = path.split('/');
	for (const route of routes) {
		if (route.method !== method) continue;
		const params = matchPath(route.path.split('/'), segments);
		if (params) return { route, params };
	}
	return null;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | null {
	if (pattern.length !== segments.length) return null;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		const actual = segments[i];
		if (expected.startsWith('{') && expected.endsWith('}')) {
			if (actual === '') return null;
			try {
				params[expected.slice(1, -1)] = decodeURIComponent(actual);
			} catch {
				return null;
			}
		} else if (expected !== actual) {
			return null;
		}
	}
	return params;
}
