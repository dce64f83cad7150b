// Each editor's own gate, on what would be published (`npm test` runs this after the build):
// - n8n: the analysis of n8n's community-package scanner (@n8n/scan-community-package, which decides the
//   "verified" badge and n8n Cloud) on the sources (package.json, nodes/, credentials/) and on every .js of the
//   packed tarball, inline eslint-disable comments ignored. Provenance and the registry download are out of
//   reach offline; the analysis is the part that judges the code.
// - Node-RED: the Flow Library scorecard checks that need no network (scripts/check-node-red-package.mjs) on
//   the packed Node-RED package.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { PACKAGES, pack, ROOT, unpack } from './packages.mjs';

const work = join(ROOT, '.tmp/check-packages');
rmSync(work, { recursive: true, force: true });
let failed = false;

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? '✅' : '❌'} n8n scanner, ${label}${result.passed ? '' : `: ${result.message}`}`);
	if (result.details) console.log(result.details);
	failed ||= !result.passed;
}

const n8n = unpack(pack(PACKAGES.n8n.dir, work).tarball, work);
await scan('sources (package.json, nodes/, credentials/)', ROOT, SOURCE_FILE_PATTERNS);
await scan(`packed ${PACKAGES.n8n.name} (every .js, package.json)`, n8n, ['**/*.js', 'package.json']);

const nodeRed = unpack(pack(PACKAGES.nodeRed.dir, work).tarball, work);
try {
	execFileSync(process.execPath, [join(ROOT, 'scripts/check-node-red-package.mjs'), nodeRed], { stdio: 'inherit' });
	console.log(`✅ Node-RED scorecard, packed ${PACKAGES.nodeRed.name}`);
} catch {
	console.log(`❌ Node-RED scorecard, packed ${PACKAGES.nodeRed.name}`);
	failed = true;
}

process.exit(failed ? 1 : 0);
