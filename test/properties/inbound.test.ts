import fc from 'fast-check';
import { SmsError } from '../../core/errors';
import type { CallbackOptions, CallbackRequest, InboundEvent, Received } from '../../core/provider';
import { PROVIDER_MODULES, providerModule } from '../../core/providers';
import { webhookSignature } from '../../core/providers/smsmobileapi/sign';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const SECRET = 'whsec_test_123';
const EVENTS: InboundEvent[] = ['incoming', 'delivery', 'review'];

/** Every field any provider's callback reads, and names that live on Object.prototype. */
const FIELDS = [
	...['id', 'ptt', 'date', 'description', 'dlr', 'descriptionDlr', 'message', 'senderid', 'tag', 'keyword', 'shortcode'],
	...['user_receive_time', 'nationcode', 'mobile', 'report_status', 'errmsg', 'sid', 'extend', 'sign', 'text', 'time'],
	...['phone_number', 'send_time', 'report_time', 'success', 'err_code', 'err_msg', 'sms_size', 'biz_id', 'out_id'],
	...['content', 'dest_code', 'sequence_id', 'sign_name', 'template_code', 'template_name', 'template_status'],
	...['reason', 'create_date', 'orderId', 'type', 'api_version', 'created_at', 'occurred_at', 'data', 'guid'],
	...['number', 'hour', 'time_received', 'messages', 'from', 'to', 'received_at', 'transcript', 'recipient'],
	...['sent_at', 'failed_at', 'error', 'toString', 'valueOf', '__proto__', 'constructor'],
];

/** Dates and times in the shapes providers send, with fields out of range (month 13, hour 99, year 0). */
const timeText = fc
	.tuple(
		fc.integer({ min: 0, max: 999999 }),
		fc.integer({ min: 0, max: 99 }),
		fc.integer({ min: 0, max: 99 }),
		fc.integer({ min: 0, max: 99 }),
		fc.integer({ min: 0, max: 99 }),
		fc.integer({ min: 0, max: 99 }),
		fc.constantFrom(' ', 'T'),
		fc.constantFrom('', 'Z', '+08:00'),
	)
	.map(([y, mo, d, h, mi, s, sep, zone]) => {
		const p = (n: number, w = 2) => String(n).padStart(w, '0');
		return `${p(y, 4)}-${p(mo)}-${p(d)}${sep}${p(h)}:${p(mi)}:${p(s)}${zone}`;
	});

const scalar = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.stringMatching(/^\d{1,25}$/),
	timeText,
	fc.integer(),
	fc.double(),
	fc.constantFrom(1e20, -1e20, 8.64e15, 2 ** 53, 0, -0, 1, 4, 16, true, false, null, 'true', 'SUCCESS', 'FAIL'),
	fc.constantFrom('sms.received', 'sms.sent', 'sms.failed', 'whatsapp.received', 'whatsapp.sent', 'call.missed'),
);

/** Objects made of the fields providers read, with any values: the shapes closest to a real callback. */
const { fields } = fc.letrec((tie) => ({
	fields: fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 12 }),
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		{ weight: 6, arbitrary: scalar },
		{ weight: 1, arbitrary: tie('fields') },
		{ weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
	),
}));
const nearCallback = fc.oneof(fields, fc.array(fields, { minLength: 1, maxLength: 3 }));

const text = fc.oneof(
	nearCallback.map((v) => JSON.stringify(v)),
	fc
		.dictionary(fc.constantFrom(...FIELDS), scalar)
		.map((v) => new URLSearchParams(Object.entries(v).map(([k, x]) => [k, JSON.stringify(x) ?? ''])).toString()),
	fc.json(),
	fc.string(),
	fc.constantFrom('', ' ', '{', '[', '[]', '{}', 'null', '[null]', '[1]', '"x"', '{"__proto__":{"id":1}}'),
);
const bytes = fc.oneof(
	text.map((t) => Buffer.from(t)),
	fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
);
const body = fc.oneof(nearCallback, text, bytes, fc.anything({ withNullPrototype: true }), fc.constant(undefined));

