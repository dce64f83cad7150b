import type { NodeMessageInFlow } from 'node-red';
import { ovhSendInput } from '../../node-red/nodes/ovh-sms-send/fields';
import { idList, pick, pickFlag, pickNumber, pickText, textFromPayload, textPayload } from '../../node-red/shared/fields';

const emptyDef = {
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

	test('a payload that is not text says what it is (bug 7: it said "the message is empty")', () => {
		expect(textFromPayload('ovh', 'Message', '', 'Hi')).toBe('Hi');
		expect(textFromPayload('ovh', 'Message', 'From node', 1)).toBe('From node');
		expect(textFromPayload('ovh', 'Message', '', undefined)).toBe('');
		expect(() => textFromPayload('ovh', 'Message', '', 1764578200000)).toThrow(
			expect.objectContaining({
				code: 'INVALID_INPUT',
				message: 'Message: msg.payload is a number (1764578200000), not text; nothing was sent.',
			}),
		);
		expect(() => textFromPayload('ovh', 'Message', '', { text: 'Hi' })).toThrow(/msg.payload is an object, not text/);
		expect(() => textFromPayload('ovh', 'Message', '', ['Hi'])).toThrow(/msg.payload is an array/);
	});

	test('id lists from an array or "1, 2"', () => {
		expect(idList('1, 2;3')).toEqual(['1', '2', '3']);
		expect(idList([4])).toEqual([4]);
		expect(idList(undefined)).toBeUndefined();
	});
});

describe('ovh send input', () => {
	test('every empty field is read from msg', () => {
		expect(
			ovhSendInput(
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
			differedPeriod: undefined,
			class: undefined,
			coding: undefined,
			charset: undefined,
		});
	});

	test('msg.receivers is read when msg.to is not set', () => {
		expect(ovhSendInput(emptyDef, msg({ receivers: ['+33601020304'] })).receivers).toEqual(['+33601020304']);
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
		expect(
			ovhSendInput(def, msg({ payload: 'From msg', to: '+33699999999', service: 'sms-msg', priority: 'low' })),
		).toMatchObject({
			service: 'sms-node',
			message: 'From node',
			receivers: '+33601020304',
			priority: 'high',
			validityPeriod: 60,
		});
	});

	test('the job options: from msg when the fields are empty, from the node otherwise', () => {
		const def = { ...emptyDef, differedPeriod: '', class: '', coding: '', charset: '' };
		expect(ovhSendInput(def, msg({ differedPeriod: 15, class: 'flash', coding: '8bit', charset: 'UTF-8' }))).toMatchObject({
			differedPeriod: 15,
			class: 'flash',
			coding: '8bit',
			charset: 'UTF-8',
		});
		const fixed = { ...def, differedPeriod: '30', class: 'sim', coding: '7bit', charset: 'UTF-8' };
		expect(ovhSendInput(fixed, msg({ differedPeriod: 15, class: 'flash', coding: '8bit' }))).toMatchObject({
			differedPeriod: 30,
			class: 'sim',
			coding: '7bit',
			charset: 'UTF-8',
		});
		// A node saved before these options existed sends without them.
		expect(ovhSendInput(emptyDef, msg({}))).toMatchObject({ differedPeriod: undefined, class: undefined });
	});
});
