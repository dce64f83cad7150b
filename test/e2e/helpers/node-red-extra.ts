/**
 * More of the Node-RED e2e harness, for tests that need what the embedded instance hides: Node-RED in a child
 * process with its log on (stdout and stderr kept, so a test can search them), the error each node hands to
 * done(err) as it is (an `onComplete` hook: Catch nodes only get its message and code), one ordered event list
 * of what a tab's nodes sent, showed and threw, and a TCP forwarder to stand for a provider coming back.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { call, NODE_RED_MODULES } from './node-red';
import { installTarball, TMP } from './pack';

/** Node-RED embedded in express like the harness, in its own process, logging at `level`, with the e2e hook. */
const CHILD = `
const http = require('node:http');
const path = require('node:path');
const [modules, userDir, port, level] = process.argv.slice(2);
const RED = require(path.join(modules, 'node-red'));
const express = require(path.join(modules, 'express'));
const app = express();
const server = http.createServer(app);
const completions = [];
app.get('/e2e/completions', (req, res) => res.json(completions.splice(0)));
RED.init(server, {
	userDir,
	flowFile: 'flows.json',
	credentialSecret: 'smskit-e2e',
	httpAdminRoot: '/admin',
	httpNodeRoot: '/api',
	logging: { console: { level, metrics: false, audit: false } },
	telemetry: { enabled: false },
	externalModules: { autoInstall: false, palette: { allowInstall: false } },
	editorTheme: { tours: false },
});
// done(err) as the node called it: the error object itself, before Node-RED reduces it for Catch nodes.
RED.hooks.add('onComplete.smskitE2e', (event) => {
	if (!event.error) return;
	const e = event.error;
	completions.push({
		node: event.node.id,
		caseId: event.msg ? event.msg.caseId : undefined,
		error: { name: e.name, message: e.message, code: e.code, kind: e.kind, httpStatus: e.httpStatus, provider: e.provider, hint: e.hint },
	});
});
app.use('/admin', RED.httpAdmin);
app.use('/api', RED.httpNode);
RED.events.on('flows:started', () => process.send('started'));
server.listen(Number(port), '127.0.0.1', () => RED.start());
process.on('message', async (m) => {
	if (m !== 'stop') return;
	await RED.stop();
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
`;

/** What done(err) was called with, as the onComplete hook saw it. */
export interface Completion {
	node: string;
	caseId?: string;
	error: {
		name: string;
		message: string;
		code?: string;
		kind?: string;
		httpStatus?: number;
		provider?: string;
		hint?: string;
	};
}

export interface LoggedNodeRed {
	base: string;
	/** A full deploy, resolved once the new flows are running. */
	deploy(flows: object[]): Promise<void>;
	/** Everything Node-RED wrote to stdout and stderr so far. */
	log(): string;
	/** The errors given to done(err) since the last call, oldest first. */
	completions(): Promise<Completion[]>;
	stop(): Promise<void>;
}

const started = (child: ChildProcess) =>
	new Promise<void>((resolve, reject) => {
		const onExit = (code: number | null) => reject(new Error(`Node-RED exited (${code})`));
		child.once('message', () => {
			child.off('exit', onExit);
			resolve();
		});
		child.once('exit', onExit);
	});

