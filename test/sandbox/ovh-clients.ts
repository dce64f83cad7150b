import { createRequire } from 'node:module';
import type { Sandbox } from '../../sandbox/server';
import { DEFAULT, originOf, rawCall, type Keys, type RawResponse } from './helpers';

/** The official node clients, loaded untyped (plain JavaScript without typings) and described here. */

export interface ClientOptions {
	appKey?: string;
	appSecret?: string;
	consumerKey?: string;
	clientID?: string;
	clientSecret?: string;
	tokenURL?: string;
	host: string;
	port: number;
	basePath: string;
	debug?: (...args: unknown[]) => void;
}
export interface OvhClient {
	requestPromised(method: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
}
export type ClientFactory = (options: ClientOptions) => OvhClient;

const load = createRequire(__filename);
export const ovh203 = load('ovh') as ClientFactory;
export const nodeOvh300 = load('@ovhcloud/node-ovh') as ClientFactory;
export const CLIENTS: [string, ClientFactory][] = [
	['ovh 2.0.3', ovh203],
	['@ovhcloud/node-ovh 3.0.0', nodeOvh300],
];

/** A client on the sandbox's TLS listener with signed-request keys (the defaults unless given). */
export function signedClient(factory: ClientFactory, sandbox: Sandbox, keys: Partial<Keys> = {}): OvhClient {
	const { port, pathname } = new URL(sandbox.tlsUrls.ovh);
	return factory({
		appKey: keys.applicationKey ?? DEFAULT.applicationKey,
		appSecret: keys.applicationSecret ?? DEFAULT.applicationSecret,
		consumerKey: 'consumerKey' in keys ? keys.consumerKey : DEFAULT.consumerKey,
		host: '127.0.0.1',
		port: Number(port),
		basePath: pathname,
	});
}

/** The `{error, message}` a client rejects with; fails the test if the call succeeds. */
export async function rejection(call: Promise<unknown>): Promise<{ error: unknown; message: unknown }> {
	return (await call.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(reason: unknown) => reason,
	)) as { error: unknown; message: unknown };
}

/** A JSON call to the control API on the plain listener. */
export function control(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawResponse> {
	return rawCall(`${originOf(sandbox.urls.ovh)}/_sandbox${path}`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}
