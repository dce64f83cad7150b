import type { NodeMessageInFlow } from 'node-red';
import { sendInput, type OvhSmsSendDef } from '../../node-red/nodes/ovh-sms-send/ovh-sms-send';
import { pick, pickFlag, pickNumber, pickText, textPayload } from '../../node-red/shared/fields';

const emptyDef: OvhSmsSendDef = {
	id: 'n1',
	type: 'ovh-sms-send',
	name: '',
	z: 'tab',
	account: 'acct',
	service: '',
	message: '',
	receivers: '',
	sender: '',
	senderForResponse: false,
	noStopClause: false,
	priority: '',
	validityPeriod: '',
	tag: '',
};
const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;

describe('node field or msg property', () => {
	test.each([
		['a set field wins', ['node', 'msg'], 'node'],
		['an empty field falls back to msg', ['', 'msg'], 'msg'],
		['blank text counts as empty', ['  ', 'msg'], 'msg'],
		['the first msg property with a value', ['', undefined, '', 'second'], 'second'],
		['an empty array is not a value', ['', [], ['+33601020304']], ['+33601020304']],
		['nothing anywhere', ['', undefined, null], undefined],
	])('%s', (_, [configured, ...fromMsg], expected) => {
		expect(pick(configured, ...fromMsg)).toEqual(expected);
	});

	test('text fields default to "" so the schema names what is missing', () => {
		expect(pickText('', undefined)).toBe('');
	});

	test('a ticked box wins, an unticked one lets a boolean msg property decide', () => {
		expect(pickFlag(true, false)).toBe(true);
		expect(pickFlag(false, true)).toBe(true);
		expect(pickFlag(false, false)).toBe(false);
		expect(pickFlag(false, 'yes')).toBeUndefined();
	});

	test('numbers typed in the editor become numbers; anything else is left for the schema', () => {
		expect(pickNumber('60', 5)).toBe(60);
		expect(pickNumber('', 5)).toBe(5);
		expect(pickNumber('', '15')).toBe(15);
		expect(pickNumber('soon')).toBe('soon');
	});

	test('only a string payload is message text', () => {
		expect(textPayload('Hi')).toBe('Hi');
		expect(textPayload(1718000000000)).toBeUndefined();
		expect(textPayload({ message: 'Hi' })).toBeUndefined();
	});
});

describe('ovh-sms-send input', () => {
	test('every empty field is read from msg', () => {
		expect(
			sendInput(
				emptyDef,
				msg({
					payload: 'Hello',
					to: '+33601020304',
					service: 'sms-1',
					sender: 'Shop',
					senderForResponse: false,
					noStopClause: true,
					priority: 'low',
					validityPeriod: 30,
					tag: 't',
				}),
			),
		).toEqual({
			service: 'sms-1',
			message: 'Hello',
			receivers: '+33601020304',
			sender: 'Shop',
			senderForResponse: false,
			noStopClause: true,
			priority: 'low',
			validityPeriod: 30,
			tag: 't',
		});
	});

	test('msg.receivers is read when msg.to is not set', () => {
		expect(sendInput(emptyDef, msg({ receivers: ['+33601020304'] })).receivers).toEqual(['+33601020304']);
	});

	test('the node fields win', () => {
		const def = {
			...emptyDef,
			service: 'sms-node',
			message: 'From node',
			receivers: '+33601020304',
			priority: 'high',
			validityPeriod: '60',
		};
		expect(sendInput(def, msg({ payload: 'From msg', to: '+33699999999', service: 'sms-msg', priority: 'low' }))).toMatchObject({
			service: 'sms-node',
			message: 'From node',
			receivers: '+33601020304',
			priority: 'high',
			validityPeriod: 60,
		});
	});
});
