/** The tail panel's webview: toolbar, filters, the virtualized table and the message detail. */
import { connectToHost } from '../shared/connect';
import { h, replaceChildren } from '../shared/dom';
import { jsonTree } from './jsonTree';
import { neutralizeBidi } from '../../shared/bidi';
import { describePartitions } from '../../kafka/tail/startCheck';
import { MessageTable } from './table';
import {
  TAIL_FORMATS,
  tailProtocol,
  type FilterNotice,
  type FilterResult,
  type TailColumn,
  type TailInit,
  type TailRow,
  type TailStatus,
  type TailTimeZone,
} from './protocol';
import { formatTimestamp } from './time';

const host = connectToHost(tailProtocol);
const root = document.getElementById('root')!;

let state: TailStatus['state'] = 'starting';
let selected: TailRow | undefined;
let origin = -1;
/** The host's schema revision: rows fetched before a schema arrived are stale. */
let revision = 0;
let init: TailInit | undefined;
let zone: TailTimeZone = 'local';
/** The filter in force (as the host last confirmed it). */
let inForce = { text: '', cel: '' };
let lastStatus: TailStatus | undefined;

const title = h('h1', { class: 'tail-title' }, 'Tail');
const subtitle = h('div', { class: 'subtitle' });
const pauseBtn = h('button', { id: 'pause', class: 'secondary' }, 'Pause');
const stopBtn = h('button', { id: 'stop', class: 'secondary' }, 'Stop');
const clearBtn = h('button', { id: 'clear', class: 'secondary' }, 'Clear');
const exportBtn = h('button', { id: 'export', class: 'secondary' }, 'Export…');
const exportFilteredBtn = h('button', { id: 'export-filtered', class: 'secondary' }, 'Export filtered…');
const status = h('span', { id: 'status', class: 'status', role: 'status' });
const startNotes = h('ul', { id: 'start-notes', class: 'notes', hidden: '' });
const errorBox = h('div', { id: 'tail-error', class: 'error', role: 'alert', hidden: '' });

const textFilter = h('input', { id: 'filter-text', type: 'search', placeholder: 'Text in key, value or headers' });
const celFilter = h('input', {
  id: 'filter-cel',
  type: 'text',
  placeholder: 'CEL, e.g. value.amount > 100 && headers["type"] == "order"',
  spellcheck: 'false',
});
const applyBtn = h('button', { id: 'filter-apply' }, 'Filter');
/** Shown while a filter is evaluated over a large buffer. */
const cancelFilterBtn = h('button', { id: 'filter-cancel', class: 'secondary', hidden: '' }, 'Cancel filtering');
const filterError = h('pre', { id: 'filter-error', class: 'filter-error', role: 'alert', hidden: '' });
/** Which filter is in force ("no filter", or the expression) and the filter's progress. */
const filterState = h('div', { id: 'filter-state', class: 'filter-state', role: 'status' }, 'No filter');
const emptyState = h('div', { id: 'empty-state', class: 'empty-state', hidden: '' });

const formatSelects = (['key', 'value', 'headers'] as TailColumn[]).map((column) => {
  const select = h('select', { id: `format-${column}`, 'aria-label': `${column} format` });
  for (const f of TAIL_FORMATS) select.append(h('option', { value: f }, f === 'auto' ? 'auto-detect' : f));
  select.addEventListener('change', () => {
    host.command('format', { column, format: select.value as (typeof TAIL_FORMATS)[number] });
    table.invalidate();
  });
  return { column, select, label: h('label', { class: 'format' }, `${column} `, select) };
});

const header = h('div', { class: 'row head', role: 'row' });
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

const tableBox = h('div', { class: 'table' }, h('div', { class: 'table-inner' }, header, emptyState, scroller));