/** Installs the packed Node-RED package into a fresh user directory and runs Node-RED on it in a child process. */
export async function startLoggedNodeRed(port: number, level = 'debug'): Promise<LoggedNodeRed> {
	fs.mkdirSync(TMP, { recursive: true });
	const userDir = fs.mkdtempSync(path.join(TMP, 'node-red-logged-'));
	installTarball('nodeRed', userDir);
	const script = path.join(userDir, 'start.js');
	fs.writeFileSync(script, CHILD);
	const child = fork(script, [NODE_RED_MODULES, userDir, String(port), level], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
	const chunks: string[] = [];
	child.stdout!.on('data', (d: Buffer) => chunks.push(d.toString('utf8')));
	child.stderr!.on('data', (d: Buffer) => chunks.push(d.toString('utf8')));
	await started(child);
	const base = `http://127.0.0.1:${port}`;
	return {
		base,
		async deploy(flows) {
			const running = started(child);
			const reply = await call('POST', `${base}/admin/flows`, flows, { 'Node-RED-Deployment-Type': 'full' });
			if (reply.status !== 204) throw new Error(`deploy failed: HTTP ${reply.status} ${reply.text}`);
			await running;
		},
		log: () => chunks.join(''),
		async completions() {
			return (await call('GET', `${base}/e2e/completions`)).json as Completion[];
		},
		async stop() {
			if (child.exitCode === null) {
				await new Promise<void>((resolve) => {
					child.once('exit', () => resolve());
					child.send('stop');
				});
			}
			fs.rmSync(userDir, { recursive: true, force: true });
		},
	};
}

/** One thing a tab's nodes did, in the order it happened (see `eventNodes`). */
export type TabEvent =
	| { kind: 'output'; node: string; caseId?: string; topic?: string; payload: unknown }
	| {
			kind: 'catch';
			node: string;
			caseId?: string;
			error: { message: string; code?: string; source?: { id: string; type: string } };
	  }
	| { kind: 'status'; node: string; type: string; fill: string; text: string };

/**
 * On tab `z`: `e-output` (wire send nodes' outputs to it), a Catch node and a Status node, each adding to one
 * ordered list of TabEvents taken by GET /api/e2e/events; and `e-debug`, a debug node that also prints every
 * message it gets to Node-RED's log (outputs and caught errors are wired to it).
 */
export function eventNodes(z: string): object[] {
	const keep = (line: string) =>
		`const all = flow.get('events') || [];\nall.push(${line});\nflow.set('events', all);\nreturn null;`;
	return [
		{
			id: 'e-output',
			type: 'function',
			z,
			outputs: 0,
			func: keep(
				"{ kind: 'output', node: msg.from, caseId: msg.caseId, topic: msg.topic, payload: RED.util.cloneMessage({ p: msg.payload }).p }",
			),
			wires: [],
		},
		{ id: 'e-catch', type: 'catch', z, scope: null, uncaught: false, wires: [['e-catch-keep', 'e-debug']] },
		{
			id: 'e-catch-keep',
			type: 'function',
			z,
			outputs: 0,
			func: keep("{ kind: 'catch', node: msg.error.source && msg.error.source.id, caseId: msg.caseId, error: msg.error }"),
			wires: [],
		},
		{ id: 'e-status', type: 'status', z, scope: null, wires: [['e-status-keep']] },
		{
			id: 'e-status-keep',
			type: 'function',
			z,
			outputs: 0,
			func: keep(
				"{ kind: 'status', node: msg.status.source.id, type: msg.status.source.type, fill: msg.status.fill, text: msg.status.text }",
			),
			wires: [],
		},
		{
			id: 'e-debug',
			type: 'debug',
			z,
			name: 'e2e debug',
			active: true,
			tosidebar: true,
			console: true,
			tostatus: false,
			complete: 'true',
			targetType: 'full',
			wires: [],
		},
		{ id: 'e-events-in', type: 'http in', z, url: '/e2e/events', method: 'get', wires: [['e-events-take']] },
		{
			id: 'e-events-take',
			type: 'function',
			z,
			outputs: 1,
			func: "msg.payload = flow.get('events') || [];\nflow.set('events', []);\nreturn msg;",
			wires: [['e-events-reply']],
		},
		{ id: 'e-events-reply', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
	];
}

/**
 * POST /api/inject/<target> on tab `z`: answers 202 at once, then the posted JSON's properties become msg
 * properties of a message into node `target` (whose output should go to `tagOutput(target)`).
 */
export function injectNodes(z: string, target: string): object[] {
	return [
		{ id: `e-inject-${target}`, type: 'http in', z, url: `/inject/${target}`, method: 'post', wires: [[`e-split-${target}`]] },
		{
			id: `e-split-${target}`,
			type: 'function',
			z,
			outputs: 2,
			func:
				'const ack = { req: msg.req, res: msg.res, statusCode: 202, payload: { accepted: msg._msgid } };\n' +
				'const body = msg.payload || {};\ndelete msg.req;\ndelete msg.res;\nmsg.payload = undefined;\n' +
				'Object.assign(msg, body);\nreturn [ack, msg];',
			wires: [[`e-ack-${target}`], [target]],
		},
		{ id: `e-ack-${target}`, type: 'http response', z, statusCode: '', headers: {}, wires: [] },
		{
			id: `e-from-${target}`,
			type: 'change',
			z,
			rules: [{ t: 'set', p: 'from', pt: 'msg', to: target, tot: 'str' }],
			wires: [['e-output', 'e-debug']],
		},
	];
}

/** The node a send node's output should be wired to: it marks the message with the send node's id for `e-output`. */
export const tagOutput = (target: string) => `e-from-${target}`;

/** The events of a tab since the last call (needs `eventNodes`). */
export async function takeEvents(base: string): Promise<TabEvent[]> {
	return (await call('GET', `${base}/api/e2e/events`)).json as TabEvent[];
}

export interface Forwarder {
	/** Connections accepted so far. */
	connections: number;
	close(): Promise<void>;
}

/** A TCP forwarder on `port` (127.0.0.1) to `targetPort`: the bytes go through untouched, Host header included. */
export async function startForwarder(port: number, targetPort: number): Promise<Forwarder> {
	const sockets = new Set<net.Socket>();
	const state = { connections: 0 };
	const server = net.createServer((socket) => {
		state.connections++;
		const upstream = net.connect(targetPort, '127.0.0.1');
		for (const s of [socket, upstream]) {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
		}
		socket.on('error', () => upstream.destroy());
		upstream.on('error', () => socket.destroy());
		socket.pipe(upstream).pipe(socket);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		get connections() {
			return state.connections;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}
