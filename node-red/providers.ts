import { providerModule } from '../core';
import { alibabaAccount } from './nodes/alibaba-sms-config/account';
import { alibabaManage } from './nodes/alibaba-sms-manage/fields';
import { alibabaReceive } from './nodes/alibaba-sms-receive/fields';
import { alibabaSend } from './nodes/alibaba-sms-send/fields';
import { alibabaStatus } from './nodes/alibaba-sms-status/fields';
import { ovhAccount } from './nodes/ovh-sms-config/account';
import { ovhManage } from './nodes/ovh-sms-manage/fields';
import { ovhReceive } from './nodes/ovh-sms-receive/fields';
import { ovhSend } from './nodes/ovh-sms-send/fields';
import { ovhStatus } from './nodes/ovh-sms-status/fields';
import { tencentAccount } from './nodes/tencent-sms-config/account';
import { tencentManage } from './nodes/tencent-sms-manage/fields';
import { tencentReceive } from './nodes/tencent-sms-receive/fields';
import { tencentSend } from './nodes/tencent-sms-send/fields';
import { tencentStatus } from './nodes/tencent-sms-status/fields';
import { smsmobileapiAccount } from './nodes/smsmobileapi-sms-config/account';
import { smsmobileapiManage } from './nodes/smsmobileapi-sms-manage/fields';
import { smsmobileapiReceive } from './nodes/smsmobileapi-sms-receive/fields';
import { smsmobileapiSend } from './nodes/smsmobileapi-sms-send/fields';
import { smsmobileapiStatus } from './nodes/smsmobileapi-sms-status/fields';
import type { NodeRedProvider } from './shared/provider';

/**
 * Every provider in Node-RED: its core module and its nodes' field mappings. Adding a provider: its
 * node-red/nodes/<id>-sms-* folders and one entry here.
 */
export const NODE_RED_PROVIDERS: NodeRedProvider[] = [
	{
		module: providerModule('ovh'),
		account: ovhAccount,
		send: ovhSend,
		status: ovhStatus,
		manage: ovhManage,
		receive: ovhReceive,
	},
	{
		module: providerModule('tencent'),
		account: tencentAccount,
		send: tencentSend,
		status: tencentStatus,
		manage: tencentManage,
		receive: tencentReceive,
	},
	{
		module: providerModule('alibaba'),
		account: alibabaAccount,
		send: alibabaSend,
		status: alibabaStatus,
		manage: alibabaManage,
		receive: alibabaReceive,
	},
	{
		module: providerModule('smsmobileapi'),
		account: smsmobileapiAccount,
		send: smsmobileapiSend,
		status: smsmobileapiStatus,
		manage: smsmobileapiManage,
		receive: smsmobileapiReceive,
	},
];
