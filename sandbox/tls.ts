import { generate } from 'selfsigned';

export interface SandboxCertificate {
	/** PEM certificate; clients trust it as their CA (it is self-signed). */
	readonly cert: string;
	readonly key: string;
}

/**
 * A fresh self-signed certificate per start: nothing secret is stored on disk, and the names cover
 * every way a local client reaches the sandbox. node-ovh only speaks https (specs/ovh.md §1).
 */
export async function createCertificate(): Promise<SandboxCertificate> {
	const pems = await generate([{ name: 'commonName', value: 'SMS Kit sandbox' }], {
		keyType: 'ec',
		curve: 'P-256',
		algorithm: 'sha256',
		notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
		extensions: [
			{ name: 'basicConstraints', cA: false },
			{ name: 'keyUsage', digitalSignature: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{
				name: 'subjectAltName',
				altNames: [
					{ type: 7, ip: '127.0.0.1' },
					{ type: 2, value: 'localhost' },
					{ type: 7, ip: '::1' },
				],
			},
		],
	});
	return { cert: pems.cert, key: pems.private };
}
