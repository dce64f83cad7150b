import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consoleErrors, launch, screenshot } from './helpers/browser';

/**
 * `npm start` as a newcomer meets it, in a real browser: the editor has a tab per provider; pressing an inject
 * button sends an SMS that shows up on the phone page, in its own conversation; a reply typed there reaches the
 * flow's receive node once, in the debug sidebar.
 */
const ROOT = path.join(__dirname, '../..');

let start: ChildProcess;
let urls: { editor: string; phone: string };
let browser: Browser;

beforeAll(async () => {
	// Free ports for both, so a running `npm start` on this machine does not get in the way.
	start = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--sandbox-port', '0'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	start.stderr!.on('data', (d: Buffer) => (out += d));
	urls = await new Promise((resolve, reject) => {
		start.stdout!.on('data', (d: Buffer) => {
			out += d;
			const editor = /Node-RED editor\s+(http:\S+)/.exec(out)?.[1];
			const phone = /Phone page\s+(http:\S+)/.exec(out)?.[1];
			if (editor && phone) resolve({ editor, phone });
		});
		start.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
	});
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	if (start && start.exitCode === null) {
		const exited = new Promise((resolve) => start.once('exit', resolve));
		start.kill('SIGINT');
		await exited;
	}
});

async function openTab(page: Page, label: string): Promise<void> {
	await page.locator('#red-ui-workspace-tabs .red-ui-tab', { hasText: label }).first().click();
}

it('prints both URLs, and Ctrl-C is handled (the process is still up until then)', () => {
	expect(urls.editor).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	expect(urls.phone).toMatch(/\/_sandbox\/phone$/);
	expect(start.exitCode).toBeNull();
});

it('an inject button sends an SMS that appears in its conversation on the phone page; a reply there reaches the flow once', async () => {
	const editor = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const editorErrors = consoleErrors(editor);
	// The editor asks the Node-RED catalogue for palette updates: this machine may have no internet.
	const offline: string[] = [];
	editor.on('requestfailed', (request) => {
		if (new URL(request.url()).host === 'catalogue.nodered.org') offline.push(request.url());
	});
	await editor.goto(urls.editor);
	await editor.waitForSelector('#red-ui-workspace-tabs .red-ui-tab', { timeout: 60_000 });
	for (const label of ['OVHcloud SMS', 'Tencent Cloud SMS', 'Alibaba Cloud SMS', 'SMSMobileAPI']) {
		await expect(editor.locator('#red-ui-workspace-tabs .red-ui-tab', { hasText: label }).count()).resolves.toBe(1);
	}
	// Every node of the example flows is valid as deployed (no warning triangle): each example leaves out some
	// fields, which must then take their defaults, not fail their checks.
	const invalid = await editor.evaluate(() => {
		type Node = { type: string; id: string; valid?: boolean };
		const RED = (
			window as unknown as { RED: { nodes: { eachNode(f: (n: Node) => void): void; eachConfig(f: (n: Node) => void): void } } }
		).RED;
		const bad: string[] = [];
		const check = (n: Node) => {
			if (n.valid === false) bad.push(`${n.type} ${n.id}`);
		};
		RED.nodes.eachNode(check);
		RED.nodes.eachConfig(check);
		return bad;
	});
	expect(invalid).toEqual([]);
	await openTab(editor, 'Alibaba Cloud SMS');
	// The inject node "order 42 shipped" of the Alibaba example: its button.
	await editor.locator('[id="a1ba7a0c5e9d0002"] .red-ui-flow-node-button').click();
	await screenshot(editor, 'start-node-red-flow');

	const phone = await browser.newPage({ viewport: { width: 1200, height: 800 } });
	const phoneErrors = consoleErrors(phone);
	await phone.goto(urls.phone);
	const conversation = phone.locator('#conversations li[data-provider="alibaba"][data-phone="+8613800000000"]');
	await conversation.waitFor({ timeout: 15_000 }).catch(async (error) => {
		await screenshot(phone, 'start-phone-page-failed');
		await screenshot(editor, 'start-node-red-failed');
		throw error;
	});
	await conversation.click();
	const bubble = phone.locator('.bubble.sent', { hasText: 'Your order 42 has shipped.' });
	await expect(bubble.count()).resolves.toBe(1);
	await expect(bubble.locator('.badge').innerText()).resolves.toBe('queued');

	await phone.fill('form#reply input[name="text"]', 'Thanks, see you soon');
	await phone.click('form#reply button[type="submit"]');
	await phone.locator('.bubble.received', { hasText: 'Thanks, see you soon' }).waitFor({ timeout: 10_000 });
	await screenshot(phone, 'start-phone-page');

	// The receive node's debug node prints the pushed SmsUp in the sidebar, once.
	await editor.evaluate(() => (window as unknown as { RED: { sidebar: { show(id: string): void } } }).RED.sidebar.show('debug'));
	const received = editor.locator('.red-ui-debug-msg', { hasText: 'Thanks, see you soon' });
	await received
		.first()
		.waitFor({ timeout: 15_000 })
		.catch(async (error) => {
			await screenshot(editor, 'start-debug-sidebar-failed');
			throw new Error(`${String(error)}\nThe sidebar shows: ${await editor.locator('.red-ui-debug-content').innerText()}`);
		});
	await editor.waitForTimeout(2000); // a second delivery would show by now
	await expect(received.count()).resolves.toBe(1);
	await screenshot(editor, 'start-debug-sidebar');
	expect(editorErrors.filter((e) => !(offline.length && /^Failed to load resource: net::ERR_/.test(e)))).toEqual([]);
	expect(phoneErrors).toEqual([]);
});