const headers = fc.oneof(
	fc.constant(undefined),
	fc.dictionary(
		fc.constantFrom('x-smsmobileapi-timestamp', 'x-smsmobileapi-signature', 'content-type', 'x-other'),
		fc.oneof(fc.string(), fc.constant(undefined), fc.stringMatching(/^\d{1,12}$/), fc.constant(String(NOW / 1000))),
	),
);

const request: fc.Arbitrary<CallbackRequest> = fc.record(
	{
		method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'get'), fc.string()),
		query: fc.oneof(fields, fc.dictionary(fc.string(), fc.anything())),
		body,
		headers,
		rawBody: fc.oneof(text, bytes),
	},
	{ requiredKeys: ['method', 'query', 'body'] },
);

const options: fc.Arbitrary<CallbackOptions> = fc.record(
	{
		event: fc.constantFrom(...EVENTS),
		account: fc.string(),
		now: fc.oneof(fc.constant(NOW), fc.integer({ min: 0, max: 4102444800000 })),
		secret: fc.oneof(fc.constant(SECRET), fc.string()),
		verify: fc.boolean(),
	},
	{ requiredKeys: ['now'] },
);

/** A body signed as SMSMobileAPI signs it, so the parser gets past the signature check to the fields. */
const signedRequest: fc.Arbitrary<CallbackRequest> = fc
	.oneof(
		nearCallback.map((v) => JSON.stringify(v)),
		text,
	)
	.map((raw) => ({
		method: 'POST',
		query: {},
		body: raw,
		rawBody: Buffer.from(raw),
		headers: {
			'x-smsmobileapi-timestamp': String(NOW / 1000),
			'x-smsmobileapi-signature': webhookSignature(SECRET, NOW / 1000, raw),
		},
	}));

/** Valid callbacks, one per provider and event, as the existing tests and contract fixtures have them. */
const VALID: Array<{ provider: string; event: InboundEvent; body: Record<string, unknown> | Array<Record<string, unknown>> }> = [
	{
		provider: 'ovh',
		event: 'incoming',
		body: { id: '4812', keyword: 'YES', message: 'Yes see you', senderid: '0033601020304', shortcode: '38200', tag: 'rdv' },
	},
	{
		provider: 'ovh',
		event: 'delivery',
		body: { id: '77', ptt: '4', dlr: '1', description: '1', descriptionDlr: 'Delivered', date: '2026-11-22T08:00:00+01:00' },
	},
	{
		provider: 'tencent',
		event: 'delivery',
		body: [
			{
				user_receive_time: '2026-12-01 16:36:40',
				nationcode: '86',
				mobile: '13800000000',
				report_status: 'SUCCESS',
				errmsg: 'DELIVRD',
				description: '用户短信送达成功',
				sid: '2433:86138',
			},
		],
	},
	{
		provider: 'tencent',
		event: 'incoming',
		body: { extend: '', mobile: '13800000000', nationcode: '86', sign: 'SMSKit', text: 'STOP', time: 1764578200 },
	},
	{
		provider: 'alibaba',
		event: 'delivery',
		body: [
			{
				phone_number: '13800000000',
				send_time: '2026-12-01 16:00:00',
				report_time: '2026-12-01 16:00:05',
				success: true,
				err_code: 'DELIVERED',
				err_msg: '用户接收成功',
				sms_size: '1',
				biz_id: '900619746936498440^0',
				out_id: '',
			},
		],
	},
	{
		provider: 'alibaba',
		event: 'incoming',
		body: [
			{
				phone_number: '13800000000',
				content: '退订',
				send_time: '2026-12-01 16:01:00',
				dest_code: '1234',
				sequence_id: 1234567890,
			},
		],
	},
	{
		provider: 'alibaba',
		event: 'review',
		body: { template_code: 'SMS_1', template_name: 'order', template_status: 'approved', reason: '', orderId: 77 },
	},
	{
		provider: 'smsmobileapi',
		event: 'incoming',
		body: {
			id: 'e7c1c0de-0000-4000-8000-000000000001',
			type: 'sms.received',
			api_version: '2026-09-22',
			created_at: '2026-12-01T08:00:01Z',
			occurred_at: '2026-12-01T08:00:00Z',
			data: { guid: 'SMS-1', from: '+15551234567', message: 'STOP', received_at: '2026-12-01T07:59:59Z' },
		},
	},
	{
		provider: 'smsmobileapi',
		event: 'delivery',
		body: {
			id: 'e7c1c0de-0000-4000-8000-000000000002',
			type: 'sms.failed',
			occurred_at: '2026-12-01T08:00:00Z',
			data: { guid: 'g2', to: '+33601020304', failed_at: '2026-12-01T08:00:00Z', error: 'SIM error' },
		},
	},
	{
		provider: 'smsmobileapi',
		event: 'incoming',
		body: {
			date: '2025-01-20',
			hour: '10:15:00',
			time_received: '2025-01-20 10:14:50',
			message: 'Hello',
			number: '+123456789',
			guid: 'abcde12345',
		},
	},
];

