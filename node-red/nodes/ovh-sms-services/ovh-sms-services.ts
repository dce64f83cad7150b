import type { Node, NodeAPI, NodeDef } from 'node-red';
import { ovh } from '../../../core';
import { failMessage } from '../../shared/errors';
import { accountRunner } from '../../shared/account';

export interface OvhSmsServicesDef extends NodeDef {
	account: string;
}

export function registerOvhSmsServices(RED: NodeAPI): void {
	function OvhSmsServices(this: Node, def: OvhSmsServicesDef): void {
		RED.nodes.createNode(this, def);
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('ovh-sms-services.status.listing') });
			const listed = (services: Array<{ service: string }>) => {
				this.status({ fill: 'green', shape: 'dot', text: RED._('ovh-sms-services.status.listed', { count: services.length }) });
				msg.payload = services;
				send(msg);
				done();
			};
			accountRunner(RED, def.account, 'ovh')
				.run(ovh.listServices, {})
				.then(listed, (caught: unknown) => failMessage(this, done, caught, 'ovh'));
		});
	}

	RED.nodes.registerType('ovh-sms-services', OvhSmsServices);
}
