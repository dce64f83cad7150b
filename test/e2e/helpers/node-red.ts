/**
 * The harness of the Node-RED end-to-end tests: the published tarball installed into a fresh user
 * directory like a palette install, the real Node-RED 4 embedded in an express server, flows deployed
 * through the admin API, and the helper nodes every test flow uses (a catch node answering with
 * msg.error, a status recorder, an http response).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { NodeRedApp } from 'node-red';
import { installTarball, NODE_RED_DIR, PACKAGES, TMP } from './pack';

export const NODE_RED_MODULES = path.join(NODE_RED_DIR, 'node_modules');
export const MODULE = PACKAGES.nodeRed.name;

export interface Reply {
	status: number;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- whatever the flow answered
}

export interface NodeStatus {
	type: string;
	fill: string;
	text: string;
}

export async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
	const response = await fetch(url, {
		method,
		signal: AbortSignal.timeout(20_000),
		headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

export interface EmbeddedNodeRed {
	RED: NodeRedApp;
	/** http://127.0.0.1:<port>; the admin API is under /admin, the flows' HTTP endpoints under /api. */
	base: string;
	/** A full deploy, resolved once the new flows are running (the admin API answers before they start). */
	deploy(flows: object[]): Promise<void>;
	/** The statuses our nodes showed since the last call (needs `harnessNodes` in the flows). */
	statuses(): Promise<NodeStatus[]>;
	stop(): Promise<void>;
}

/** Installs the Node-RED package packed by globalSetup into a fresh user directory and starts Node-RED on it. */
export async function startNodeRed(): Promise<EmbeddedNodeRed> {
	fs.mkdirSync(TMP, { recursive: true });
	const userDir = fs.mkdtempSync(path.join(TMP, 'node-red-'));
	installTarball('nodeRed', userDir);

	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the editors' own copies, not the package's
	const RED = require(path.join(NODE_RED_MODULES, 'node-red')) as NodeRedApp;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const express = require(path.join(NODE_RED_MODULES, 'express')) as () => http.RequestListener & {
		use: (...args: unknown[]) => void;
	};
	const app = express();
	const server = http.createServer(app);
	RED.init(server, {
		userDir,
		flowFile: 'flows.json',
		credentialSecret: 'smskit-e2e',
		httpAdminRoot: '/admin',
		httpNodeRoot: '/api',
		logging: { console: { level: 'off', metrics: false, audit: false } },
		telemetry: { enabled: false },
		externalModules: { autoInstall: false, palette: { allowInstall: false } },
		editorTheme: { tours: false },
	} as never);
	app.use('/admin', RED.httpAdmin);
	app.use('/api', RED.httpNode);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	/** Resolves on the next flows:started (RED.start() resolves before the saved flows have started). */
	const flowsStarted = () => new Promise<void>((resolve) => RED.events.once('flows:started', () => resolve()));
	const started = flowsStarted();
	await RED.start();
	await started;

	return {
		RED,
		base,
		async deploy(flows) {
			const running = flowsStarted();
			const reply = await call('POST', `${base}/admin/flows`, flows, { 'Node-RED-Deployment-Type': 'full' });
			if (reply.status !== 204) throw new Error(`deploy failed: HTTP ${reply.status} ${reply.text}`);
			await running;
		},
		async statuses() {
			return (await call('GET', `${base}/api/statuses`)).json;
		},
		async stop() {
			await RED.stop();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			fs.rmSync(userDir, { recursive: true, force: true });
		},
	};
}

/**
 * The nodes every test tab needs, on tab `z`: `n-respond` (http response), a catch node answering
 * HTTP 500 with `{ message, code, cause, source }` of msg.error, and node statuses kept for GET /statuses.
 */
