import type { NodeAPI } from 'node-red';
import { PROVIDER_NAMES, SmsError, type ProviderId } from '../../core';
import type { OperationRunner } from './runner';

/** What every SMS Kit config node carries: the one session its client nodes share. */
export interface AccountNode {
	runner?: OperationRunner;
}

/** The deployed config node a client node points at, or null. */
export function accountNode<T extends AccountNode>(RED: NodeAPI, configId: string | undefined): T | null {
	const config = configId ? (RED.nodes.getNode(configId) as unknown as T | null) : null;
	return config?.runner ? config : null;
}

/** The runner of the account a client node points at; a missing account fails each message, plainly. */
export function accountRunner(RED: NodeAPI, configId: string | undefined, provider: ProviderId): OperationRunner {
	const config = accountNode(RED, configId);
	if (config?.runner) return config.runner;
	return {
		run: () => Promise.reject(noAccount(provider)),
		close: () => Promise.resolve(),
	};
}

export function noAccount(provider: ProviderId): SmsError {
	const name = PROVIDER_NAMES[provider];
	return new SmsError({
		provider,
		code: 'NO_ACCOUNT',
		message: `This node has no ${name} account.`,
		hint: `Open the node, choose or add ${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} account, and deploy.`,
	});
}
