import type { ServerResponse } from 'node:http';
import type { FaultAnswer } from '../../provider';
import { first, splitTarget, type AlibabaRequest } from './auth';
import { ACS3_ALGORITHM, parsePairs } from './signature';

/**
 * §7.1: JSON as `application/json;charset=utf-8`; XML (V1 without `Format=JSON`) with the root
 * `<{Action}Response>` (`<Error>` for gateway errors) and the same fields as children. Arrays repeat
 * their element, e.g. `<SmsSendDetailDTO>` once per item. The exact XML layout is [UNCONFIRMED].
 */
export function sendAnswer(
	res: ServerResponse,
	status: number,
	body: Record<string, unknown>,
	format: 'JSON' | 'XML',
	root: string,
): void {
	const answer = renderAnswer(body, format, root);
	res.writeHead(status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
	res.end(answer.body);
}

/** The bytes and Content-Type of an answer, for `sendAnswer` and for fault injection. */
export function renderAnswer(body: Record<string, unknown>, format: 'JSON' | 'XML', root: string): FaultAnswer {
	return {
		headers: { 'Content-Type': format === 'JSON' ? 'application/json;charset=utf-8' : 'text/xml;charset=utf-8' },
		body: format === 'JSON' ? JSON.stringify(body) : `<?xml version='1.0' encoding='UTF-8'?>${element(root, body)}`,
	};
}

/**
 * Action, version and answer format as the request states them, for errors raised before (or
 * without) authentication: V3 answers JSON, V1 XML unless `Format=JSON`.
 */
export function guessCall(request: AlibabaRequest): { action: string; version: string; format: 'JSON' | 'XML' } {
	if (first(request.headers, 'authorization')?.startsWith(`${ACS3_ALGORITHM} `)) {
		return {
			action: first(request.headers, 'x-acs-action') ?? 'Unknown',
			version: first(request.headers, 'x-acs-version') ?? '',
			format: 'JSON',
		};
	}
	const form = /^application\/x-www-form-urlencoded/i.test(first(request.headers, 'content-type') ?? '')
		? request.body.toString('utf8')
		: '';
	const params = new Map([...parsePairs(form), ...parsePairs(splitTarget(request.requestTarget)[1] ?? '')]);
	return {
		action: params.get('Action') ?? 'Unknown',
		version: params.get('Version') ?? '',
		format: params.get('Format')?.toUpperCase() === 'JSON' ? 'JSON' : 'XML',
	};
}

function element(name: string, value: unknown): string {
	if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
	if (typeof value === 'object' && value !== null) {
		const children = Object.entries(value).map(([key, child]) => element(key, child));
		return `<${name}>${children.join('')}</${name}>`;
	}
	return `<${name}>${escapeXml(String(value ?? ''))}</${name}>`;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
