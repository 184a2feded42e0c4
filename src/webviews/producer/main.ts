/** The producer panel's page: the draft form, the send result per message, and recent sends. */
import { jsonError, looksLikeJson } from '../../language/producerFile/drafts';
import { h, replaceChildren, vscodeApi } from '../shared/dom';
import {
  ACKS,
  COMPRESSIONS,
  type Acks,
  type Compression,
  type HistoryItem,
  type PanelDraft,
  type ProducerMessage,
  type ProducerRequest,
  type ResultData,
} from './protocol';

const vscode = vscodeApi<ProducerRequest>();
const root = document.getElementById('root')!;

const ACK_LABELS: Record<string, string> = { '-1': 'all (-1)', '1': 'leader (1)', '0': 'none (0)' };

// ---- the form (built once, on init)
const title = h('h2', { id: 'title' });
const notice = h('div', { id: 'notice', class: 'notice', role: 'status' });
const keyInput = h('input', {
  id: 'key',
  type: 'text',
  placeholder: 'empty: no key (templates allowed, e.g. user-{{seq}})',
  'aria-label': 'Key',
});
const valueArea = h('textarea', {
  id: 'value',
  rows: '12',
  spellcheck: 'false',
  'aria-label': 'Value',
  placeholder: '{"id": "{{uuid}}"}',
});
const valueStatus = h('div', { id: 'value-status', class: 'field-status', role: 'status' });
const formatButton = h('button', { id: 'format', class: 'secondary', type: 'button' }, 'Format JSON');
const headerRows = h('div', { id: 'headers', class: 'header-rows' });
const addHeaderButton = h('button', { id: 'add-header', class: 'secondary', type: 'button' }, 'Add header');
const partitionSelect = h('select', { id: 'partition', 'aria-label': 'Partition' });
const compressionSelect = h(
  'select',
  { id: 'compression', 'aria-label': 'Compression' },
  ...COMPRESSIONS.map((c) => h('option', { value: c }, c)),
);
const acksSelect = h(
  'select',
  { id: 'acks', 'aria-label': 'Acks' },
  ...ACKS.map((a) => h('option', { value: String(a) }, ACK_LABELS[String(a)])),
);
const countInput = h('input', { id: 'count', type: 'number', min: '1', value: '1', 'aria-label': 'Count' });
const sendButton = h('button', { id: 'send', type: 'button' }, 'Send');
const cancelButton = h('button', { id: 'cancel', class: 'secondary', type: 'button', hidden: '' }, 'Cancel');
const progress = h('span', { id: 'progress', class: 'status', role: 'status' });
const resultBox = h('section', { id: 'result', class: 'result', 'aria-live': 'polite' });
const historyBox = h('section', { id: 'history', class: 'history' });

let maxCount = 100_000;

function labelled(text: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
  return h('label', { class: 'row' }, h('span', { class: 'label' }, text), control, extra ?? null);
}

function headerRow(key = '', value = ''): HTMLElement {
  const k = h('input', {
    type: 'text',
    class: 'header-key',
    placeholder: 'name',
    value: key,
    'aria-label': 'Header name',
  });
  const v = h('input', {
    type: 'text',
    class: 'header-value',
    placeholder: 'value',
    value,
    'aria-label': 'Header value',
  });
  k.value = key;
  v.value = value;
  const remove = h('button', { class: 'secondary remove-header', type: 'button', title: 'Remove header' }, 'Remove');
  const row = h('div', { class: 'header-row' }, k, v, remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

function buildForm(): void {
  replaceChildren(
    root,
    title,
    notice,
    labelled('Key', keyInput),
    h('div', { class: 'row value-row' }, h('span', { class: 'label' }, 'Value'), valueArea),
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'label' }),
      h('div', { class: 'value-tools' }, formatButton, valueStatus),
    ),
    h('div', { class: 'row' }, h('span', { class: 'label' }, 'Headers'), h('div', {}, headerRows, addHeaderButton)),
    h(
      'div',
      { class: 'options' },
      labelled('Partition', partitionSelect),
      labelled('Compression', compressionSelect),
      labelled('Acks', acksSelect),
      labelled('Count', countInput),
    ),
    h(
      'p',
      { class: 'hint' },
      'Templates: {{uuid}} {{seq}} {{index}} {{now}} {{nowMs}} {{randomInt(1, 100)}} {{faker.person.firstName}} …',
    ),
    h('div', { class: 'toolbar' }, sendButton, cancelButton, progress),
    resultBox,
    historyBox,
  );
}

