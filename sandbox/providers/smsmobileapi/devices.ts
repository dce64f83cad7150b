import { badRequest, missingParameter } from './errors';
import type { Call } from './messages';
import { param } from './params';

/**
 * `/gateway/mobile/list/` with its `sid` and `search` filters (specs §3.7). The response body is not
 * documented: `{"result":{"error":"","mobiles":[{sIdentifiant, name, online, status}]}}`.
 */
export function listPhones({ state, params }: Call): unknown {
	const sid = param(params, 'sid');
	const search = param(params, 'search')?.toLowerCase();
	const phones = state.phones.filter(
		(p) =>
			(sid === undefined || p.sid === sid) &&
			(search === undefined || p.name.toLowerCase().includes(search) || p.sid.toLowerCase().includes(search)),
	);
	return {
		result: {
			error: '',
			mobiles: phones.map((p) => ({
				sIdentifiant: p.sid,
				name: p.name,
				online: p.online ? '1' : '0',
				status: p.online ? 'online' : 'offline',
			})),
		},
	};
}

/**
 * `/whatsapp/checknumber/` (specs §3.6): country code and number without `+` or `00`. Every number
 * is on WhatsApp except those ending in 9, so that tests can see both answers; body undocumented.
 */
export function checkWhatsAppNumber({ params }: Call): unknown {
	const number = param(params, 'recipients')?.trim();
	if (number === undefined) throw missingParameter('recipients');
	if (!/^[1-9]\d{5,14}$/.test(number)) throw badRequest('recipients must be the country code and number, without + or 00');
	const onWhatsApp = !number.endsWith('9');
	return { result: { error: '', number, whatsapp: onWhatsApp ? '1' : '0', exists: onWhatsApp } };
}
