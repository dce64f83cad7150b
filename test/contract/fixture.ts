import type { ApiRequest } from '../../core/http';
import type { CallbackRequest, InboundEvent } from '../../core/provider';
import type { Sandbox } from '../../sandbox/server';

/**
 * What the contract suite needs to know of one provider to drive it against its emulator: accounts, inputs
 * and the emulator's control calls. The suite itself names no provider; a new one adds a fixture here.
 */
export interface ContractFixture {
	/** Account settings (credentials, endpoint or custom base URL) the module's connection accepts. */
	settings(sandbox: Sandbox): Record<string, unknown>;
	/** The same account with a wrong secret, and the provider's code for it. */
	wrongSecret: { key: string; value: string; code: RegExp };
	/** A `message.send` input for these recipients. */
	sendInput(recipients: string[]): Record<string, unknown>;
	/** The same, with `text` in what the recipients read (the message, or a template parameter). */
	textInput(recipients: string[], text: string): Record<string, unknown>;
	/** Whether a request is the provider's send call. */
	isSend(request: ApiRequest): boolean;
	/** Every recipient the emulator accepted a message for (E.164), one entry per message. */
	sentTo(sandbox: Sandbox): Promise<string[]>;
	recipients: [string, string, string];
	/** Tells the emulator the message was delivered, or sent where that is all it knows (its control API). */
	deliver(sandbox: Sandbox, messageId: string): Promise<void>;
	/**
	 * The action that reads a delivery status and its input; `reached`: the status once `deliver` ran —
	 * `delivered`, or `sent` where no handset receipt exists (a phone gateway).
	 */
	status: { action: string; input(messageId: string): Record<string, unknown>; reached?: 'delivered' | 'sent' };
	/** A callback exactly as the provider pushes it, for `event`. */
	callback(event: InboundEvent): CallbackRequest;
	/** The webhook secret its pushes are signed with, where the provider signs them. */
	callbackSecret?: string;
	/** Makes the emulator receive an SMS, for polling. */
	receive(sandbox: Sandbox, text: string): Promise<void>;
	/** The account / application polled. */
	pollAccount: string;
}

export async function control(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`http://127.0.0.1:${sandbox.port}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
	return text ? JSON.parse(text) : null;
}
