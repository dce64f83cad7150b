// `npm run sandbox`: Node has no TypeScript loader here, so bundle sandbox/cli.ts with esbuild
// (dependencies stay external) and run the bundle with this process's arguments.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(root, '.tmp/sandbox.cjs');
// Build beside it, then rename (atomic): sandboxes started in parallel never load a half-written bundle.
const buildfile = resolve(root, `.tmp/sandbox.${process.pid}.cjs`);

require('esbuild').buildSync({
	absWorkingDir: root,
	entryPoints: ['sandbox/cli.ts'],
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	outfile: buildfile,
	packages: 'external',
	logLevel: 'warning',
});
renameSync(buildfile, outfile);

const { main } = require(outfile);
main(process.argv.slice(2)).catch((error) => {
	process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
