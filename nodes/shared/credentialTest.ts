import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { lowerCaseHeaders, parseBody, type Transport } from '../../core/http';
import { runAction } from '../../core/run';
import type { N8nProvider } from './provider';
import { asSmsError } from './run';

/** Credential tests get no request helper that signs: the module's own session signs over plain fetch. */
const fetchTransport: Transport = async (wire) => {
	const response = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
	const headers: Record<string, string> = {};
	response.headers.forEach((value, key) => (headers[key] = value));
	return {
		status: response.status,
		headers: lowerCaseHeaders(headers),
		body: parseBody(await response.text()),
	};
};

/**
 * A credential test that runs the module's cheapest authenticated call, so a failure says what the node
 * would: the provider's code (INVALID_SIGNATURE, AuthFailure.SignatureFailure…) and what to do.
 */
export function credentialTest(provider: N8nProvider) {
	return async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const { connection } = provider.module;
		try {
			const keys = connection.credentials(provider.settings(credential.data ?? {}));
			await runAction(provider.module, connection.test, provider.testInput, {
				send: connection.session(keys, fetchTransport, Date.now),
				// A test answers at once: a refused connection is reported, not retried after a wait.
				sleep: async () => {},
				now: Date.now,
				cache: new Map(),
				secrets: connection.secrets(keys),
			});
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			const sms = asSmsError(provider, error);
			return { status: 'Error', message: [sms.describe(), sms.hint].filter(Boolean).join(' ') };
		}
	};
}
