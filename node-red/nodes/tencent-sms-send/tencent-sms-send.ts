import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { sendInBatches, tencent } from '../../../core';
import { accountRunner } from '../../shared/account';
import { failMessage } from '../../shared/errors';
import { pick, pickText } from '../../shared/fields';
import { tencentAccount } from '../tencent-sms-config/tencent-sms-config';
import { templateTexts } from './template-texts';

export interface TencentSmsSendDef extends NodeDef {
	account: string;
	smsSdkAppId: string;
	signName: string;
	templateId: string;
	templateParams: string;
	phoneNumbers: string;
	extendCode: string;
	sessionContext: string;
	senderId: string;
}

/** The send input from the node's fields, each empty one taken from msg, the SDK AppID last from the account. */
export function sendInput(def: TencentSmsSendDef, msg: NodeMessageInFlow, defaultAppId?: string): Record<string, unknown> {
	return {
		smsSdkAppId: pickText(def.smsSdkAppId, msg.smsSdkAppId, defaultAppId),
		signName: pick(def.signName, msg.signName),
		templateId: pickText(def.templateId, msg.templateId),
		templateParams: pick(def.templateParams, msg.templateParams) ?? [],
		phoneNumbers: pick(def.phoneNumbers, msg.to, msg.phoneNumbers) ?? [],
		extendCode: pick(def.extendCode, msg.extendCode),
		sessionContext: pick(def.sessionContext, msg.sessionContext),
		senderId: pick(def.senderId, msg.senderId),
		templateContent: pick(msg.templateContent),
	};
}

export function registerTencentSmsSend(RED: NodeAPI): void {
	function TencentSmsSend(this: Node, def: TencentSmsSendDef): void {
		RED.nodes.createNode(this, def);
		const texts = templateTexts();
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('tencent-sms-send.status.sending') });
			const runner = accountRunner(RED, def.account, 'tencent');
			const sent = (results: tencent.TencentSendResult[]) => {
				const queued = results.filter((r) => r.status === 'queued').length;
				const notSent = results.length - queued;
				this.status(
					notSent
						? { fill: 'yellow', shape: 'dot', text: RED._('tencent-sms-send.status.partly', { queued, notSent }) }
						: { fill: 'green', shape: 'dot', text: RED._('tencent-sms-send.status.sent', { queued }) },
				);
				msg.payload = results;
				send(msg);
				done();
			};
			const work = async () => {
				// Every number is checked before anything is sent; more than 200 become several SendSms requests.
				const plan = tencent.planSendSms(sendInput(def, msg, tencentAccount(RED, def.account)?.smsSdkAppId));
				const first = plan[0];
				const templateContent =
					first.templateContent ??
					(await texts(
						runner,
						first.templateId,
						first.phoneNumbers.every((n) => n.startsWith('+86')),
					));
				return sendInBatches(
					'tencent',
					plan.map((p) => p.phoneNumbers),
					(phoneNumbers) => runner.run(tencent.sendSms, { ...first, phoneNumbers, templateContent }),
					tencent.failedSend,
				);
			};
			work().then(sent, (caught: unknown) => failMessage(this, done, caught, 'tencent'));
		});
	}

	RED.nodes.registerType('tencent-sms-send', TencentSmsSend);
}
