import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { provider as smsmobileapi } from '../../core/providers/smsmobileapi';
import { credentialTest } from '../shared/credentialTest';
import { eventFieldFor, eventSubtitle, pollOnce } from '../shared/trigger';
import { searchDevices } from './methods/listSearch';
import { authenticationField, smsMobileApiProvider, smsMobileApiPolling } from './provider';

/** Reads received SMS (/getsms/) and the sent log on a schedule (core/providers/smsmobileapi/poll.ts). */
export class SmsMobileApiPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSMobileAPI Polling Trigger',
		name: 'smsMobileApiPollingTrigger',
		icon: { light: 'file:../../icons/smsmobileapi.svg', dark: 'file:../../icons/smsmobileapi.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: eventSubtitle,
		description:
			'Starts the workflow when your phone receives an SMS, or a sent message is sent or failed, read from SMSMobileAPI on a schedule',
		defaults: { name: 'SMSMobileAPI Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smsMobileApi',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'smsMobileApiOAuth2Api',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		polling: true,
		properties: [
			authenticationField,
			eventFieldFor(smsmobileapi),
			{
				displayName:
					'Each poll lists what is new since the last one, each SMS once (by its GUID); delivery reports are emitted once the phone sent or failed the message. Nothing is changed on the account.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Receiving Phone',
				name: 'device',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only SMS received on this phone; empty: every phone of the account',
				displayOptions: { show: { event: ['incoming'] } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchDevices', searchable: true },
					},
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'sIdentifiant of the phone' },
				],
			},
		],
	};

	methods = { listSearch: { searchDevices }, credentialTest: { smsMobileApiTest: credentialTest(smsMobileApiProvider) } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOnce(this, smsMobileApiPolling);
	}
}
