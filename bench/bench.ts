/**
 * `npm run bench [-- --quick] [-- --cpu-before <git ref>]`: every measurement side by side in one run, a Markdown
 * table on stdout and bench/results.json. See bench/README.md for what each figure is.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProviderModule } from '../core';
import { providerModule } from '../core';
import { startSandbox } from '../sandbox/server';
import { CPU_PROVIDERS, measureCpu, profileOurs, runStub, type CpuFigures, type CpuProvider } from './cpu';
import {
	installTarball,
	N8n,
	n8nCredentials,
	n8nWorkflow,
	nodeRedFlows,
	packTarball,
	PROVIDERS,
	runNodeRedChild,
	startNodeRed,
	type Defaults,
	type N8nRun,
	type Provider,
} from './editors';
import { startLatencyProxy, type ProxyStats } from './proxy';
import { runFloorChild, type FloorSpec } from './floor';

export interface Context {
	root: string;
	bundle: string;
	argv: string[];
}

const LATENCY_MS = 20;
/** Numbers per request each provider's send packs (Tencent 200, Alibaba SendSms 1000, OVHcloud jobs of 500, SMSMobileAPI one). */
const BATCH: Record<Provider, number> = { tencent: 200, alibaba: 1000, ovh: 500, smsmobileapi: 1 };
/** The n8n option turning cross-item batching off, for the per-item baseline. */
const PER_ITEM_OPTIONS = { batchAcrossItems: false };