replaceChildren(
  root,
  h('header', {}, title, subtitle),
  startNotes,
  h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'buttons' }, pauseBtn, stopBtn, clearBtn, exportBtn, exportFilteredBtn),
    status,
  ),
  errorBox,
  h(
    'div',
    { class: 'filters' },
    textFilter,
    celFilter,
    applyBtn,
    h('div', { class: 'formats' }, ...formatSelects.map((f) => f.label)),
  ),
  filterError,
  h('div', { class: 'filter-progress' }, filterState, cancelFilterBtn),
  tableBox,
  detail,
);

const table = new MessageTable({
  scroller,
  requestRows: (start, count) => host.request('rows', { start, count }),
  onSelect: (row) => void showDetail(row),
  header,
  grid: tableBox,
  onResize: (widths) => host.command('columns', { widths }),
});

async function showDetail(row: TailRow): Promise<void> {
  selected = row;
  detail.hidden = false;
  replaceChildren(detailBody, 'Loading…');
  try {
    const { json } = await host.request('detail', { seq: row.seq });
    const message = JSON.parse(json) as Record<string, unknown>;
    // The same time form as the table (msk.tail.timeZone).
    if (typeof message.timestamp === 'string') message.timestamp = formatTimestamp(row.timestamp, zone);
    if (selected?.seq === row.seq) replaceChildren(detailBody, jsonTree(message));
  } catch (err) {
    if (selected?.seq === row.seq)
      replaceChildren(detailBody, h('div', { class: 'error', role: 'alert' }, errorText(err)));
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

pauseBtn.addEventListener('click', () => host.command('control', { action: state === 'paused' ? 'resume' : 'pause' }));
stopBtn.addEventListener('click', () => host.command('control', { action: 'stop' }));
clearBtn.addEventListener('click', () => {
  host.command('control', { action: 'clear' });
  table.setTotal(0, true);
});
exportBtn.addEventListener('click', () => host.command('export', { scope: 'all' }));
exportFilteredBtn.addEventListener('click', () => host.command('export', { scope: 'filtered' }));
async function applyFilter(): Promise<void> {
  let result: FilterResult;
  try {
    result = await host.request('filter', { text: textFilter.value, cel: celFilter.value });
  } catch (err) {
    // The host did not answer: the filter in force (shown under the filters) did not change.
    cancelFilterBtn.hidden = true;
    showNotice({ kind: 'warning', message: `The filter could not be applied: ${errorText(err)}` });
    showFilterState();
    return;
  }
  if (result.outcome === 'superseded') return; // a newer filter answers
  cancelFilterBtn.hidden = true;
  if (result.outcome === 'cancelled') {
    inForce = result.filter;
    showNotice({ kind: 'warning', message: 'Filtering was cancelled: the filter in force before stays.' });
    showFilterState();
    table.setTotal(result.matching, true);
    showEmpty();
    return;
  }
  inForce = result.filter;
  showNotice(result.notice);
  showFilterState();
  table.setTotal(result.matching, true);
  showEmpty();
}
applyBtn.addEventListener('click', () => void applyFilter());
cancelFilterBtn.addEventListener('click', () => host.command('cancelFilter'));
for (const input of [textFilter, celFilter])
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void applyFilter();
  });
