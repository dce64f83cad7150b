import { isRecord } from '../../http';
import { ControlInputError } from '../../provider';
import type { AlibabaCredentials } from './state';

/** Credentials handed over by a test (start-up options or `POST /_sandbox/credentials`), checked for shape. */
export function parseCredentials(input: unknown): AlibabaCredentials {
	if (!isRecord(input)) throw new ControlInputError('alibaba credentials must be an object');
	const { accessKeyId, accessKeySecret } = input;
	if (typeof accessKeyId !== 'string' || !/^[A-Za-z0-9._-]{1,128}$/.test(accessKeyId)) {
		throw new ControlInputError('alibaba.accessKeyId must be a string of letters, digits, ".", "_" or "-"');
	}
	if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
		throw new ControlInputError('alibaba.accessKeySecret must be a non-empty string');
	}
	return { accessKeyId, accessKeySecret };
}
