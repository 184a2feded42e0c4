/** The tail panel's webview: toolbar, filters, the virtualized table and the message detail. */
import { h, replaceChildren, vscodeApi } from '../shared/dom';
import { jsonTree } from './jsonTree';
import { MessageTable } from './table';
import {
  TAIL_FORMATS,
  type TailColumn,
  type TailMessage,
  type TailRequest,
  type TailRow,
  type TailStatus,
} from './protocol';

const vscode = vscodeApi<TailRequest>();
const root = document.getElementById('root')!;

let requestId = 0;
let state: TailStatus['state'] = 'starting';
let selected: TailRow | undefined;
let origin = -1;

const title = h('h1', { class: 'tail-title' }, 'Tail');
const subtitle = h('div', { class: 'subtitle' });
const pauseBtn = h('button', { id: 'pause', class: 'secondary' }, 'Pause');
const stopBtn = h('button', { id: 'stop', class: 'secondary' }, 'Stop');
const clearBtn = h('button', { id: 'clear', class: 'secondary' }, 'Clear');
const exportBtn = h('button', { id: 'export', class: 'secondary' }, 'Export…');
const exportFilteredBtn = h('button', { id: 'export-filtered', class: 'secondary' }, 'Export filtered…');
const status = h('span', { id: 'status', class: 'status', role: 'status' });
const errorBox = h('div', { id: 'tail-error', class: 'error', role: 'alert', hidden: '' });

const textFilter = h('input', { id: 'filter-text', type: 'search', placeholder: 'Text in key, value or headers' });
const celFilter = h('input', {
  id: 'filter-cel',
  type: 'text',
  placeholder: 'CEL, e.g. value.amount > 100 && headers["type"] == "order"',
  spellcheck: 'false',
});
const applyBtn = h('button', { id: 'filter-apply' }, 'Filter');
const filterError = h('pre', { id: 'filter-error', class: 'filter-error', role: 'alert', hidden: '' });

const formatSelects = (['key', 'value', 'headers'] as TailColumn[]).map((column) => {
  const select = h('select', { id: `format-${column}`, 'aria-label': `${column} format` });
  for (const f of TAIL_FORMATS) select.append(h('option', { value: f }, f === 'auto' ? 'auto-detect' : f));
  select.addEventListener('change', () => {
    vscode.postMessage({ type: 'format', column, format: select.value as never });
    table.invalidate();
  });
  return h('label', { class: 'format' }, `${column} `, select);
});

const header = h(
  'div',
  { class: 'row head', role: 'row' },
  ...['Partition', 'Offset', 'Timestamp', 'Key', 'Value', 'Headers', 'Size'].map((c) =>
    h('div', { class: `cell ${c.toLowerCase()}`, role: 'columnheader' }, c),
  ),
);
const scroller = h('div', { id: 'rows', class: 'scroller', role: 'table', 'aria-label': 'Messages' });
const detailActions = h(
  'div',
  { class: 'detail-actions' },
  h('button', { id: 'open-message', 'data-action': 'open' }, 'Open message'),
  h('button', { id: 'copy-message', class: 'secondary', 'data-action': 'copy' }, 'Copy as JSON'),
  h('button', { id: 'produce-again', class: 'secondary', 'data-action': 'produceAgain' }, 'Produce again…'),
);
const detailBody = h('div', { id: 'detail-body', class: 'detail-body' });
const detail = h('section', { id: 'detail', class: 'detail', hidden: '' }, detailActions, detailBody);

replaceChildren(
  root,
  h('header', {}, title, subtitle),
  h('div', { class: 'toolbar' }, pauseBtn, stopBtn, clearBtn, exportBtn, exportFilteredBtn, status),
  errorBox,
  h('div', { class: 'filters' }, textFilter, celFilter, applyBtn, ...formatSelects),
  filterError,
  h('div', { class: 'table' }, header, scroller),
  detail,
);