/** Arguments for `node` that run this bundle's main with `args` in a child process. */
export function childArgs(ctx: { root: string; bundle: string }, args: string[]): string[] {
	const script = `require(${JSON.stringify(ctx.bundle)}).main({root:${JSON.stringify(ctx.root)},bundle:${JSON.stringify(ctx.bundle)},argv:process.argv.slice(1).filter((a)=>a!=='--')}).catch((e)=>{process.stderr.write(String(e&&e.stack||e));process.exit(1)})`;
	return ['-e', script, '--', ...args];
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
const flag = (argv: string[], name: string) => argv.includes(name);
const option = (argv: string[], name: string) => {
	const at = argv.indexOf(name);
	return at >= 0 ? argv[at + 1] : undefined;
};

function paceOf(provider: Provider): { parallel: number; perSecond: number } {
	const pace = (providerModule(provider) as ProviderModule & { connection: { pace?: { parallel?: number; perSecond?: number } } })
		.connection.pace;
	return { parallel: Math.max(1, pace?.parallel ?? 1), perSecond: pace?.perSecond ?? 0 };
}

/** ceil(N ÷ batch) × latency ÷ parallelism: the time the requests need at the provider's default parallelism. */
export const limitMs = (provider: Provider, n: number) =>
	Math.ceil((Math.ceil(n / BATCH[provider]) * LATENCY_MS) / paceOf(provider).parallel);

/**
 * The floor the default requests-per-second cap sets (0 without one): at most `perSecond` starts in any second
 * (core/bulk.ts Pacer), so the last request starts after floor((requests - 1) ÷ perSecond) whole seconds.
 */
export const paceMs = (provider: Provider, n: number) => {
	const { perSecond } = paceOf(provider);
	if (!perSecond) return 0;
	const count = Math.max(1, Math.floor(perSecond));
	return Math.floor((Math.ceil(n / BATCH[provider]) - 1) / count) * Math.round((count * 1000) / perSecond);
};

/**
 * N as measured: SMSMobileAPI sends one request per number and its default pace is 5 a second (one phone sends
 * them all), so 10,000 would take over half an hour per editor; it is measured at 1000 and scaled.
 */
export const measuredN = (provider: Provider, n: number) => (provider === 'smsmobileapi' ? Math.min(n, 1000) : n);

export interface BulkEntry {
	n: number;
	perItemMs: number;
	batchedMs: number;
	limitMs: number;
	requests: number;
	maxInFlight: number;
	/** The sandbox's time answering, summed over the requests (scaled like `requests`). */
	sandboxMs: number;
	/** From the send node's start to its first request at the proxy, and to its last answer. */
	firstRequestMs: number;
	lastAnswerMs: number;
	paceMs: number;
	/** N as measured when it is less (then times and requests are scaled to N). */
	measuredN: number;
	/** The per-item baseline as measured (at min(N, 1000)), before scaling. */
	perItem: { n: number; ms: number; requests: number; maxInFlight: number };
	queued: number;
	/** n8n's own cost of N items: the No Operation node and the CLI run of the batched workflow. */
	noopMs: number;
	wallMs: number;
	peakRssMb: number | null;
	/** The same workflow with every send node a No Operation node. */
	noopPeakRssMb: number | null;
	/** The warm-up node's time: loading SMS Kit into the fresh n8n process, and one send. */
	warmupMs: number;
}

export interface NodeRedEntry {
	n: number;
	ms: number;
	limitMs: number;
	paceMs: number;
	measuredN: number;
	requests: number;
	maxInFlight: number;
	sandboxMs: number;
	/** Node-RED's own cost of N messages at once: the same fan straight into the counter. */
	noopMs: number;
	/** From the first message out to the first request at the proxy, and to the last answer. */
	firstRequestMs: number;
	lastAnswerMs: number;
	queued: number;
	failed: number;
}

export interface FloorEntry {
	n: number;
	ms: number;
	limitMs: number;
	requests: number;
	sandboxMs: number;
	queued: number;
}

interface Results {
	bulk: Record<string, BulkEntry & { runs: BulkEntry[] }>;
	/** The core alone through the same proxy and sandbox (bench/floor.ts): what no editor can go under. */
	floor: Record<string, FloorEntry & { runs: FloorEntry[] }>;
	nodeRed: Record<string, NodeRedEntry & { runs: NodeRedEntry[] }>;
	cpu: Record<string, CpuFigures & { before?: CpuFigures }>;
	coldLoad: { n8nMs: number; nodeRedMs: number; distBytes: number; nodeRedBytes: number } | null;
	meta: Record<string, unknown>;
}

export async function main(ctx: Context): Promise<void> {
	const { argv } = ctx;
	if (flag(argv, '--stub')) return runStub();
	if (flag(argv, '--node-red-child')) return runNodeRedChild(ctx.root, option(argv, '--node-red-child')!);
	if (flag(argv, '--floor-child')) return runFloorChild(JSON.parse(option(argv, '--floor-child')!) as FloorSpec);
	if (flag(argv, '--profile')) {
		const us = await profileOurs(option(argv, '--profile') as CpuProvider, 20000);
		process.stdout.write(`${us} µs per call\n`);
		return;
	}
	const quick = flag(argv, '--quick');
	const iterations = Number(option(argv, '--iterations') ?? (quick ? 2000 : 5000));
	if (flag(argv, '--cpu-json')) {
		process.stdout.write(`${JSON.stringify(await measureCpu(childArgs(ctx, []), iterations))}\n`);
		return;
	}
	const started = performance.now();
	const sizes = option(argv, '--sizes')?.split(',').map(Number) ?? (quick ? [100] : [100, 1000, 10_000]);
	if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes whole numbers, e.g. --sizes 10000');
	const only = option(argv, '--only');
	const editors = !flag(argv, '--cpu-only') && only !== 'cpu';
	const results: Results = {
		bulk: {},
		floor: {},
		nodeRed: {},
		cpu: {},
		coldLoad: null,
		meta: { quick, latencyMs: LATENCY_MS, sizes, node: process.version, startedAt: new Date().toISOString() },
	};

	const providers = (option(argv, '--providers')?.split(',') ?? PROVIDERS) as Provider[];
	if (providers.some((p) => !PROVIDERS.includes(p))) throw new Error(`--providers takes ${PROVIDERS.join(', ')}`);
	if (editors) await measureEditors(ctx, sizes, results, option(argv, '--n8n-cpu-prof'), only, providers);

	if (!only || only === 'cpu') {
		log('CPU per call (child processes, the stub in another)');
		const after = await cpuInChild(ctx.bundle, ctx.root, iterations);
		const beforeRef = option(argv, '--cpu-before');
		const before = beforeRef ? await cpuInChild(baselineBundle(ctx.root, beforeRef), ctx.root, iterations) : undefined;
		for (const p of CPU_PROVIDERS) results.cpu[p] = { ...after[p], ...(before ? { before: before[p] } : {}) };
		if (beforeRef) results.meta.cpuBefore = beforeRef;
	}

	log('cold load');
	results.coldLoad = await coldLoad(ctx.root, quick);
	results.meta.totalSeconds = Math.round((performance.now() - started) / 1000);

	// A partial run is an investigation: its figures go to .tmp, bench/results.json keeps the full run's.
	const out = option(argv, '--sizes') || only || option(argv, '--providers') ? '.tmp/bench-results.json' : 'bench/results.json';
	fs.writeFileSync(path.join(ctx.root, out), `${JSON.stringify(results, null, '\t')}\n`);
	process.stdout.write(table(results));
}

async function measureEditors(
	ctx: Context,
	sizes: number[],
	results: Results,
	n8nCpuProf?: string,
	only?: string,
	providers: Provider[] = PROVIDERS,
): Promise<void> {
	const work = path.join(ctx.root, `.tmp/bench-${process.pid}`);
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	log('packing and installing the n8n and Node-RED packages');
	const n8nTarball = packTarball(ctx.root, work);
	const nodeRedTarball = packTarball(path.join(ctx.root, 'packages/node-red'), work);
	const n8n = new N8n(ctx.root, path.join(work, 'n8n'), n8nCpuProf && path.resolve(n8nCpuProf));
	const nodeRedDir = path.join(work, 'node-red');
	await Promise.all([
		installTarball(n8nTarball, path.join(n8n.folder, '.n8n/nodes')),
		installTarball(nodeRedTarball, nodeRedDir),
	]);

	const sandbox = await startSandbox({ port: 0 });
	const proxy = await startLatencyProxy(
		Object.fromEntries(PROVIDERS.map((p) => [p, (sandbox.urls as Record<string, string>)[p]])),
		LATENCY_MS,
	);
	const control = (method: string, p: string, body?: unknown) =>
		fetch(`${sandbox.origin}${p}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		}).then((r) => r.json());
	const fresh = async () => {
		sandbox.reset();
		await control('PUT', '/_sandbox/ovh/services/sms-sandbox-1/credits', { creditsLeft: 1e9 });
		proxy.reset();
	};
	const defaults = (await control('GET', '/_sandbox/credentials')) as Defaults;
	const url = (p: Provider) => proxy.url(p);
	try {
		if (!only || only === 'n8n') {
			log('n8n: importing credentials and workflows');
			const perItemSizes = [...new Set(sizes.map((n) => Math.min(n, 1000)))];
			const id = (kind: string, n: number) => `bench${kind}${n}x`.padEnd(16, '0'); // the x keeps 100 and 1000 apart
			await n8n.importCredentials(n8nCredentials(defaults, url, sandbox.urls.ovh));
			await n8n.importWorkflows([
				...sizes.map((n) => n8nWorkflow(id('B', n), (p) => measuredN(p, n), {}, providers)),
				...perItemSizes.map((n) => n8nWorkflow(id('P', n), (p) => measuredN(p, n), PER_ITEM_OPTIONS, providers)),
				...sizes.map((n) => n8nWorkflow(id('N', n), (p) => measuredN(p, n), {}, providers, true)),
			]);
			const runs = async (kind: string, n: number) => {
				const stats: Record<string, ProxyStats> = {};
				// One provider's requests at a time reach its own proxy listener, so one run serves every provider.
				await fresh();
				log(`n8n: ${kind === 'B' ? 'batched' : 'per item'}, N = ${n}`);
				const run = await n8n.execute(id(kind, n));
				for (const p of providers) stats[p] = proxy.stats(p);
				return { run, stats };
			};
			const perItem = new Map<number, { run: N8nRun; stats: Record<string, ProxyStats> }>();
			for (const n of perItemSizes) perItem.set(n, await runs('P', n));
			for (const n of sizes) {
				const batched = await runs('B', n);
				log(`n8n: the same with No Operation nodes, N = ${n}`);
				const noopRun = await n8n.execute(id('N', n));
				const base = perItem.get(Math.min(n, 1000))!;
				for (const p of providers) {
					const node = batched.run.nodes[p];
					const pi = base.run.nodes[p];
					const m = measuredN(p, n);
					const entry: BulkEntry = {
						n,
						perItemMs: Math.round((pi?.ms ?? NaN) * (n / Math.min(m, 1000))),
						batchedMs: Math.round((node?.ms ?? NaN) * (n / m)),
						limitMs: limitMs(p, n),
						requests: Math.round(batched.stats[p].requests * (n / m)),
						maxInFlight: batched.stats[p].maxInFlight,
						sandboxMs: Math.round(batched.stats[p].sandboxMs * (n / m)),
						firstRequestMs: batched.stats[p].firstAt - (node?.startedAt ?? NaN),
						lastAnswerMs: batched.stats[p].lastAt - (node?.startedAt ?? NaN),
						paceMs: paceMs(p, n),
						measuredN: m,
						perItem: {
							n: Math.min(n, 1000),
							ms: pi?.ms ?? NaN,
							requests: base.stats[p].requests,
							maxInFlight: base.stats[p].maxInFlight,
						},
						queued: node?.queued ?? 0,
						noopMs: batched.run.nodes.noop?.ms ?? NaN,
						wallMs: batched.run.wallMs,
						peakRssMb: batched.run.peakRssMb,
						noopPeakRssMb: noopRun.peakRssMb,
						warmupMs: batched.run.nodes.warmup?.ms ?? NaN,
					};
					if (node && node.queued !== m)
						log(`n8n ${p} N=${n}: ${node.queued} of ${node.items} items queued; first other: ${node.sample}`);
					if (pi && pi.queued !== Math.min(n, 1000))
						log(`n8n per item ${p} N=${n}: ${pi.queued} of ${pi.items} items queued; first other: ${pi.sample}`);
					const previous = results.bulk[p]?.runs ?? [];
					results.bulk[p] = { ...entry, runs: [...previous, entry] };
				}
			}
		}

		if (!only || only === 'n8n' || only === 'node-red' || only === 'floor') {
			for (const n of sizes) {
				for (const p of providers.filter((q) => q !== 'smsmobileapi')) {
					await fresh();
					log(`floor (the core alone, no editor): ${p}, N = ${n}`);
					const { ms, queued } = await floorInChild(ctx, {
						provider: p,
						n,
						url: url(p),
						warmUpUrl: (sandbox.urls as Record<string, string>)[p],
						defaults,
					});
					const stats = proxy.stats(p);
					const entry: FloorEntry = {
						n,
						ms,
						limitMs: limitMs(p, n),
						requests: stats.requests,
						sandboxMs: stats.sandboxMs,
						queued,
					};
					if (queued !== n) log(`floor ${p} N=${n}: ${queued} of ${n} queued`);
					results.floor[p] = { ...entry, runs: [...(results.floor[p]?.runs ?? []), entry] };
				}
			}
		}

		if (!only || only === 'node-red') {
			log('Node-RED: starting');
			const profile = option(ctx.argv, '--node-red-cpu-prof');
			if (profile) process.env.SMSKIT_NODE_RED_CPU_PROF = path.resolve(profile);
			const nodeRed = await startNodeRed(childArgs(ctx, ['--node-red-child', nodeRedDir]));
			try {
				await nodeRed.deploy(nodeRedFlows(defaults, url, providers));
				for (const n of sizes) {
					log(`Node-RED: alone (no SMS Kit node), N = ${n}`);
					const alone = await nodeRed.run('noop', n);
					for (const p of providers) {
						await fresh();
						log(`Node-RED: ${p}, N = ${n}`);
						const m = measuredN(p, n);
						const outcome = await nodeRed.run(p, m);
						const stats = proxy.stats(p);
						const entry: NodeRedEntry = {
							n,
							ms: Math.round(outcome.ms * (n / m)),
							limitMs: limitMs(p, n),
							paceMs: paceMs(p, n),
							measuredN: m,
							requests: Math.round(stats.requests * (n / m)),
							maxInFlight: stats.maxInFlight,
							sandboxMs: Math.round(stats.sandboxMs * (n / m)),
							noopMs: alone.ms,
							firstRequestMs: stats.firstAt - outcome.start,
							lastAnswerMs: stats.lastAt - outcome.start,
							queued: outcome.queued,
							failed: outcome.failed,
						};
						if (outcome.queued !== m) log(`Node-RED ${p} N=${n}: ${outcome.queued} queued, ${outcome.failed} failed`);
						const previous = results.nodeRed[p]?.runs ?? [];
						results.nodeRed[p] = { ...entry, runs: [...previous, entry] };
					}
				}
			} finally {
				nodeRed.stop();
			}
		}
	} finally {
		await proxy.close();
		await sandbox.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

function floorInChild(ctx: Context, spec: FloorSpec): Promise<{ ms: number; queued: number }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, childArgs(ctx, ['--floor-child', JSON.stringify(spec)]), {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d));
		child.once('exit', (code) =>
			code === 0 ? resolve(JSON.parse(out) as { ms: number; queued: number }) : reject(new Error(`floor child exited ${code}`)),
		);
	});
}

function cpuInChild(bundle: string, root: string, iterations: number): Promise<Record<CpuProvider, CpuFigures>> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, childArgs({ root, bundle }, ['--cpu-json', '--iterations', String(iterations)]), {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d));
		child.once('exit', (code) =>
			code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`CPU run failed (${code})`)),
		);
	});
}

/** The files the CPU work changes: the baseline bundle takes them from `ref`, everything else from the working tree. */
const CPU_FILES = [
	'core/providers/tencent/sign.ts',
	'core/providers/tencent/session.ts',
	'core/providers/tencent/operations.ts',
	'core/providers/alibaba/sign.ts',
	'core/providers/alibaba/session.ts',
	'core/providers/ovh/sign.ts',
	'core/providers/ovh/session.ts',
];

function baselineBundle(root: string, ref: string): string {
	const dir = path.join(root, `.tmp/bench-before-${process.pid}`);
	fs.rmSync(dir, { recursive: true, force: true });
	for (const sub of ['core', 'sandbox', 'bench']) fs.cpSync(path.join(root, sub), path.join(dir, sub), { recursive: true });
	for (const file of CPU_FILES) {
		const text = execFileSync('git', ['show', `${ref}:${file}`], { cwd: root, encoding: 'utf8' });
		fs.writeFileSync(path.join(dir, file), text);
	}
	const outfile = path.join(root, `.tmp/bench-before-${process.pid}.cjs`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild stays external
	require('esbuild').buildSync({
		absWorkingDir: dir,
		entryPoints: ['bench/bench.ts'],
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		outfile,
		packages: 'external',
		nodePaths: [path.join(root, 'node_modules')],
		logLevel: 'warning',
	});
	fs.rmSync(dir, { recursive: true, force: true });
	return outfile;
}

async function coldLoad(root: string, quick: boolean): Promise<Results['coldLoad']> {
	const script = path.join(root, 'scripts/measure-bundles.mjs');
	if (fs.existsSync(script)) {
		const mod = (await import(pathToFileURL(script).href)) as { measureBundles?: (o: { runs: number }) => Results['coldLoad'] };
		if (mod.measureBundles) return mod.measureBundles({ runs: quick ? 3 : 7 });
	}
	// Fallback: a cold require of each package's entry points, in a fresh process.
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(root, f));
	const bundle = path.join(root, 'packages/node-red/dist/smskit.js');
	const time = (code: string) =>
		Number(
			execFileSync(
				process.execPath,
				['-e', `const t=performance.now();${code};process.stdout.write(String(performance.now()-t))`],
				{ encoding: 'utf8' },
			),
		);
	const bytes = (dir: string): number =>
		fs
			.readdirSync(dir, { withFileTypes: true })
			.reduce((s, e) => s + (e.isDirectory() ? bytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
	return {
		n8nMs: Math.round(time(`for (const f of ${JSON.stringify(files)}) require(f)`) * 10) / 10,
		nodeRedMs: Math.round(time(`require(${JSON.stringify(bundle)})`) * 10) / 10,
		distBytes: bytes(path.join(root, 'dist')),
		nodeRedBytes: fs.statSync(bundle).size,
	};
}

// ---------------------------------------------------------------- the table

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')}` : '—');
const n = (run: { n: number; measuredN: number }) =>
	`${run.n.toLocaleString('en-US')}${run.measuredN !== run.n ? ` (${run.measuredN.toLocaleString('en-US')} × ${run.n / run.measuredN})` : ''}`;
const x = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '—');

export function table(r: Results): string {
	const lines: string[] = [];
	if (Object.keys(r.bulk).length) {
		lines.push(`### Bulk send, n8n ${'(CLI execute, send node time)'}, sandbox behind +${LATENCY_MS} ms per request`, '');
		lines.push(
			'| Provider | N | Per item (ms) | Batched (ms) | Limit (ms) | Pace floor (ms) | Requests | Max in flight | Sandbox answering (ms, summed) | First request, last answer (ms from start) | Speed-up | No Operation (ms) | CLI run (ms) | Peak RSS (MB) | Peak RSS, No Operation run (MB) | Warm-up (ms) |',
		);
		lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
		for (const [p, e] of Object.entries(r.bulk))
			for (const run of e.runs)
				lines.push(
					`| ${p} | ${n(run)} | ${ms(run.perItemMs)}${run.perItem.n !== run.n ? ` (${run.perItem.n} × ${run.n / run.perItem.n})` : ''} | ${ms(run.batchedMs)} | ${ms(run.limitMs)} | ${ms(run.paceMs)} | ${run.requests} | ${run.maxInFlight} | ${ms(run.sandboxMs)} | ${ms(run.firstRequestMs)}, ${ms(run.lastAnswerMs)} | ${x(run.perItemMs, run.batchedMs)} | ${ms(run.noopMs)} | ${ms(run.wallMs)} | ${run.peakRssMb ?? '—'} | ${run.noopPeakRssMb ?? '—'} | ${ms(run.warmupMs)} |`,
				);
		lines.push('');
	}
	if (Object.keys(r.floor ?? {}).length) {
		lines.push('### Floor: the same send by the core alone (no editor), 4 requests at once, same proxy and sandbox', '');
		lines.push('| Provider | N | Time (ms) | Limit (ms) | Requests | Sandbox answering (ms, summed) | Queued |');
		lines.push('|---|--:|--:|--:|--:|--:|--:|');
		for (const [p, e] of Object.entries(r.floor))
			for (const run of e.runs)
				lines.push(
					`| ${p} | ${run.n.toLocaleString('en-US')} | ${ms(run.ms)} | ${ms(run.limitMs)} | ${run.requests} | ${ms(run.sandboxMs)} | ${run.queued} |`,
				);
		lines.push('');
	}
	if (Object.keys(r.nodeRed).length) {
		lines.push(`### Bulk send, Node-RED (N messages at once into the send node, until N results)`, '');
		lines.push(
			'| Provider | N | Time (ms) | Limit (ms) | Pace floor (ms) | Requests | Max in flight | Sandbox answering (ms, summed) | First request, last answer (ms from start) | Node-RED alone (ms) | Queued |',
		);
		lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
		for (const [p, e] of Object.entries(r.nodeRed))
			for (const run of e.runs)
				lines.push(
					`| ${p} | ${n(run)} | ${ms(run.ms)} | ${ms(run.limitMs)} | ${ms(run.paceMs)} | ${run.requests} | ${run.maxInFlight} | ${ms(run.sandboxMs)} | ${ms(run.firstRequestMs)}, ${ms(run.lastAnswerMs)} | ${ms(run.noopMs)} | ${run.queued} |`,
				);
		lines.push('');
	}
	const before = Object.values(r.cpu).some((c) => c.before);
	lines.push('### CPU per call (µs, this process only)', '');
	lines.push(
		`| Provider |${before ? ' Ours before |' : ''} Ours | Ours over HTTP | Official SDK | Ours ÷ SDK |${before ? ' Bulk/recipient before |' : ''} Bulk per recipient (1000) | Bulk ÷ SDK |`,
	);
	lines.push(`|---|${before ? '--:|' : ''}--:|--:|--:|--:|${before ? '--:|' : ''}--:|--:|`);
	for (const [p, c] of Object.entries(r.cpu))
		lines.push(
			`| ${p} |${before ? ` ${c.before?.oursUs ?? '—'} |` : ''} ${c.oursUs} | ${c.oursHttpUs} | ${c.sdkUs} | ${c.ratio.toFixed(2)} |${before ? ` ${c.before?.bulkPerRecipientUs ?? '—'} |` : ''} ${c.bulkPerRecipientUs} | ${c.bulkRatio.toFixed(3)} |`,
		);
	lines.push('');
	if (r.coldLoad) {
		const c = r.coldLoad;
		lines.push(
			'### Cold load',
			'',
			'| n8n nodes (ms) | Node-RED bundle (ms) | n8n dist (bytes) | Node-RED bundle (bytes) |',
			'|--:|--:|--:|--:|',
		);
		lines.push(
			`| ${c.n8nMs} | ${c.nodeRedMs} | ${c.distBytes.toLocaleString('en-US')} | ${c.nodeRedBytes.toLocaleString('en-US')} |`,
			'',
		);
	}
	return `${lines.join('\n')}\n`;
}
