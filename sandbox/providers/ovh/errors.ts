/**
 * OVH error answers (specs/ovh.md §7). Production has used two body shapes, the legacy
 * `errorCode` one and the current `class` one; wrappers read either (python-ovh needs `errorCode`
 * on 403s), so authentication failures carry both.
 */
export class OvhError extends Error {
	constructor(
		readonly status: number,
		readonly errorClass: string,
		message: string,
		readonly errorCode?: string,
	) {
		super(message);
	}

	toBody(): Record<string, string> {
		const body: Record<string, string> = {};
		if (this.errorCode !== undefined) body.errorCode = this.errorCode;
		body.class = this.errorClass;
		body.httpCode = HTTP_CODES[this.status] ?? String(this.status);
		body.message = this.message;
		return body;
	}
}

const HTTP_CODES: Record<number, string> = {
	400: '400 Bad Request',
	401: '401 Unauthorized',
	403: '403 Forbidden',
	404: '404 Not Found',
	405: '405 Method Not Allowed',
	409: '409 Conflict',
	413: '413 Payload Too Large',
	429: '429 Too Many Requests',
	500: '500 Internal Server Error',
	502: '502 Bad Gateway',
	503: '503 Service Unavailable',
};

export const invalidKey = () => new OvhError(403, 'Client::Forbidden', 'This application key is invalid', 'INVALID_KEY');
export const notCredential = () => new OvhError(403, 'Client::Forbidden', 'This credential does not exist', 'NOT_CREDENTIAL');
export const invalidCredential = () =>
	new OvhError(403, 'Client::Forbidden', 'This credential is not valid', 'INVALID_CREDENTIAL');
/** The code and text for a stale timestamp are unconfirmed (§12); only the HTTP 400 is reported. */
export const queryOutOfTime = () => new OvhError(400, 'Client::BadRequest', 'Query out of time', 'QUERY_TIME_OUT');
export const invalidSignature = () => new OvhError(400, 'Client::BadRequest', 'Invalid signature', 'INVALID_SIGNATURE');
export const notGrantedCall = () => new OvhError(403, 'Client::Forbidden', 'This call has not been granted', 'NOT_GRANTED_CALL');

export const badRequest = (message: string) => new OvhError(400, 'Client::BadRequest', message);
export const forbidden = (message: string) => new OvhError(403, 'Client::Forbidden', message);
export const conflict = (message: string) => new OvhError(409, 'Client::Conflict', message);
/** An unknown or expired OAuth2 access token [UNCONFIRMED]: 401 makes OAuth2 clients fetch a new one. */
export const invalidAccessToken = () =>
	new OvhError(401, 'Client::Unauthorized', 'The access token is invalid or expired', 'INVALID_CREDENTIAL');
export const notFound = (message = 'This service does not exist') => new OvhError(404, 'Client::NotFound', message);
/** OVH's answer for a path it does not serve. */
export const invalidUrl = () => new OvhError(404, 'Client::NotFound', 'Got an invalid (or empty) URL');
