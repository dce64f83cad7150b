import type { NodeAPI } from 'node-red';
import { NODE_RED_PROVIDERS } from './providers';
import { registerAccount } from './shared/account';
import { registerClient } from './shared/client';
import { registerReceive } from './shared/receive';

/** The one Node-RED entry (dist/node-red/smskit.js): the same five node types for every provider. */
export = function smskit(RED: NodeAPI): void {
	for (const provider of NODE_RED_PROVIDERS) {
		registerAccount(RED, provider);
		registerClient(RED, provider, 'send');
		registerClient(RED, provider, 'status');
		registerClient(RED, provider, 'manage');
		registerReceive(RED, provider);
	}
};
