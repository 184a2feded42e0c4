/**
 * The CloudWatch lag reader (src/aws/cloudwatch.ts) and the lag service over it
 * (src/services/cloudWatchLag.ts), against the control plane's CloudWatch on a loopback port (fake
 * sandbox, HTTP-level, real wire shapes): every ListMetrics page, GetMetricData in batches of 500
 * queries, and the overview's totals, history, period and age.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AwsClientFactory, type AwsTarget } from '../../../src/aws/clientFactory';
import { CloudWatchLagService } from '../../../src/aws/cloudwatch';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { CloudWatchLag } from '../../../src/services/cloudWatchLag';
import { LagMetricsStore, type OffsetsSample } from '../../../sandbox/controlplane/lagMetrics';
import { startFakeControlPlane, type FakeSandbox } from '../controlplane/fixtures';

const MIN = 60_000;
const GROUPS = 600;
let fake: FakeSandbox;
let factory: AwsClientFactory;
let target: AwsTarget;

/** 600 groups reading topic "t" (2 partitions): group i lags i on partition 0 and 1 on partition 1. */
function sample(time: number, extra: number): OffsetsSample {
  return {
    time,
    groups: Array.from({ length: GROUPS }, (_, i) => ({
      groupId: `g${String(i).padStart(3, '0')}`,
      state: 'Empty',
      partitions: [
        { topic: 't', partition: 0, committed: 0, logEnd: i + extra },
        { topic: 't', partition: 1, committed: 0, logEnd: 1 },
      ],
    })),
  };
}

before(async () => {
  fake = await startFakeControlPlane();
  const dir = mkdtempSync(join(tmpdir(), 'cw-lag-'));
  const p = fake.state.principals.admin;
  writeFileSync(join(dir, 'config'), `[profile cw]\nregion = ${fake.state.region}\n`);
  writeFileSync(
    join(dir, 'credentials'),
    `[cw]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`,
  );
  factory = new AwsClientFactory({ env: { HOME: dir } });
  target = {
    profile: 'cw',
    configFile: join(dir, 'config'),
    credentialsFile: join(dir, 'credentials'),
    endpoint: fake.endpoint,
  };
});
after(async () => {
  factory.dispose();
  await fake.close();
});

describe('CloudWatch lag through the AWS layer', () => {
  it('lists every page and reads every series in batches of 500 queries', async () => {
    const store = new LagMetricsStore('msk-sandbox');
    const now = Math.floor(Date.now() / MIN) * MIN;
    store.record(sample(now - MIN, 0));
    store.record(sample(now + 1000, 2));
    fake.lagMetrics = store;
    const service = new CloudWatchLagService(factory);
    const keys = await service.listSeries(target, 'msk-sandbox', 'SumOffsetLag');
    assert.equal(keys.length, GROUPS, 'two ListMetrics pages');
    const series = await service.getSeries(target, {
      clusterName: 'msk-sandbox',
      start: new Date(now - 10 * MIN),
      end: new Date(now + MIN),
      periodSeconds: 60,
      series: keys.flatMap((k) => [
        { ...k, metric: 'SumOffsetLag' as const, stat: 'Sum' as const },
        { ...k, metric: 'MaxOffsetLag' as const, stat: 'Maximum' as const },
      ]),
    });
    assert.equal(series.length, 2 * GROUPS);
    const g599 = series.filter((s) => s.group === 'g599');
    assert.deepEqual(
      g599.map((s) => [s.metric, s.points.map((p) => [p.time, p.value])]),
      [
        [
          'SumOffsetLag',
          [
            [now - MIN, 600],
            [now, 602],
          ],
        ],
        [
          'MaxOffsetLag',
          [
            [now - MIN, 599],
            [now, 601],
          ],
        ],
      ],
      'oldest first, the right values for the last query of the last batch',
    );
  });

  it('the overview: totals of the newest minute, history, period and age; the group per partition', async () => {
    const store = new LagMetricsStore('msk-sandbox');
    const now = Math.floor(Date.now() / MIN) * MIN;
    store.record(sample(now - 2 * MIN, 0));
    store.record(sample(now - MIN, 3));
    fake.lagMetrics = store;
    const fetchedAt = now + 30_000;
    const lag = new CloudWatchLag({
      cloudWatch: () => new CloudWatchLagService(factory),
      target: () => target,
      now: () => fetchedAt,
    });
    const ref: ClusterRef = {
      key: fake.state.clusters.provisioned.arn,
      name: 'msk-sandbox',
      source: 'msk',
      arn: fake.state.clusters.provisioned.arn,
      type: 'PROVISIONED',
      authModes: [],
    };
    const overview = await lag.overview(ref, { windowMinutes: 10 });
    assert.equal(overview.groups.length, GROUPS);
    assert.equal(overview.dataTime, now - MIN);
    assert.equal(overview.ageMs, 90_000, 'the newest minute started 90 s before the read');
    assert.equal(overview.periodSeconds, 60);
    const g = overview.groups.find((x) => x.groupId === 'g010');
    assert.deepEqual(
      [g?.totalLag, g?.maxLag, g?.history],
      [
        14,
        13,
        [
          { time: now - 2 * MIN, totalLag: 11 },
          { time: now - MIN, totalLag: 14 },
        ],
      ],
    );
    const detail = await lag.group(ref, 'g010', { windowMinutes: 10 });
    assert.deepEqual(
      detail?.topics.map((t) => [t.topic, t.sumOffsetLag, t.partitions?.map((p) => [p.partition, p.offsetLag])]),
      [
        [
          't',
          14,
          [
            [0, 13],
            [1, 1],
          ],
        ],
      ],
    );
  });
});
