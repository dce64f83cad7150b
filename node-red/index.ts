import type { NodeAPI } from 'node-red';
import { registerOvhConsumerKeyRoute } from './nodes/ovh-sms-config/consumer-key-route';
import { registerOvhConfig } from './nodes/ovh-sms-config/ovh-sms-config';
import { registerOvhServicesRoute } from './nodes/ovh-sms-config/services-route';
import { registerOvhSmsSend } from './nodes/ovh-sms-send/ovh-sms-send';
import { registerOvhSmsReceive } from './nodes/ovh-sms-receive/ovh-sms-receive';
import { registerOvhSmsServices } from './nodes/ovh-sms-services/ovh-sms-services';
import { registerOvhSmsStatus } from './nodes/ovh-sms-status/ovh-sms-status';
import { registerOvhSmsTemplates } from './nodes/ovh-sms-templates/ovh-sms-templates';
import { registerTencentConfig } from './nodes/tencent-sms-config/tencent-sms-config';
import { registerTencentSmsManage } from './nodes/tencent-sms-manage/tencent-sms-manage';
import { registerTencentSmsReceive } from './nodes/tencent-sms-receive/tencent-sms-receive';
import { registerTencentSmsSend } from './nodes/tencent-sms-send/tencent-sms-send';
import { registerTencentSmsStatus } from './nodes/tencent-sms-status/tencent-sms-status';

/** The one Node-RED entry (dist/node-red/smskit.js): registers every SMS Kit node type and admin route. */
export = function smskit(RED: NodeAPI): void {
	registerOvhConfig(RED);
	registerOvhServicesRoute(RED);
	registerOvhConsumerKeyRoute(RED);
	registerOvhSmsSend(RED);
	registerOvhSmsServices(RED);
	registerOvhSmsStatus(RED);
	registerOvhSmsTemplates(RED);
	registerOvhSmsReceive(RED);
	registerTencentConfig(RED);
	registerTencentSmsSend(RED);
	registerTencentSmsStatus(RED);
	registerTencentSmsManage(RED);
	registerTencentSmsReceive(RED);
};
