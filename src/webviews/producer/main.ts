/** The producer panel's page: the draft form, the send result per message, and recent sends. */
import { jsonError, looksLikeJson } from '../../language/producerFile/drafts';
import { neutralizeBidi } from '../../shared/bidi';
import { connectToHost } from '../shared/connect';
import { h, replaceChildren } from '../shared/dom';
import { encodingOf, encodingSelect, headerRow, showBase64 } from './fields';
import {
  ACKS,
  COMPRESSIONS,
  LIMITS,
  producerProtocol,
  base64Problems,
  encodingProp,
  fieldLimit,
  type Acks,
  type Compression,
  type HistoryItem,
  type PanelDraft,
  type PanelHeader,
  type ProducerInit,
  type ResultData,
} from './protocol';
import type { SchemaNamesQuery } from '../../shared/schemaSelection';
import { historyView, resultView } from './results';
import { liveSchemaCheck, schemaPicker, type SchemaPicker } from './schemaPicker';

const host = connectToHost(producerProtocol);
const root = document.getElementById('root')!;

const ACK_LABELS: Record<string, string> = { '-1': 'all (-1)', '1': 'leader (1)', '0': 'none (0)' };

// ---- the form (built once, on init)
const title = h('h2', { id: 'title' });
const notice = h('div', { id: 'notice', class: 'notice', role: 'status' });
const KEY_PLACEHOLDER = 'empty: no key (templates allowed, e.g. user-{{seq}})';
const VALUE_PLACEHOLDER = '{"id": "{{uuid}}"}';
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
/** The schema pickers of key and value (none when the cluster has no registry). */
let keySchema: SchemaPicker | undefined;
let valueSchema: SchemaPicker | undefined;

function labelled(text: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
  return h('label', { class: 'row' }, h('span', { class: 'label' }, text), control, extra ?? null);
}

function schemaRow(text: string, picker: SchemaPicker | undefined): HTMLElement | null {
  if (!picker) return null;
  return h(
    'div',
    { class: 'row schema-row' },
    h('span', { class: 'label' }, text),
    h('div', { class: 'field-box' }, picker.element, picker.status),
  );
}

