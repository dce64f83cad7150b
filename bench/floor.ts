import { Pacer, providerModule, runAction, type RunDeps } from '../core';
import { nodeTransport } from '../node-red/shared/transport';
import { ALIBABA_TEMPLATE, numberOf, TENCENT_TEMPLATE, type Defaults, type Provider } from './editors';

/**
 * The floor under both editors' bulk figures: the same send of N numbers made by the core alone, in a child
 * process of its own, through the same latency proxy to the same sandbox, 4 requests at once — no editor, no
 * items or messages. What an editor takes above it is the editor's handling of N items and ours of them; a
 * target under it cannot be met by any editor work on this machine.
 */
export interface FloorSpec {
	provider: Provider;
	n: number;
	url: string;
	/** The sandbox itself, for a one-number warm-up send the proxy does not count (as the n8n bench's warm-up). */
	warmUpUrl: string;
	defaults: Defaults;
}

const SEND: Record<Exclude<Provider, 'smsmobileapi'>, (d: Defaults) => Record<string, unknown>> = {
	tencent: (d) => ({
		smsSdkAppId: d.tencent.smsSdkAppId,
		signName: 'SMSKit',
		templateId: TENCENT_TEMPLATE,
		templateParams: ['1234', '5'],
	}),
	alibaba: () => ({ signName: 'SMSKit', templateCode: ALIBABA_TEMPLATE, templateParams: { order: 'A-1' } }),
	ovh: () => ({ service: 'sms-sandbox-1', message: 'Hello World!', tag: 'bench' }),
};
const RECIPIENTS = { tencent: 'phoneNumbers', alibaba: 'phoneNumbers', ovh: 'receivers' } as const;
const SETTINGS: Record<Exclude<Provider, 'smsmobileapi'>, (d: Defaults) => Record<string, unknown>> = {
	tencent: (d) => ({ ...d.tencent, region: 'ap-guangzhou' }),
	alibaba: (d) => ({ ...d.alibaba }),
	ovh: (d) => ({ ...d.ovh }),
};

/** In the child: one send of N numbers; prints its time and how many were queued. */
export async function runFloorChild(spec: FloorSpec): Promise<void> {
	if (spec.provider === 'smsmobileapi') throw new Error('SMSMobileAPI sends one number per request: no floor to measure');
	const provider = spec.provider;
	const module = providerModule(provider);
	const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
	const deps = (url: string): RunDeps => {
		const settings = { ...SETTINGS[provider](spec.defaults), endpoint: 'custom', customUrl: url };
		const session = module.connection.session(module.connection.credentials(settings) as never, nodeTransport(30_000), Date.now);
		return { send: session, sleep, now: Date.now, cache: new Map(), pacer: new Pacer(module.connection.pace, sleep, Date.now) };
	};
	// First calls run unoptimised code: one send first, straight to the sandbox.
	await runAction(
		module,
		'message.send',
		{ ...SEND[provider](spec.defaults), [RECIPIENTS[provider]]: [numberOf(provider, 99_999)] },
		deps(spec.warmUpUrl),
	);
	const numbers = Array.from({ length: spec.n }, (_, i) => numberOf(provider, i));
	const input = { ...SEND[provider](spec.defaults), [RECIPIENTS[provider]]: numbers };
	const started = performance.now();
	const results = (await runAction(module, 'message.send', input, deps(spec.url))) as Array<{ status: string }>;
	const ms = performance.now() - started;
	const queued = results.filter((r) => r.status === 'queued').length;
	process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), queued })}\n`);
}
