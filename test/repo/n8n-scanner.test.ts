/** The n8n scanner gate of `npm test` (scripts/scan-n8n.mjs) refuses what n8n's verification refuses. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, '../../scripts/scan-n8n.mjs');
const scan = (dir: string) => spawnSync(process.execPath, [script, '--tarball', dir], { encoding: 'utf8' });

function tarball(js: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smskit-scan-'));
	// The package.json rules pass on ours: the probe differs by one .js file.
	fs.copyFileSync(path.join(__dirname, '../../package.json'), path.join(dir, 'package.json'));
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.writeFileSync(path.join(dir, 'dist/probe.node.js'), js);
	return dir;
}

it('passes a bundle that uses only what n8n allows', () => {
	const result = scan(tarball('"use strict";const c=require("node:crypto");module.exports={h:c.createHash("sha1")};\n'));
	expect(result.stdout).toContain('✅');
	expect(result.status).toBe(0);
}, 60_000);

it.each([
	['globalThis (as a bundled zod would use it)', 'globalThis.__zod_globalConfig={};', 'no-restricted-globals'],
	['a timer', 'setTimeout(()=>{},1);', 'no-restricted-globals'],
	['a Node module n8n Cloud refuses', 'require("fs");', 'no-restricted-imports'],
	['an eslint-disable comment, which the scanner ignores', '/* eslint-disable */ process.exit(1);', 'no-restricted-globals'],
])(
	'refuses %s',
	(_what, js, rule) => {
		const result = scan(tarball(`"use strict";${js}\n`));
		expect(result.status).toBe(1);
		expect(result.stdout).toContain(rule);
	},
	60_000,
);
