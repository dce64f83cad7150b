import * as path from 'node:path';
import { n8nCredentialData, readExamples, startFlows, tabId, type SandboxCredentials } from '../../scripts/start-flows';

/** `npm start`'s flows, made from the Node-RED package's examples (the browser test runs them for real). */
const credentials: SandboxCredentials = {
	ovh: { applicationKey: 'ak', applicationSecret: 'as', consumerKey: 'ck' },
	tencent: { secretId: 'sid', secretKey: 'skey', smsSdkAppId: '1400000001' },
	alibaba: { accessKeyId: 'akid', accessKeySecret: 'aks' },
	smsmobileapi: { apikey: 'key' },
};
const urls = { ovh: 'http://s/ovh/1.0', tencent: 'http://s:1', alibaba: 'http://s:2', smsmobileapi: 'http://s/smsmobileapi' };
const examples = readExamples(path.join(__dirname, '../../packages/node-red/examples'));
const { flows, pushes } = startFlows(examples, { urls, credentials }, 'http://nr:1880', () => 'tok');

describe('npm start flows', () => {
	it('puts every example node on its provider tab, once, and leaves account nodes global', () => {
		const ids = flows.map((n) => n.id);
		expect(new Set(ids).size).toBe(ids.length);
		const tabOf = new Map(examples.flatMap(({ provider, nodes }) => nodes.map((n) => [n.id, tabId(provider)] as const)));
		for (const node of flows) {
			if (node.type === 'tab' || node.type.endsWith('-sms-config')) expect(node.z).toBeUndefined();
			else expect(node.z).toBe(tabOf.get(node.id));
		}
		expect(flows.filter((n) => n.type === 'tab').map((n) => n.label)).toEqual([
			'Alibaba Cloud SMS',
			'OVHcloud SMS',
			'SMSMobileAPI',
			'Tencent Cloud SMS',
		]);
	});

	it('points every account node at the sandbox with its test credentials', () => {
		const accounts = flows.filter((n) => n.type.endsWith('-sms-config'));
		expect(accounts.length).toBeGreaterThanOrEqual(4);
		for (const account of accounts) {
			const provider = account.type.split('-')[0] as keyof typeof urls;
			expect(account).toMatchObject({ endpoint: 'custom', customUrl: urls[provider] });
			expect(Object.keys(account.credentials as object).length).toBeGreaterThan(0);
		}
		expect(accounts.find((a) => a.type === 'tencent-sms-config')?.credentials).toEqual({ secretId: 'sid', secretKey: 'skey' });
	});

	it('gives webhook receive nodes a token, tells the sandbox where to push, and polls often', () => {
		const alibaba = flows.find((n) => n.type === 'alibaba-sms-receive')!;
		expect(alibaba.credentials).toEqual({ token: 'tok' });
		expect(pushes).toContainEqual({
			provider: 'alibaba',
			method: 'PUT',
			path: '/_sandbox/alibaba/callbacks',
			body: {
				smsUpUrl: `http://nr:1880${String(alibaba.path)}?token=tok`,
				smsReportUrl: `http://nr:1880${String(alibaba.path)}?token=tok`,
			},
		});
		expect(pushes.map((p) => p.provider).sort()).toEqual(['alibaba', 'smsmobileapi', 'tencent']);
		expect(flows.find((n) => n.type === 'ovh-sms-receive')).toMatchObject({ mode: 'poll', interval: '5' });
	});

	it('gives n8n credentials the sandbox URLs and keys', () => {
		expect(n8nCredentialData(credentials, urls).alibaba).toEqual({
			region: 'custom',
			customUrl: 'http://s:2',
			accessKeyId: 'akid',
			accessKeySecret: 'aks',
		});
	});
});
