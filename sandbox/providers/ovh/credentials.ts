import { isRecord } from '../../http';
import { ControlInputError } from '../../provider';
import { HTTP_METHODS, type OvhCredentials } from './state';

/** Credentials handed over by a test (start-up options or `POST /_sandbox/credentials`), checked for shape. */
export function parseCredentials(input: unknown): OvhCredentials {
	if (!isRecord(input)) throw new ControlInputError('ovh credentials must be an object');
	const { applicationKey, applicationSecret, consumerKey, accessRules } = input;
	for (const [name, value] of Object.entries({ applicationKey, applicationSecret, consumerKey })) {
		if (typeof value !== 'string' || value === '') throw new ControlInputError(`ovh.${name} must be a non-empty string`);
	}
	if (accessRules !== undefined && !isAccessRuleList(accessRules)) {
		throw new ControlInputError('ovh.accessRules must be a list of {method: GET|POST|PUT|DELETE, path: "/…"}');
	}
	return {
		applicationKey: applicationKey as string,
		applicationSecret: applicationSecret as string,
		consumerKey: consumerKey as string,
		accessRules,
	};
}

function isAccessRuleList(value: unknown): value is OvhCredentials['accessRules'] & object {
	return (
		Array.isArray(value) &&
		value.every(
			(rule) =>
				isRecord(rule) &&
				(HTTP_METHODS as readonly unknown[]).includes(rule.method) &&
				typeof rule.path === 'string' &&
				rule.path.startsWith('/'),
		)
	);
}