function setPartitions(count: number | null, selected: number | null): void {
  const options = [h('option', { value: '' }, 'Automatic (by key)')];
  const n = count ?? Math.max(selected ?? 0, 0) + 1;
  for (let p = 0; p < n; p++) options.push(h('option', { value: String(p) }, String(p)));
  replaceChildren(partitionSelect, ...options);
  partitionSelect.value = selected === null ? '' : String(selected);
}

function applyDraft(d: PanelDraft): void {
  keyInput.value = d.key ?? '';
  valueArea.value = d.value ?? '';
  replaceChildren(headerRows, ...d.headers.map((x) => headerRow(x.key, x.value)));
  if (d.partition !== null && ![...partitionSelect.options].some((o) => o.value === String(d.partition)))
    partitionSelect.append(h('option', { value: String(d.partition) }, String(d.partition)));
  partitionSelect.value = d.partition === null ? '' : String(d.partition);
  compressionSelect.value = d.compression;
  acksSelect.value = String(d.acks);
  countInput.value = String(d.count);
  validateValue();
}

function readDraft(): PanelDraft | string {
  const headers: { key: string; value: string }[] = [];
  for (const row of headerRows.querySelectorAll('.header-row')) {
    const key = row.querySelector<HTMLInputElement>('.header-key')!.value;
    const value = row.querySelector<HTMLInputElement>('.header-value')!.value;
    if (key === '' && value === '') continue;
    if (key === '') return 'A header needs a name.';
    headers.push({ key, value });
  }
  const count = Number(countInput.value);
  if (!Number.isSafeInteger(count) || count < 1 || count > maxCount)
    return `Count: a whole number from 1 to ${maxCount}.`;
  return {
    key: keyInput.value === '' ? null : keyInput.value,
    value: valueArea.value,
    headers,
    partition: partitionSelect.value === '' ? null : Number(partitionSelect.value),
    compression: compressionSelect.value as Compression,
    acks: Number(acksSelect.value) as Acks,
    count,
  };
}

function validateValue(): boolean {
  const v = valueArea.value;
  if (!looksLikeJson(v)) {
    valueStatus.textContent = v === '' ? 'Empty value.' : 'Text value.';
    valueStatus.className = 'field-status';
    return true;
  }
  const problem = jsonError(v);
  valueStatus.textContent = problem !== undefined ? `Invalid JSON: ${problem}` : 'Valid JSON.';
  valueStatus.className = problem !== undefined ? 'field-status error' : 'field-status ok';
  return problem === undefined;
}

function formatValue(): void {
  try {
    valueArea.value = JSON.stringify(JSON.parse(valueArea.value), null, 2);
    validateValue();
  } catch (err) {
    valueStatus.textContent = `Cannot format: ${err instanceof Error ? err.message : String(err)} (templates must be inside strings to format).`;
    valueStatus.className = 'field-status error';
  }
}

function showError(message: string, hint?: string): void {
  replaceChildren(
    resultBox,
    h('div', { class: 'error', role: 'alert' }, message, hint ? h('div', { class: 'hint' }, hint) : null),
  );
}