export function harnessNodes(z: string): object[] {
	return [
		{ id: 'n-status', type: 'status', z, scope: null, wires: [['n-keep-status']] },
		{
			id: 'n-keep-status',
			type: 'function',
			z,
			outputs: 0,
			func: "const all = flow.get('statuses') || [];\nall.push({ type: msg.status.source.type, fill: msg.status.fill, text: msg.status.text });\nflow.set('statuses', all);\nreturn null;",
			wires: [],
		},
		{ id: 'in-statuses', type: 'http in', z, url: '/statuses', method: 'get', wires: [['n-take-statuses']] },
		{
			id: 'n-take-statuses',
			type: 'function',
			z,
			outputs: 1,
			func: "msg.payload = flow.get('statuses') || [];\nflow.set('statuses', []);\nreturn msg;",
			wires: [['n-respond']],
		},
		{ id: 'n-respond', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
		{ id: 'n-catch', type: 'catch', z, scope: null, uncaught: false, wires: [['n-error-reply']] },
		{
			id: 'n-error-reply',
			type: 'function',
			z,
			outputs: 1,
			func: 'msg.statusCode = 500;\nmsg.payload = { message: msg.error.message, code: msg.error.code, cause: msg.error.cause, source: msg.error.source.type };\nreturn msg;',
			wires: [['n-respond']],
		},
	];
}

/** An http-in endpoint on tab `z` into node `next` (the JSON body becomes msg.payload). */
export function endpoint(z: string, url: string, next: string): object {
	return { id: `in${url.replace(/\//g, '-')}`, type: 'http in', z, url, method: 'post', wires: [[next]] };
}

/** A function node that spreads msg.payload onto msg, so every field of a posted body arrives as a msg property. */
export function spread(z: string, id: string, next: string): object {
	return { id, type: 'function', z, func: 'Object.assign(msg, msg.payload);\nreturn msg;', outputs: 1, wires: [[next]] };
}

/**
 * A function node keeping every message it gets under flow context `received-<key>`, and GET /received/<key>
 * (answered by the harness's `n-respond` node) to take them: how e2e tests see what a receive node emitted.
 */
export function collectorNodes(z: string, key: string): object[] {
	return [
		{
			id: `n-collect-${key}`,
			type: 'function',
			z,
			outputs: 0,
			func: `const all = flow.get('received-${key}') || [];\nall.push({ topic: msg.topic, payload: msg.payload });\nflow.set('received-${key}', all);\nreturn null;`,
			wires: [],
		},
		{ id: `in-received-${key}`, type: 'http in', z, url: `/received/${key}`, method: 'get', wires: [[`n-take-${key}`]] },
		{
			id: `n-take-${key}`,
			type: 'function',
			z,
			outputs: 1,
			func: `msg.payload = flow.get('received-${key}') || [];\nflow.set('received-${key}', []);\nreturn msg;`,
			wires: [['n-respond']],
		},
	];
}

/** The palette serves a provider's node types, without a load error, each with its editor template and help; the editor HTML. */
export async function expectPaletteTypes(base: string, prefix: string, types: string[]): Promise<string> {
	const sets = (await call('GET', `${base}/admin/nodes`)).json as Array<{ module: string; types: string[]; err?: string }>;
	const ours = sets.find((s) => s.module === MODULE)!;
	expect(ours.err).toBeUndefined();
	expect(ours.types.filter((t) => t.startsWith(prefix)).sort()).toEqual(types);
	const html = (await call('GET', `${base}/admin/nodes`, undefined, { Accept: 'text/html' })).text;
	for (const type of types) {
		expect(html).toContain(`data-template-name="${type}"`);
		expect(html).toContain(`data-help-name="${type}"`);
	}
	return html;
}

/**
 * The token e2e flows give the receive nodes of unsigned providers (OVHcloud, Tencent, Alibaba) as their
 * `token` credential: a webhook call without `?token=<it>` gets 401.
 */
export const RECEIVE_TOKEN = 'smskit-e2e-receive-token_0001';

/** `url` with `token` in its query, as a provider (or a test) must call a receive node's webhook. */
export function withToken(url: string, token = RECEIVE_TOKEN): string {
	const parsed = new URL(url);
	parsed.searchParams.set('token', token);
	return parsed.toString();
}
