import { joinedFailure, joinKey, joinSends, splitResults, type ProviderId, type SendResult } from '../../core';

interface Waiting {
	inputs: Array<Record<string, unknown>>;
	settle: Array<{ resolve(results: object[]): void; reject(error: unknown): void }>;
	recipients: number;
	timer: NodeJS.Timeout;
}

/**
 * Joins the sends a node gets within a short window whose fields are equal but for their recipients (10,000
 * messages injected at once become requests of the provider's batch size), then gives each message its own
 * results — or the error it would have failed with alone. A join that has a whole request's worth of
 * recipients (`batchSize`) goes at once: waiting longer would only delay it.
 */
export class Coalescer {
	private readonly waiting = new Map<string, Waiting>();

	constructor(
		private readonly provider: ProviderId,
		private readonly windowMs: number,
		private readonly recipients: string,
		private readonly run: (input: Record<string, unknown>) => Promise<object[]>,
		private readonly batchSize = Infinity,
	) {}

	/** `count`: the recipients `input` brings (the node counts them for its status already). */
	/** `key`: the input's `joinKey` when the caller has it already (or one that groups the same sends). */
	add(input: Record<string, unknown>, count = 1, key = joinKey(input, this.recipients)): Promise<object[]> {
		let batch = this.waiting.get(key);
		if (!batch) {
			const created: Waiting = {
				inputs: [],
				settle: [],
				recipients: 0,
				timer: setTimeout(() => this.go(key, created), this.windowMs),
			};
			batch = created;
			this.waiting.set(key, created);
		}
		const joined = batch;
		const results = new Promise<object[]>((resolve, reject) => {
			joined.inputs.push(input);
			joined.settle.push({ resolve, reject });
		});
		joined.recipients += count;
		if (joined.recipients >= this.batchSize) this.go(key, joined);
		return results;
	}

	private go(key: string, batch: Waiting): void {
		clearTimeout(batch.timer);
		if (this.waiting.get(key) === batch) this.waiting.delete(key);
		void this.flush(batch);
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
