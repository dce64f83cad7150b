/**
 * The virtual phone page (`GET /_sandbox/phone`): plain HTML and a little JS, no framework. One conversation per
 * phone number and provider; every message the emulators accepted with its status, segments and encoding;
 * buttons that settle a queued message; a reply box that sends an SMS from the phone into that provider's
 * emulator. It asks for the list every second (only a changed list is sent).
 */
export const PHONE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMS Kit sandbox · phone</title>
<link rel="icon" href="data:,">
<style>
	:root { --line: #d9dce1; --muted: #667085; --accent: #2563eb; --sent: #f2f4f7; --mine: #dbeafe; }
	* { box-sizing: border-box; }
	body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; height: 100vh; display: flex; flex-direction: column; }
	header { padding: 10px 16px; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
	header h1 { font-size: 16px; margin: 0 12px 0 0; }
	.tabs { display: flex; gap: 6px; flex-wrap: wrap; }
	.tabs button { border: 1px solid var(--line); background: #fff; border-radius: 14px; padding: 3px 10px; cursor: pointer; }
	.tabs button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
	main { flex: 1; display: flex; min-height: 0; }
	#list { width: 320px; border-right: 1px solid var(--line); display: flex; flex-direction: column; min-height: 0; }
	#list input { margin: 10px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
	#conversations { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; }
	#conversations li { padding: 8px 12px; border-bottom: 1px solid var(--line); cursor: pointer; }
	#conversations li[aria-selected="true"] { background: #eff4ff; }
	#conversations .who { display: flex; justify-content: space-between; gap: 8px; font-weight: 600; }
	#conversations .last { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
	.badge { font-size: 11px; font-weight: 500; border-radius: 8px; padding: 0 6px; background: #eef2f6; color: #344054; white-space: nowrap; }
	.badge.queued { background: #fef0c7; color: #93370d; } .badge.delivered { background: #d1fadf; color: #05603a; }
	.badge.failed { background: #fee4e2; color: #912018; } .badge.received { background: #dbeafe; color: #1e40af; }
	#more { padding: 8px 12px; color: var(--muted); }
	#chat { flex: 1; display: flex; flex-direction: column; min-width: 0; }
	#chat-head { padding: 10px 16px; border-bottom: 1px solid var(--line); font-weight: 600; }
	#thread { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
	.bubble { max-width: 70%; padding: 8px 12px; border-radius: 14px; background: var(--sent); align-self: flex-start; overflow-wrap: anywhere; }
	.bubble.received { background: var(--mine); align-self: flex-end; }
	.bubble .meta { margin-top: 4px; font-size: 12px; color: var(--muted); display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
	.bubble .meta button { font-size: 12px; border: 1px solid var(--line); background: #fff; border-radius: 6px; cursor: pointer; padding: 0 6px; }
	form { display: flex; gap: 8px; padding: 10px 16px; border-top: 1px solid var(--line); flex-wrap: wrap; }
	form input, form select { padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
	form input[name="text"] { flex: 1; min-width: 160px; }
	form button { padding: 6px 14px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
	#empty { color: var(--muted); margin: auto; text-align: center; padding: 24px; }
	#error { color: #b42318; padding: 0 16px; }
</style>
</head>
<body>
<header>
	<h1>SMS Kit sandbox · phone</h1>
	<div class="tabs" id="tabs" role="group" aria-label="Provider"></div>
</header>
<main>
	<section id="list" aria-label="Conversations">
		<input id="filter" type="search" placeholder="Filter by number or text" aria-label="Filter by number or text">
		<ul id="conversations"></ul>
		<div id="more" hidden></div>
	</section>
	<section id="chat" aria-label="Conversation">
		<div id="chat-head">New message from a phone</div>
		<div id="thread"><p id="empty">Messages your flows send show up here, one conversation per number.<br>Type below to send an SMS from a phone to a provider.</p></div>
		<div id="error" role="alert"></div>
		<form id="reply" autocomplete="off">
			<select name="provider" aria-label="Provider"></select>
			<input name="from" placeholder="From (e.g. +33601020304)" aria-label="From" required>
			<input name="text" placeholder="Reply" aria-label="Message" required>
			<button type="submit">Send</button>
		</form>
	</section>
</main>
<script>
(() => {
	const NAMES = { ovh: 'OVHcloud', tencent: 'Tencent Cloud', alibaba: 'Alibaba Cloud', smsmobileapi: 'SMSMobileAPI' };
	const LIST_LIMIT = 200;
	const state = { version: '', providers: [], messages: [], provider: 'all', selected: null };
	const $ = (id) => document.getElementById(id);
	const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
		const node = Object.assign(document.createElement(tag), props);
		Object.assign(node.dataset, dataset);
		for (const child of children) node.append(child);
		return node;
	};
	const keyOf = (m) => m.provider + ' ' + m.phone;

	function conversations() {
		const byKey = new Map();
		for (const m of state.messages) {
			if (state.provider !== 'all' && m.provider !== state.provider) continue;
			const key = keyOf(m);
			const c = byKey.get(key) || { key, provider: m.provider, phone: m.phone, messages: [] };
			c.messages.push(m);
			byKey.set(key, c);
		}
		const filter = $('filter').value.trim().toLowerCase();
		return [...byKey.values()]
			.filter((c) => !filter || c.phone.includes(filter) || c.messages.some((m) => m.text.toLowerCase().includes(filter)))
			.sort((a, b) => (a.messages.at(-1).at < b.messages.at(-1).at ? 1 : -1));
	}

	function renderTabs() {
		const counts = { all: state.messages.length };
		for (const m of state.messages) counts[m.provider] = (counts[m.provider] || 0) + 1;
		$('tabs').replaceChildren(
			...['all', ...state.providers].map((id) =>
				el('button', {
					type: 'button',
					textContent: (id === 'all' ? 'All' : NAMES[id] || id) + ' · ' + (counts[id] || 0),
					ariaPressed: String(state.provider === id),
					onclick: () => { state.provider = id; render(); },
					dataset: { provider: id },
				}),
			),
		);
		const select = document.querySelector('select[name="provider"]');
		if (select.options.length !== state.providers.length) {
			select.replaceChildren(...state.providers.map((id) => el('option', { value: id, textContent: NAMES[id] || id })));
		}
	}

	function renderList(list) {
		$('conversations').replaceChildren(
			...list.slice(0, LIST_LIMIT).map((c) => {
				const last = c.messages.at(-1);
				return el(
					'li',
					{ ariaSelected: String(state.selected === c.key), onclick: () => select(c), dataset: { phone: c.phone, provider: c.provider } },
					el('div', { className: 'who' }, el('span', { textContent: c.phone }), el('span', { className: 'badge', textContent: NAMES[c.provider] || c.provider })),
					el('div', { className: 'last', textContent: last.text }),
				);
			}),
		);
		$('more').hidden = list.length <= LIST_LIMIT;
		$('more').textContent = (list.length - LIST_LIMIT) + ' more conversations: filter to find one.';
	}

	function renderThread(list) {
		const c = list.find((x) => x.key === state.selected);
		if (!c) {
			$('chat-head').textContent = 'New message from a phone';
			if (!$('empty')) $('thread').replaceChildren(el('p', { id: 'empty', innerHTML: 'Messages your flows send show up here, one conversation per number.<br>Type below to send an SMS from a phone to a provider.' }));
			return;
		}
		$('chat-head').textContent = c.phone + ' · ' + (NAMES[c.provider] || c.provider);
		const atBottom = $('thread').scrollTop + $('thread').clientHeight >= $('thread').scrollHeight - 4;
		$('thread').replaceChildren(
			...c.messages.map((m) => {
				const meta = el('div', { className: 'meta' },
					el('span', { className: 'badge ' + m.status, textContent: m.status }),
					el('span', { textContent: [m.peer && (m.direction === 'sent' ? 'from ' : 'to ') + m.peer, m.segments && m.segments + (m.segments > 1 ? ' segments' : ' segment'), m.encoding, new Date(m.at).toLocaleTimeString()].filter(Boolean).join(' · ') }),
				);
				if (m.status === 'queued') {
					meta.append(
						el('button', { type: 'button', textContent: 'delivered', onclick: () => settle(m, 'delivered') }),
						el('button', { type: 'button', textContent: 'failed', onclick: () => settle(m, 'failed') }),
					);
				}
				return el('div', { className: 'bubble ' + m.direction, dataset: { id: m.id, status: m.status } }, el('div', { className: 'text', textContent: m.text }), meta);
			}),
		);
		if (atBottom) $('thread').scrollTop = $('thread').scrollHeight;
	}

	function render() {
		renderTabs();
		const list = conversations();
		renderList(list);
		renderThread(list);
	}

	function select(c) {
		state.selected = c.key;
		const form = $('reply');
		form.provider.value = c.provider;
		form.from.value = c.phone;
		render();
		$('thread').scrollTop = $('thread').scrollHeight;
	}

	async function call(path, body) {
		const answer = await fetch('/_sandbox/phone/' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		const json = await answer.json();
		if (!answer.ok) throw new Error(json.error || 'HTTP ' + answer.status);
		return json;
	}
	const shown = (promise) => promise.then(() => { $('error').textContent = ''; return refresh(); }, (e) => { $('error').textContent = e.message; });
	const settle = (m, status) => shown(call('settle', { provider: m.provider, id: m.id, status }));

	$('reply').addEventListener('submit', (event) => {
		event.preventDefault();
		const form = event.target;
		const c = conversations().find((x) => x.key === form.provider.value + ' ' + form.from.value.trim());
		const lastSent = c && [...c.messages].reverse().find((m) => m.direction === 'sent');
		const body = { provider: form.provider.value, from: form.from.value.trim(), text: form.text.value, to: lastSent ? lastSent.peer : undefined };
		shown(call('reply', body).then((m) => { form.text.value = ''; state.selected = keyOf(m); }));
	});
	$('filter').addEventListener('input', render);

	async function refresh() {
		try {
			const answer = await fetch('/_sandbox/phone/messages?version=' + encodeURIComponent(state.version));
			const json = await answer.json();
			if (json.unchanged) return;
			Object.assign(state, { version: json.version, providers: json.providers, messages: json.messages });
			render();
		} catch (e) {
			$('error').textContent = 'The sandbox does not answer (' + e.message + ')';
		}
	}
	refresh();
	setInterval(refresh, 1000);
})();
</script>
</body>
</html>
`;
