/**
 * An HTTP error in the one shape the OpenAPI documents for 400, 403 and 429 (specs §4):
 * `{"error": …, "message": …}`. The exact strings are not documented; these say what went wrong.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Readonly<Record<string, string>> = {},
	) {
		super(message);
	}

	toBody(): { error: string; message: string } {
		return { error: this.code, message: this.message };
	}
}

export const badRequest = (message: string) => new ApiError(400, 'invalid_parameter', message);
export const missingParameter = (name: string) => new ApiError(400, 'missing_parameter', `The parameter ${name} is required`);
