import { authModeLabel } from '../../services/clusterModel';
import { connectToHost } from '../shared/connect';
import { h, replaceChildren } from '../shared/dom';
import { overviewProtocol, type OverviewData } from './protocol';
import { topicsDetail } from './wording';

const host = connectToHost(overviewProtocol);
const root = document.getElementById('root')!;
const status = document.getElementById('status')!;

document.getElementById('refresh')!.addEventListener('click', () => host.command('refresh'));

host.listen({
  loading: () => {
    status.textContent = 'Loading…';
  },
  error: ({ message, hint }) => {
    status.textContent = '';
    replaceChildren(
      root,
      h('div', { class: 'error', role: 'alert' }, message, hint ? h('div', { class: 'hint' }, hint) : null),
    );
  },
  data: (data) => {
    status.textContent = `Updated ${new Date(data.loadedAt).toLocaleTimeString()}`;
    render(data);
  },
});

function field(label: string, value: string | number | undefined): HTMLElement | null {
  if (value === undefined || value === '') return null;
  return h(
    'div',
    { class: 'field' },
    h('span', { class: 'label' }, label),
    h('span', { class: 'value' }, String(value)),
  );
}

/** The configuration a cluster runs; a revision (not MSK's default) is a link that opens it. */
function configurationField(text: string | undefined, openable: boolean): HTMLElement | null {
  if (!openable || !text) return field('MSK configuration', text);
  const link = h('button', { class: 'link', title: 'Open this configuration revision (server.properties)' }, text);
  link.addEventListener('click', () => host.command('openConfiguration'));
  return h('div', { class: 'field' }, h('span', { class: 'label' }, 'MSK configuration'), link);
}

function render(d: OverviewData): void {
  const c = d.cluster;
  const copyArn = c.arn ? h('button', { class: 'link', title: 'Copy ARN' }, 'Copy ARN') : null;
  copyArn?.addEventListener('click', () => host.command('copy', { text: c.arn ?? '' }));
  const brokers = h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, 'Broker'), h('th', {}, 'Endpoint'), h('th', {}, 'Rack / AZ'), h('th', {}, 'Role')),
    ),
    h(
      'tbody',
      {},
      ...d.brokers.map((b) =>
        h(
          'tr',
          {},
          h('td', {}, String(b.id)),
          h('td', {}, `${b.host}:${b.port}`),
          h('td', {}, b.rack ?? '-'),
          h('td', {}, b.isController ? 'controller' : 'broker'),
        ),
      ),
    ),
  );
  const connectors = Array.isArray(d.connectors)
    ? d.connectors.length
      ? h(
          'ul',
          {},
          ...d.connectors.map((k) =>
            h(
              'li',
              {},
              h('span', { class: `state state-${k.state.toLowerCase()}` }, k.state),
              ' ',
              k.name,
              k.failure ? h('div', { class: 'failure' }, `Reason: ${k.failure}`) : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No MSK Connect connectors for this cluster.')
    : h('p', { class: 'muted' }, `Connectors unavailable: ${d.connectors.error}`);
  replaceChildren(
    root,
    h('h1', {}, c.name),
    h(
      'section',
      { class: 'fields' },
      field('Type', c.type),
      field('State', c.state),
      field('Kafka version', c.kafkaVersion),
      field('Brokers', d.brokerKind),
      field('Storage mode', d.storageMode),
      configurationField(d.mskConfiguration, c.configuration !== undefined),
      field('Authentication', c.authModes.map(authModeLabel).join(', ')),
      field('Region', c.region),
      field('ARN', c.arn),
      copyArn,
    ),
    h(
      'section',
      { class: 'cards' },
      card('Brokers', d.brokers.length),
      card('Topics', d.topics.total - d.topics.internal, topicsDetail(d.topics.total, d.topics.internal)),
      card(
        'Partitions',
        d.topics.partitions,
        d.topics.underReplicated.length ? `${d.topics.underReplicated.length} under-replicated topics` : 'all in sync',
      ),
      card(
        'Consumer groups',
        d.groups.total,
        Object.entries(d.groups.byState)
          .map(([s, n]) => `${n} ${s}`)
          .join(', '),
      ),
    ),
    h('h2', {}, 'Brokers'),
    brokers,
    d.topics.underReplicated.length ? h('h2', {}, 'Under-replicated topics') : null,
    d.topics.underReplicated.length ? h('ul', {}, ...d.topics.underReplicated.map((t) => h('li', {}, t))) : null,
    h('h2', {}, 'Connectors'),
    connectors,
  );
}

function card(title: string, value: number, detail?: string): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-title' }, title),
    h('div', { class: 'card-value' }, String(value)),
    detail ? h('div', { class: 'card-detail' }, detail) : null,
  );
}

host.command('ready');
