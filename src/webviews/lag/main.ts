import type { GroupLag, GroupLagSummary, PartitionLag } from '../../kafka/lag/types';
import { formatTimeLag } from '../../kafka/lag/timeLag';
import type { CloudWatchGroupLag } from '../../services/cloudWatchLagData';
import { connectToHost } from '../shared/connect';
import { h, replaceChildren } from '../shared/dom';
import { sparkline, totalLagChart } from './charts';
import {
  card,
  cloudWatchHistory,
  cloudWatchLabelLine,
  renderCloudWatchGroup,
  renderCloudWatchOverview,
} from './cloudWatchView';
import { lagProtocol, type LagViewState } from './protocol';
import {
  cloudWatchPartitionTimeLag,
  cloudWatchSeconds,
  committedCell,
  fmt,
  groupNotes,
  groupStateText,
  lagCell,
  statusText,
  statusTitle,
  type Cell,
} from './viewModel';

const host = connectToHost(lagProtocol);
const root = document.getElementById('root')!;
const status = document.getElementById('status')!;
const back = document.getElementById('back')!;

type SortKey = 'group' | 'totalLag' | 'maxLag' | 'status';
let sort: { key: SortKey; desc: boolean } = { key: 'totalLag', desc: true };
let state: LagViewState | undefined;

document.getElementById('refresh')!.addEventListener('click', () => host.command('refresh'));
document.getElementById('export')!.addEventListener('click', () => host.command('export'));
back.addEventListener('click', () => host.command('select', { groupId: null }));

host.listen({
  state: (next) => {
    state = next;
    render();
  },
});
host.command('ready');

const SEVERITY: Record<string, number> = { OK: 0, collecting: 1, WARN: 2, ERR: 3 };

function badge(v: { status: string; samples: number; minSamples: number; reason: string }): HTMLElement {
  return h('span', { class: `badge status-${v.status}`, title: statusTitle(v) }, statusText(v));
}

function cell(c: Cell, cls: string): HTMLElement {
  return h('td', { class: c.class ? `${cls} ${c.class}` : cls, title: c.title }, c.text);
}

function render(): void {
  const s = state;
  if (!s) return;
  const when = s.time
    ? `Updated ${new Date(s.time).toLocaleTimeString()} (${s.durationMs ?? 0} ms)`
    : s.cloudWatch
      ? 'The brokers do not answer: showing CloudWatch'
      : 'Reading offsets…';
  status.textContent = `${when} · every ${s.refreshSeconds}s while visible`;
  back.hidden = s.selected === undefined;
  const error = s.error ? h('div', { class: 'error', role: 'alert' }, s.error.message) : null;
  const select = (groupId: string) => host.command('select', { groupId });
  if (s.selected === undefined && s.cloudWatch)
    renderCloudWatchOverview(root, { ...s, cloudWatch: s.cloudWatch }, error, select);
  else if (s.selected !== undefined && !s.detail && s.cloudWatchDetail && (s.cloudWatch || s.error))
    renderCloudWatchGroup(root, s, error, s.cloudWatchDetail);
  else if (s.selected !== undefined) renderGroup(s, error);
  else renderOverview(s, error);
}

function sortHeader(label: string, key: SortKey): HTMLElement {
  const active = sort.key === key;
  const button = h(
    'button',
    { class: 'sort link', 'data-sort': key, 'aria-sort': active ? (sort.desc ? 'descending' : 'ascending') : 'none' },
    `${label}${active ? (sort.desc ? ' ▾' : ' ▴') : ''}`,
  );
  button.addEventListener('click', () => {
    sort = { key, desc: active ? !sort.desc : key !== 'group' };
    render();
  });
  return h('th', {}, button);
}

function compare(a: GroupLagSummary, b: GroupLagSummary): number {
  switch (sort.key) {
    case 'group':
      return a.groupId.localeCompare(b.groupId);
    case 'totalLag':
      return a.totalLag - b.totalLag;
    case 'maxLag':
      return a.maxLag - b.maxLag;
    case 'status':
      return SEVERITY[a.verdict.status] - SEVERITY[b.verdict.status] || a.totalLag - b.totalLag;
  }
}

function renderOverview(s: LagViewState, error: HTMLElement | null): void {
  const groups = [...s.groups].sort((a, b) => (sort.desc ? -compare(a, b) : compare(a, b)));
  const rows = groups.map((g) => {
    const open = h('button', { class: 'link group-link', 'data-group': g.groupId }, g.groupId);
    open.addEventListener('click', () => host.command('select', { groupId: g.groupId }));
    return h(
      'tr',
      { 'data-group': g.groupId },
      h('td', {}, open),
      h('td', { title: g.notConsumerGroup ?? '' }, groupStateText(g)),
      h('td', { class: 'num' }, g.members),
      h('td', { class: 'num total-lag' }, fmt(g.totalLag)),
      h('td', { class: 'num' }, fmt(g.maxLag)),
      h('td', {}, badge(g.verdict)),
      h(
        'td',
        {},
        sparkline(
          g.history.map((x) => x.totalLag),
          'Total lag',
        ),
      ),
      h('td', { class: 'num' }, g.partitionCount),
    );
  });
  replaceChildren(
    root,
    h('h1', {}, `Consumer lag · ${s.clusterName}`),
    error,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'lag overview' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            sortHeader('Group', 'group'),
            h('th', {}, 'State'),
            h('th', {}, 'Members'),
            sortHeader('Total lag', 'totalLag'),
            sortHeader('Max lag', 'maxLag'),
            sortHeader('Status', 'status'),
            h('th', {}, 'History'),
            h('th', {}, 'Partitions'),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
    groups.length === 0 && s.time ? h('p', { class: 'empty' }, 'No consumer groups.') : null,
  );
}