/** A valid object with some fields replaced by any value, some dropped, and nested objects mutated too. */
function mutate(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
	const keys = Object.keys(base);
	const nested = keys.filter((k) => base[k] && typeof base[k] === 'object');
	return fc
		.record({
			set: fc.dictionary(
				fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom(...FIELDS) }),
				fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: timeText }, { weight: 1, arbitrary: fields }),
				{ maxKeys: 3 },
			),
			drop: fc.subarray(keys, { maxLength: 2 }),
			inner: nested.length ? fc.tuple(...nested.map((k) => mutate(base[k] as Record<string, unknown>))) : fc.constant([]),
		})
		.map(({ set, drop, inner }) => {
			const out: Record<string, unknown> = { ...base };
			nested.forEach((k, i) => (out[k] = inner[i]));
			for (const k of drop) delete out[k];
			for (const [k, v] of Object.entries(set))
				Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
			return out;
		});
}

function mutated(body: (typeof VALID)[number]['body']): fc.Arbitrary<unknown> {
	return Array.isArray(body) ? fc.tuple(...body.map(mutate)) : mutate(body);
}

/** The request a provider would send for a body: SMSMobileAPI's signed, OVHcloud's delivery as a GET query. */
function requestFor(provider: string, event: InboundEvent, b: unknown, as: 'object' | 'json' | 'bytes'): CallbackRequest {
	if (provider === 'ovh' && event === 'delivery') return { method: 'GET', query: b as Record<string, unknown>, body: undefined };
	const raw = JSON.stringify(b);
	const sent = as === 'object' ? b : as === 'json' ? raw : Buffer.from(raw);
	if (provider !== 'smsmobileapi') return { method: 'POST', query: {}, body: sent };
	const ts = String(NOW / 1000);
	return {
		method: 'POST',
		query: {},
		body: sent,
		rawBody: Buffer.from(raw),
		headers: { 'x-smsmobileapi-timestamp': ts, 'x-smsmobileapi-signature': webhookSignature(SECRET, ts, raw) },
	};
}

const encodings = fc.constantFrom('object' as const, 'json' as const, 'bytes' as const);
const callbackOptions = { now: NOW, secret: SECRET };

function expectReceivedOrSmsError(run: () => Received[]): void {
	let out: Received[];
	try {
		out = run();
	} catch (error) {
		expect(error).toBeInstanceOf(SmsError);
		return;
	}
	expect(Array.isArray(out)).toBe(true);
	for (const item of out) {
		expect(EVENTS).toContain(item.event);
		expect(typeof item.key).toBe('string');
		expect(item.key.length).toBeGreaterThan(0);
		expect(item.payload).toEqual(expect.any(Object));
		// The payload is what a trigger emits: it must survive JSON (no Invalid Date, no cycles).
		expect(() => JSON.stringify(item.payload)).not.toThrow();
	}
}

