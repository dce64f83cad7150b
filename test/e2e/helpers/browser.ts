import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-system.mjs (part of `npm test`). */
export const CHROMIUM = process.env.SMSKIT_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots and traces the browser tests keep, for people to look at (not compared). */
export const ARTIFACTS = path.join(__dirname, '../../../.tmp/browser');

export function launch(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** Everything the page logs as an error, and every uncaught exception: a test asserts it stays empty. */
export function consoleErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(String(error)));
	return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
	await page.screenshot({ path: file });
	return file;
}
