import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildExport, formatOfFileName } from '../../../src/services/exports/builders';
import type { ExportHeader, GroupExport, GroupLagExport, TopicExport } from '../../../src/services/exports/model';
import { exportFileName } from '../../../src/shared/exportName';
import { parseCsv } from './parseCsv';

const header: ExportHeader = {
  cluster: {
    name: 'orders-prod',
    arn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders-prod/abc',
    region: 'eu-west-1',
  },
  source: 'MSK API (the brokers cannot be reached from this machine)',
  time: '2026-12-02T07:30:00.000Z',
};

const topics: TopicExport[] = [
  {
    name: 'orders',
    partitions: 2,
    replicationFactor: 3,
    underReplicated: false,
    internal: false,
    configs: { 'cleanup.policy': 'compact,delete', 'retention.ms': '-1', 'sasl.secret': null },
    partitionDetails: [
      { partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] },
      { partition: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3] },
    ],
  },
  {
    name: 'gone',
    partitions: 1,
    replicationFactor: 1,
    underReplicated: false,
    internal: false,
    configs: {},
    partitionDetails: [],
    error: 'Topic "gone" does not exist.',
  },
];

const groups: GroupExport[] = [
  {
    groupId: '=cmd|"/c calc"!A1',
    state: 'Stable',
    protocolType: 'consumer',
    protocol: 'range',
    members: 2,
    memberList: [
      { memberId: 'm1', clientId: 'billing', clientHost: '/10.0.0.1' },
      { memberId: 'm2', clientId: 'billing', clientHost: '/10.0.0.2' },
    ],
    totalLag: 17,
  },
  {
    groupId: 'idle',
    state: 'Empty',
    protocolType: '',
    protocol: '',
    members: 0,
    memberList: [],
    totalLag: null,
    lagError: 'not authorized',
  },
];

const lag: GroupLagExport = {
  groupId: 'billing',
  state: 'Stable',
  totalLag: 9,
  rows: [
    {
      topic: 'orders',
      partition: 0,
      committedOffset: 10,
      endOffset: 15,
      lag: 5,
      lagFrom: 'committed',
      clientId: 'c1',
      clientHost: '/h',
    },
    { topic: 'orders', partition: 1, committedOffset: null, endOffset: 4, lag: 4, lagFrom: 'earliest' },
  ],
};

describe('export builders', () => {
  test('topics JSON: header (cluster, source, time), partitions with leader/replicas/ISR, config overrides', () => {
    const doc = JSON.parse(buildExport('json', header, { kind: 'topics', topics })) as Record<string, unknown>;
    assert.deepEqual(doc.cluster, header.cluster);
    assert.equal(doc.source, header.source);
    assert.equal(doc.time, header.time);
    const [orders, gone] = doc.topics as Record<string, unknown>[];
    assert.deepEqual(orders.partitionDetails, topics[0].partitionDetails);
    assert.deepEqual(orders.configs, topics[0].configs);
    assert.equal(orders.replicationFactor, 3);
    assert.equal(gone.error, 'Topic "gone" does not exist.');
    assert.ok(buildExport('json', header, { kind: 'topics', topics }).includes('\n  "topics": [\n'), 'pretty-printed');
  });

  test('topics CSV: one row per topic, configs one per line in one cell, the source in each row', () => {
    const rows = parseCsv(buildExport('csv', header, { kind: 'topics', topics }));
    assert.deepEqual(rows[0], [
      'topic',
      'partitions',
      'replication_factor',
      'under_replicated',
      'internal',
      'configs',
      'source',
      'error',
    ]);
    assert.deepEqual(rows[1], [
      'orders',
      '2',
      '3',
      'false',
      'false',
      'cleanup.policy=compact,delete\nretention.ms=-1\nsasl.secret=(sensitive)',
      header.source,
      '',
    ]);
    assert.equal(rows[2][7], 'Topic "gone" does not exist.');
    assert.equal(rows.length, 3);
  });

  test('groups CSV: members’ client ids and hosts, total lag, a hostile group name defused', () => {
    const rows = parseCsv(buildExport('csv', header, { kind: 'groups', groups }));
    assert.deepEqual(rows[0].slice(0, 8), [
      'group',
      'state',
      'protocol_type',
      'protocol',
      'members',
      'client_ids',
      'client_hosts',
      'total_lag',
    ]);
    assert.deepEqual(rows[1].slice(0, 8), [
      `'=cmd|"/c calc"!A1`,
      'Stable',
      'consumer',
      'range',
      '2',
      'billing',
      '/10.0.0.1\n/10.0.0.2',
      '17',
    ]);
    assert.deepEqual([rows[2][7], rows[2][9]], ['', 'not authorized']);
  });

  test('groups JSON keeps every member and the lag', () => {
    const doc = JSON.parse(buildExport('json', header, { kind: 'groups', groups })) as { groups: GroupExport[] };
    assert.deepEqual(doc.groups, groups);
  });

  test('lag table: topic, partition, committed offset, end offset, lag (no commit: empty, counted from earliest)', () => {
    const rows = parseCsv(buildExport('csv', header, { kind: 'groupLag', lag }));
    assert.deepEqual(rows[0].slice(0, 7), [
      'group',
      'topic',
      'partition',
      'committed_offset',
      'end_offset',
      'lag',
      'lag_from',
    ]);
    assert.deepEqual(rows[1].slice(0, 9), ['billing', 'orders', '0', '10', '15', '5', 'committed', 'c1', '/h']);
    assert.deepEqual(rows[2].slice(0, 7), ['billing', 'orders', '1', '', '4', '4', 'earliest']);
    const doc = JSON.parse(buildExport('json', header, { kind: 'groupLag', lag })) as Record<string, unknown>;
    assert.equal(doc.totalLag, 9);
    assert.deepEqual(doc.partitions, lag.rows);
  });

  test('format by extension; default names stamped and safe', () => {
    assert.equal(formatOfFileName('/tmp/a.CSV'), 'csv');
    assert.equal(formatOfFileName('/tmp/a.json'), 'json');
    assert.equal(formatOfFileName('/tmp/a.txt'), undefined);
    assert.equal(
      exportFileName('orders prod/topics', new Date(2026, 11, 2, 1, 41, 21), 'json'),
      'orders_prod_topics-2026-12-02T01-41-21.json',
    );
  });
});