describe.each(PROVIDER_MODULES.map((m) => [m.id, m] as const))('%s inbound.parse: properties', (_id, module) => {
	it('returns events or throws an SmsError, for any request shape', () => {
		fc.assert(
			fc.property(request, options, (req, opts) => {
				expectReceivedOrSmsError(() => module.inbound.parse(req, opts));
			}),
			{ numRuns: 400 },
		);
	});

	it('returns events or throws an SmsError, for bodies shaped like its callbacks', () => {
		const unchecked = { now: NOW, verify: false, secret: SECRET };
		fc.assert(
			fc.property(nearCallback, fc.constantFrom(...EVENTS, undefined), (b, event) => {
				expectReceivedOrSmsError(() => module.inbound.parse({ method: 'POST', query: {}, body: b }, { ...unchecked, event }));
				expectReceivedOrSmsError(() =>
					module.inbound.parse({ method: 'GET', query: b as Record<string, unknown>, body: undefined }, unchecked),
				);
				expectReceivedOrSmsError(() =>
					module.inbound.parse({ method: 'POST', query: {}, body: JSON.stringify(b) }, { ...unchecked, event }),
				);
			}),
			{ numRuns: 400 },
		);
	});
});

describe('smsmobileapi inbound.parse, signed: properties', () => {
	const { inbound } = providerModule('smsmobileapi');
	it('returns events or throws an SmsError for any correctly signed body', () => {
		fc.assert(
			fc.property(signedRequest, (req) => {
				expectReceivedOrSmsError(() => inbound.parse(req, { now: NOW, secret: SECRET }));
			}),
			{ numRuns: 400 },
		);
	});
});

describe.each(VALID.map((v, i) => [`${v.provider} ${v.event} #${i}`, v] as const))('%s callback: properties', (_name, valid) => {
	const { inbound } = providerModule(valid.provider as never);
	const legacy = valid.provider === 'smsmobileapi' && !('type' in valid.body);
	const opts = { ...callbackOptions, verify: legacy ? false : undefined };

	it('is read as events of its kind', () => {
		const events = inbound.parse(requestFor(valid.provider, valid.event, valid.body, 'object'), opts);
		expect(events.length).toBeGreaterThan(0);
		for (const e of events) expect(e.event).toBe(valid.event);
	});

	it('with fields replaced, dropped or added, returns events or throws an SmsError', () => {
		fc.assert(
			fc.property(mutated(valid.body), encodings, fc.constantFrom(valid.event, undefined), (b, as, event) => {
				expectReceivedOrSmsError(() => inbound.parse(requestFor(valid.provider, valid.event, b, as), { ...opts, event }));
			}),
			{ numRuns: 300 },
		);
	});

	it('gives the same keys when pushed again, whenever it arrives and however the body is read', () => {
		fc.assert(
			fc.property(
				mutated(valid.body),
				encodings,
				encodings,
				fc.integer({ min: NOW - 299_000, max: NOW + 299_000 }),
				(b, as1, as2, later) => {
					let first: Received[];
					try {
						first = inbound.parse(requestFor(valid.provider, valid.event, b, as1), opts);
					} catch {
						return; // a mutation that is no longer a callback
					}
					const again = inbound.parse(requestFor(valid.provider, valid.event, b, as2), { ...opts, now: later });
					expect(again.map((e) => e.key)).toEqual(first.map((e) => e.key));
				},
			),
			{ numRuns: 300 },
		);
	});
});

