import { badRequest } from './errors';
import { bodyObject, optionalString, ovhDatetime } from './params';
import type { OvhCall, OvhRoute } from './routes';
import { HTTP_METHODS, requestConsumerKey, type HttpMethod, type OvhAccessRule } from './state';

/** `/auth` routes (specs/ovh.md §5, Appendix B). */
export const authRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/auth/time', auth: 'none', handle: (call) => Math.floor(call.now / 1000) },
	{ method: 'POST', path: '/auth/credential', auth: 'application', handle: requestCredential },
	{ method: 'GET', path: '/auth/currentCredential', auth: 'signed', handle: currentCredential },
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

function currentCredential(call: OvhCall): unknown {
	const credential = call.credential!;
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
	call.credential!.state = 'expired';
	return undefined;
}
