import { isRecord } from '../../http';
import { ControlInputError } from '../../provider';
import { SECRET_ID } from './auth';
import type { TencentCredentials } from './state';

/** Credentials handed over by a test (start-up options or `POST /_sandbox/credentials`), checked for shape. */
export function parseCredentials(input: unknown): TencentCredentials {
	if (!isRecord(input)) throw new ControlInputError('tencent credentials must be an object');
	const { secretId, secretKey, smsSdkAppId } = input;
	if (typeof secretId !== 'string' || !SECRET_ID.test(secretId)) {
		throw new ControlInputError('tencent.secretId must be a string of letters and digits starting with AKID');
	}
	if (typeof secretKey !== 'string' || secretKey === '')
		throw new ControlInputError('tencent.secretKey must be a non-empty string');
	if (smsSdkAppId !== undefined && (typeof smsSdkAppId !== 'string' || !/^\d{1,20}$/.test(smsSdkAppId))) {
		throw new ControlInputError('tencent.smsSdkAppId must be a string of digits, e.g. "1400000002"');
	}
	return { secretId, secretKey, smsSdkAppId };
}
