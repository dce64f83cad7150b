// `npm run start:n8n`: bundle scripts/start-n8n.ts with esbuild (dependencies stay external) and run it.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(root, '.tmp/start-n8n.cjs');
const buildfile = resolve(root, `.tmp/start-n8n.${process.pid}.cjs`);

require('esbuild').buildSync({
	absWorkingDir: root,
	entryPoints: ['scripts/start-n8n.ts'],
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	outfile: buildfile,
	packages: 'external',
	logLevel: 'warning',
});
renameSync(buildfile, outfile);

require(outfile)
	.main(root, process.argv.slice(2))
	.catch((error) => {
		process.stderr.write(`smskit start:n8n: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