/** Where each callback carries its message's identity, and a generator of other valid values for it. */
const IDENTITY: Array<{ index: number; path: string[]; id: fc.Arbitrary<string | number> }> = [
	{ index: 0, path: ['id'], id: fc.nat().map(String) },
	{ index: 1, path: ['id'], id: fc.nat().map(String) },
	{ index: 2, path: ['0', 'sid'], id: fc.string({ minLength: 1 }) },
	{ index: 3, path: ['text'], id: fc.string() },
	{ index: 3, path: ['time'], id: fc.integer({ min: 1, max: 2_000_000_000 }) },
	{ index: 4, path: ['0', 'biz_id'], id: fc.string({ minLength: 1 }) },
	{ index: 5, path: ['0', 'sequence_id'], id: fc.oneof(fc.nat(), fc.string({ minLength: 1 })) },
	{ index: 6, path: ['template_code'], id: fc.string({ minLength: 1 }) },
	{ index: 7, path: ['id'], id: fc.string({ minLength: 1 }) },
	{ index: 8, path: ['id'], id: fc.string({ minLength: 1 }) },
	{ index: 9, path: ['guid'], id: fc.string({ minLength: 1 }) },
];

function withValue(body: unknown, path: string[], value: unknown): unknown {
	const copy = structuredClone(body) as Record<string, unknown>;
	let at = copy;
	for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
	at[path[path.length - 1]] = value;
	return copy;
}

describe.each(IDENTITY.map((c) => [`${VALID[c.index].provider} ${VALID[c.index].event} ${c.path.join('.')}`, c] as const))(
	'%s: properties',
	(_name, { index, path, id }) => {
		const valid = VALID[index];
		const { inbound } = providerModule(valid.provider as never);
		const legacy = valid.provider === 'smsmobileapi' && !('type' in valid.body);
		const opts = { ...callbackOptions, verify: legacy ? false : undefined };
		const keys = (value: unknown) =>
			inbound.parse(requestFor(valid.provider, valid.event, withValue(valid.body, path, value), 'json'), opts).map((e) => e.key);

		it('another message id gives another key; the same id, the same key', () => {
			fc.assert(
				fc.property(id, id, (a, b) => {
					expect(keys(a)).toEqual(keys(a));
					if (String(a) !== String(b)) expect(keys(a)).not.toEqual(keys(b));
				}),
				{ numRuns: 200 },
			);
		});
	},
);

