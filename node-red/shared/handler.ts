import type { Node, NodeMessageInFlow, NodeStatus } from 'node-red';
import type { ProviderModule } from '../../core';
import { asSmsError, NodeRedSmsError } from './errors';

type Status = NodeStatus | (() => NodeStatus);

/** What one message came to: the payload and topic to send, the status to show, and an error for Catch nodes. */
export interface Outcome {
	payload: unknown;
	topic: string;
	/** A function when its text takes work (a translation): only the statuses shown are made. */
	status: Status;
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
	running: Status,
	work: (msg: NodeMessageInFlow) => Promise<Outcome>,
): void {
	const status = statusOf(node);
	node.on('input', (msg, send, done) => {
		status.busy++;
		status.show(running);
		Promise.resolve()
			.then(() => work(msg))
			.then(
				(outcome) => {
					status.busy--;
					status.show(outcome.status);
					msg.payload = outcome.payload;
					msg.topic = outcome.topic;
					send(msg);
					done(outcome.error);
				},
				(caught: unknown) => {
					const error = asSmsError(caught, module);
					status.busy--;
					status.show({ fill: 'red', shape: 'dot', text: error.code });
					done(new NodeRedSmsError(error));
				},
			);
	});
}

/** While messages stream through, the status changes at most this often. */
const STATUS_EVERY_MS = 250;

/**
 * The node's status, shown at once while it handles one message, and at most every 250 ms (the latest one)
 * while it handles many: 10,000 messages at once made 20,000 status events, each published to every editor
 * and Status node. The last status always shows.
 */
function statusOf(node: Node) {
	let shownAt = 0;
	let pending: Status | undefined;
	let timer: NodeJS.Timeout | undefined;
	const set = (value: Status) => {
		clearTimeout(timer);
		timer = pending = undefined;
		shownAt = Date.now();
		node.status(typeof value === 'function' ? value() : value);
	};
	node.on('close', () => clearTimeout(timer));
	const state = {
		busy: 0,
		show(value: Status) {
			const wait = shownAt + STATUS_EVERY_MS - Date.now();
			if (state.busy <= 1 || wait <= 0) return set(value);
			pending = value;
			timer ??= setTimeout(() => pending && set(pending), wait);
		},
	};
	return state;
}
