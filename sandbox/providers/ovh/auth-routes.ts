import { badRequest, forbidden } from './errors';
import { bodyObject, optionalString, ovhDatetime } from './params';
import type { OvhCall, OvhRoute } from './routes';
import { HTTP_METHODS, requestConsumerKey, type HttpMethod, type OvhAccessRule } from './state';

/** `/auth` routes (specs/ovh.md §5, Appendix B). */
export const authRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/auth/time', auth: 'none', handle: (call) => Math.floor(call.now / 1000) },
	{ method: 'POST', path: '/auth/credential', auth: 'application', handle: requestCredential },
	{ method: 'GET', path: '/auth/currentCredential', auth: 'signed', handle: currentCredential },
	{ method: 'GET', path: '/auth/details', auth: 'signed', handle: details },
	{ method: 'POST', path: '/auth/logout', auth: 'signed', handle: logout },
];

/** Path of the consent page, under the control API, that validates a requested consumer key. */
export const VALIDATION_PATH = '/_sandbox/ovh/validate';

function requestCredential(call: OvhCall): unknown {
	const body = bodyObject(call.body);
	const record = requestConsumerKey(
		call.state,
		{
			applicationKey: call.applicationKey!,
			rules: accessRules(body.accessRules),
			redirection: optionalString(body, 'redirection') ?? null,
			allowedIPs: allowedIPs(body.allowedIPs),
		},
		call.now,
	);
	return {
		validationUrl: `${call.origin}${VALIDATION_PATH}?credentialToken=${record.credentialToken}`,
		consumerKey: record.consumerKey,
		state: record.state,
	};
}

function accessRules(value: unknown): OvhAccessRule[] {
	if (!Array.isArray(value) || value.length === 0) throw badRequest('[accessRules] Property is mandatory');
	return value.map((rule: unknown) => {
		const method = (rule as { method?: unknown } | null)?.method;
		const path = (rule as { path?: unknown } | null)?.path;
		if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method)) {
			throw badRequest('[accessRules.method] Invalid value: expected one of GET, POST, PUT, DELETE');
		}
		if (typeof path !== 'string' || !path.startsWith('/')) throw badRequest('[accessRules.path] Invalid string');
		return { method: method as HttpMethod, path };
	});
}

function allowedIPs(value: unknown): string[] | null {
	if (value === undefined || value === null) return null;
	if (!Array.isArray(value) || !value.every((ip) => typeof ip === 'string')) {
		throw badRequest('[allowedIPs] Invalid ipBlock[]');
	}
	return value as string[];
}

/** The consumer key of the call; OAuth2 calls have none. */
function consumerKey(call: OvhCall) {
	if (!call.credential) throw forbidden('This call needs a consumer key; it was made with an OAuth2 access token');
	return call.credential;
}

/** The sandbox's one customer account, as a NIC handle. */
const ACCOUNT = 'sb00000-ovh';

/** `auth.Details`: who is calling and how. */
function details(call: OvhCall): unknown {
	const oauth2 = call.oauth2ClientId !== null;
	return {
		account: ACCOUNT,
		allowedRoutes: oauth2 ? null : consumerKey(call).rules,
		description: oauth2 ? `OAuth2 client ${call.oauth2ClientId}` : null,
		identities: [
			oauth2 ? `urn:v1:eu:identity:credential:${ACCOUNT}/oauth2-${call.oauth2ClientId}` : `urn:v1:eu:identity:account:${ACCOUNT}`,
		],
		method: oauth2 ? 'oauth2_client_credentials' : 'account',
		roles: null,
		user: null,
	};
}

function currentCredential(call: OvhCall): unknown {
	const credential = consumerKey(call);
	return {
		allowedIPs: credential.allowedIPs,
		applicationId: call.state.applications.get(credential.applicationKey)!.id,
		creation: ovhDatetime(credential.creation),
		credentialId: credential.credentialId,
		expiration: null,
		lastUse: credential.lastUse === null ? null : ovhDatetime(credential.lastUse),
		ovhSupport: false,
		rules: credential.rules,
		status: credential.state,
	};
}

function logout(call: OvhCall): undefined {
	consumerKey(call).state = 'expired';
	return undefined;
}