function partitionRow(p: PartitionLag, cw: CloudWatchGroupLag | undefined): HTMLElement {
  return h(
    'tr',
    { 'data-partition': `${p.topic}/${p.partition}`, 'data-lag-from': p.lagFrom },
    h('td', {}, p.topic),
    h('td', { class: 'num' }, p.partition),
    cell(committedCell(p), 'num committed'),
    h('td', { class: 'num' }, fmt(p.logEnd)),
    cell(lagCell(p), 'num lag'),
    h('td', { class: 'num', title: timeLagTitle(p) }, formatTimeLag(p.timeLag)),
    cw
      ? h(
          'td',
          { class: 'num cloudwatch-time-lag', title: 'EstimatedTimeLag (CloudWatch)' },
          cloudWatchSeconds(cloudWatchPartitionTimeLag(cw, p.topic, p.partition)),
        )
      : null,
    h('td', { class: 'member', title: p.memberId ?? '' }, p.memberId ? shortMember(p.memberId) : '–'),
    h('td', {}, p.clientId ?? '–'),
    h('td', {}, badge(p.verdict)),
    h('td', {}, sparkline(p.history, `Lag of ${p.topic}/${p.partition}`)),
  );
}

function timeLagTitle(p: PartitionLag): string {
  switch (p.timeLag?.kind) {
    case 'exact':
      return p.timeLag.recordTimestamp === undefined
        ? 'Age of the first unread record'
        : `Age of the first unread record (written ${new Date(p.timeLag.recordTimestamp).toISOString()})`;
    case 'interpolated':
      return 'Estimated: the log end passed the committed offset during this session';
    case 'extrapolated':
      return 'Estimated from the produce rate seen in this session (the record predates it)';
    case 'atLeast':
      return 'At least: nothing was produced during this session';
    default:
      return '';
  }
}

function shortMember(id: string): string {
  return id.length > 28 ? `${id.slice(0, 12)}…${id.slice(-12)}` : id;
}

function renderGroup(s: LagViewState, error: HTMLElement | null): void {
  const g: GroupLag | undefined = s.detail;
  const title = h('h1', {}, `Consumer lag · ${s.selected ?? ''}`);
  if (!g) {
    replaceChildren(
      root,
      title,
      error,
      h('p', { class: 'empty' }, s.time ? 'This group no longer exists.' : 'Reading offsets…'),
    );
    return;
  }
  const reset = h(
    'button',
    {
      id: 'reset',
      class: 'secondary',
      title: s.readOnly
        ? 'Read-only mode'
        : g.members > 0
          ? 'Only a group without active members can be reset'
          : undefined,
    },
    'Reset offsets…',
  );
  if (s.readOnly || g.members > 0) reset.setAttribute('disabled', '');
  reset.addEventListener('click', () => host.command('reset', { groupId: g.groupId }));
  const cw = s.cloudWatchDetail?.group;
  const cwPartitions = cw?.topics.some((t) => t.partitions?.length) ? cw : undefined;
  const summary = h(
    'div',
    { class: 'cards' },
    card('Status', badge(g.verdict), g.verdict.reason),
    card('Total lag', h('span', { id: 'total-lag' }, fmt(g.totalLag))),
    card('Max lag', fmt(g.maxLag)),
    card('State', groupStateText(g), `${g.members} member${g.members === 1 ? '' : 's'}`),
    cw ? card('CloudWatch time lag', cloudWatchSeconds(cw.maxTimeLagSeconds), 'EstimatedMaxTimeLag') : null,
  );
  const notes = groupNotes(g).map((n) => h('p', { class: 'note group-note' }, n));
  replaceChildren(
    root,
    title,
    error,
    g.error ? h('div', { class: 'error', role: 'alert' }, `Offsets could not be read: ${g.error}`) : null,
    summary,
    ...notes,
    s.cloudWatchDetail ? cloudWatchLabelLine(s.cloudWatchDetail) : null,
    h('h2', {}, 'Total lag over time'),
    totalLagChart(g.history),
    ...(cw ? cloudWatchHistory(cw) : []),
    h('div', { class: 'row-actions' }, h('h2', {}, 'Partitions'), reset),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'lag partitions' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              'Topic',
              'Partition',
              'Committed',
              'Log end',
              'Lag',
              'Time lag',
              ...(cwPartitions ? ['CloudWatch time lag'] : []),
              'Member',
              'Client id',
              'Status',
              'History',
            ].map((c) => h('th', {}, c)),
          ),
        ),
        h('tbody', {}, ...g.partitions.map((p) => partitionRow(p, cwPartitions))),
        h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h('td', {}, 'Total'),
            h('td', { class: 'num' }, g.partitions.length),
            h('td', {}),
            h('td', {}),
            h('td', { class: 'num' }, fmt(g.totalLag)),
            h('td', {}),
            cwPartitions ? h('td', {}) : null,
            h('td', {}),
            h('td', {}),
            h('td', {}, badge(g.verdict)),
            h('td', {}),
          ),
        ),
      ),
    ),
    g.partitions.length === 0 ? h('p', { class: 'empty' }, 'This group has no committed offsets.') : null,
  );
}
