import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `npm start`'s flows: the Node-RED package's examples, one tab per provider, pointed at the running sandbox —
 * account nodes with its URLs and test credentials (Node-RED encrypts them when they are deployed), receive
 * nodes with a token or secret, and the sandbox told where to push what it receives.
 */

export type StartProvider = 'ovh' | 'tencent' | 'alibaba' | 'smsmobileapi';

export const PROVIDER_LABELS: Record<StartProvider, string> = {
	ovh: 'OVHcloud SMS',
	tencent: 'Tencent Cloud SMS',
	alibaba: 'Alibaba Cloud SMS',
	smsmobileapi: 'SMSMobileAPI',
};

/** What `GET /_sandbox/credentials` answers, for the fields the account nodes take. */
export interface SandboxCredentials {
	ovh: { applicationKey: string; applicationSecret: string; consumerKey: string };
	tencent: { secretId: string; secretKey: string; smsSdkAppId: string };
	alibaba: { accessKeyId: string; accessKeySecret: string };
	smsmobileapi: { apikey: string };
}

/** A control-API call that makes the sandbox push to a receive node. */
export interface PushTarget {
	provider: StartProvider;
	method: 'PUT';
	/** Under the sandbox origin, e.g. `/_sandbox/alibaba/callbacks`. */
	path: string;
	body: Record<string, string>;
}

type FlowNode = Record<string, unknown> & { id: string; type: string };

/** Tab ids are fixed, so a later `npm start` replaces these tabs and keeps the user's own. */
export const tabId = (provider: StartProvider) => `smskit-start-${provider}`;

export function readExamples(dir: string): Array<{ provider: StartProvider; file: string; nodes: FlowNode[] }> {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const provider = file.split('-')[0] as StartProvider;
			if (!(provider in PROVIDER_LABELS)) throw new Error(`examples/${file}: no provider prefix`);
			return { provider, file, nodes: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as FlowNode[] };
		});
}

export interface StartFlows {
	flows: FlowNode[];
	pushes: PushTarget[];
}

/**
 * The examples laid out one tab per provider (one example below the other), every account node pointed at the
 * sandbox with its credentials, every webhook receive node given a token (unsigned providers) or the sandbox's
 * signing secret, a polling one a short interval; and the pushes that make the sandbox call those nodes.
 */
export function startFlows(
	examples: ReturnType<typeof readExamples>,
	sandbox: { urls: Record<StartProvider, string>; credentials: SandboxCredentials },
	nodeRedUrl: string,
	token: () => string = () => randomBytes(16).toString('base64url'),
): StartFlows {
	const flows: FlowNode[] = [];
	const pushes: PushTarget[] = [];
	const seen = new Set<string>();
	const offset = new Map<StartProvider, number>();
	for (const { provider, nodes } of examples) {
		if (!offset.has(provider)) flows.push({ id: tabId(provider), type: 'tab', label: PROVIDER_LABELS[provider], info: '' });
		const dy = offset.get(provider) ?? 0;
		let bottom = dy;
		for (const original of nodes) {
			// Examples of one provider may share an account node.
			if (seen.has(original.id)) continue;
			seen.add(original.id);
			const node: FlowNode = { ...original };
			if (node.type.endsWith('-sms-config')) {
				Object.assign(node, {
					endpoint: 'custom',
					customUrl: sandbox.urls[provider],
					credentials: accountCredentials(provider, sandbox.credentials),
				});
			} else {
				node.z = tabId(provider);
				if (typeof node.y === 'number') {
					node.y += dy;
					bottom = Math.max(bottom, node.y);
				}
			}
			if (node.type.endsWith('-sms-receive')) receiveNode(provider, node, nodeRedUrl, token, pushes);
			flows.push(node);
		}
		offset.set(provider, bottom + 80);
	}
	return { flows, pushes };
}

function accountCredentials(provider: StartProvider, c: SandboxCredentials): Record<string, string> {
	switch (provider) {
		case 'ovh':
			return { ...c.ovh };
		case 'tencent':
			return { secretId: c.tencent.secretId, secretKey: c.tencent.secretKey };
		case 'alibaba':
			return { ...c.alibaba };
		case 'smsmobileapi':
			return { apiKey: c.smsmobileapi.apikey, webhookSecret: SMSMOBILEAPI_SECRET };
	}
}

/** The secret the sandbox signs SMSMobileAPI webhooks with, for `npm start` only. */
const SMSMOBILEAPI_SECRET = 'smskit-start-webhook-secret';

function receiveNode(provider: StartProvider, node: FlowNode, nodeRedUrl: string, token: () => string, pushes: PushTarget[]) {
	if (node.mode !== 'webhook') {
		// Polling: often enough that a reply typed on the phone page shows within seconds.
		node.interval = '5';
		return;
	}
	const url = `${nodeRedUrl}${String(node.path)}`;
	if (provider === 'smsmobileapi') {
		pushes.push({ provider, method: 'PUT', path: '/_sandbox/smsmobileapi/webhook', body: { url, secret: SMSMOBILEAPI_SECRET } });
		return;
	}
	const value = token();
	node.credentials = { token: value };
	const withToken = `${url}?token=${encodeURIComponent(value)}`;
	if (provider === 'alibaba') {
		pushes.push({
			provider,
			method: 'PUT',
			path: '/_sandbox/alibaba/callbacks',
			body: { smsUpUrl: withToken, smsReportUrl: withToken },
		});
	} else if (provider === 'tencent') {
		pushes.push({
			provider,
			method: 'PUT',
			path: '/_sandbox/tencent/callbacks',
			body: { replyUrl: withToken, statusUrl: withToken },
		});
	} else {
		pushes.push({ provider, method: 'PUT', path: '/_sandbox/ovh/callbacks', body: { url: withToken } });
	}
}

/** What each n8n credential holds to reach the sandbox (its custom base URL and test keys); `npm run start:n8n` and the bench. */
export function n8nCredentialData(
	c: SandboxCredentials,
	urls: Record<StartProvider, string>,
): Record<StartProvider, Record<string, string>> {
	return {
		tencent: { endpoint: 'custom', customUrl: urls.tencent, region: 'ap-guangzhou', ...c.tencent },
		alibaba: {
			region: 'custom',
			customUrl: urls.alibaba,
			accessKeyId: c.alibaba.accessKeyId,
			accessKeySecret: c.alibaba.accessKeySecret,
		},
		ovh: { endpoint: 'custom', customUrl: urls.ovh, ...c.ovh },
		smsmobileapi: { endpoint: 'custom', customUrl: urls.smsmobileapi, apiKey: c.smsmobileapi.apikey },
	};
}

/** `wanted` when it is free, else any free port (a second start, or another service on it). */
export async function freePort(wanted: number): Promise<number> {
	const tryPort = (port: number) =>
		new Promise<number | undefined>((resolve) => {
			const server = net.createServer();
			server.once('error', () => resolve(undefined));
			server.listen(port, '127.0.0.1', () => {
				const { port: got } = server.address() as net.AddressInfo;
				server.close(() => resolve(got));
			});
		});
	return (await tryPort(wanted)) ?? (await tryPort(0))!;
}
