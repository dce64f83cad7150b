import type { Browser, Page } from 'playwright-core';
import { consoleErrors, launch, screenshot } from './helpers/browser';
import { startNodeRed, type EmbeddedNodeRed } from './helpers/node-red';

/**
 * The Node-RED editor in a real browser, with the packed package installed: every SMS Kit node's edit dialog
 * opened from the palette (the account dialogs from a node's account field), its fields translated and inside
 * their rows, its help in the sidebar, and nothing logged as an error. A screenshot of each goes to .tmp/browser/.
 */
const PROVIDERS = ['ovh', 'tencent', 'alibaba', 'smsmobileapi'] as const;
const ROLES = ['send', 'status', 'manage', 'receive'] as const;

/** What an untranslated message looks like on the page: `ovh-sms-send.label.message`, `smskit.status.sending`. */
const RAW_KEY = /\b(?:[a-z]+-sms-[a-z]+|smskit)\.[a-zA-Z]+\.[a-zA-Z.]+\b/;

let nodeRed: EmbeddedNodeRed;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
	nodeRed = await startNodeRed();
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 1680, height: 1000 } });
	errors = consoleErrors(page);
	await page.goto(`${nodeRed.base}/admin/`);
	await page.waitForSelector('.red-ui-palette-node[data-palette-type="ovh-sms-send"]', { timeout: 60_000 });
});

afterAll(async () => {
	await browser?.close();
	await nodeRed?.stop();
});

/** Drags a node from the palette onto the workspace, as a person would, and opens its dialog. */
async function dropAndOpen(type: string, at: { x: number; y: number }): Promise<void> {
	const entry = page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
	await entry.scrollIntoViewIfNeeded();
	const box = (await entry.boundingBox())!;
	const chart = (await page.locator('#red-ui-workspace-chart').boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(chart.x + at.x, chart.y + at.y, { steps: 12 });
	await page.mouse.up();
	const node = page.locator('g.red-ui-flow-node-group').last();
	await node.dblclick();
	await page.waitForSelector('.red-ui-tray .red-ui-tray-body', { state: 'visible' });
}

/** Form rows whose inputs, selects or typed inputs stick out of the row (a control overflowing its row). */
function overflowingRows(): Promise<string[]> {
	return page.evaluate(() => {
		const tray = document.querySelectorAll('.red-ui-tray');
		const top = tray[tray.length - 1];
		const bad: string[] = [];
		for (const row of Array.from(top.querySelectorAll<HTMLElement>('.form-row'))) {
			if (row.offsetParent === null) continue; // hidden rows (other operations) are not laid out
			const limit = row.getBoundingClientRect().right + 1;
			for (const control of Array.from(
				row.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, .red-ui-typedInput-container'),
			)) {
				if (control.offsetParent === null) continue;
				if (control.getBoundingClientRect().right > limit)
					bad.push(`${row.id || row.className}: ${control.id || control.className}`);
			}
		}
		return bad;
	});
}

async function checkTray(name: string): Promise<void> {
	const tray = page.locator('.red-ui-tray').last();
	const text = await tray.innerText();
	expect(text).not.toMatch(RAW_KEY);
	// At least one labelled field, rendered.
	expect(await tray.locator('.form-row label:visible').count()).toBeGreaterThan(0);
	expect(await overflowingRows()).toEqual([]);
	await screenshot(page, name);
}

/** Cancels every open dialog (an account dialog above a node's), so the next test starts from the workspace. */
async function closeTrays(): Promise<void> {
	for (const cancel of ['#node-config-dialog-cancel', '#node-dialog-cancel']) {
		const button = page.locator(cancel);
		if (await button.isVisible()) {
			await button.click();
			await page.waitForTimeout(400); // the tray slides out
		}
	}
}

describe('Node-RED editor: every SMS Kit node', () => {
	for (const provider of PROVIDERS) {
		for (const [index, role] of ROLES.entries()) {
			const type = `${provider}-sms-${role}`;
			it(`${type}: opens from the palette with its fields, its help, no raw keys, no errors`, async () => {
				errors.length = 0;
				try {
					await dropAndOpen(type, { x: 200 + index * 160, y: 120 + PROVIDERS.indexOf(provider) * 80 });
					await checkTray(type);
					// The help sidebar shows the node's own help (what Node-RED shows for a node selected in the palette).
					await page.evaluate((t) => {
						(window as unknown as { RED: { sidebar: { help: { show(type: string): void } } } }).RED.sidebar.help.show(t);
					}, type);
					const help = page.locator('.red-ui-sidebar-help-stack .red-ui-help').first();
					await help.locator('.red-ui-help-title').waitFor();
					const text = await help.innerText();
					expect(text.trim().length).toBeGreaterThan(80);
					expect(text).not.toMatch(RAW_KEY);
					expect(errors).toEqual([]);
				} finally {
					await closeTrays();
				}
			});
		}
		const config = `${provider}-sms-config`;
		it(`${config}: opens from a node's account field with its fields, no raw keys, no errors`, async () => {
			errors.length = 0;
			try {
				await dropAndOpen(`${provider}-sms-send`, { x: 200, y: 460 });
				await page.click('#node-input-btn-account-add');
				await page.waitForSelector('#node-config-dialog-cancel', { state: 'visible' });
				await page.waitForTimeout(300);
				await checkTray(config);
				expect(errors).toEqual([]);
			} finally {
				await closeTrays();
			}
		});
	}
});
