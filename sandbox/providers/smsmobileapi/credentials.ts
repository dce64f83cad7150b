import { isRecord } from '../../http';
import { ControlInputError } from '../../provider';

/** An account's API key and, optionally, its OAuth2 client; all three are hex like the vendor's (specs §0.8, §2.1). */
export interface SmsMobileApiCredentials {
	readonly apikey: string;
	readonly clientId?: string;
	readonly clientSecret?: string;
}

/** Public test values; `webhookSecret` signs the pushed V2 events until `PUT …/webhook` sets another. */
export const SMSMOBILEAPI_DEFAULT_CREDENTIALS = {
	apikey: '1480d3559d502947c8baac11e33714bee7b1100d534ee4ae',
	clientId: 'b86274cdeae9472722dc0d6d95964570',
	clientSecret: 'f8e054414f0514a04ff784ab5784d9a4d55eec382b3425167ae7b0b59b188f22',
	webhookSecret: 'whsec_sandbox_smsmobileapi_0001',
} as const;

const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`, 'i');

/** Credentials handed over by a test (start-up options or `POST /_sandbox/credentials`), checked for shape. */
export function parseCredentials(input: unknown): SmsMobileApiCredentials {
	if (!isRecord(input)) throw new ControlInputError('smsmobileapi credentials must be an object');
	const { apikey, clientId, clientSecret } = input;
	if (typeof apikey !== 'string' || !/^[0-9A-Za-z]{16,128}$/.test(apikey)) {
		throw new ControlInputError('smsmobileapi.apikey must be a string of 16 to 128 letters or digits (48 hex in practice)');
	}
	if ((clientId === undefined) !== (clientSecret === undefined)) {
		throw new ControlInputError('smsmobileapi.clientId and clientSecret go together');
	}
	if (clientId !== undefined && (typeof clientId !== 'string' || !HEX(32).test(clientId))) {
		throw new ControlInputError('smsmobileapi.clientId must be 32 hex characters');
	}
	if (clientSecret !== undefined && (typeof clientSecret !== 'string' || !HEX(64).test(clientSecret))) {
		throw new ControlInputError('smsmobileapi.clientSecret must be 64 hex characters');
	}
	return { apikey, clientId: clientId as string | undefined, clientSecret: clientSecret as string | undefined };
}
