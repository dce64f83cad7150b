import { tencent } from '../../../core';
import type { OperationRunner } from '../../shared/runner';

/** How long a failed lookup is remembered before it is tried again. */
const RETRY_AFTER_MS = 10 * 60_000;

export type TemplateTexts = (runner: OperationRunner, templateId: string, domestic: boolean) => Promise<string | undefined>;

/**
 * The text of a template, looked up once per template (DescribeSmsTemplateList with its id) and kept for
 * the life of the node, so a send can report encoding, characters and segments. Best effort: a failed or
 * empty lookup gives undefined and never fails the send; it is tried again after ten minutes.
 */
export function templateTexts(now: () => number = Date.now): TemplateTexts {
	const cache = new Map<string, { text: Promise<string | undefined>; expires: number }>();
	return (runner, templateId, domestic) => {
		const hit = cache.get(templateId);
		if (hit && hit.expires > now()) return hit.text;
		const entry = { text: lookup(runner, templateId, domestic), expires: Infinity };
		void entry.text.then((text) => {
			if (text === undefined) entry.expires = now() + RETRY_AFTER_MS;
		});
		cache.set(templateId, entry);
		return entry.text;
	};
}

/** Mainland China numbers use domestic templates, the others international ones: ask that list first. */
async function lookup(runner: OperationRunner, templateId: string, domestic: boolean): Promise<string | undefined> {
	for (const international of domestic ? [0, 1] : [1, 0]) {
		try {
			const found = (await runner.run(tencent.listTemplates, { international, ids: [templateId] })).find(
				(t) => String(t.TemplateId) === templateId,
			);
			if (found?.TemplateContent) return found.TemplateContent;
		} catch {
			return undefined;
		}
	}
	return undefined;
}