function buildForm(registries: ProducerInit['registries']): void {
  keySchema = valueSchema = undefined;
  if (registries) {
    const names = async (q: SchemaNamesQuery) => (await host.request('schemaNames', q)).names;
    keySchema = schemaPicker('key', registries, names, () => checkSchema('key'));
    valueSchema = schemaPicker('value', registries, names, () => checkSchema('value'));
  }
  replaceChildren(
    root,
    title,
    notice,
    schemaRow('Key schema', keySchema),
    h(
      'div',
      { class: 'row key-row' },
      h('span', { class: 'label' }, 'Key'),
      h('div', { class: 'field-box' }, keyInput, keyStatus),
      keyEncoding,
    ),
    schemaRow('Value schema', valueSchema),
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
  void keySchema?.set(d.keySchema);
  void valueSchema?.set(d.valueSchema);
}

/** Checks a field against its picked schema (debounced; the host renders templates once). */
const schemaChecker = liveSchemaCheck((p) => host.request('checkSchema', p));

function checkSchema(field: 'key' | 'value'): void {
  const picker = field === 'key' ? keySchema : valueSchema;
  if (!picker) return;
  const text = field === 'key' ? keyInput.value : valueArea.value;
  schemaChecker(picker, text, encodingOf(field === 'key' ? keyEncoding : valueEncoding));
}

function readDraft(): PanelDraft | string {
  const headers: PanelHeader[] = [];
  for (const row of headerRows.querySelectorAll('.header-row')) {
    const key = row.querySelector<HTMLInputElement>('.header-key')!.value;
    const value = row.querySelector<HTMLInputElement>('.header-value')!.value;
    const encoding = encodingOf(row.querySelector<HTMLSelectElement>('.header-encoding')!);
    if (key === '' && value === '') continue;
    if (key.trim() === '')
      return key === '' ? 'A header needs a name.' : 'A header name cannot be only spaces: give it a name.';
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
    ...(keySchema?.value() ? { keySchema: keySchema.value() } : {}),
    ...(valueSchema?.value() ? { valueSchema: valueSchema.value() } : {}),
  };
}

function validateKey(): boolean {
  const ok = showBase64(keyInput, encodingOf(keyEncoding), keyStatus, KEY_PLACEHOLDER);
  // An empty key field sends no key (null), not an empty one.
  if (keyInput.value === '' && encodingOf(keyEncoding) === 'base64') keyStatus.textContent = 'Empty: no key.';
  return showTooLong(keyInput, encodingOf(keyEncoding), keyStatus) && ok;
}

/** Over the field's limit: the status says so (whatever it said before), and the field is marked. */
function showTooLong(
  control: HTMLInputElement | HTMLTextAreaElement,
  encoding: 'text' | 'base64',
  status: HTMLElement,
): boolean {
  const limit = fieldLimit(encoding);
  if (control.value.length <= limit) return true;
  status.textContent = `Too long: ${control.value.length.toLocaleString()} characters; at most ${limit.toLocaleString()} (${encoding}). Sending is refused.`;
  status.className = 'field-status error';
  control.setAttribute('aria-invalid', 'true');
  return false;
}

/** JSON check of a text value; base64 check (no JSON) of a base64 one. */
function validateValue(): boolean {
  const base64 = encodingOf(valueEncoding) === 'base64';
  formatButton.hidden = base64;
  valueStatus.className = 'field-status';
  if (!showTooLong(valueArea, encodingOf(valueEncoding), valueStatus)) return false;
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
  replaceChildren(resultBox, ...resultView(r, () => host.command('tail')));
}

function renderHistory(items: HistoryItem[]): void {
  replaceChildren(
    historyBox,
    ...historyView(items, {
      load: (id) => host.command('useHistory', { id }),
      sendAgain: (id) => host.command('resend', { id }),
    }),
  );
}

function setSending(on: boolean): void {
  if (on) sendButton.setAttribute('disabled', '');
  else sendButton.removeAttribute('disabled');
  cancelButton.hidden = !on;
  if (!on) progress.textContent = '';
}

const onValue = () => {
  validateValue();
  checkSchema('value');
};
const onKey = () => {
  validateKey();
  checkSchema('key');
};
valueArea.addEventListener('input', onValue);
valueEncoding.addEventListener('change', onValue);
keyInput.addEventListener('input', onKey);
keyEncoding.addEventListener('change', onKey);
formatButton.addEventListener('click', () => formatValue());
addHeaderButton.addEventListener('click', () => headerRows.append(headerRow()));
cancelButton.addEventListener('click', () => host.command('cancel'));
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
  host.command('send', { draft });
});

host.listen({
  init: (msg) => {
    maxCount = msg.maxCount;
    countInput.max = String(msg.maxCount);
    buildForm(msg.registries);
    title.textContent = neutralizeBidi(`Produce to ${msg.topic} on ${msg.cluster}`);
    notice.textContent = msg.readOnly ? `${msg.cluster} is in read-only mode: sending is refused.` : '';
    setPartitions(msg.partitions, msg.draft.partition);
    applyDraft(msg.draft);
    renderHistory(msg.history);
  },
  draft: ({ draft }) => applyDraft(draft),
  sending: ({ total }) => {
    setSending(true);
    progress.textContent = `Sending ${total}…`;
    replaceChildren(resultBox);
  },
  progress: ({ done, total }) => {
    progress.textContent = `${done} of ${total}…`;
  },
  result: ({ result }) => {
    setSending(false);
    renderResult(result);
  },
  error: ({ message, hint }) => {
    setSending(false);
    showError(message, hint);
  },
  history: ({ history }) => renderHistory(history),
});

host.command('ready');
