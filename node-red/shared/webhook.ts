import type { IncomingMessage } from 'node:http';
import type { Node, NodeAPI } from 'node-red';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SmsError, type ProviderModule } from '../../core';

/** Bodies larger than this are refused (413): the guard's limit, the same in both editors. */
export { MAX_CALLBACK_BYTES } from '../../core';

/** A receive node's route under httpNodeRoot: its own path, or the fallback made from its id; always with a leading slash. */
export function routePath(path: string | undefined, fallback: string): string {
	const chosen = path?.trim() || fallback;
	return chosen.startsWith('/') ? chosen : `/${chosen}`;
}

/** True when the settings turn Node-RED's HTTP endpoints off (httpNodeRoot: false): no webhook can listen. */
export function httpNodeDisabled(RED: NodeAPI): boolean {
	return RED.settings.httpNodeRoot === false;
}

interface Layer {
	route?: { stack: Array<{ handle: unknown }> };
}

/** Takes a route out of the httpNode app again (Express 4 keeps them in _router.stack, as core http-in relies on). */
function removeRoute(RED: NodeAPI, handler: RequestHandler): void {
	const app = RED.httpNode as unknown as { _router?: { stack: Layer[] }; router?: { stack: Layer[] } };
	const stack = (app._router ?? app.router)?.stack;
	if (!stack) return;
	for (let i = stack.length - 1; i >= 0; i--) {
		if (stack[i].route?.stack.some((layer) => layer.handle === handler)) stack.splice(i, 1);
	}
}

/**
 * Adds `handler` for each method at `path` on RED.httpNode, behind httpNodeMiddleware like core http-in,
 * with an error handler that answers 500 and warns on the node. Returns what takes the routes out again
 * (call it on close, so a redeploy leaves one route and a removed node none).
 */
export function addNodeRoute(
	RED: NodeAPI,
	node: Node,
	methods: ReadonlyArray<'get' | 'post'>,
	path: string,
	handler: RequestHandler,
): () => void {
	const middleware = RED.settings.httpNodeMiddleware as RequestHandler | RequestHandler[] | undefined;
	const before: RequestHandler[] = typeof middleware === 'function' ? [middleware] : Array.isArray(middleware) ? middleware : [];
	const onError = (err: Error, _req: Request, res: Response, _next: NextFunction) => {
		node.warn(err);
		res.sendStatus(500);
	};
	for (const method of methods) RED.httpNode[method](path, ...before, handler, onError);
	return () => removeRoute(RED, handler);
}

export class BodyTooLargeError extends Error {
	constructor(readonly max: number) {
		super(`The body is larger than ${max} bytes.`);
	}
}

/**
 * The request body: as a parser in front of the route left it (`req.body` with `_body` set), or read here
 * as bytes, up to `max` bytes.
 */
export async function readBody(req: IncomingMessage & { body?: unknown; _body?: boolean }, max: number): Promise<unknown> {
	if (req._body || req.readableEnded) return req.body;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer | string>) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += buffer.length;
		if (size > max) throw new BodyTooLargeError(max);
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

/** The public URL a provider calls: the public base (httpNodeRoot included) and the node's path. */
export function callbackUrl(module: ProviderModule, publicUrl: string, path: string): string {
	const base = publicUrl.trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(base)) {
		throw new SmsError({
			provider: module.id,
			code: 'INVALID_PUBLIC_URL',
			message: `"${publicUrl}" is not a public http(s) URL for ${module.name} to call.`,
			hint: `Set Public URL to the address ${module.name} reaches Node-RED's HTTP endpoints at, e.g. https://nodered.example.com.`,
		});
	}
	return `${base}${path}`;
}
