import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createServer } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox/server';

export interface SandboxCredentials {
	ovh: { applicationKey: string; applicationSecret: string; consumerKey: string };
	tencent: { secretId: string; secretKey: string; smsSdkAppId: string; signName: string; templateId: string };
}

/** A sandbox for the file's tests, with the n8n credential data of its default accounts. */
export function useSandbox() {
	const ctx = {} as {
		sandbox: Sandbox;
		defaults: SandboxCredentials;
		ovhApi: ICredentialDataDecryptedObject;
		tencentCloudSmsApi: ICredentialDataDecryptedObject;
		control: (path: string, method?: string, body?: unknown) => Promise<Record<string, unknown>>;
	};
	beforeAll(async () => {
		ctx.sandbox = await startSandbox({ port: 0 });
		ctx.control = async (path, method = 'GET', body) => {
			const res = await fetch(`${ctx.sandbox.origin}${path}`, {
				method,
				headers: { 'Content-Type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return (await res.json()) as Record<string, unknown>;
		};
		ctx.defaults = (await ctx.control('/_sandbox/credentials')) as unknown as SandboxCredentials;
		ctx.ovhApi = { endpoint: 'custom', customUrl: ctx.sandbox.urls.ovh, ...ctx.defaults.ovh, timeDelta: '' };
		ctx.tencentCloudSmsApi = {
			endpoint: 'custom',
			customUrl: ctx.sandbox.urls.tencent,
			region: 'ap-guangzhou',
			secretId: ctx.defaults.tencent.secretId,
			secretKey: ctx.defaults.tencent.secretKey,
			smsSdkAppId: ctx.defaults.tencent.smsSdkAppId,
		};
	});
	afterAll(async () => ctx.sandbox?.close());
	beforeEach(() => ctx.sandbox.reset());
	return ctx;
}

/** A port nothing listens on: connections to it are refused. */
export function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
