import type { NodeAPI } from 'node-red';
import { SmsError } from '../../../core';
import type { OperationRunner } from '../../shared/runner';
import type { OvhConfigNode } from './ovh-sms-config';

/** The runner of the account a client node points at; a missing account fails each message, plainly. */
export function accountRunner(RED: NodeAPI, configId: string | undefined): OperationRunner {
	const config = configId ? (RED.nodes.getNode(configId) as OvhConfigNode | null) : null;
	if (config?.runner) return config.runner;
	return {
		run: () =>
			Promise.reject(
				new SmsError({
					provider: 'ovh',
					code: 'NO_ACCOUNT',
					message: 'This node has no OVHcloud account.',
					hint: 'Open the node, choose or add an OVHcloud account, and deploy.',
				}),
			),
		close: () => Promise.resolve(),
	};
}