detailActions.addEventListener('click', (e) => {
  const action = (e.target as HTMLElement).closest('button')?.dataset.action;
  if (selected && (action === 'open' || action === 'copy' || action === 'produceAgain'))
    host.command('message', { action, seq: selected.seq });
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
  lastStatus = s;
  const fill = s.capacity ? Math.round((s.buffered / s.capacity) * 100) : 0;
  // Each part wraps as a whole in a narrow panel ("4 shown", never "4" and "shown" on two lines).
  const parts = [
    s.state,
    `${formatRate(s.rate)} msg/s`,
    `${s.received.toLocaleString()} received`,
    `buffer ${s.buffered.toLocaleString()}/${s.capacity.toLocaleString()} (${fill}%)`,
    `${s.matching.toLocaleString()} shown`,
  ];
  replaceChildren(status, ...parts.flatMap((p, i) => [i ? ' · ' : null, h('span', { class: 'part' }, p)]));
  errorBox.hidden = !s.error;
  errorBox.textContent = s.error ?? '';
  // Rows shift when the buffer is full (the oldest fall out): cached rows are then stale.
  table.setTotal(s.matching, s.origin !== origin || (s.revision ?? 0) !== revision);
  origin = s.origin;
  revision = s.revision ?? 0;
  showEmpty();
}

/** A line in place of rows when there are none: what the tail waits for, or that nothing matches. */
function showEmpty(): void {
  const total = table.rowCount;
  emptyState.hidden = total > 0;
  if (total > 0) return;
  const buffered = lastStatus?.buffered ?? 0;
  if (buffered > 0 && (inForce.text || inForce.cel))
    emptyState.textContent = `None of the ${buffered.toLocaleString()} buffered messages matches the filter.`;
  else if (init)
    emptyState.textContent = neutralizeBidi(
      `Waiting for messages on ${init.partitions.length === 1 ? 'partition' : 'partitions'} ${describePartitions(init.partitions)} from ${init.start}…`,
    );
  else emptyState.textContent = 'Starting…';
}

function showFilterState(): void {
  const parts: string[] = [];
  if (inForce.text) parts.push(`text "${inForce.text}"`);
  if (inForce.cel) parts.push(`CEL ${inForce.cel}`);
  filterState.textContent = neutralizeBidi(parts.length ? `Filter in force: ${parts.join(' and ')}` : 'No filter');
}

function showNotice(notice: FilterNotice | undefined): void {
  if (!notice) {
    filterError.hidden = true;
    filterError.textContent = '';
    filterError.className = 'filter-error';
    celFilter.removeAttribute('aria-invalid');
    return;
  }
  filterError.hidden = false;
  filterError.className = `filter-error ${notice.kind}`;
  if (notice.kind !== 'error') {
    celFilter.removeAttribute('aria-invalid');
    filterError.textContent = neutralizeBidi(`${notice.message}${notice.hint ? `\n${notice.hint}` : ''}`);
    return;
  }
  const { line, column } = notice;
  const lines = celFilter.value.split('\n');
  const where = line !== undefined && column !== undefined ? ` (line ${line}, column ${column})` : '';
  const source = line !== undefined ? (lines[line - 1] ?? '') : '';
  const shown = source.length > 200 ? '' : source;
  const caret = shown && column !== undefined ? `${' '.repeat(Math.max(0, column - 1))}^` : '';
  filterError.textContent = neutralizeBidi(
    `Filter not applied${where}: ${notice.message}${shown ? `\n${shown}\n${caret}` : ''}\nNo filter is in force: every message is shown.`,
  );
  celFilter.setAttribute('aria-invalid', 'true');
}

host.listen({
  init: (message) => {
    const first = !init;
    init = message;
    zone = message.timeZone;
    title.textContent = neutralizeBidi(`Tail: ${message.topic}`);
    subtitle.textContent = neutralizeBidi(
      `${message.cluster} · partitions ${message.partitions.join(', ')} · start ${message.start} · times ${zone === 'utc' ? 'UTC' : 'local'}`,
    );
    replaceChildren(startNotes, ...message.startNotes.map((n) => h('li', {}, n)));
    startNotes.hidden = !message.startNotes.length;
    table.setTimeZone(zone);
    table.setWidths(message.columnWidths);
    // The page may have been re-created (tab switch): show the filter and formats in force.
    if (first) {
      textFilter.value = message.filter.text;
      celFilter.value = message.filter.cel;
      for (const f of formatSelects) f.select.value = message.formats[f.column];
      showNotice(message.filterNotice);
    }
    inForce = message.filter;
    showFilterState();
    showEmpty();
  },
  status: showStatus,
  filterProgress: ({ done, total }) => {
    cancelFilterBtn.hidden = done >= total;
    filterState.textContent =
      done >= total
        ? filterState.textContent
        : `Filtering… ${done.toLocaleString()} of ${total.toLocaleString()} messages (${Math.floor((done / total) * 100)}%)`;
  },
});

host.command('ready');
