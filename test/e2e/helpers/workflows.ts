/** Small builders for the workflows the end-to-end tests run: a manual trigger, optional input items, one SMS node. */
export interface SmsNodeSpec {
	type: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
}

export function workflow(id: string, sms: SmsNodeSpec, inputItems?: Array<Record<string, unknown>>) {
	const nodes: object[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, object> = {};
	let previous = 'Start';
	if (inputItems) {
		nodes.push({
			id: 'items',
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(inputItems.map((json) => ({ json })))};` },
		});
		connections.Start = { main: [[{ node: 'Items', type: 'main', index: 0 }]] };
		previous = 'Items';
	}
	nodes.push({
		id: 'sms',
		name: 'SMS',
		type: sms.type,
		typeVersion: 1,
		position: [400, 0],
		parameters: sms.parameters,
		credentials: sms.credentials,
		...(sms.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	});
	connections[previous] = { main: [[{ node: 'SMS', type: 'main', index: 0 }]] };
	return { id, name: id, nodes, connections };
}

/** A trigger whose items are posted, one request each, to a collector the test listens on. */
export function triggerToCollector(id: string, trigger: SmsNodeSpec & { webhookId?: string }, collectorUrl: string) {
	return {
		id,
		name: id,
		nodes: [
			{
				id: 'trigger',
				name: 'Trigger',
				type: trigger.type,
				typeVersion: 1,
				position: [0, 0],
				parameters: trigger.parameters,
				credentials: trigger.credentials,
				...(trigger.webhookId ? { webhookId: trigger.webhookId } : {}),
			},
			{
				id: 'collect',
				name: 'Collect',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Collect', type: 'main', index: 0 }]] } },
	};
}

/** A manual trigger followed by several SMS nodes in a row, named SMS1, SMS2, … */
export function chain(id: string, specs: SmsNodeSpec[]) {
	const nodes: object[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, object> = {};
	let previous = 'Start';
	specs.forEach((spec, i) => {
		const name = `SMS${i + 1}`;
		nodes.push({
			id: name,
			name,
			type: spec.type,
			typeVersion: 1,
			position: [200 * (i + 1), 0],
			parameters: spec.parameters,
			credentials: spec.credentials,
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return { id, name: id, nodes, connections };
}

/** One branch of `branches`: an SMS node, optionally fed its own input items (a Code node before it). */
export interface BranchSpec extends SmsNodeSpec {
	inputItems?: Array<Record<string, unknown>>;
}

/**
 * A manual trigger feeding several SMS nodes side by side, each named by its key and run once on the
 * trigger's item (or on its own input items), in key order (n8n's v1 order: topmost branch first). One CLI
 * execution then covers many cases, which keeps end-to-end runs short.
 */
export function branches(id: string, specs: Record<string, BranchSpec>) {
	const nodes: object[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {
		Start: { main: [[]] },
	};
	Object.entries(specs).forEach(([name, spec], row) => {
		const y = row * 200;
		let first = name;
		if (spec.inputItems) {
			first = `${name} items`;
			nodes.push({
				id: `${name}-items`,
				name: first,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, y],
				parameters: { jsCode: `return ${JSON.stringify(spec.inputItems.map((json) => ({ json })))};` },
			});
			connections[first] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		}
		nodes.push({
			id: name,
			name,
			type: spec.type,
			typeVersion: 1,
			position: [400, y],
			parameters: spec.parameters,
			credentials: spec.credentials,
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		});
		connections.Start.main[0].push({ node: first, type: 'main', index: 0 });
	});
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' } };
}
