import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { control, nodeOvh300, ovh203, signedClient, type OvhClient } from './ovh-clients';

/**
 * Callbacks the sandbox pushes (specs/ovh.md §9): delivery reports as a GET on `callBack` with
 * the report in the query, replies as a form POST to `smsResponse.cgiUrl`; each attempt recorded.
 */

interface Received {
	method: string;
	url: string;
	contentType: string | undefined;
	body: string;
}

let sandbox: Sandbox;
let receiver: http.Server;
let receiverOrigin: string;
let received: Received[] = [];

beforeAll(async () => {
	sandbox = await startSandbox();
	https.globalAgent.options.ca = sandbox.ca;
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
			res.writeHead(req.url?.startsWith('/fail') ? 500 : req.url?.startsWith('/created') ? 201 : 200).end('OK');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
	delete https.globalAgent.options.ca;
	receiver.closeAllConnections();
	await new Promise((resolve) => receiver.close(resolve));
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
	received = [];
});

interface Attempt {
	id: number;
	kind: string;
	service: string;
	method: string;
	url: string;
	payload: Record<string, string>;
	state: string;
	httpStatus: number | null;
	error: string | null;
	sentAt: string;
	settledAt: string | null;
}
const attempts = async () => ((await control(sandbox, 'GET', '/ovh/callbacks?wait=1')).json as { attempts: Attempt[] }).attempts;

describe.each([
	['ovh 2.0.3', ovh203],
	['@ovhcloud/node-ovh 3.0.0', nodeOvh300],
])('configured with %s', (_name, factory) => {
	let ovh: OvhClient;
	beforeEach(() => {
		ovh = signedClient(factory, sandbox);
	});

	it('GETs callBack with id, ptt, date, description, descriptionDlr and dlr for each report', async () => {
		await ovh.requestPromised('PUT', '/sms/sms-sandbox-1', { callBack: `${receiverOrigin}/dlr?secret=s3cr3t` });
		const { ids } = (await ovh.requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
			message: 'Hi',
			receivers: ['+33601020304', '+33601020305'],
		})) as { ids: number[] };
		expect(received).toEqual([]); // sending alone reports nothing

		const report = await control(sandbox, 'POST', `/ovh/outgoing/${ids[0]}/delivery`, { status: 'delivered' });
		expect(report.json).toMatchObject({ id: ids[0], ptt: 4, deliveryReceipt: 1, service: 'sms-sandbox-1', callback: 1 });
		await control(sandbox, 'POST', `/ovh/outgoing/${ids[1]}/delivery`, { status: 'failed' });

		const pushed = await attempts();
		expect(pushed).toEqual([
			{
				id: 1,
				kind: 'delivery',
				service: 'sms-sandbox-1',
				method: 'GET',
				url: expect.stringMatching(new RegExp(`^${receiverOrigin}/dlr\\?secret=s3cr3t&id=${ids[0]}&ptt=4&date=`)),
				payload: {
					id: String(ids[0]),
					ptt: '4',
					date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
					description: '1',
					descriptionDlr: 'Success',
					dlr: '1',
				},
				state: 'accepted',
				httpStatus: 200,
				error: null,
				sentAt: expect.any(String),
				settledAt: expect.any(String),
			},
			expect.objectContaining({ id: 2, payload: expect.objectContaining({ ptt: '5', description: '2', dlr: '2' }) }),
		]);
		expect(received).toHaveLength(2);
		expect(received[0].method).toBe('GET');
		const query = new URL(received[0].url, receiverOrigin).searchParams;
		expect(Object.fromEntries(query)).toEqual({ secret: 's3cr3t', ...pushed[0].payload });
		expect(Object.fromEntries(new URL(received[1].url, receiverOrigin).searchParams)).toMatchObject({
			id: String(ids[1]),
			ptt: '5',
			descriptionDlr: 'Failed',
		});

		// The outgoing record shows the reports too.
		await expect(ovh.requestPromised('GET', `/sms/sms-sandbox-1/outgoing/${ids[0]}`)).resolves.toMatchObject({
			ptt: 4,
			deliveryReceipt: 1,
			deliveredAt: expect.any(String),
		});
	});

	it('POSTs replies as a form to smsResponse.cgiUrl when responseType is cgi', async () => {
		await ovh.requestPromised('PUT', '/sms/sms-sandbox-1', {
			smsResponse: { responseType: 'cgi', cgiUrl: `${receiverOrigin}/mo` },
		});
		await ovh.requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
			message: 'Reply YES to confirm',
			receivers: ['+33601020304'],
			senderForResponse: true,
			tag: 'confirm',
		});
		const injected = await control(sandbox, 'POST', '/ovh/incoming', { sender: '+33601020304', message: 'YES see you' });
		const record = injected.json as { id: number };
		expect(injected.json).toMatchObject({ sender: '+33601020304', message: 'YES see you', tag: 'confirm', callback: 1 });

		const [attempt] = await attempts();
		expect(attempt).toMatchObject({
			kind: 'incoming',
			method: 'POST',
			url: `${receiverOrigin}/mo`,
			state: 'accepted',
			httpStatus: 200,
			payload: {
				id: String(record.id),
				keyword: 'YES',
				message: 'YES see you',
				senderid: '+33601020304',
				shortcode: '38111',
				tag: 'confirm',
			},
		});
		expect(received).toEqual([
			{
				method: 'POST',
				url: '/mo',
				contentType: 'application/x-www-form-urlencoded',
				body: expect.any(String),
			},
		]);
		expect(Object.fromEntries(new URLSearchParams(received[0].body))).toEqual(attempt.payload);
		await expect(ovh.requestPromised('GET', '/sms/sms-sandbox-1/incoming')).resolves.toEqual([record.id]);
	});
});

describe('attempts', () => {
	const setAccount = (body: unknown) =>
		signedClient(nodeOvh300, sandbox).requestPromised('PUT', '/sms/sms-sandbox-1', body as never);
	const sendOne = async () =>
		(
			(await signedClient(nodeOvh300, sandbox).requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
				message: 'Hi',
				receivers: ['+33601020304'],
			})) as { ids: number[] }
		).ids[0];

	it('counts any 2xx as accepted, another status as failed', async () => {
		const id = await sendOne();
		await setAccount({ callBack: `${receiverOrigin}/created` });
		await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, { status: 'pending' });
		await setAccount({ callBack: `${receiverOrigin}/fail` });
		await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, { ptt: 24 });
		expect((await attempts()).map((a) => [a.state, a.httpStatus, a.payload.ptt, a.payload.dlr])).toEqual([
			['accepted', 201, '3', '4'],
			['failed', 500, '24', '4'],
		]);
	});

	it('records an unreachable URL as failed, with the error', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		await setAccount({ callBack: `http://127.0.0.1:${port}/dlr` });
		await control(sandbox, 'POST', `/ovh/outgoing/${await sendOne()}/delivery`, { status: 'delivered' });
		expect(await attempts()).toEqual([expect.objectContaining({ state: 'failed', httpStatus: null, error: expect.any(String) })]);
	});

	it('pushes nothing without a callBack, or with responseType none or text', async () => {
		await control(sandbox, 'POST', `/ovh/outgoing/${await sendOne()}/delivery`, { status: 'delivered' });
		await setAccount({ smsResponse: { responseType: 'text', cgiUrl: `${receiverOrigin}/mo`, text: 'Thanks!' } });
		const injected = await control(sandbox, 'POST', '/ovh/incoming', { sender: '+33601020304', message: 'Hello' });
		expect(injected.json).toMatchObject({ callback: null });
		expect(await attempts()).toEqual([]);
		expect(received).toEqual([]);
	});
});
