import type { ServerResponse } from 'node:http';

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
	const text = format === 'JSON' ? JSON.stringify(body) : `<?xml version='1.0' encoding='UTF-8'?>${element(root, body)}`;
	res.writeHead(status, {
		'Content-Type': format === 'JSON' ? 'application/json;charset=utf-8' : 'text/xml;charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
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
