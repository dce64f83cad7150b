import type { NodeAPI } from 'node-red';
import type { Response } from 'express';
import { ovh } from '../../../core';
import { asSmsError } from '../../shared/errors';
import type { OperationRunner } from '../../shared/runner';
import {
	accountBaseUrl,
	ovhRunner,
	type OvhAccountSettings,
	type OvhConfigCredentials,
	type OvhConfigNode,
} from './ovh-sms-config';

/** What the editor sends for a password field it has not changed. */
const UNCHANGED = '__PWRD__';

/**
 * The editor's "list services" button. GET uses a deployed account; POST takes the account as it stands in
 * the edit dialog, so it works before a deploy. Unchanged secrets are taken from the stored credentials,
 * but only towards the base URL they were deployed with: an edited URL must not receive them.
 */
export function registerOvhServicesRoute(RED: NodeAPI): void {
	RED.httpAdmin.get('/smskit/ovh/services/:configId', RED.auth.needsPermission('ovh-sms-config.read'), (req, res) => {
		const config = RED.nodes.getNode(String(req.params.configId)) as OvhConfigNode | null;
		if (!config?.runner) {
			res.status(404).json({ code: 'NO_ACCOUNT', error: 'This OVHcloud account is not deployed yet.' });
			return;
		}
		void reply(res, config.runner, false);
	});

	RED.httpAdmin.post('/smskit/ovh/services', RED.auth.needsPermission('ovh-sms-config.write'), (req, res) => {
		const body = (req.body ?? {}) as OvhAccountSettings & { id?: string; credentials?: OvhConfigCredentials };
		const id = typeof body.id === 'string' && body.id ? body.id : undefined;
		const deployed = id ? (RED.nodes.getNode(id) as OvhConfigNode | null) : null;
		const stored = (id ? RED.nodes.getCredentials(id) : undefined) as OvhConfigCredentials | undefined;
		const given = body.credentials ?? {};
		let usesStored = false;
		const key = (name: keyof OvhConfigCredentials) => {
			const value = given[name];
			if (typeof value === 'string' && value !== '' && value !== UNCHANGED) return value;
			usesStored ||= stored?.[name] !== undefined;
			return stored?.[name];
		};
		const account = {
			endpoint: body.endpoint,
			customUrl: body.customUrl,
			applicationKey: key('applicationKey'),
			applicationSecret: key('applicationSecret'),
			consumerKey: key('consumerKey'),
		};
		if (usesStored && (!deployed?.baseUrl || deployed.baseUrl !== accountBaseUrl(account))) {
			res.status(400).json({
				code: 'ACCOUNT_CHANGED',
				error:
					'The endpoint differs from the deployed account: type the application secret and consumer key again, or deploy first.',
			});
			return;
		}
		void reply(res, ovhRunner(account), true);
	});
}

async function reply(res: Response, runner: OperationRunner, closeAfter: boolean): Promise<void> {
	try {
		res.json(await runner.run(ovh.listServices, {}));
	} catch (caught: unknown) {
		const error = asSmsError(caught, 'ovh');
		res.status(400).json({ code: error.code, error: error.describe(), hint: error.hint });
	} finally {
		if (closeAfter) await runner.close();
	}
}
