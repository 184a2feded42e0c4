/**
 * MSK's CloudWatch consumer-lag metrics, read through the real @aws-sdk/client-cloudwatch (the
 * extension's AWS layer and its lag service) from the sandbox control plane, which computes them
 * from the real broker: the values equal the broker's committed and log-end offsets at the time
 * they were sampled, and follow the broker when it moves.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { AwsClientFactory, type AwsTarget } from '../../../src/aws/clientFactory';
import { CloudWatchLagService, type LagSeries } from '../../../src/aws/cloudwatch';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { CloudWatchLag } from '../../../src/services/cloudWatchLag';
import { waitFor } from '../kafka/helpers';
import { sandbox, uniqueName } from '../support/sandbox';

const state = sandbox();
const clusterName = state.clusters.provisioned.name;
const kafka = new Kafka({
  clientId: 'it-lag-cloudwatch',
  brokers: [state.listeners.plaintext],
  logLevel: logLevel.NOTHING,
});
const factory = new AwsClientFactory({ userAgent: 'msk-explorer/test', env: { HOME: tmpdir() } });
const target: AwsTarget = {
  profile: state.aws.profile,
  configFile: state.aws.configFile,
  credentialsFile: state.aws.credentialsFile,
};
const cloudWatch = new CloudWatchLagService(factory);
const topic = uniqueName('it-lag-cw');
const group = uniqueName('it-lag-cw');
let admin: Admin;

/** The broker's lag of the group per partition, read directly. */
async function brokerLag(): Promise<Map<number, number>> {
  const committed = (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions ?? [];
  const ends = await admin.fetchTopicOffsets(topic);
  return new Map(
    committed.map((p) => [p.partition, Number(ends.find((e) => e.partition === p.partition)?.high) - Number(p.offset)]),
  );
}

async function produce(partition: number, count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `v${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

async function read(): Promise<{ series: LagSeries[]; before: number; after: number }> {
  const before = Date.now();
  const end = new Date(Math.ceil((before + 1) / 60_000) * 60_000);
  const series = await cloudWatch.getSeries(target, {
    clusterName,
    start: new Date(end.getTime() - 10 * 60_000),
    end,
    periodSeconds: 60,
    series: [
      { group, topic, metric: 'SumOffsetLag', stat: 'Sum' },
      { group, topic, metric: 'MaxOffsetLag', stat: 'Maximum' },
      { group, topic, partition: 0, metric: 'OffsetLag', stat: 'Maximum' },
      { group, topic, partition: 1, metric: 'OffsetLag', stat: 'Maximum' },
    ],
  });
  return { series, before, after: Date.now() };
}
const newest = (s: LagSeries | undefined) => s?.points[s.points.length - 1];
const minuteOf = (t: number) => Math.floor(t / 60_000) * 60_000;

before(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  await waitFor(`${topic} to have leaders`, async () => {
    const md = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    const parts = md?.topics[0]?.partitions ?? [];
    return parts.length === 2 && parts.every((p) => p.leader >= 0) ? true : undefined;
  });
  await produce(0, 6);
  await produce(1, 3);
  await admin.setOffsets({
    groupId: group,
    topic,
    partitions: [
      { partition: 0, offset: '2' },
      { partition: 1, offset: '0' },
    ],
  });
});

after(async () => {
  await admin.deleteGroups([group]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  factory.dispose();
});

describe('CloudWatch consumer-lag metrics of the sandbox cluster', () => {
  test('ListMetrics finds the group and topic; GetMetricData has the broker lag of the minute it was sampled', async () => {
    const keys = await cloudWatch.listSeries(target, clusterName, 'SumOffsetLag');
    assert.ok(
      keys.some((k) => k.group === group && k.topic === topic),
      `${group}/${topic} is listed among ${keys.length} series`,
    );
    const partitions = await cloudWatch.listSeries(target, clusterName, 'OffsetLag');
    assert.deepEqual(
      partitions.filter((k) => k.group === group).map((k) => [k.topic, k.partition]),
      [
        [topic, 0],
        [topic, 1],
      ],
    );

    const broker = await brokerLag();
    assert.deepEqual(
      [...broker.entries()],
      [
        [0, 4],
        [1, 3],
      ],
    );
    const { series, before, after } = await read();
    const [sum, max, p0, p1] = series.map(newest);
    assert.equal(sum?.value, 7);
    assert.equal(max?.value, 4);
    assert.equal(p0?.value, broker.get(0));
    assert.equal(p1?.value, broker.get(1));
    assert.ok(sum && sum.time >= minuteOf(before - 60_000) && sum.time <= minuteOf(after), 'a datapoint of now');
    assert.ok(series.every((s) => s.complete));
  });

  test('the metrics follow the broker: more records, more lag', async () => {
    await produce(1, 5);
    const broker = await brokerLag();
    assert.equal(broker.get(1), 8);
    const moved = await waitFor('CloudWatch to show the new log end', async () => {
      const r = await read();
      return newest(r.series[3])?.value === 8 ? r : undefined;
    });
    const [sum, max, p0, p1] = moved.series.map(newest);
    assert.equal(p1?.value, 8);
    assert.equal(p0?.value, 4);
    assert.equal(sum?.value, 12);
    assert.equal(max?.value, 8);
    assert.equal(sum?.time, p1?.time, 'one sample, one minute');
  });

  test('the lag service: the overview and the group, labelled with period and age', async () => {
    const ref: ClusterRef = {
      key: state.clusters.provisioned.arn,
      name: clusterName,
      source: 'msk',
      arn: state.clusters.provisioned.arn,
      region: state.region,
      profile: state.aws.profile,
      type: 'PROVISIONED',
      authModes: [],
    };
    const lag = new CloudWatchLag({ cloudWatch: () => cloudWatch, target: () => target });
    const overview = await lag.overview(ref, { windowMinutes: 30 });
    assert.equal(overview.source, 'cloudwatch');
    assert.equal(overview.clusterName, clusterName);
    assert.equal(overview.periodSeconds, 60);
    assert.ok(overview.dataTime !== undefined && overview.ageMs !== undefined && overview.ageMs >= 0);
    assert.equal(overview.ageMs, overview.fetchedAt - overview.dataTime);
    const g = overview.groups.find((x) => x.groupId === group);
    assert.ok(g, 'the group is in the overview');
    assert.equal(g.totalLag, 12);
    assert.equal(g.maxLag, 8);
    assert.deepEqual(
      g.topics.map((t) => [t.topic, t.sumOffsetLag, t.maxOffsetLag]),
      [[topic, 12, 8]],
    );
    assert.ok(g.history.length >= 1 && g.history[g.history.length - 1]?.totalLag === 12);

    const detail = await lag.group(ref, group, { windowMinutes: 30 });
    assert.deepEqual(
      detail?.topics[0]?.partitions?.map((p) => [p.partition, p.offsetLag]),
      [
        [0, 4],
        [1, 8],
      ],
    );
    await assert.rejects(
      lag.overview({ key: 'manual:x', name: 'x', source: 'manual', type: 'SELF_MANAGED', authModes: [] }),
      /not an Amazon MSK cluster/,
    );
  });
});
