import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { SmsError, tencent } from '../../../core';
import { accountRunner } from '../../shared/account';
import { failMessage } from '../../shared/errors';
import { pickNumber, pickText } from '../../shared/fields';
import type { OperationRunner } from '../../shared/runner';
import { tencentAccount } from '../tencent-sms-config/tencent-sms-config';

export const STATUS_OPERATIONS = ['pullStatus', 'pullStatusByPhone', 'pullReplies', 'pullRepliesByPhone'] as const;
export type StatusOperation = (typeof STATUS_OPERATIONS)[number];

export interface TencentSmsStatusDef extends NodeDef {
	account: string;
	operation: StatusOperation;
	smsSdkAppId: string;
	phoneNumber: string;
	beginTime: string;
	endTime: string;
	limit: string;
	offset: string;
}

/** The operation's input from the node's fields, each empty one taken from msg. */
export function statusInput(def: TencentSmsStatusDef, msg: NodeMessageInFlow, defaultAppId?: string): Record<string, unknown> {
	const common = {
		smsSdkAppId: pickText(def.smsSdkAppId, msg.smsSdkAppId, defaultAppId),
		limit: pickNumber(def.limit, msg.limit),
	};
	if (!def.operation.endsWith('ByPhone')) return common;
	return {
		...common,
		phoneNumber: pickText(def.phoneNumber, msg.phoneNumber, msg.to),
		beginTime: pickNumber(def.beginTime, msg.beginTime),
		endTime: pickNumber(def.endTime, msg.endTime),
		offset: pickNumber(def.offset, msg.offset),
	};
}

/** Each operation returns a list: receipts (DeliveryReport shape) or replies (InboundSms shape). */
export function runStatus(runner: OperationRunner, operation: string, input: unknown): Promise<unknown[]> {
	switch (operation) {
		case 'pullStatus':
			return runner.run(tencent.pullSendStatus, input);
		case 'pullStatusByPhone':
			return runner.run(tencent.pullSendStatusByPhone, input);
		case 'pullReplies':
			return runner.run(tencent.pullReplies, input);
		case 'pullRepliesByPhone':
			return runner.run(tencent.pullRepliesByPhone, input);
		default:
			return Promise.reject(
				new SmsError({ provider: 'tencent', code: 'INVALID_INPUT', message: `Unknown operation "${operation}".` }),
			);
	}
}

export function registerTencentSmsStatus(RED: NodeAPI): void {
	function TencentSmsStatus(this: Node, def: TencentSmsStatusDef): void {
		RED.nodes.createNode(this, def);
		const operation = def.operation || 'pullStatus';
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('tencent-sms-status.status.pulling') });
			const pulled = (items: unknown[]) => {
				this.status({ fill: 'green', shape: 'dot', text: RED._('tencent-sms-status.status.pulled', { count: items.length }) });
				msg.payload = items;
				send(msg);
				done();
			};
			const input = statusInput({ ...def, operation }, msg, tencentAccount(RED, def.account)?.smsSdkAppId);
			runStatus(accountRunner(RED, def.account, 'tencent'), operation, input).then(pulled, (caught: unknown) =>
				failMessage(this, done, caught, 'tencent'),
			);
		});
	}

	RED.nodes.registerType('tencent-sms-status', TencentSmsStatus);
}
