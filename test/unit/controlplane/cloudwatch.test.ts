/**
 * The control plane's CloudWatch (MSK consumer-lag metrics): the metrics computed from offsets
 * samples, and GetMetricData / ListMetrics through the real @aws-sdk/client-cloudwatch (AWS JSON
 * 1.0) and through raw signed RPC v2 CBOR requests (what botocore and the AWS CLI send), checked
 * against the SDK's own schemas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import * as cw from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { cbor } from '@smithy/core/cbor';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { LagMetricsStore, type OffsetsSample } from '../../../sandbox/controlplane/lagMetrics';
import { outputSchemaOf, startFakeControlPlane, wireShapeProblems, type FakeSandbox } from './fixtures';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

/** A sample: group g1 (Stable) reads topic t (3 partitions) and u; others test the filters. */
function sample(time: number, committed: [number, number, number], logEnd: [number, number, number]): OffsetsSample {
  return {
    time,
    groups: [
      {
        groupId: 'g1',
        state: 'Stable',
        partitions: [
          ...[0, 1, 2].map((p) => ({ topic: 't', partition: p, committed: committed[p], logEnd: logEnd[p] })),
          { topic: 'u', partition: 0, committed: 5, logEnd: 5 },
        ],
      },
      {
        groupId: 'rebalancing',
        state: 'PreparingRebalance',
        partitions: [{ topic: 't', partition: 0, committed: 0, logEnd: logEnd[0] }],
      },
      {
        groupId: 'has:colon',
        state: 'Empty',
        partitions: [{ topic: 't', partition: 0, committed: 0, logEnd: logEnd[0] }],
      },
    ],
  };
}

const dims = (group: string, topic: string, partition?: number) => [
  { Name: 'Cluster Name', Value: 'msk-sandbox' },
  { Name: 'Consumer Group', Value: group },
  { Name: 'Topic', Value: topic },
  ...(partition !== undefined ? [{ Name: 'Partition', Value: String(partition) }] : []),
];

describe('lag metrics from offsets samples', () => {
  it('per group and topic and per partition, one value a minute, for Stable/Empty groups without a colon', () => {
    const store = new LagMetricsStore('msk-sandbox');
    store.record(sample(T0 + 5_000, [1, 2, 3], [4, 2, 10])); // lags 3, 0, 7
    store.record(sample(T0 + 50_000, [2, 2, 3], [4, 2, 10])); // same minute: replaces → 2, 0, 7
    store.record(sample(T0 + MIN + 1_000, [4, 2, 10], [4, 2, 12])); // lags 0, 0, 2
    const q = (name: string, d: ReturnType<typeof dims>, stat: 'Sum' | 'Maximum', period = 60) =>
      store.query({ MetricName: name, Dimensions: d }, T0, T0 + 10 * MIN, period, stat);
    assert.deepEqual(q('SumOffsetLag', dims('g1', 't'), 'Sum'), [
      { time: T0, value: 9 },
      { time: T0 + MIN, value: 2 },
    ]);
    assert.deepEqual(q('MaxOffsetLag', dims('g1', 't'), 'Maximum'), [
      { time: T0, value: 7 },
      { time: T0 + MIN, value: 2 },
    ]);
    assert.deepEqual(q('OffsetLag', dims('g1', 't', 2), 'Maximum'), [
      { time: T0, value: 7 },
      { time: T0 + MIN, value: 2 },
    ]);
    assert.deepEqual(q('SumOffsetLag', dims('g1', 'u'), 'Sum'), [
      { time: T0, value: 0 },
      { time: T0 + MIN, value: 0 },
    ]);
    // A five-minute period adds up (Sum) or takes the largest (Maximum) of the minutes.
    assert.deepEqual(q('SumOffsetLag', dims('g1', 't'), 'Sum', 300), [{ time: T0, value: 11 }]);
    assert.deepEqual(q('SumOffsetLag', dims('g1', 't'), 'Maximum', 300), [{ time: T0, value: 9 }]);
    // Dimension order does not matter.
    assert.deepEqual(
      store.query({ MetricName: 'SumOffsetLag', Dimensions: dims('g1', 't').reverse() }, T0, T0 + MIN, 60, 'Sum'),
      [{ time: T0, value: 9 }],
    );
    const groups = new Set(store.metrics().map((m) => m.Dimensions.find((d) => d.Name === 'Consumer Group')?.Value));
    assert.deepEqual([...groups], ['g1'], 'rebalancing groups and names with a colon are not published');
    assert.equal(
      store.metrics().length,
      2 * 3 + 4 * 2,
      '3 topic metrics × 2 topics + 2 partition metrics × 4 partitions',
    );
  });

  it('EstimatedTimeLag: seconds since the log end passed the committed offset; 0 when caught up', () => {
    const store = new LagMetricsStore('msk-sandbox');
    store.record(sample(T0, [4, 2, 10], [4, 2, 10]));
    store.record(sample(T0 + 30_000, [4, 2, 10], [6, 2, 10])); // partition 0 falls behind here
    store.record(sample(T0 + 2 * MIN, [4, 2, 10], [6, 2, 10]));
    const at = (name: string, d: ReturnType<typeof dims>) =>
      store.query({ MetricName: name, Dimensions: d }, T0 + 2 * MIN, T0 + 3 * MIN, 60, 'Maximum')[0]?.value;
    assert.equal(at('EstimatedTimeLag', dims('g1', 't', 0)), 90);
    assert.equal(at('EstimatedTimeLag', dims('g1', 't', 1)), 0);
    assert.equal(at('EstimatedMaxTimeLag', dims('g1', 't')), 90);
  });
});

