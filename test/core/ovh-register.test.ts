import { previousSettings } from '../../core/providers/ovh/register';

describe('OVHcloud registration: what to put back', () => {
	const url = 'https://n8n.example.com/webhook/abc/ovh-sms?token=NEW';
	it('keeps the account’s own callback URLs', () => {
		const account = {
			callBack: 'https://crm.example.com/dlr',
			smsResponse: { responseType: 'cgi', cgiUrl: 'https://crm.example.com/mo' },
		};
		expect(previousSettings(account, 'both', url)).toEqual({
			callBack: 'https://crm.example.com/dlr',
			smsResponse: { responseType: 'cgi', cgiUrl: 'https://crm.example.com/mo' },
		});
	});

	it('treats a URL of ours left behind by a crash as nothing set, whatever its token', () => {
		const left = 'https://n8n.example.com/webhook/abc/ovh-sms?token=OLD';
		const account = { callBack: left, smsResponse: { responseType: 'cgi', cgiUrl: left } };
		expect(previousSettings(account, 'both', url)).toEqual({ callBack: '', smsResponse: { responseType: 'none', cgiUrl: null } });
	});
});
