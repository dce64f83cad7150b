import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { ovh } from '../../../core';
import { failMessage } from '../../shared/errors';
import { pick, pickFlag, pickNumber, pickText, textPayload } from '../../shared/fields';
import { accountRunner } from '../../shared/account';

export interface OvhSmsSendDef extends NodeDef {
	account: string;
	service: string;
	message: string;
	receivers: string;
	sender: string;
	senderForResponse: boolean;
	noStopClause: boolean;
	priority: string;
	validityPeriod: string;
	tag: string;
	/** Minutes to wait before sending. */
	differedPeriod?: string;
	/** flash, phoneDisplay, sim or toolkit. */
	class?: string;
	/** 7bit or 8bit. */
	coding?: string;
	/** UTF-8, or empty for the provider default. */
	charset?: string;
}

/** The send input from the node's fields, each empty one taken from msg (see help.html for the list). */
export function sendInput(def: OvhSmsSendDef, msg: NodeMessageInFlow): Record<string, unknown> {
	return {
		service: pickText(def.service, msg.service),
		message: pickText(def.message, textPayload(msg.payload)),
		receivers: pick(def.receivers, msg.to, msg.receivers) ?? [],
		sender: pick(def.sender, msg.sender),
		senderForResponse: pickFlag(def.senderForResponse, msg.senderForResponse),
		noStopClause: pickFlag(def.noStopClause, msg.noStopClause),
		priority: pick(def.priority, msg.priority),
		validityPeriod: pickNumber(def.validityPeriod, msg.validityPeriod),
		tag: pick(def.tag, msg.tag),
		differedPeriod: pickNumber(def.differedPeriod, msg.differedPeriod),
		class: pick(def.class, msg.class),
		coding: pick(def.coding, msg.coding),
		charset: pick(def.charset, msg.charset),
	};
}

export function registerOvhSmsSend(RED: NodeAPI): void {
	function OvhSmsSend(this: Node, def: OvhSmsSendDef): void {
		RED.nodes.createNode(this, def);
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('ovh-sms-send.status.sending') });
			const sent = (results: ovh.SendResult[]) => {
				const queued = results.filter((r) => r.status === 'queued').length;
				const rejected = results.length - queued;
				this.status(
					rejected
						? { fill: 'yellow', shape: 'dot', text: RED._('ovh-sms-send.status.partly', { queued, rejected }) }
						: { fill: 'green', shape: 'dot', text: RED._('ovh-sms-send.status.sent', { queued }) },
				);
				msg.payload = results;
				send(msg);
				done();
			};
			accountRunner(RED, def.account, 'ovh')
				.run(ovh.sendMessage, sendInput(def, msg))
				.then(sent, (caught: unknown) => failMessage(this, done, caught, 'ovh'));
		});
	}

	RED.nodes.registerType('ovh-sms-send', OvhSmsSend);
}
