// What the builds cost the editors that load them (`npm run bench` reads `coldLoad`), measured on dist/:
// - n8nMs: a fresh node loading n8n-workflow first (n8n has it loaded already), then requiring every node and
//   credential file package.json lists and instantiating each class, as n8n does at start-up to read the
//   descriptions; the median over several processes;
// - distBytes: the n8n package's dist/ unpacked, all four providers;
// - nodeRedBytes / nodeRedMs: the Node-RED bundle's size and a cold require of it (median).
// Run `npx gulp build` first. `node scripts/measure-bundles.mjs [--runs N] [--json]`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const NODE_RED_BUNDLE = join(ROOT, 'packages/node-red/dist/smskit.js');

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const round = (ms) => Math.round(ms * 10) / 10;

function bytesUnder(dir) {
	return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
		const file = join(dir, entry.name);
		return sum + (entry.isDirectory() ? bytesUnder(file) : statSync(file).size);
	}, 0);
}

/** Milliseconds a fresh node process spends in `measured`, after `before` has run; median of `runs`. */
function coldMs(measured, before, runs) {
	const script = `${before};const t=process.hrtime.bigint();${measured};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const times = [];
	for (let i = 0; i < runs; i++) {
		times.push(
			Number(
				execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
			),
		);
	}
	return round(median(times));
}

/** Loads each file and instantiates the class named like it, as n8n's loader does to read the description. */
function n8nLoadScript(files) {
	const load = files.map((file) => [file, basename(file).split('.')[0]]);
	return `for(const[f,c]of ${JSON.stringify(load)}){const t=new(require(f)[c])();if(!(t.description||t.properties))throw new Error(f)}`;
}

export function measureBundles({ runs = 7 } = {}) {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => join(ROOT, file));
	return {
		n8nMs: coldMs(n8nLoadScript(files), `require(${JSON.stringify(require_n8nWorkflow())})`, runs),
		nodeRedMs: coldMs(`require(${JSON.stringify(NODE_RED_BUNDLE)})`, '', runs),
		distBytes: bytesUnder(join(ROOT, 'dist')),
		nodeRedBytes: statSync(NODE_RED_BUNDLE).size,
	};
}

function require_n8nWorkflow() {
	return execFileSync(process.execPath, ['-p', `require.resolve('n8n-workflow')`], { cwd: ROOT, encoding: 'utf8' }).trim();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const args = process.argv.slice(2);
	const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined;
	const result = measureBundles({ runs });
	if (args.includes('--json')) console.log(JSON.stringify({ coldLoad: result }));
	else {
		console.log(`n8n: every node and credential description, n8n-workflow preloaded  ${result.n8nMs} ms`);
		console.log(`n8n: dist/ unpacked                                               ${(result.distBytes / 1e3).toFixed(1)} kB`);
		console.log(`Node-RED: smskit.js                                               ${(result.nodeRedBytes / 1e3).toFixed(1)} kB`);
		console.log(`Node-RED: cold require                                            ${result.nodeRedMs} ms`);
	}
}
export default measureBundles;
