import type { NodeAPI, NodeMessageInFlow } from 'node-red';
import type { ProviderModule } from '../../core';
import type { Account } from './account';

/** A node's saved fields, as Node-RED hands them to the constructor. */
export type Fields = Record<string, unknown>;

/** One provider in Node-RED: its core module and, per node, the small mapping from fields and msg to action input. */
export interface NodeRedProvider {
	module: ProviderModule;
	account: AccountRole;
	send: ClientRole;
	status: ClientRole;
	manage: ClientRole;
	receive: ReceiveRole;
}

export interface AccountRole {
	/** The account node's credentials (Node-RED keeps them apart from the flow). */
	credentials: Record<string, { type: 'text' | 'password' }>;
	/** The other account fields the module's connection reads (endpoint, customUrl, region…). */
	fields: string[];
	/** More editor settings (RED.settings.<type>…), beyond the endpoint list every account exports. */
	exported?: Record<string, unknown>;
	/** Admin routes the account dialog calls (OVHcloud: list services, get a consumer key). */
	routes?(RED: NodeAPI): void;
}

/** Input of one action run. */
export type ActionInput = Record<string, unknown>;

/** A client node (send, status, manage): which actions it offers and how a message becomes their input. */
export interface ClientRole {
	/** The action of a node saved without one. */
	defaultAction: string;
	/** Operation names saved by earlier versions, mapped to action names. */
	renamed?: Record<string, string>;
	/** The saved operation, before `renamed` (e.g. Tencent manage once kept resource and operation apart). */
	saved?(fields: Fields): string;
	/** The actions offered (keys of the module's actions), and which of them answer one object instead of a list. */
	actions: Record<string, { one?: boolean }>;
	/** The input from the node's fields and msg; an array means one run per element, and a list out. */
	input(action: string, fields: Fields, msg: NodeMessageInFlow, account: Account): ActionInput | ActionInput[];
}

export interface ReceiveRole {
	/** The provider account the node receives for (OVHcloud service, Tencent SmsSdkAppId). */
	account(fields: Fields, account: Account | undefined): string;
	/** The receive node's own credentials (e.g. a webhook secret), kept by Node-RED apart from the flow. */
	credentials?: Record<string, { type: 'text' | 'password' }>;
	/**
	 * Where the provider signs its pushes (`module.inbound.signed`): the secret they are checked with, from the
	 * receive node's credentials or its account's.
	 */
	secret?(credentials: Record<string, unknown>, account: Account | undefined): string | undefined;
}
