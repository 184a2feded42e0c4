/**
 * Exports built from the real sandbox cluster, as the explorer's Export commands build them: the
 * topics (partitions, replication, config overrides, partition leaders/replicas/ISR), the consumer
 * groups (state, members' client ids, total lag) and one group's lag table contain what this test
 * created — through the brokers, and through MSK's topic API (the file says which).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { buildExport } from '../../../src/services/exports/builders';
import type { ExportHeader, TopicExport } from '../../../src/services/exports/model';
import { readGroupLag, readGroups, readTopics } from '../../../src/services/exports/read';
import { CancellationError } from '../../../src/shared/errors';
import { parseCsv } from '../../unit/exports/parseCsv';
import { GatedConsumer, LagTestKit, produceTo, waitForCommit, waitForStable } from '../lag/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { sandbox, uniqueName } from '../support/sandbox';

const kit = new LagTestKit();
const backend = backendWith(
  sandboxSettings({
    connections: [
      { id: 'exports', name: 'exports plaintext', bootstrapServers: sandbox().listeners.plaintext, auth: 'plaintext' },
    ],
  }),
);
const apiBackend = backendWith(sandboxSettings({ topicsSource: 'mskApi' }));
let ref: ClusterRef;
const topic = uniqueName('it-export');
let groupId: string;

const header = (source: string): ExportHeader => ({
  cluster: { name: 'sandbox' },
  source,
  time: new Date().toISOString(),
});

before(async () => {
  [ref] = backend.manualClusters();
  kit.topics.push(topic);
  await kit.cluster.createTopic({
    name: topic,
    partitions: 3,
    replicationFactor: 1,
    configs: { 'retention.ms': '7200000' },
  });
  const producer = await kit.pool.getProducer(kit.spec);
  await produceTo(producer, topic, 0, 10);
  groupId = kit.newGroup('it-export-group');
  // A member that has processed (and committed) 4 of the 10 records of partition 0: lag 6.
  const consumer = await GatedConsumer.start(kit.pool, kit.spec, groupId, topic, { allowed: 4 });
  kit.consumers.push(consumer);
  const admin = await kit.pool.getAdmin(kit.spec);
  await waitForCommit(admin, groupId, topic, 0, 4);
  await waitForStable(admin, groupId);
});

after(async () => {
  await backend.dispose();
  await apiBackend.dispose();
  await kit.dispose();
});

function mine(topics: readonly TopicExport[]): TopicExport {
  const t = topics.find((x) => x.name === topic);
  assert.ok(t, `${topic} missing from the export`);
  return t;
}

describe('exports from the sandbox', () => {
  it('topics (brokers): partitions, replication, overrides and partition leaders in JSON; one row in CSV', async () => {
    const seen: [number, number][] = [];
    const read = await readTopics(backend.ops(ref), { includeInternal: false, progress: (d, t) => seen.push([d, t]) });
    assert.equal(read.source, 'Kafka brokers');
    assert.ok(seen.length > 1 && seen.at(-1)![0] === seen.at(-1)![1], 'progress reaches the total');

    const doc = JSON.parse(buildExport('json', header(read.source), { kind: 'topics', topics: read.topics })) as {
      source: string;
      topics: TopicExport[];
    };
    assert.equal(doc.source, 'Kafka brokers');
    const t = mine(doc.topics);
    assert.equal(t.partitions, 3);
    assert.equal(t.replicationFactor, 1);
    assert.deepEqual(t.configs, { 'retention.ms': '7200000' });
    assert.deepEqual(
      t.partitionDetails.map((p) => [p.partition, p.leader, p.replicas, p.isr, p.latestOffset]),
      [
        [0, 1, [1], [1], '10'],
        [1, 1, [1], [1], '0'],
        [2, 1, [1], [1], '0'],
      ],
    );

    const rows = parseCsv(buildExport('csv', header(read.source), { kind: 'topics', topics: read.topics }));
    const row = rows.find((r) => r[0] === topic);
    assert.deepEqual(row?.slice(0, 7), [topic, '3', '1', 'false', 'false', 'retention.ms=7200000', 'Kafka brokers']);
  });

  it('topics through MSK’s topic API say so in the file', async () => {
    const [scope] = await apiBackend.scopes();
    const page = await apiBackend.listClusters(scope, undefined, 100);
    const provisioned = page.items.find((c) => c.arn === sandbox().clusters.provisioned.arn);
    assert.ok(provisioned);
    const read = await readTopics(apiBackend.ops(provisioned), { includeInternal: false });
    assert.equal(read.source, 'MSK API (msk.topics.source is "mskApi")');
    const t = mine(read.topics);
    assert.equal(t.partitions, 3);
    assert.equal(t.partitionDetails.length, 3);
    assert.equal(t.configs['retention.ms'], '7200000');
    const rows = parseCsv(buildExport('csv', header(read.source), { kind: 'topics', topics: read.topics }));
    assert.equal(rows.find((r) => r[0] === topic)?.[6], 'MSK API (msk.topics.source is "mskApi")');
  });

  it('consumer groups: state, protocol, the member’s client id and host, total lag', async () => {
    const groups = await readGroups(() => backend.kafka(ref));
    const g = groups.find((x) => x.groupId === groupId);
    assert.ok(g, `${groupId} missing`);
    assert.equal(g.state, 'Stable');
    assert.equal(g.protocolType, 'consumer');
    assert.equal(g.members, 1);
    assert.equal(g.memberList[0].clientId, 'msk-explorer');
    assert.match(g.memberList[0].clientHost, /127\.0\.0\.1|::1|localhost/);
    assert.equal(g.totalLag, 6);
    const rows = parseCsv(buildExport('csv', header('Kafka brokers'), { kind: 'groups', groups }));
    const row = rows.find((r) => r[0] === groupId);
    assert.deepEqual(row?.slice(0, 8), [groupId, 'Stable', 'consumer', g.protocol, '1', 'msk-explorer', row?.[6], '6']);
    assert.match(row?.[6] ?? '', /127\.0\.0\.1|::1|localhost/);
  });

  it('one group’s lag table: committed offset, end offset and lag per partition', async () => {
    const lag = await readGroupLag(() => backend.kafka(ref), groupId);
    const p0 = lag.rows.find((r) => r.topic === topic && r.partition === 0);
    assert.deepEqual(p0 && [p0.committedOffset, p0.endOffset, p0.lag, p0.lagFrom], [4, 10, 6, 'committed']);
    assert.equal(lag.totalLag, 6);
    const rows = parseCsv(buildExport('csv', header('Kafka brokers'), { kind: 'groupLag', lag }));
    assert.deepEqual(rows.find((r) => r[1] === topic && r[2] === '0')?.slice(0, 7), [
      groupId,
      topic,
      '0',
      '4',
      '10',
      '6',
      'committed',
    ]);
    await assert.rejects(
      readGroupLag(() => backend.kafka(ref), uniqueName('it-export-none')),
      /does not exist/,
    );
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(
      readTopics(backend.ops(ref), { includeInternal: false, signal: abort.signal }),
      CancellationError,
    );
  });
});
