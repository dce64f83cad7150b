import type { NodeAPI } from 'node-red';
import type { AccountRole } from '../../shared/provider';
import { registerOvhConsumerKeyRoute } from './consumer-key-route';
import { registerOvhServicesRoute } from './services-route';

export interface OvhConfigCredentials {
	applicationKey?: string;
	applicationSecret?: string;
	consumerKey?: string;
}

export const ovhAccount: AccountRole = {
	credentials: {
		applicationKey: { type: 'text' },
		applicationSecret: { type: 'password' },
		consumerKey: { type: 'password' },
	},
	fields: ['endpoint', 'customUrl'],
	routes(RED: NodeAPI) {
		registerOvhServicesRoute(RED);
		registerOvhConsumerKeyRoute(RED);
	},
};
