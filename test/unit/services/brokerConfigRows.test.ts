/** What the Brokers folder shows of DescribeConfigs-with-synonyms answers, per broker and cluster-wide. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrokerConfigEntry } from '../../../src/kafka/brokerConfig';
import { brokerConfigRows, brokerConfigValueText, dynamicOverridesText } from '../../../src/services/brokerConfigOps';
import { PagedList } from '../../../src/shared/pagedList';

const entry = (name: string, synonyms: BrokerConfigEntry['synonyms'], extra: Partial<BrokerConfigEntry> = {}) => ({
  name,
  value: synonyms[0]?.value ?? null,
  source: synonyms[0]?.source ?? 'unknown',
  isSensitive: false,
  readOnly: false,
  synonyms,
  ...extra,
});

const ENTRIES: BrokerConfigEntry[] = [
  entry('a.default', [{ source: 'default', value: '1' }]),
  entry('b.both', [
    { source: 'dynamicBroker', value: '3' },
    { source: 'dynamicDefault', value: '2' },
    { source: 'default', value: '1' },
  ]),
  entry('c.wide', [
    { source: 'dynamicDefault', value: '20' },
    { source: 'static', value: '10' },
    { source: 'default', value: '5' },
  ]),
  entry('d.static', [{ source: 'static', value: '/data' }], { readOnly: true }),
  entry(
    'e.secret',
    [
      { source: 'dynamicBroker', value: null },
      { source: 'static', value: null },
    ],
    { isSensitive: true },
  ),
];

test('per broker: its own dynamic values are overrides, each next to the value it overrides; overrides first', () => {
  const rows = brokerConfigRows(ENTRIES, { broker: 1 });
  assert.deepEqual(
    rows.map((r) => [
      r.name,
      r.value,
      r.source,
      r.isOverride,
      r.overrides && `${r.overrides.value} ${r.overrides.source}`,
    ]),
    [
      ['b.both', '3', 'dynamic per-broker', true, '2 dynamic cluster-wide default'],
      ['e.secret', null, 'dynamic per-broker', true, 'null static (server.properties)'],
      ['a.default', '1', 'Kafka default', false, undefined],
      ['c.wide', '20', 'dynamic cluster-wide default', false, undefined],
      ['d.static', '/data', 'static (server.properties)', false, undefined],
    ],
  );
  assert.equal(brokerConfigValueText(rows[1]), '(sensitive)');
});

test('cluster-wide: the dynamic defaults are the overrides; a per-broker value is not the default', () => {
  const rows = brokerConfigRows(ENTRIES, 'cluster');
  assert.deepEqual(
    rows.map((r) => [
      r.name,
      r.value,
      r.source,
      r.isOverride,
      r.overrides && `${r.overrides.value} ${r.overrides.source}`,
    ]),
    [
      ['b.both', '2', 'dynamic cluster-wide default', true, '1 Kafka default'],
      ['c.wide', '20', 'dynamic cluster-wide default', true, '10 static (server.properties)'],
      ['a.default', '1', 'Kafka default', false, undefined],
      ['d.static', '/data', 'static (server.properties)', false, undefined],
      ['e.secret', null, 'static (server.properties)', false, undefined],
    ],
  );
  assert.equal(rows.find((r) => r.name === 'd.static')?.readOnly, true);
});

test('the broker item counts every dynamic override loaded, not only those the filter and the window show', async () => {
  const rows = brokerConfigRows(ENTRIES, 'cluster');
  const list = new PagedList(
    () => Promise.resolve({ items: rows }),
    1,
    (r, f) => r.name.includes(f),
  );
  assert.equal(dynamicOverridesText(list), undefined, 'nothing to count before the load');
  await list.load();
  list.setFilter('a.default');
  assert.deepEqual(
    list.view().visible.map((r) => r.name),
    ['a.default'],
  );
  assert.equal(dynamicOverridesText(list), '2 dynamic overrides');
});
