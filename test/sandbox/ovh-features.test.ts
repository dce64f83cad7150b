import https from 'node:https';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CLIENTS, control, rejection, signedClient, type OvhClient } from './ovh-clients';

/**
 * Everything SMS Kit's OVHcloud nodes do, driven by the official node clients over TLS
 * (specs/ovh.md §5, §8): account settings, every send option, differed jobs, outgoing filters,
 * HLR, incoming SMS, template and sender moderation, estimates, restricted consumer keys.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
	https.globalAgent.options.ca = sandbox.ca;
});

afterAll(async () => {
	delete https.globalAgent.options.ca;
	await sandbox.close();
});

beforeEach(() => sandbox.reset());

const S1 = '/sms/sms-sandbox-1';
const messages = async () => ((await control(sandbox, 'GET', '/messages')).json as { ovh: Record<string, unknown>[] }).ovh;
const advance = (minutes: number) => control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: minutes });

describe.each(CLIENTS)('%s over TLS', (_name, factory) => {
	let ovh: OvhClient;
	beforeEach(() => {
		ovh = signedClient(factory, sandbox);
	});
	const credits = async () => ((await ovh.requestPromised('GET', S1)) as { creditsLeft: number }).creditsLeft;
	const send = (body: Record<string, unknown>) =>
		ovh.requestPromised('POST', `${S1}/jobs`, { receivers: ['+33601020304'], ...body }) as Promise<{
			ids: number[];
			totalCreditsRemoved: number;
		}>;

	describe('account (§8.1)', () => {
		it('sets callBack, smsResponse and the other writable fields, and GET reflects them', async () => {
			const update = {
				description: 'Sandbox account',
				callBack: 'https://example.com/dlr?secret=s3cr3t',
				stopCallBack: 'https://example.com/stop',
				smsResponse: { responseType: 'cgi', cgiUrl: 'https://example.com/mo', trackingDefaultSmsSender: 'SMSKit' },
				automaticRecreditAmount: 500,
				creditThresholdForAutomaticRecredit: 50,
				templates: { customizedSmsMode: true, smsBody: 'Hello' },
				creditsLeft: 999999, // read-only: ignored
			};
			await expect(ovh.requestPromised('PUT', S1, update)).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', S1)).resolves.toEqual({
				automaticRecreditAmount: 500,
				callBack: 'https://example.com/dlr?secret=s3cr3t',
				channel: 'both',
				creditThresholdForAutomaticRecredit: 50,
				creditsHoldByQuota: 0,
				creditsLeft: 1000,
				description: 'Sandbox account',
				iam: null,
				name: 'sms-sandbox-1',
				smpp: false,
				smsResponse: {
					cgiUrl: 'https://example.com/mo',
					responseType: 'cgi',
					text: null,
					trackingDefaultSmsSender: 'SMSKit',
					trackingOptions: [],
				},
				status: 'enable',
				stopCallBack: 'https://example.com/stop',
				templates: {
					customizedEmailMode: false,
					customizedSmsMode: true,
					emailBody: null,
					emailFrom: null,
					emailSubject: null,
					smsBody: 'Hello',
				},
				userQuantityWithQuota: 0,
			});

			// Partial updates leave the rest alone; null clears.
			await ovh.requestPromised('PUT', S1, { smsResponse: { responseType: 'none' } });
			await expect(ovh.requestPromised('GET', S1)).resolves.toMatchObject({
				callBack: 'https://example.com/dlr?secret=s3cr3t',
				smsResponse: { responseType: 'none', cgiUrl: 'https://example.com/mo' },
			});
			// node-ovh drops null values from bodies, so clear with an empty string.
			await ovh.requestPromised('PUT', S1, { callBack: '' });
			await expect(ovh.requestPromised('GET', S1)).resolves.toMatchObject({ callBack: '' });
		});

		it.each([
			['a callBack that is not a URL', { callBack: 'not a url' }, '[callBack] Invalid URL'],
			['an unknown responseType', { smsResponse: { responseType: 'email' } }, '[responseType] Invalid value'],
			['an automaticRecreditAmount outside the enum', { automaticRecreditAmount: 42 }, '[automaticRecreditAmount]'],
			['a description that is not a string', { description: 7 }, '[description] Invalid string'],
		])('refuses %s with 400', async (_case, body, message) => {
			await expect(rejection(ovh.requestPromised('PUT', S1, body))).resolves.toMatchObject({
				error: 400,
				message: expect.stringContaining(message),
			});
		});

		it('recredits automatically under the threshold', async () => {
			await ovh.requestPromised('PUT', S1, { automaticRecreditAmount: 100, creditThresholdForAutomaticRecredit: 999.5 });
			await send({ message: 'Hi' });
			expect(await credits()).toBe(1099);
		});
	});

	describe('send (§8.2)', () => {
		it('accepts every option and records them', async () => {
			const report = await ovh.requestPromised('POST', `${S1}/jobs`, {
				message: 'Every option',
				receivers: ['+33601020304', '0033601020305'],
				charset: 'UTF-8',
				class: 'phoneDisplay',
				coding: '7bit',
				differedPeriod: 0,
				noStopClause: true,
				priority: 'veryLow',
				sender: 'SMSKit',
				tag: 'all-options',
				validityPeriod: 2880,
			});
			expect(report).toEqual({
				totalCreditsRemoved: 2,
				invalidReceivers: [],
				ids: [expect.any(Number), expect.any(Number)],
				validReceivers: ['+33601020304', '+33601020305'],
				tag: 'all-options',
			});
			expect(await messages()).toEqual([
				expect.objectContaining({
					charset: 'UTF-8',
					class: 'phoneDisplay',
					coding: '7bit',
					differedPeriod: 0,
					noStopClause: true,
					priority: 'veryLow',
					sender: 'SMSKit',
					senderForResponse: null,
					tag: 'all-options',
					validityPeriod: 2880,
				}),
			]);
			const ids = (report as { ids: number[] }).ids;
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[1]}`)).resolves.toMatchObject({
				receiver: '+33601020305',
				sender: 'SMSKit',
				tag: 'all-options',
				ptt: 0,
				deliveryReceipt: 0,
				differedDelivery: 0,
			});
		});

		it('sends for replies from the short number with senderForResponse', async () => {
			const { ids } = await send({ message: 'Reply YES', senderForResponse: true });
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[0]}`)).resolves.toMatchObject({ sender: '38111' });
		});

		it.each([
			['sender with senderForResponse', { sender: 'SMSKit', senderForResponse: true }, 'cannot be used together'],
			['an unknown class', { class: 'loud' }, '[class] Invalid value: expected one of flash, phoneDisplay, sim, toolkit'],
			['an unknown coding', { coding: '16bit' }, '[coding] Invalid value'],
			['an unknown charset', { charset: 'latin1' }, '[charset] Invalid value'],
			['an unknown priority', { priority: 'urgent' }, '[priority] Invalid value'],
			['a negative differedPeriod', { differedPeriod: -1 }, '[differedPeriod]'],
			['a zero validityPeriod', { validityPeriod: 0 }, '[validityPeriod]'],
			['a sender waiting for validation', { sender: 'PendingCo' }, 'PendingCo'],
		])('refuses %s with 400 and sends nothing', async (_case, options, message) => {
			await expect(rejection(send({ message: 'Hi', ...options }))).resolves.toMatchObject({
				error: 400,
				message: expect.stringContaining(message),
			});
			expect(await messages()).toEqual([]);
			expect(await credits()).toBe(1000);
		});

		it('charges the STOP mention of an alphanumeric sender unless noStopClause', async () => {
			const text = 'a'.repeat(150); // 150 + 11 > 160
			expect((await send({ message: text, sender: 'SMSKit' })).totalCreditsRemoved).toBe(2);
			expect((await send({ message: text, sender: 'SMSKit', noStopClause: true })).totalCreditsRemoved).toBe(1);
			expect((await send({ message: text })).totalCreditsRemoved).toBe(1);
		});

		it('answers 403 Client::Forbidden when the credits do not cover the send', async () => {
			await control(sandbox, 'PUT', '/ovh/services/sms-sandbox-1/credits', { creditsLeft: 0 });
			await expect(rejection(send({ message: 'Hi' }))).resolves.toEqual({ error: 403, message: 'Not enough credits' });
			await control(sandbox, 'PUT', '/ovh/services/sms-sandbox-1/credits', { creditsLeft: 1 });
			await expect(rejection(send({ message: 'Hi', receivers: ['+33601020304', '+33601020305'] }))).resolves.toMatchObject({
				error: 403,
			});
			await expect(send({ message: 'Hi' })).resolves.toMatchObject({ totalCreditsRemoved: 1 });
			expect(await credits()).toBe(0);
		});
	});

	describe('differed jobs (§8.4)', () => {
		it('keeps a differed send pending, describes it, and cancels it with a refund', async () => {
			const { ids } = await send({ message: 'Later', receivers: ['+33601020304', '+33601020305'], differedPeriod: 30 });
			expect(await credits()).toBe(998);
			await expect(ovh.requestPromised('GET', `${S1}/jobs`)).resolves.toEqual(ids);
			await expect(ovh.requestPromised('GET', `${S1}/outgoing`)).resolves.toEqual([]);
			await expect(ovh.requestPromised('GET', `${S1}/jobs/${ids[0]}`)).resolves.toEqual({
				creationDatetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
				credits: 1,
				deliveredAt: null,
				deliveryReceipt: 0,
				differedDelivery: 30,
				id: ids[0],
				message: 'Later',
				messageLength: 5,
				numberOfSms: 1,
				ptt: 0,
				receiver: '+33601020304',
				sender: '',
				sentAt: null,
			});

			await expect(ovh.requestPromised('DELETE', `${S1}/jobs/${ids[0]}`)).resolves.toBeNull();
			expect(await credits()).toBe(999);
			await expect(ovh.requestPromised('GET', `${S1}/jobs`)).resolves.toEqual([ids[1]]);
			await expect(rejection(ovh.requestPromised('GET', `${S1}/jobs/${ids[0]}`))).resolves.toMatchObject({ error: 404 });
			await expect(rejection(ovh.requestPromised('DELETE', `${S1}/jobs/${ids[0]}`))).resolves.toMatchObject({ error: 404 });

			// Once the SMS clock passes the differed period, the job is an outgoing SMS under the same id.
			await advance(29);
			await expect(ovh.requestPromised('GET', `${S1}/jobs`)).resolves.toEqual([ids[1]]);
			await advance(1);
			await expect(ovh.requestPromised('GET', `${S1}/jobs`)).resolves.toEqual([]);
			await expect(ovh.requestPromised('GET', `${S1}/outgoing`)).resolves.toEqual([ids[1]]);
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[1]}`)).resolves.toMatchObject({
				id: ids[1],
				differedDelivery: 30,
				ptt: 0,
				deliveryReceipt: 0,
			});
			// Sent SMS can no longer be cancelled.
			await expect(rejection(ovh.requestPromised('DELETE', `${S1}/jobs/${ids[1]}`))).resolves.toMatchObject({ error: 404 });
		});
	});

	describe('outgoing (§8.5)', () => {
		it('filters on every field, and reports delivery states set through the control API', async () => {
			const a = (await send({ message: 'A', sender: 'SMSKit', tag: 'a', noStopClause: true })).ids[0];
			const b = (await send({ message: 'B', receivers: ['+447700900123'], tag: 'b' })).ids[0];
			// A minute later on the SMS clock, a job differed by a minute, released a minute after that.
			await advance(1);
			const c = (await send({ message: 'C', receivers: ['+33601020305'], tag: 'b', differedPeriod: 1 })).ids[0];
			await advance(1);
			await control(sandbox, 'POST', `/ovh/outgoing/${a}/delivery`, { status: 'delivered' });
			await control(sandbox, 'POST', `/ovh/outgoing/${b}/delivery`, { status: 'failed' });

			const list = (filters: Record<string, unknown> = {}) => ovh.requestPromised('GET', `${S1}/outgoing`, filters);
			await expect(list()).resolves.toEqual([a, b, c]);
			await expect(list({ receiver: '+33601020304' })).resolves.toEqual([a]);
			await expect(list({ sender: 'SMSKit' })).resolves.toEqual([a]);
			await expect(list({ tag: 'b' })).resolves.toEqual([b, c]);
			await expect(list({ deliveryReceipt: 1 })).resolves.toEqual([a]);
			await expect(list({ ptt: 4 })).resolves.toEqual([a]);
			await expect(list({ ptt: 5, deliveryReceipt: 2 })).resolves.toEqual([b]);
			await expect(list({ ptt: 0 })).resolves.toEqual([c]);
			await expect(list({ differedDelivery: 1 })).resolves.toEqual([c]);
			await expect(list({ batchID: '3e4d8c2a-0f55-4f6a-9b1e-1a2b3c4d5e6f' })).resolves.toEqual([]);
			await expect(list({ messageID: '3e4d8c2a-0f55-4f6a-9b1e-1a2b3c4d5e6f' })).resolves.toEqual([]);
			await expect(rejection(list({ batchID: 'nope' }))).resolves.toMatchObject({ error: 400 });

			const record = (await ovh.requestPromised('GET', `${S1}/outgoing/${a}`)) as Record<string, string>;
			expect(record).toMatchObject({ ptt: 4, deliveryReceipt: 1, deliveredAt: expect.any(String), sentAt: expect.any(String) });
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${b}`)).resolves.toMatchObject({ deliveredAt: null });
			// Instants compare whatever the offset: the same second written in +02:00.
			const created = new Date(record.creationDatetime);
			const plusTwo = (ms: number) => new Date(ms + 2 * 3600_000).toISOString().slice(0, 19) + '+02:00';
			const [from, to] = [plusTwo(created.getTime()), plusTwo(created.getTime() + 1000)];
			await expect(list({ 'creationDatetime.from': from, 'creationDatetime.to': to })).resolves.toEqual([a, b]);
			const later = new Date(created.getTime() + 30_000).toISOString();
			await expect(list({ 'creationDatetime.from': later })).resolves.toEqual([c]);

			await expect(ovh.requestPromised('DELETE', `${S1}/outgoing/${a}`)).resolves.toBeNull();
			await expect(list()).resolves.toEqual([b, c]);
		});

		it('answers an HLR per receiver country', async () => {
			const { ids } = await send({ message: 'Hi', receivers: ['+33601020304', '+447700900123', '+35312345678'] });
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[0]}/hlr`)).resolves.toEqual({
				country: 'France',
				countryCode: '33',
				network: 'Orange France',
				operator: 'Orange',
				region: '',
			});
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[1]}/hlr`)).resolves.toMatchObject({
				country: 'United Kingdom',
				countryCode: '44',
			});
			await expect(ovh.requestPromised('GET', `${S1}/outgoing/${ids[2]}/hlr`)).resolves.toMatchObject({
				country: 'Ireland',
				countryCode: '353',
			});
			await expect(rejection(ovh.requestPromised('GET', `${S1}/outgoing/1/hlr`))).resolves.toMatchObject({ error: 404 });
		});
	});

	describe('incoming (§8.6)', () => {
		it('lists, gets and deletes SMS injected through the control API', async () => {
			await send({ message: 'Reply YES', senderForResponse: true, tag: 'survey' });
			const first = (await control(sandbox, 'POST', '/ovh/incoming', { sender: '+33601020304', message: 'YES please' })).json as {
				id: number;
				tag: string;
			};
			expect(first.tag).toBe('survey'); // the tag of the send it answers
			const second = (
				await control(sandbox, 'POST', '/ovh/incoming', { sender: '0033611223344', message: 'Hello', tag: 'other' })
			).json as { id: number };
			await control(sandbox, 'POST', '/ovh/incoming', { service: 'sms-sandbox-2', sender: '+33601020304', message: 'Elsewhere' });

			await expect(ovh.requestPromised('GET', `${S1}/incoming`)).resolves.toEqual([first.id, second.id]);
			await expect(ovh.requestPromised('GET', `${S1}/incoming`, { sender: '+33611223344' })).resolves.toEqual([second.id]);
			await expect(ovh.requestPromised('GET', `${S1}/incoming`, { tag: 'survey' })).resolves.toEqual([first.id]);
			await expect(
				ovh.requestPromised('GET', `${S1}/incoming`, { 'creationDatetime.from': '2000-01-01T00:00:00+01:00' }),
			).resolves.toHaveLength(2);
			await expect(
				ovh.requestPromised('GET', `${S1}/incoming`, { 'creationDatetime.to': '2000-01-01T00:00:00+01:00' }),
			).resolves.toEqual([]);
			await expect(ovh.requestPromised('GET', `${S1}/incoming/${first.id}`)).resolves.toEqual({
				creationDatetime: expect.stringMatching(/\+00:00$/),
				credits: 0,
				id: first.id,
				message: 'YES please',
				sender: '+33601020304',
				tag: 'survey',
			});
			await expect(ovh.requestPromised('DELETE', `${S1}/incoming/${first.id}`)).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', `${S1}/incoming`)).resolves.toEqual([second.id]);
			await expect(rejection(ovh.requestPromised('GET', `${S1}/incoming/${first.id}`))).resolves.toMatchObject({ error: 404 });
		});
	});

	describe('templates (§8.9)', () => {
		const T = `${S1}/templatesControl`;
		const template = { activity: 'authentification', message: 'Your code is #VALUE#', name: 'otp', description: 'OTP' };

		it('moderates a new template, relaunches a refused one and deletes it', async () => {
			await expect(ovh.requestPromised('POST', T, { ...template, reason: 'Login codes' })).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', T)).resolves.toEqual(['otp']);
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toEqual({
				activity: 'authentification',
				comment: '',
				datetime: expect.stringMatching(/\+00:00$/),
				description: 'OTP',
				message: 'Your code is #VALUE#',
				name: 'otp',
				status: 'waitingValidation',
			});
			await expect(rejection(ovh.requestPromised('POST', T, template))).resolves.toMatchObject({ error: 409 });

			await control(sandbox, 'POST', '/ovh/templates/sms-sandbox-1/otp/review', { status: 'refused', comment: 'Too vague' });
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toMatchObject({ status: 'refused', comment: 'Too vague' });
			await expect(
				ovh.requestPromised('POST', `${T}/otp/relaunchValidation`, {
					description: 'One-time login codes',
					message: 'Your SMS Kit code is #VALUE#',
				}),
			).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toMatchObject({
				status: 'waitingValidation',
				comment: '',
				description: 'One-time login codes',
				message: 'Your SMS Kit code is #VALUE#',
			});
			await control(sandbox, 'POST', '/ovh/templates/sms-sandbox-1/otp/review', { status: 'enable' });
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toMatchObject({ status: 'enable' });

			// The owner may disable an enabled template, not validate one.
			await expect(ovh.requestPromised('PUT', `${T}/otp`, { status: 'disable', activity: 'alerting' })).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toMatchObject({ status: 'disable', activity: 'alerting' });
			await ovh.requestPromised('PUT', `${T}/otp`, { message: 'Code: #VALUE#' });
			await expect(ovh.requestPromised('GET', `${T}/otp`)).resolves.toMatchObject({ status: 'waitingValidation' });
			await expect(rejection(ovh.requestPromised('PUT', `${T}/otp`, { status: 'enable' }))).resolves.toMatchObject({
				error: 400,
			});

			await expect(ovh.requestPromised('DELETE', `${T}/otp`)).resolves.toBeNull();
			await expect(ovh.requestPromised('GET', T)).resolves.toEqual([]);
			await expect(rejection(ovh.requestPromised('GET', `${T}/otp`))).resolves.toMatchObject({ error: 404 });
		});

		it.each([
			['no activity', { message: 'm', name: 'n' }, '[activity] Property is mandatory'],
			[
				'an unknown activity',
				{ activity: 'marketing', message: 'm', name: 'n' },
				'[activity] Invalid value: expected one of alerting, authentification, transactional',
			],
			['no message', { activity: 'alerting', name: 'n' }, '[message] Property is mandatory'],
			['no name', { activity: 'alerting', message: 'm' }, '[name] Property is mandatory'],
		])('refuses a template with %s', async (_case, body, message) => {
			await expect(rejection(ovh.requestPromised('POST', T, body))).resolves.toEqual({ error: 400, message });
		});

		it('needs description and message to relaunch a validation', async () => {
			await ovh.requestPromised('POST', T, template);
			await expect(
				rejection(ovh.requestPromised('POST', `${T}/otp/relaunchValidation`, { message: 'x' })),
			).resolves.toMatchObject({ error: 400, message: '[description] Property is mandatory' });
		});
	});

	describe('senders (§8.8)', () => {
		it('lists the seeded senders and describes them', async () => {
			await expect(ovh.requestPromised('GET', `${S1}/senders`)).resolves.toEqual(['SMSKit', 'PendingCo']);
			await expect(ovh.requestPromised('GET', `${S1}/senders/SMSKit`)).resolves.toEqual({
				comment: null,
				description: 'Sandbox sender',
				referer: 'custom',
				sender: 'SMSKit',
				status: 'enable',
				type: 'alpha',
				validationMedia: null,
			});
			await expect(ovh.requestPromised('GET', `${S1}/senders/PendingCo`)).resolves.toMatchObject({
				status: 'waitingValidation',
			});
			await expect(rejection(ovh.requestPromised('GET', `${S1}/senders/Nobody`))).resolves.toMatchObject({ error: 404 });
		});

		it('adds a sender that can send once moderation enables it', async () => {
			await expect(
				ovh.requestPromised('POST', `${S1}/senders`, { sender: 'MyShop', description: 'Shop', reason: 'Order updates' }),
			).resolves.toBe('MyShop');
			await expect(ovh.requestPromised('GET', `${S1}/senders/MyShop`)).resolves.toMatchObject({
				status: 'waitingValidation',
				type: 'alpha',
				description: 'Shop',
			});
			await expect(rejection(send({ message: 'Hi', sender: 'MyShop' }))).resolves.toMatchObject({ error: 400 });
			await control(sandbox, 'POST', '/ovh/senders/sms-sandbox-1/MyShop/review', { status: 'enable', comment: 'OK' });
			await expect(ovh.requestPromised('GET', `${S1}/senders/MyShop`)).resolves.toMatchObject({
				status: 'enable',
				comment: 'OK',
			});
			await expect(send({ message: 'Hi', sender: 'MyShop', noStopClause: true })).resolves.toMatchObject({
				totalCreditsRemoved: 1,
			});

			await expect(ovh.requestPromised('POST', `${S1}/senders`, { sender: '+33612345678' })).resolves.toBe('+33612345678');
			await expect(ovh.requestPromised('GET', `${S1}/senders`)).resolves.toEqual([
				'SMSKit',
				'PendingCo',
				'MyShop',
				'+33612345678',
			]);
			await expect(rejection(ovh.requestPromised('POST', `${S1}/senders`, { sender: 'MyShop' }))).resolves.toMatchObject({
				error: 409,
			});
			await expect(
				rejection(ovh.requestPromised('POST', `${S1}/senders`, { sender: 'Far too long a name' })),
			).resolves.toMatchObject({ error: 400 });
			await expect(rejection(ovh.requestPromised('POST', `${S1}/senders`, {}))).resolves.toMatchObject({
				error: 400,
				message: '[sender] Property is mandatory',
			});
		});
	});

	describe('estimate (§8.11)', () => {
		it.each([
			['Hello', true, 'alpha', { characters: 5, charactersClass: '7bits', maxCharactersPerPart: 160, parts: 1 }],
			['Hello', false, 'alpha', { characters: 16, charactersClass: '7bits', maxCharactersPerPart: 160, parts: 1 }],
			['Hello', false, 'numeric', { characters: 5, charactersClass: '7bits', maxCharactersPerPart: 160, parts: 1 }],
			['a'.repeat(160), false, 'alpha', { characters: 171, charactersClass: '7bits', maxCharactersPerPart: 153, parts: 2 }],
			['€'.repeat(10), true, 'shortcode', { characters: 20, charactersClass: '7bits', maxCharactersPerPart: 160, parts: 1 }],
			['Привет', true, 'virtual', { characters: 6, charactersClass: 'unicode', maxCharactersPerPart: 70, parts: 1 }],
			['ç'.repeat(71), true, 'alpha', { characters: 71, charactersClass: 'unicode', maxCharactersPerPart: 67, parts: 2 }],
		])('%j noStopClause=%s %s', async (message, noStopClause, senderType, expected) => {
			await expect(ovh.requestPromised('POST', '/sms/estimate', { message, noStopClause, senderType })).resolves.toEqual(
				expected,
			);
		});

		it('needs every parameter', async () => {
			await expect(
				rejection(ovh.requestPromised('POST', '/sms/estimate', { message: 'Hi', senderType: 'alpha' })),
			).resolves.toEqual({ error: 400, message: '[noStopClause] Property is mandatory' });
			await expect(
				rejection(ovh.requestPromised('POST', '/sms/estimate', { message: 'Hi', noStopClause: true, senderType: 'robot' })),
			).resolves.toMatchObject({ error: 400 });
		});
	});

	describe('consumer keys (§5)', () => {
		const rules = [
			{ method: 'GET', path: '/sms' },
			{ method: 'GET', path: '/sms/*' },
			{ method: 'POST', path: '/sms/*/jobs' },
		];

		async function requestKey(): Promise<{ consumerKey: string; validationUrl: string; state: string }> {
			return (await signedClient(factory, sandbox, { consumerKey: undefined }).requestPromised('POST', '/auth/credential', {
				accessRules: rules,
				redirection: 'https://example.com/welcome',
			})) as { consumerKey: string; validationUrl: string; state: string };
		}

		it('refuses a restricted key until validated, then holds it to its rules', async () => {
			const requested = await requestKey();
			expect(requested.state).toBe('pendingValidation');
			const limited = signedClient(factory, sandbox, { consumerKey: requested.consumerKey });
			await expect(rejection(limited.requestPromised('GET', '/sms'))).resolves.toEqual({
				error: 403,
				message: 'This credential is not valid',
			});

			const validated = await control(sandbox, 'POST', `/ovh/consumer-keys/${requested.consumerKey}/validate`);
			expect(validated.json).toEqual({
				consumerKey: requested.consumerKey,
				state: 'validated',
				rules,
				redirection: 'https://example.com/welcome',
			});
			await expect(limited.requestPromised('GET', '/sms')).resolves.toHaveLength(2);
			await expect(limited.requestPromised('GET', S1)).resolves.toMatchObject({ creditsLeft: 1000 });
			const { ids } = (await limited.requestPromised('POST', `${S1}/jobs`, {
				message: 'Hi',
				receivers: ['+33601020304'],
			})) as { ids: number[] };
			await expect(limited.requestPromised('GET', `${S1}/outgoing/${ids[0]}`)).resolves.toMatchObject({ id: ids[0] });

			const notGranted = { error: 403, message: 'This call has not been granted' };
			await expect(rejection(limited.requestPromised('PUT', S1, { callBack: 'https://example.com' }))).resolves.toEqual(
				notGranted,
			);
			await expect(rejection(limited.requestPromised('DELETE', `${S1}/outgoing/${ids[0]}`))).resolves.toEqual(notGranted);
			await expect(rejection(limited.requestPromised('POST', `${S1}/senders`, { sender: 'X' }))).resolves.toEqual(notGranted);
			await expect(rejection(limited.requestPromised('POST', '/sms/estimate', { message: 'x' }))).resolves.toEqual(notGranted);

			// Revoked afterwards: refused, like any key no longer valid.
			await control(sandbox, 'POST', `/ovh/consumer-keys/${requested.consumerKey}/refuse`);
			await expect(rejection(limited.requestPromised('GET', '/sms'))).resolves.toMatchObject({ error: 403 });
		});

		it('keeps a refused key unusable, even through its validation URL', async () => {
			const requested = await requestKey();
			await expect(control(sandbox, 'POST', `/ovh/consumer-keys/${requested.consumerKey}/refuse`)).resolves.toMatchObject({
				status: 200,
				json: { state: 'refused' },
			});
			const page = await control(
				sandbox,
				'GET',
				new URL(requested.validationUrl).pathname.replace('/_sandbox', '') + new URL(requested.validationUrl).search,
			);
			expect(page.json).toMatchObject({ state: 'refused' });
			const limited = signedClient(factory, sandbox, { consumerKey: requested.consumerKey });
			await expect(rejection(limited.requestPromised('GET', '/sms'))).resolves.toEqual({
				error: 403,
				message: 'This credential is not valid',
			});
			expect((await control(sandbox, 'POST', `/ovh/consumer-keys/${requested.consumerKey}/validate`)).status).toBe(409);
		});
	});
});
