// Each editor's own gate, on what would be published (`npm test` runs this after the build):
// - n8n: the analysis of n8n's community-package scanner (scripts/scan-n8n.mjs) on the sources (package.json,
//   nodes/, credentials/) and on every .js of the packed tarball. Provenance and the registry download are out
//   of reach offline; the analysis is the part that judges the code. Then @n8n/node-cli's `n8n-node lint` and
//   `n8n-node prerelease` (scripts/check-n8n-node.mjs).
// - Node-RED: the Flow Library scorecard checks that need no network (scripts/check-node-red-package.mjs) on
//   the packed Node-RED package.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES, pack, ROOT, unpack } from './packages.mjs';

const work = join(ROOT, '.tmp/check-packages');
rmSync(work, { recursive: true, force: true });

const gates = [
	['scripts/scan-n8n.mjs', '--source', ROOT],
	['scripts/scan-n8n.mjs', '--tarball', unpack(pack(PACKAGES.n8n.dir, work).tarball, work)],
	['scripts/check-n8n-node.mjs'],
	['scripts/check-node-red-package.mjs', unpack(pack(PACKAGES.nodeRed.dir, work).tarball, work)],
];
const failed = gates.filter(
	([script, ...args]) => spawnSync(process.execPath, [join(ROOT, script), ...args], { stdio: 'inherit' }).status !== 0,
);
process.exit(failed.length ? 1 : 0);
