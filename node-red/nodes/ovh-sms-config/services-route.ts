import type { NodeAPI } from 'node-red';
import type { Response } from 'express';
import { providerModule, runAction } from '../../../core';
import { findAccount, openAccount, type Account } from '../../shared/account';
import { asSmsError } from '../../shared/errors';
import type { OvhConfigCredentials } from './account';

/** What the editor sends for a password field it has not changed. */
const UNCHANGED = '__PWRD__';
const ovh = providerModule('ovh');

/**
 * The editor's "list services" button. GET uses a deployed account; POST takes the account as it stands in
 * the edit dialog, so it works before a deploy. Unchanged secrets are taken from the stored credentials,
 * but only towards the base URL they were deployed with: an edited URL must not receive them.
 */
export function registerOvhServicesRoute(RED: NodeAPI): void {
	RED.httpAdmin.get('/smskit/ovh/services/:configId', RED.auth.needsPermission('ovh-sms-config.read'), (req, res) => {
		const account = findAccount(RED, String(req.params.configId));
		if (!account) {
			res.status(404).json({ code: 'NO_ACCOUNT', error: 'This OVHcloud account is not deployed yet.' });
			return;
		}
		void reply(res, account, false);
	});

	RED.httpAdmin.post('/smskit/ovh/services', RED.auth.needsPermission('ovh-sms-config.write'), (req, res) => {
		const body = (req.body ?? {}) as { id?: string; endpoint?: string; customUrl?: string; credentials?: OvhConfigCredentials };
		const id = typeof body.id === 'string' && body.id ? body.id : undefined;
		const deployed = id ? findAccount(RED, id) : undefined;
		const stored = (id ? RED.nodes.getCredentials(id) : undefined) as OvhConfigCredentials | undefined;
		const given = body.credentials ?? {};
		let usesStored = false;
		const key = (name: keyof OvhConfigCredentials) => {
			const value = given[name];
			if (typeof value === 'string' && value !== '' && value !== UNCHANGED) return value;
			usesStored ||= stored?.[name] !== undefined;
			return stored?.[name];
		};
		const account = openAccount(ovh, {
			endpoint: body.endpoint,
			customUrl: body.customUrl,
			applicationKey: key('applicationKey'),
			applicationSecret: key('applicationSecret'),
			consumerKey: key('consumerKey'),
		});
		if (usesStored && (!deployed?.baseUrl || deployed.baseUrl !== account.baseUrl)) {
			res.status(400).json({
				code: 'ACCOUNT_CHANGED',
				error:
					'The endpoint differs from the deployed account: type the application secret and consumer key again, or deploy first.',
			});
			return;
		}
		void reply(res, account, true);
	});
}

async function reply(res: Response, account: Account, closeAfter: boolean): Promise<void> {
	try {
		res.json(await runAction(ovh, 'account.getMany', {}, account.deps(new Map())));
	} catch (caught: unknown) {
		const error = asSmsError(caught, ovh);
		res.status(400).json({ code: error.code, error: error.describe(), hint: error.hint });
	} finally {
		if (closeAfter) await account.close();
	}
}
