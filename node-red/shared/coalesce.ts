import { joinedFailure, joinKey, joinSends, splitResults, type ProviderId, type SendResult } from '../../core';

interface Waiting {
	inputs: Array<Record<string, unknown>>;
	settle: Array<{ resolve(results: object[]): void; reject(error: unknown): void }>;
}

/**
 * Joins the sends a node gets within a short window whose fields are equal but for their recipients (10,000
 * messages injected at once become requests of the provider's batch size), then gives each message its own
 * results — or the error it would have failed with alone.
 */
export class Coalescer {
	private readonly waiting = new Map<string, Waiting>();

	constructor(
		private readonly provider: ProviderId,
		private readonly windowMs: number,
		private readonly recipients: string,
		private readonly run: (input: Record<string, unknown>) => Promise<object[]>,
	) {}

	add(input: Record<string, unknown>): Promise<object[]> {
		const key = joinKey(input, this.recipients);
		let batch = this.waiting.get(key);
		if (!batch) {
			const created: Waiting = { inputs: [], settle: [] };
			batch = created;
			this.waiting.set(key, created);
			setTimeout(() => {
				this.waiting.delete(key);
				void this.flush(created);
			}, this.windowMs);
		}
		const joined = batch;
		return new Promise((resolve, reject) => {
			joined.inputs.push(input);
			joined.settle.push({ resolve, reject });
		});
	}

	private async flush({ inputs, settle }: Waiting): Promise<void> {
		const { input, counts } = joinSends(inputs, this.recipients);
		try {
			const split = splitResults(await this.run(input), counts);
			if (!split) throw new Error('the results of a joined send could not be told apart');
			split.forEach((own, i) => {
				const failure = joinedFailure(this.provider, own as SendResult[]);
				if (failure) settle[i].reject(failure);
				else settle[i].resolve(own);
			});
		} catch (error) {
			for (const s of settle) s.reject(error);
		}
	}
}
