/**
 * The Consumer Lag view's CloudWatch parts: the overview and the group view from MSK's CloudWatch
 * metrics while the brokers do not answer, and CloudWatch's time lag and last hours next to ours.
 */
import type { CloudWatchGroupLag } from '../../services/cloudWatchLagData';
import { h, replaceChildren } from '../shared/dom';
import { sparkline, totalLagChart } from './charts';
import type { CloudWatchView, LagViewState } from './protocol';
import { cloudWatchLabel, cloudWatchSeconds, fmt } from './viewModel';

/** The label line ("CloudWatch · AWS/Kafka · period 1 min · data from 2 min ago") and its error. */
export function cloudWatchLabelLine(v: CloudWatchView): HTMLElement {
  return h(
    'p',
    { class: 'cloudwatch-label', 'data-source': 'cloudwatch' },
    cloudWatchLabel(v, Date.now()),
    v.error ? h('span', { class: 'cloudwatch-error' }, ` · last read failed: ${v.error}`) : null,
  );
}

export function renderCloudWatchOverview(
  root: HTMLElement,
  s: LagViewState & { cloudWatch: NonNullable<LagViewState['cloudWatch']> },
  error: HTMLElement | null,
  select: (groupId: string) => void,
): void {
  const cw = s.cloudWatch;
  const rows = [...cw.groups]
    .sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId))
    .map((g) => {
      const open = h('button', { class: 'link group-link', 'data-group': g.groupId }, g.groupId);
      open.addEventListener('click', () => select(g.groupId));
      return h(
        'tr',
        { 'data-group': g.groupId, 'data-source': 'cloudwatch' },
        h('td', {}, open),
        h('td', { class: 'num total-lag' }, fmt(g.totalLag)),
        h('td', { class: 'num' }, fmt(g.maxLag)),
        h('td', { class: 'num', title: 'EstimatedMaxTimeLag' }, cloudWatchSeconds(g.maxTimeLagSeconds)),
        h('td', {}, g.topics.map((t) => t.topic).join(', ')),
        h(
          'td',
          {},
          sparkline(
            g.history.map((x) => x.totalLag),
            'Total lag per minute (CloudWatch)',
          ),
        ),
      );
    });
  replaceChildren(
    root,
    h('h1', {}, `Consumer lag · ${s.clusterName}`),
    error,
    h(
      'p',
      { class: 'note' },
      'The brokers do not answer: the lag below is MSK’s CloudWatch consumer-lag metrics (SumOffsetLag, MaxOffsetLag, EstimatedMaxTimeLag per group and topic). Groups without commits and members are not in them.',
    ),
    cloudWatchLabelLine(cw),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'lag overview cloudwatch' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Group', 'Total lag', 'Max lag', 'Max time lag', 'Topics', 'History'].map((c) => h('th', {}, c)),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
    cw.groups.length === 0
      ? h('p', { class: 'empty' }, 'CloudWatch has no consumer-lag metrics for this cluster.')
      : null,
  );
}

/** The group view from CloudWatch alone (the brokers do not answer). */
export function renderCloudWatchGroup(
  root: HTMLElement,
  s: LagViewState,
  error: HTMLElement | null,
  v: CloudWatchView & { group?: CloudWatchGroupLag },
): void {
  const g = v.group;
  const title = h('h1', {}, `Consumer lag · ${s.selected ?? ''}`);
  if (!g) {
    replaceChildren(
      root,
      title,
      error,
      cloudWatchLabelLine(v),
      h('p', { class: 'empty' }, 'CloudWatch has no consumer-lag metrics for this group.'),
    );
    return;
  }
  replaceChildren(
    root,
    title,
    error,
    h('p', { class: 'note' }, 'The brokers do not answer: this is MSK’s CloudWatch consumer-lag metrics.'),
    cloudWatchLabelLine(v),
    h(
      'div',
      { class: 'cards' },
      card('Total lag', h('span', { id: 'total-lag' }, fmt(g.totalLag)), 'SumOffsetLag'),
      card('Max lag', fmt(g.maxLag), 'MaxOffsetLag'),
      card('Max time lag', cloudWatchSeconds(g.maxTimeLagSeconds), 'EstimatedMaxTimeLag'),
    ),
    ...cloudWatchHistory(g),
    h('h2', {}, 'Topics and partitions'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'lag partitions cloudwatch' },
        h('thead', {}, h('tr', {}, ...['Topic', 'Partition', 'Offset lag', 'Time lag'].map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          ...g.topics.flatMap((t) =>
            t.partitions?.length
              ? t.partitions.map((p) =>
                  h(
                    'tr',
                    { 'data-partition': `${t.topic}/${p.partition}` },
                    h('td', {}, t.topic),
                    h('td', { class: 'num' }, p.partition),
                    h('td', { class: 'num lag' }, p.offsetLag === undefined ? '–' : fmt(p.offsetLag)),
                    h('td', { class: 'num' }, cloudWatchSeconds(p.timeLagSeconds)),
                  ),
                )
              : [
                  h(
                    'tr',
                    { 'data-topic': t.topic },
                    h('td', {}, t.topic),
                    h(
                      'td',
                      {
                        class: 'num',
                        title: 'MSK publishes per-partition lag on the PER_TOPIC_PER_PARTITION monitoring level only',
                      },
                      'all',
                    ),
                    h('td', { class: 'num lag' }, t.sumOffsetLag === undefined ? '–' : fmt(t.sumOffsetLag)),
                    h('td', { class: 'num' }, cloudWatchSeconds(t.maxTimeLagSeconds)),
                  ),
                ],
          ),
        ),
      ),
    ),
  );
}

/** "Total lag, last 3 h (CloudWatch)" chart, when CloudWatch has more than one period. */
export function cloudWatchHistory(g: CloudWatchGroupLag): HTMLElement[] {
  if (g.history.length < 2) return [];
  const hours = Math.max(1, Math.round((g.history[g.history.length - 1].time - g.history[0].time) / 3600_000));
  const label = `Total lag per minute, last ${g.history.length < 90 ? `${g.history.length} min` : `${hours} h`} (CloudWatch)`;
  return [h('h2', {}, label), h('div', { class: 'cloudwatch-history' }, totalLagChart(g.history, label))];
}

export function card(label: string, value: Node | string, sub?: string): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-title' }, label),
    h('div', { class: 'card-value' }, value),
    sub ? h('div', { class: 'card-sub' }, sub) : null,
  );
}
