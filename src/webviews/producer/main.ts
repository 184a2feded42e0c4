/** The producer panel's page: the draft form, the send result per message, and recent sends. */
import { jsonError, looksLikeJson } from '../../language/producerFile/drafts';
import { checkBase64 } from '../../produce/base64';
import { h, replaceChildren, vscodeApi } from '../shared/dom';
import {
  ACKS,
  COMPRESSIONS,
  ENCODINGS,
  LIMITS,
  base64Problems,
  encodingProp,
  fieldLimit,
  type Acks,
  type Compression,
  type FieldEncoding,
  type HistoryItem,
  type PanelDraft,
  type PanelHeader,
  type ProducerMessage,
  type ProducerRequest,
  type ResultData,
} from './protocol';

const vscode = vscodeApi<ProducerRequest>();
const root = document.getElementById('root')!;

const ACK_LABELS: Record<string, string> = { '-1': 'all (-1)', '1': 'leader (1)', '0': 'none (0)' };
const ENCODING_TIP =
  'text: UTF-8 text, templates ({{…}}) rendered. base64: the exact bytes, written as base64 (binary data such as Avro or Protobuf); templates are not rendered in it, it is literal data.';
const BASE64_TIP = 'Base64 of the exact bytes to send. Templates ({{…}}) are not rendered here: this is literal data.';

/** The "text / base64" choice of a field. */
function encodingSelect(label: string, id?: string): HTMLSelectElement {
  return h(
    'select',
    { id, class: 'encoding', 'aria-label': `${label} encoding`, title: ENCODING_TIP },
    ...ENCODINGS.map((e) => h('option', { value: e }, e)),
  );
}

const encodingOf = (select: HTMLSelectElement): FieldEncoding => (select.value === 'base64' ? 'base64' : 'text');

/**
 * Shows the base64 check of a field in `status` (empty for text) and marks the control; the
 * placeholder and tooltip say what the field holds. Returns whether the field is fine.
 */
function showBase64(
  control: HTMLInputElement | HTMLTextAreaElement,
  encoding: FieldEncoding,
  status: HTMLElement,
  textPlaceholder: string,
): boolean {
  const base64 = encoding === 'base64';
  control.placeholder = base64 ? 'base64 of the bytes, e.g. AP8=' : textPlaceholder;
  if (base64) control.title = BASE64_TIP;
  else control.removeAttribute('title');
  control.classList.toggle('base64', base64);
  if (!base64) {
    status.textContent = '';
    status.classList.remove('ok', 'error');
    control.removeAttribute('aria-invalid');
    return true;
  }
  const check = checkBase64(control.value);
  status.textContent = check.ok
    ? `Base64: ${check.bytes} byte${check.bytes === 1 ? '' : 's'}`
    : `Invalid base64: ${check.problem}`;
  status.classList.toggle('ok', check.ok);
  status.classList.toggle('error', !check.ok);
  if (check.ok) control.removeAttribute('aria-invalid');
  else control.setAttribute('aria-invalid', 'true');
  return check.ok;
}

// ---- the form (built once, on init)
const title = h('h2', { id: 'title' });
const notice = h('div', { id: 'notice', class: 'notice', role: 'status' });
const KEY_PLACEHOLDER = 'empty: no key (templates allowed, e.g. user-{{seq}})';
const VALUE_PLACEHOLDER = '{"id": "{{uuid}}"}';
const HEADER_PLACEHOLDER = 'value';
const keyInput = h('input', {
  id: 'key',
  type: 'text',
  placeholder: KEY_PLACEHOLDER,
  'aria-label': 'Key',
});
const keyEncoding = encodingSelect('Key', 'key-encoding');
const keyStatus = h('div', { id: 'key-status', class: 'field-status', role: 'status' });
const valueArea = h('textarea', {
  id: 'value',
  rows: '12',
  spellcheck: 'false',
  'aria-label': 'Value',
  placeholder: VALUE_PLACEHOLDER,
});
const valueEncoding = encodingSelect('Value', 'value-encoding');
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

