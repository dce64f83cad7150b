import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { n8nCredentialData, type SandboxCredentials, type StartProvider } from '../../scripts/start-flows';
import { launch, screenshot } from './helpers/browser';
import { N8n } from './helpers/n8n';
import { ROOT } from './helpers/pack';

/**
 * The n8n editor in a real browser, with the packed package installed: after login, the node creator lists every
 * SMS Kit node, and each node's parameter panel opens with its fields and its credential selector.
 */
const LOGIN = { email: 'owner@smskit.test', password: 'SmsKit-browser-1', firstName: 'SMS', lastName: 'Kit' };
const CREDENTIAL_TYPES: Record<StartProvider, string> = {
	ovh: 'ovhApi',
	tencent: 'tencentCloudSmsApi',
	alibaba: 'alibabaCloudSmsApi',
	smsmobileapi: 'smsMobileApi',
};

/** Every node the package declares, by the file name n8n loads it from (OvhSmsPollingTrigger → ovhSmsPollingTrigger). */
const NODE_TYPES = (
	JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }
).n8n.nodes.map((file) => {
	const name = path.basename(file, '.node.js');
	return `@smskit/n8n-nodes-sms.${name[0].toLowerCase()}${name.slice(1)}`;
});
const providerOf = (type: string): StartProvider =>
	type.includes('.ovh') ? 'ovh' : type.includes('.tencent') ? 'tencent' : type.includes('.alibaba') ? 'alibaba' : 'smsmobileapi';

let n8n: N8n;
let sandbox: Sandbox;
let base: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	n8n = new N8n('browser');
	n8n.install();
	sandbox = await startSandbox({ port: 0 });
	const credentials = (await (await fetch(`${sandbox.origin}/_sandbox/credentials`)).json()) as SandboxCredentials;
	const data = n8nCredentialData(credentials, sandbox.urls);
	const id = (p: StartProvider) => `browser${p}`.padEnd(16, '0').slice(0, 16);
	await n8n.importCredentials(
		(Object.keys(CREDENTIAL_TYPES) as StartProvider[]).map((p) => ({
			id: id(p),
			name: `${p} sandbox`,
			type: CREDENTIAL_TYPES[p],
			data: data[p],
		})),
	);
	// One workflow holding every SMS Kit node, each with its credential.
	await n8n.importWorkflows([
		{
			id: 'browserallnodes0',
			name: 'Every SMS Kit node',
			nodes: NODE_TYPES.map((type, i) => ({
				id: `node-${i}`,
				name: type.split('.')[1],
				type,
				typeVersion: 1,
				position: [(i % 4) * 260, Math.floor(i / 4) * 200],
				parameters: {},
				...(type.endsWith('Trigger') && !type.endsWith('PollingTrigger') ? { webhookId: `browser-${i}` } : {}),
				credentials: { [CREDENTIAL_TYPES[providerOf(type)]]: { id: id(providerOf(type)), name: `${providerOf(type)} sandbox` } },
			})),
			connections: {},
		},
	]);
	base = await n8n.start(15900 + (process.pid % 50));
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(LOGIN),
	});
	expect(setup.status).toBe(200);
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	await page.goto(`${base}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', LOGIN.email);
	await page.fill('input[name=password]', LOGIN.password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await sandbox?.close();
});

it('the node creator lists every SMS Kit node', async () => {
	await page.goto(`${base}/workflow/new`);
	await page.locator('[data-test-id="canvas-plus-button"]').first().click();
	await page.locator('[data-test-id="node-creator-search-bar"]').fill('SMS');
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	// The search results, not the list the creator opens with (n8n 2.41 shows its trigger list until the search runs).
	await names.filter({ hasText: 'OVHcloud SMS' }).first().waitFor();
	const listed = (await names.allInnerTexts()).map((t) => t.trim());
	// The app entries (each holds its actions and webhook triggers) and the polling triggers.
	for (const name of [
		'OVHcloud SMS',
		'Tencent Cloud SMS',
		'Alibaba Cloud SMS',
		'SMSMobileAPI',
		'OVHcloud SMS Polling',
		'Tencent Cloud SMS Polling',
		'SMSMobileAPI Polling',
	])
		expect(listed).toContain(name);
	await screenshot(page, 'n8n-node-creator');
});

it("every SMS Kit node's parameter panel opens with its fields and its credential selector", async () => {
	await page.goto(`${base}/workflow/browserallnodes0`);
	const canvasNodes = page.locator('[data-test-id="canvas-node"]');
	await canvasNodes.first().waitFor();
	expect(await canvasNodes.count()).toBe(NODE_TYPES.length);
	for (const type of NODE_TYPES) {
		const node = page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		await expect(ndv.locator('[data-test-id="node-credentials-select"]').first().isVisible()).resolves.toBe(true);
		// Its own fields: more than the settings every node has.
		expect(await ndv.locator('[data-test-id="node-parameters"] [data-test-id="parameter-item"]').count()).toBeGreaterThan(0);
		await screenshot(page, `n8n-${type.split('.')[1]}`);
		await page.locator('[data-test-id="ndv-close-button"]').click();
		await ndv.waitFor({ state: 'hidden' });
	}
});