describe('smsmobileapi signed webhooks: properties', () => {
	const { inbound } = providerModule('smsmobileapi');
	const envelope = fc.record({
		id: fc.string({ minLength: 1 }),
		type: fc.constantFrom('sms.received', 'sms.sent', 'sms.failed', 'whatsapp.received', 'call.missed'),
		data: fc.record({ guid: fc.string(), from: fc.string(), message: fc.string({ unit: 'grapheme' }) }),
	});
	const signed = (raw: string, ts = String(NOW / 1000)) => ({
		method: 'POST',
		query: {},
		body: JSON.parse(raw) as unknown,
		rawBody: Buffer.from(raw),
		headers: { 'x-smsmobileapi-timestamp': ts, 'x-smsmobileapi-signature': webhookSignature(SECRET, ts, raw) },
	});
	const refused = (req: CallbackRequest) => {
		let out: unknown;
		try {
			out = inbound.parse(req, callbackOptions);
		} catch (error) {
			expect(error).toBeInstanceOf(SmsError);
			expect((error as SmsError).code).toBe('INVALID_SIGNATURE');
			return;
		}
		throw new Error(`a forged webhook was read: ${JSON.stringify(out)}`);
	};

	it('a correctly signed event verifies and is read', () => {
		fc.assert(
			fc.property(envelope, (e) => {
				const events = inbound.parse(signed(JSON.stringify(e)), callbackOptions);
				expect(events.every((x) => x.key === `smsmobileapi:event:${e.id}`)).toBe(true);
				expect(events.length).toBe(e.type === 'call.missed' ? 0 : 1);
			}),
			{ numRuns: 300 },
		);
	});

	it('flipping any bit pattern of any byte of the body is refused', () => {
		fc.assert(
			fc.property(envelope, fc.nat(), fc.integer({ min: 1, max: 255 }), (e, at, mask) => {
				const req = signed(JSON.stringify(e));
				const bytes = Buffer.from(req.rawBody);
				bytes[at % bytes.length] ^= mask;
				refused({ ...req, rawBody: bytes });
			}),
			{ numRuns: 300 },
		);
	});

	it('flipping any byte of the signature, or signing another timestamp, is refused', () => {
		fc.assert(
			fc.property(
				envelope,
				fc.nat(),
				fc.integer({ min: 1, max: 255 }),
				fc.integer({ min: -299, max: 299 }),
				(e, at, mask, skew) => {
					const req = signed(JSON.stringify(e));
					const sig = Buffer.from(req.headers['x-smsmobileapi-signature'], 'latin1');
					sig[at % sig.length] ^= mask;
					refused({ ...req, headers: { ...req.headers, 'x-smsmobileapi-signature': sig.toString('latin1') } });
					if (skew !== 0) {
						const ts = String(NOW / 1000 + skew);
						refused({ ...req, headers: { ...req.headers, 'x-smsmobileapi-timestamp': ts } });
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('inbound: cases the properties found', () => {
	const parse = (provider: string, b: unknown, opts: Partial<CallbackOptions> = {}) =>
		providerModule(provider as never).inbound.parse({ method: 'POST', query: {}, body: b }, { now: NOW, ...opts });
	const smsError = expect.objectContaining({ name: 'SmsError', code: 'INVALID_CALLBACK' });

	it('Tencent: a reply time no date can hold is INVALID_CALLBACK, not a RangeError', () => {
		const reply = VALID[3].body as Record<string, unknown>;
		expect(() => parse('tencent', { ...reply, time: 1e20 })).toThrow(smsError);
		expect(() => parse('tencent', { ...reply, time: -8640000000000.001 })).toThrow(smsError);
	});

	it('Tencent: an impossible receipt time (month 13, day 0) reads as no time, not a RangeError', () => {
		const [receipt] = VALID[2].body as Array<Record<string, unknown>>;
		for (const time of ['0000-00-00 00:00:00', '2026-13-01 16:36:40', '2026-12-01 99:00:00']) {
			const [event] = parse('tencent', [{ ...receipt, user_receive_time: time }]);
			expect(event.payload).toMatchObject({ status: 'delivered', at: null });
		}
	});

	it('Alibaba: an impossible send or report time reads as none, not a RangeError', () => {
		const [up] = VALID[5].body as Array<Record<string, unknown>>;
		const [reply] = parse('alibaba', [{ ...up, send_time: '0000-00-00 00:00:00' }]);
		expect(reply.payload).toMatchObject({ text: '退订', receivedAt: new Date(NOW).toISOString() });
		const [report] = VALID[4].body as Array<Record<string, unknown>>;
		const [delivery] = parse('alibaba', [{ ...report, report_time: '2026-13-01 16:00:05', send_time: '2026-12-01 16:00:00' }]);
		expect(delivery.payload).toMatchObject({ status: 'delivered', at: '2026-12-01T08:00:00.000Z' });
		const review = VALID[6].body as Record<string, unknown>;
		expect(parse('alibaba', { ...review, create_date: '2026-00-00 00:00:00' })[0].payload).toMatchObject({ at: null });
	});

	it('SMSMobileAPI: a data field String() cannot convert ({"toString": …}) is read as text, not a TypeError', () => {
		const event = VALID[8].body as { data: Record<string, unknown> };
		const [item] = parse('smsmobileapi', { ...event, data: { ...event.data, guid: { toString: 'x' } } }, { verify: false });
		expect(item.payload).toMatchObject({ event: 'delivery', status: 'failed', messageId: '[object Object]' });
	});
});