const table = new MessageTable({
  scroller,
  requestRows: (start, count) => vscode.postMessage({ type: 'rows', requestId: ++requestId, start, count }),
  onSelect: (row) => {
    selected = row;
    detail.hidden = false;
    replaceChildren(detailBody, 'Loading…');
    vscode.postMessage({ type: 'message', action: 'detail', seq: row.seq });
  },
});

pauseBtn.addEventListener('click', () =>
  vscode.postMessage({ type: 'control', action: state === 'paused' ? 'resume' : 'pause' }),
);
stopBtn.addEventListener('click', () => vscode.postMessage({ type: 'control', action: 'stop' }));
clearBtn.addEventListener('click', () => {
  vscode.postMessage({ type: 'control', action: 'clear' });
  table.setTotal(0, true);
});
exportBtn.addEventListener('click', () => vscode.postMessage({ type: 'export', scope: 'all' }));
exportFilteredBtn.addEventListener('click', () => vscode.postMessage({ type: 'export', scope: 'filtered' }));
const applyFilter = () => vscode.postMessage({ type: 'filter', text: textFilter.value, cel: celFilter.value });
applyBtn.addEventListener('click', applyFilter);
for (const input of [textFilter, celFilter])
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') applyFilter();
  });
detailActions.addEventListener('click', (e) => {
  const action = (e.target as HTMLElement).closest('button')?.dataset.action;
  if (selected && (action === 'open' || action === 'copy' || action === 'produceAgain'))
    vscode.postMessage({ type: 'message', action, seq: selected.seq });
});

function formatRate(rate: number): string {
  return rate >= 100 ? Math.round(rate).toLocaleString() : rate.toFixed(1);
}

function showStatus(s: TailStatus): void {
  state = s.state;
  pauseBtn.textContent = s.state === 'paused' ? 'Resume' : 'Pause';
  const ended = s.state === 'stopped' || s.state === 'failed';
  pauseBtn.disabled = ended || s.state === 'starting';
  stopBtn.disabled = ended;
  const fill = s.capacity ? Math.round((s.buffered / s.capacity) * 100) : 0;
  status.textContent =
    `${s.state} · ${formatRate(s.rate)} msg/s · ${s.received.toLocaleString()} received · ` +
    `buffer ${s.buffered.toLocaleString()}/${s.capacity.toLocaleString()} (${fill}%) · ` +
    `${s.matching.toLocaleString()} shown`;
  errorBox.hidden = !s.error;
  errorBox.textContent = s.error ?? '';
  // Rows shift when the buffer is full (the oldest fall out): cached rows are then stale.
  table.setTotal(s.matching, s.origin !== origin);
  origin = s.origin;
}

function showFilterError(message: string, line?: number, column?: number): void {
  filterError.hidden = false;
  const lines = celFilter.value.split('\n');
  const where = line !== undefined && column !== undefined ? ` (line ${line}, column ${column})` : '';
  const source = line !== undefined ? (lines[line - 1] ?? '') : '';
  const caret = column !== undefined ? `${' '.repeat(Math.max(0, column - 1))}^` : '';
  filterError.textContent = `CEL error${where}: ${message}${source ? `\n${source}\n${caret}` : ''}`;
  celFilter.setAttribute('aria-invalid', 'true');
}

window.addEventListener('message', (event: MessageEvent<TailMessage>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      title.textContent = `Tail: ${msg.topic}`;
      subtitle.textContent = `${msg.cluster} · partitions ${msg.partitions.join(', ')} · start ${msg.start}`;
      break;
    case 'status':
      showStatus(msg.status);
      break;
    case 'rows':
      table.addRows(msg.rows, msg.total);
      break;
    case 'filterResult':
      if (msg.ok) {
        filterError.hidden = true;
        filterError.textContent = '';
        celFilter.removeAttribute('aria-invalid');
        table.setTotal(msg.matching, true);
      } else showFilterError(msg.message, msg.line, msg.column);
      break;
    case 'detail':
      if (selected?.seq === msg.seq) replaceChildren(detailBody, jsonTree(JSON.parse(msg.json)));
      break;
  }
});

vscode.postMessage({ type: 'ready' });