function headerRow(key = '', value = '', encoding: FieldEncoding = 'text'): HTMLElement {
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
    placeholder: HEADER_PLACEHOLDER,
    value,
    'aria-label': 'Header value',
  });
  k.value = key;
  v.value = value;
  const enc = encodingSelect('Header value');
  enc.classList.add('header-encoding');
  enc.value = encoding;
  const status = h('div', { class: 'field-status header-status', role: 'status' });
  const check = () => showBase64(v, encodingOf(enc), status, HEADER_PLACEHOLDER);
  v.addEventListener('input', check);
  enc.addEventListener('change', check);
  check();
  const remove = h('button', { class: 'secondary remove-header', type: 'button', title: 'Remove header' }, 'Remove');
  const row = h('div', { class: 'header-row' }, k, h('div', { class: 'field-box' }, v, status), enc, remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

function buildForm(): void {
  replaceChildren(
    root,
    title,
    notice,
    h(
      'div',
      { class: 'row key-row' },
      h('span', { class: 'label' }, 'Key'),
      h('div', { class: 'field-box' }, keyInput, keyStatus),
      keyEncoding,
    ),
    h('div', { class: 'row value-row' }, h('span', { class: 'label' }, 'Value'), valueArea),
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'label' }),
      h('div', { class: 'value-tools' }, valueEncoding, formatButton, valueStatus),
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
      'Templates: {{uuid}} {{seq}} {{index}} {{now}} {{nowMs}} {{randomInt(1, 100)}} {{faker.person.firstName}} … ' +
        'Fields set to base64 hold exact bytes (binary data) and are sent as they are: no templates there.',
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
  keyEncoding.value = d.keyEncoding ?? 'text';
  valueArea.value = d.value ?? '';
  valueEncoding.value = d.valueEncoding ?? 'text';
  replaceChildren(headerRows, ...d.headers.map((x) => headerRow(x.key, x.value, x.encoding ?? 'text')));
  if (d.partition !== null && ![...partitionSelect.options].some((o) => o.value === String(d.partition)))
    partitionSelect.append(h('option', { value: String(d.partition) }, String(d.partition)));
  partitionSelect.value = d.partition === null ? '' : String(d.partition);
  compressionSelect.value = d.compression;
  acksSelect.value = String(d.acks);
  countInput.value = String(d.count);
  validateKey();
  validateValue();
}

function readDraft(): PanelDraft | string {
  const headers: PanelHeader[] = [];
  for (const row of headerRows.querySelectorAll('.header-row')) {
    const key = row.querySelector<HTMLInputElement>('.header-key')!.value;
    const value = row.querySelector<HTMLInputElement>('.header-value')!.value;
    const encoding = encodingOf(row.querySelector<HTMLSelectElement>('.header-encoding')!);
    if (key === '' && value === '') continue;
    if (key === '') return 'A header needs a name.';
    if (key.length > LIMITS.headerText)
      return `Header "${key.slice(0, 40)}…": a name of at most ${LIMITS.headerText} characters.`;
    if (value.length > fieldLimit(encoding, true))
      return `Header "${key}": a value of at most ${fieldLimit(encoding, true)} characters (${encoding}).`;
    headers.push({ key, value, ...encodingProp('encoding', encoding) });
  }
  for (const [label, text, encoding] of [
    ['Key', keyInput.value, encodingOf(keyEncoding)],
    ['Value', valueArea.value, encodingOf(valueEncoding)],
  ] as const)
    if (text.length > fieldLimit(encoding))
      return `${label}: at most ${fieldLimit(encoding).toLocaleString()} characters (${encoding}); this one has ${text.length.toLocaleString()}.`;
  const count = Number(countInput.value);
  if (!Number.isSafeInteger(count) || count < 1 || count > maxCount)
    return `Count: a whole number from 1 to ${maxCount}.`;
  return {
    key: keyInput.value === '' ? null : keyInput.value,
    ...encodingProp('keyEncoding', encodingOf(keyEncoding)),
    value: valueArea.value,
    ...encodingProp('valueEncoding', encodingOf(valueEncoding)),
    headers,
    partition: partitionSelect.value === '' ? null : Number(partitionSelect.value),
    compression: compressionSelect.value as Compression,
    acks: Number(acksSelect.value) as Acks,
    count,
  };
}

function validateKey(): boolean {
  const ok = showBase64(keyInput, encodingOf(keyEncoding), keyStatus, KEY_PLACEHOLDER);
  // An empty key field sends no key (null), not an empty one.
  if (keyInput.value === '' && encodingOf(keyEncoding) === 'base64') keyStatus.textContent = 'Empty: no key.';
  return ok;
}

/** JSON check of a text value; base64 check (no JSON) of a base64 one. */
function validateValue(): boolean {
  const base64 = encodingOf(valueEncoding) === 'base64';
  formatButton.hidden = base64;
  if (base64) return showBase64(valueArea, 'base64', valueStatus, VALUE_PLACEHOLDER);
  showBase64(valueArea, 'text', valueStatus, VALUE_PLACEHOLDER);
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
          item.draft.valueEncoding === 'base64' ? h('span', { class: 'encoding-tag' }, 'base64 ') : null,
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
valueEncoding.addEventListener('change', () => validateValue());
keyInput.addEventListener('input', () => validateKey());
keyEncoding.addEventListener('change', () => validateKey());
formatButton.addEventListener('click', () => formatValue());
addHeaderButton.addEventListener('click', () => headerRows.append(headerRow()));
cancelButton.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
sendButton.addEventListener('click', () => {
  const draft = readDraft();
  if (typeof draft === 'string') {
    showError(draft);
    return;
  }
  // The host checks base64 fields again (and refuses the send naming the field).
  const invalid = base64Problems(draft);
  if (invalid.length) {
    showError(
      invalid.map((p) => p.message).join(' '),
      'Fix the field, or switch it to text. Base64 is A–Z a–z 0–9 + / padded with = to groups of 4.',
    );
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