let fake: FakeSandbox;
before(async () => {
  fake = await startFakeControlPlane();
});
after(async () => {
  await fake.close();
});

function client(secret?: string): CloudWatchClient {
  const p = fake.state.principals.admin;
  return new CloudWatchClient({
    endpoint: fake.endpoint,
    region: fake.state.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: secret ?? p.secretAccessKey },
    maxAttempts: 1,
  });
}

function feed(): void {
  const store = new LagMetricsStore('msk-sandbox');
  const now = Math.floor(Date.now() / MIN) * MIN;
  store.record(sample(now - 2 * MIN, [1, 2, 3], [4, 2, 10]));
  store.record(sample(now - MIN, [2, 2, 3], [4, 2, 10]));
  store.record(sample(now + 1_000, [4, 2, 9], [4, 2, 10]));
  fake.lagMetrics = store;
}

describe('CloudWatch through the AWS SDK (fake sandbox)', () => {
  it('ListMetrics finds the group/topic pairs of the cluster; GetMetricData returns their minutes', async () => {
    feed();
    const listed = await client().send(
      new ListMetricsCommand({
        Namespace: 'AWS/Kafka',
        MetricName: 'SumOffsetLag',
        Dimensions: [{ Name: 'Cluster Name', Value: 'msk-sandbox' }],
        RecentlyActive: 'PT3H',
      }),
    );
    assert.deepEqual(
      listed.Metrics?.map((m) => m.Dimensions?.map((d) => `${d.Name}=${d.Value}`).sort()),
      [
        ['Cluster Name=msk-sandbox', 'Consumer Group=g1', 'Topic=t'],
        ['Cluster Name=msk-sandbox', 'Consumer Group=g1', 'Topic=u'],
      ],
    );
    const now = Math.floor(Date.now() / MIN) * MIN;
    const out = await client().send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 10 * MIN),
        EndTime: new Date(now + MIN),
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: { Namespace: 'AWS/Kafka', MetricName: 'SumOffsetLag', Dimensions: dims('g1', 't') },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'seconds',
            MetricStat: {
              Metric: { Namespace: 'AWS/Kafka', MetricName: 'SumOffsetLag', Dimensions: dims('g1', 't') },
              Period: 60,
              Stat: 'Sum',
              Unit: 'Seconds',
            },
          },
          {
            Id: 'p2',
            MetricStat: {
              Metric: { Namespace: 'AWS/Kafka', MetricName: 'OffsetLag', Dimensions: dims('g1', 't', 2) },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      }),
    );
    const sum = out.MetricDataResults?.find((r) => r.Id === 'sum');
    assert.equal(sum?.Label, 'SumOffsetLag');
    assert.equal(sum?.StatusCode, 'Complete');
    // CloudWatch's default order: newest first.
    assert.deepEqual(
      sum?.Timestamps?.map((t) => t.getTime()),
      [now, now - MIN, now - 2 * MIN],
    );
    assert.deepEqual(sum?.Values, [1, 9, 10]);
    assert.deepEqual(out.MetricDataResults?.find((r) => r.Id === 'p2')?.Values, [1, 7, 7]);
    assert.deepEqual(
      out.MetricDataResults?.find((r) => r.Id === 'seconds')?.Values,
      [],
      'another unit selects nothing',
    );
  });

  it('refuses bad input with CloudWatch error codes, and a wrong key', async () => {
    feed();
    const bad = await client()
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(2000),
          EndTime: new Date(1000),
          MetricDataQueries: [
            {
              Id: 'a',
              MetricStat: { Metric: { Namespace: 'AWS/Kafka', MetricName: 'SumOffsetLag' }, Period: 60, Stat: 'Sum' },
            },
          ],
        }),
      )
      .then(
        () => assert.fail('accepted'),
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
      );
    assert.equal(bad.name, 'InvalidParameterValueException');
    assert.match(bad.message, /StartTime must be less than the parameter EndTime/);
    assert.equal(bad.$metadata?.httpStatusCode, 400);
    const denied = await client('wrong-secret')
      .send(new ListMetricsCommand({ Namespace: 'AWS/Kafka' }))
      .then(
        () => assert.fail('accepted'),
        (e: Error) => e,
      );
    assert.equal(denied.name, 'SignatureDoesNotMatch');
    assert.equal((denied as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 403);
  });

  it('answers JSON 1.0 whose every member the SDK reads', async () => {
    feed();
    const now = Date.now();
    const body = JSON.stringify({
      StartTime: (now - 10 * MIN) / 1000,
      EndTime: (now + MIN) / 1000,
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: { Namespace: 'AWS/Kafka', MetricName: 'MaxOffsetLag', Dimensions: dims('g1', 't') },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
    });
    const r = await signed('/', body, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData',
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    const json = JSON.parse(Buffer.from(r.body).toString('utf8')) as unknown;
    assert.deepEqual(wireShapeProblems(outputSchemaOf(cw.GetMetricData$), json), []);
  });

  it('answers RPC v2 CBOR (botocore, the AWS CLI) with CBOR timestamps', async () => {
    feed();
    const now = Math.floor(Date.now() / MIN) * MIN;
    const body = cbor.serialize({
      StartTime: { tag: 1, value: (now - 10 * MIN) / 1000 },
      EndTime: { tag: 1, value: (now + MIN) / 1000 },
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: { Namespace: 'AWS/Kafka', MetricName: 'SumOffsetLag', Dimensions: dims('g1', 't') },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    });
    const r = await signed('/service/GraniteServiceVersion20100801/operation/GetMetricData', body, {
      'content-type': 'application/cbor',
      accept: 'application/cbor',
      'smithy-protocol': 'rpc-v2-cbor',
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('smithy-protocol'), 'rpc-v2-cbor');
    const out = cbor.deserialize(r.body) as {
      MetricDataResults: { Id: string; Timestamps: { tag: number; value: number }[]; Values: number[] }[];
    };
    const m = out.MetricDataResults[0];
    assert.deepEqual(
      m.Timestamps.map((t) => [t.tag, t.value * 1000]),
      [
        [1, now - 2 * MIN],
        [1, now - MIN],
        [1, now],
      ],
    );
    assert.deepEqual(m.Values, [10, 9, 1]);

    const err = await signed(
      '/service/GraniteServiceVersion20100801/operation/ListMetrics',
      cbor.serialize({ RecentlyActive: 'PT1H' }),
      {
        'content-type': 'application/cbor',
        'smithy-protocol': 'rpc-v2-cbor',
      },
    );
    assert.equal(err.status, 400);
    assert.equal(err.headers.get('x-amzn-query-error'), 'InvalidParameterValue;Sender');
    assert.equal(
      (cbor.deserialize(err.body) as { __type: string }).__type,
      'com.amazonaws.cloudwatch#InvalidParameterValueException',
    );
  });

  it('a broker outage is a 503 the SDK reports', async () => {
    fake.lagMetrics = new Error('The sandbox broker at localhost:1 could not be sampled: connection refused');
    const e = await client()
      .send(new ListMetricsCommand({ Namespace: 'AWS/Kafka' }))
      .then(
        () => assert.fail('accepted'),
        (x: Error & { $metadata?: { httpStatusCode?: number } }) => x,
      );
    assert.equal(e.$metadata?.httpStatusCode, 503);
    assert.match(e.message, /could not be sampled/);
  });
});

/** A raw POST signed for `monitoring` with the admin key. */
async function signed(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
  const url = new URL(path, fake.endpoint);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: fake.state.principals.admin.accessKeyId,
      secretAccessKey: fake.state.principals.admin.secretAccessKey,
    },
    region: fake.state.region,
    service: 'monitoring',
    sha256: Sha256,
  });
  const req = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      headers: { host: url.host, ...headers },
      body,
    }),
  );
  const res = await fetch(url, { method: 'POST', headers: req.headers, body });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}
