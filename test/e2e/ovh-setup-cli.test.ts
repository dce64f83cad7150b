import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runOperation } from '../../core/operation';
import { getService, ovhError, ovhSession } from '../../core/providers/ovh';
import type { Transport } from '../../core/http';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TMP, installTarball } from './helpers/pack';

const run = promisify(execFile);

/** `smskit-ovh-setup`, installed from the packed tarball, asks the sandbox for a consumer key a user then validates. */
describe('smskit-ovh-setup (consumer-key command)', () => {
	let sandbox: Sandbox;
	let bin: string;
	const transport: Transport = async (wire) => {
		const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
		return { status: res.status, headers: {}, body: JSON.parse(await res.text()) };
	};
	const account = (consumerKey: string, service: string) =>
		runOperation(
			getService,
			{ service },
			{
				send: ovhSession(
					{
						endpoint: 'custom',
						customUrl: sandbox.urls.ovh,
						applicationKey: 'sandbox-ovh-application-key',
						applicationSecret: 'sandbox-ovh-application-secret',
						consumerKey,
					},
					transport,
					Date.now,
				),
				toError: ovhError,
				sleep: async () => {},
			},
		);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		const dir = installTarball(process.env.SMSKIT_TARBALL!, path.join(TMP, `cli-${process.pid}`));
		bin = path.join(dir, '../../.bin/smskit-ovh-setup');
	});
	afterAll(() => sandbox?.close());

	it('prints a consumer key for one account and the validation URL; the key works once validated, on that account only', async () => {
		const { stdout } = await run(bin, [
			'--application-key',
			'sandbox-ovh-application-key',
			'--url',
			sandbox.urls.ovh,
			'--service',
			'sms-sandbox-1',
		]);
		const consumerKey = /Consumer key: (\S+)/.exec(stdout)?.[1];
		const validationUrl = /Open (\S+)/.exec(stdout)?.[1];
		expect(consumerKey).toBeDefined();
		expect(stdout).toContain('state: pendingValidation');

		await expect(account(consumerKey!, 'sms-sandbox-1')).rejects.toMatchObject({ code: 'INVALID_CREDENTIAL' });
		expect((await fetch(validationUrl!)).ok).toBe(true);
		await expect(account(consumerKey!, 'sms-sandbox-1')).resolves.toMatchObject({ name: 'sms-sandbox-1' });
		await expect(account(consumerKey!, 'sms-sandbox-2')).rejects.toMatchObject({ code: 'NOT_GRANTED_CALL' });
	});

	it('explains an unknown application key and exits non-zero', async () => {
		const failure = await run(bin, ['--application-key', 'nope', '--url', sandbox.urls.ovh]).catch(
			(e: { code: number; stderr: string }) => e,
		);
		expect(failure).toMatchObject({ code: 1 });
		expect((failure as { stderr: string }).stderr).toContain('INVALID_KEY');
	});
});
