import type { Node, NodeMessageInFlow, NodeStatus } from 'node-red';
import type { ProviderModule } from '../../core';
import { asSmsError, NodeRedSmsError } from './errors';

/** What one message came to: the payload and topic to send, the status to show, and an error for Catch nodes. */
export interface Outcome {
	payload: unknown;
	topic: string;
	status: NodeStatus;
	/** Sent with done(err) after the message went out (e.g. every recipient rejected). */
	error?: Error;
}

/**
 * The one input handler of every SMS Kit client node: running status → result → send → done, and any
 * failure through done(err) so Catch nodes get it, with the code as the red status.
 */
export function onInput(
	node: Node,
	module: ProviderModule,
	running: NodeStatus | (() => NodeStatus),
	work: (msg: NodeMessageInFlow) => Promise<Outcome>,
): void {
	node.on('input', (msg, send, done) => {
		node.status(typeof running === 'function' ? running() : running);
		Promise.resolve()
			.then(() => work(msg))
			.then(
				(outcome) => {
					node.status(outcome.status);
					msg.payload = outcome.payload;
					msg.topic = outcome.topic;
					send(msg);
					done(outcome.error);
				},
				(caught: unknown) => {
					const error = asSmsError(caught, module);
					node.status({ fill: 'red', shape: 'dot', text: error.code });
					done(new NodeRedSmsError(error));
				},
			);
	});
}
