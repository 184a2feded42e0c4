/** The result of a send (failures first) and the recent sends, as the producer page shows them. */
import { h, type Child } from '../shared/dom';
import type { HistoryItem, ResultData } from './protocol';

/** The children of the result box; `onTail` opens the tail at what was sent. */
export function resultView(r: ResultData, onTail: () => void): Child[] {
  const summary = h(
    'div',
    { id: 'result-summary', class: r.failed ? 'summary error' : 'summary ok' },
    r.failed ? `${r.sent} of ${r.total} sent, ${r.failed} failed` : `${r.sent} sent`,
    ` in ${r.durationMs} ms`,
    r.idempotent ? ' (idempotent)' : '',
  );
  const tail = h('button', { id: 'tail', class: 'secondary', type: 'button' }, 'Tail this topic');
  tail.addEventListener('click', onTail);
  if (!r.canTail) {
    tail.setAttribute('disabled', '');
    tail.title = 'Nothing was stored with a known offset (failed, or sent with acks 0): nothing to tail from.';
  } else tail.title = 'Open a tail from the first offset sent, on the partitions written to';
  const rows = r.rows.map((row) =>
    row.ok
      ? h(
          'tr',
          { class: 'ok' },
          h('td', {}, row.count),
          h('td', {}, row.partition),
          h('td', { class: 'offset' }, row.offsets),
          h('td', {}, '✓'),
        )
      : h(
          'tr',
          { class: 'failed' },
          h('td', {}, row.messages),
          h('td', {}, ''),
          h('td', {}, ''),
          h('td', {}, `✗ ${row.error}`),
        ),
  );
  return [
    h('div', { class: 'toolbar' }, summary, tail),
    r.idempotenceFallback ? h('div', { class: 'notice' }, r.idempotenceFallback) : null,
    r.failures.length ? h('ul', { class: 'failures' }, ...r.failures.map((f) => h('li', {}, f))) : null,
    h(
      'table',
      { id: 'outcomes' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { title: 'How many messages (stored), or which ones (failed)' }, 'Messages'),
          h('th', {}, 'Partition'),
          h('th', {}, 'Offsets'),
          h('th', {}, 'Result'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    r.rowCount > r.rows.length
      ? h('p', { class: 'hint' }, `First ${r.rows.length} of ${r.rowCount} rows shown (failures first).`)
      : null,
  ];
}

/** The children of the history box (none without recent sends). */
export function historyView(
  items: HistoryItem[],
  actions: { load: (id: string) => void; sendAgain: (id: string) => void },
): Child[] {
  if (items.length === 0) return [];
  return [
    h('h3', {}, 'Recent sends'),
    h(
      'ul',
      {},
      ...items.map((item) => {
        const load = h('button', { class: 'link', type: 'button' }, 'Load');
        const again = h('button', { class: 'link', type: 'button' }, 'Send again');
        load.addEventListener('click', () => actions.load(item.id));
        again.addEventListener('click', () => actions.sendAgain(item.id));
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
  ];
}