function renderResult(r: ResultData): void {
  const summary = h(
    'div',
    { id: 'result-summary', class: r.failed ? 'summary error' : 'summary ok' },
    r.failed ? `${r.sent} of ${r.total} sent, ${r.failed} failed` : `${r.sent} sent`,
    ` in ${r.durationMs} ms`,
    r.idempotent ? ' (idempotent)' : '',
  );
  const tail = h('button', { id: 'tail', class: 'secondary', type: 'button' }, 'Tail this topic');
  tail.addEventListener('click', () => vscode.postMessage({ type: 'tail' }));
  if (!r.canTail) tail.setAttribute('disabled', '');
  const rows = r.rows.map((row) =>
    row.ok
      ? h(
          'tr',
          { class: 'ok' },
          h('td', {}, row.index + 1),
          h('td', {}, row.partition),
          h('td', { class: 'offset' }, row.offset),
          h('td', {}, '✓'),
        )
      : h(
          'tr',
          { class: 'failed' },
          h('td', {}, row.index + 1),
          h('td', {}, ''),
          h('td', {}, ''),
          h('td', {}, `✗ ${row.error}`),
        ),
  );
  replaceChildren(
    resultBox,
    h('div', { class: 'toolbar' }, summary, tail),
    r.idempotenceFallback ? h('div', { class: 'notice' }, r.idempotenceFallback) : null,
    r.failures.length ? h('ul', { class: 'failures' }, ...r.failures.map((f) => h('li', {}, f))) : null,
    h(
      'table',
      { id: 'outcomes' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, '#'), h('th', {}, 'Partition'), h('th', {}, 'Offset'), h('th', {}, 'Result')),
      ),
      h('tbody', {}, ...rows),
    ),
    r.total > r.rows.length
      ? h('p', { class: 'hint' }, `First ${r.rows.length} of ${r.total} messages shown (failures first).`)
      : null,
  );
}

function renderHistory(items: HistoryItem[]): void {
  if (items.length === 0) {
    replaceChildren(historyBox);
    return;
  }
  replaceChildren(
    historyBox,
    h('h3', {}, 'Recent sends'),
    h(
      'ul',
      {},
      ...items.map((item) => {
        const load = h('button', { class: 'link', type: 'button' }, 'Load');
        const again = h('button', { class: 'link', type: 'button' }, 'Send again');
        load.addEventListener('click', () => vscode.postMessage({ type: 'useHistory', id: item.id }));
        again.addEventListener('click', () => vscode.postMessage({ type: 'resend', id: item.id }));
        const preview = (item.draft.value ?? '').replace(/\s+/g, ' ').slice(0, 80);
        return h(
          'li',
          {},
          h('span', { class: 'when' }, new Date(item.at).toLocaleString()),
          ' ',
          h('code', {}, preview || '(empty)'),
          item.draft.count > 1 ? ` ×${item.draft.count}` : '',
          ' ',
          h('span', { class: 'summary' }, item.summary),
          ' ',
          load,
          ' ',
          again,
        );
      }),
    ),
  );
}

function setSending(on: boolean): void {
  if (on) sendButton.setAttribute('disabled', '');
  else sendButton.removeAttribute('disabled');
  cancelButton.hidden = !on;
  if (!on) progress.textContent = '';
}

valueArea.addEventListener('input', () => validateValue());
formatButton.addEventListener('click', () => formatValue());
addHeaderButton.addEventListener('click', () => headerRows.append(headerRow()));
cancelButton.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
sendButton.addEventListener('click', () => {
  const draft = readDraft();
  if (typeof draft === 'string') {
    showError(draft);
    return;
  }
  if (!validateValue()) {
    showError('The value is not valid JSON: fix it, or start it with something other than { or [ to send it as text.');
    return;
  }
  vscode.postMessage({ type: 'send', draft });
});

window.addEventListener('message', (event: MessageEvent<ProducerMessage>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      maxCount = msg.maxCount;
      countInput.max = String(msg.maxCount);
      buildForm();
      title.textContent = `Produce to ${msg.topic} on ${msg.cluster}`;
      notice.textContent = msg.readOnly ? `${msg.cluster} is in read-only mode: sending is refused.` : '';
      setPartitions(msg.partitions, msg.draft.partition);
      applyDraft(msg.draft);
      renderHistory(msg.history);
      break;
    case 'draft':
      applyDraft(msg.draft);
      break;
    case 'sending':
      setSending(true);
      progress.textContent = `Sending ${msg.total}…`;
      replaceChildren(resultBox);
      break;
    case 'progress':
      progress.textContent = `${msg.done} of ${msg.total}…`;
      break;
    case 'result':
      setSending(false);
      renderResult(msg.result);
      break;
    case 'error':
      setSending(false);
      showError(msg.message, msg.hint);
      break;
    case 'history':
      renderHistory(msg.history);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
