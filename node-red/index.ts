import type { NodeAPI } from 'node-red';
import { registerOvhConfig } from './nodes/ovh-sms-config/ovh-sms-config';
import { registerOvhServicesRoute } from './nodes/ovh-sms-config/services-route';
import { registerOvhSmsSend } from './nodes/ovh-sms-send/ovh-sms-send';
import { registerOvhSmsServices } from './nodes/ovh-sms-services/ovh-sms-services';

/** The one Node-RED entry (dist/node-red/smskit.js): registers every SMS Kit node type and admin route. */
export = function smskit(RED: NodeAPI): void {
	registerOvhConfig(RED);
	registerOvhServicesRoute(RED);
	registerOvhSmsSend(RED);
	registerOvhSmsServices(RED);
};
