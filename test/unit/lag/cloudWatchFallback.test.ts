/**
 * The lag monitor's CloudWatch reads: shown only while the brokers do not answer, read at most once
 * a minute (MSK's period), kept with the error when a read fails, and never for non-MSK clusters.
 */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { LagEngine, LagSnapshot } from '../../../src/kafka/lag/index';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { CloudWatchLagData, CloudWatchLagSource } from '../../../src/services/cloudWatchLag';
import { LagMonitor } from '../../../src/services/lagMonitor';

const msk: ClusterRef = {
  key: 'arn:aws:kafka:us-east-1:123456789012:cluster/p/u-1',
  name: 'p',
  source: 'msk',
  arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/p/u-1',
  region: 'us-east-1',
  type: 'PROVISIONED',
  authModes: [],
};
const manual: ClusterRef = { key: 'manual:x', name: 'x', source: 'manual', type: 'SELF_MANAGED', authModes: [] };
const settings = () => ({ refreshSeconds: 10, windowSamples: 3, minSamples: 2, historySamples: 10, concurrency: 4 });
const log = { warn: () => undefined, debug: () => undefined };

let clock = 0;
let brokersAnswer = false;
let cwReads = 0;
let cwFails = false;
let monitor: LagMonitor;

const data = (totalLag: number): CloudWatchLagData => ({
  source: 'cloudwatch',
  clusterName: 'p',
  periodSeconds: 60,
  windowMinutes: 180,
  fetchedAt: clock,
  dataTime: clock - 60_000,
  ageMs: 60_000,
  groups: [{ groupId: 'g', topics: [], totalLag, maxLag: totalLag, history: [] }],
});

const source: CloudWatchLagSource = {
  overview: () => {
    cwReads += 1;
    return cwFails ? Promise.reject(new Error('AccessDenied: cloudwatch:ListMetrics')) : Promise.resolve(data(cwReads));
  },
  group: () => Promise.resolve(undefined),
};

function engine(): LagEngine {
  return {
    refresh: (): Promise<LagSnapshot> =>
      brokersAnswer
        ? Promise.resolve({ time: clock, durationMs: 0, groups: [] })
        : Promise.reject(new Error('Connection timeout')),
    latest: () => undefined,
    forget: () => undefined,
  } as unknown as LagEngine;
}

/** The next update after `action` (a refresh or a CloudWatch read landing). */
function updated(n = 1): Promise<void> {
  return new Promise((resolve) => {
    let left = n;
    const sub = monitor.onDidUpdate(() => {
      if (--left === 0) {
        sub.dispose();
        resolve();
      }
    });
  });
}

beforeEach(() => {
  clock = 10_000_000;
  brokersAnswer = false;
  cwReads = 0;
  cwFails = false;
  monitor = new LagMonitor({ kafka: () => Promise.reject(new Error('not used')) }, settings, log, () => clock, engine);
  monitor.useCloudWatch(source);
});

afterEach(() => monitor.dispose());

describe('lag monitor: CloudWatch fallback', () => {
  it('while the brokers do not answer, CloudWatch’s overview is shown; once they answer it is not', async () => {
    const both = updated(2); // the CloudWatch read and the failed refresh
    await monitor.refreshNow(msk).catch(() => undefined);
    await both;
    assert.match(monitor.error(msk) ?? '', /Connection timeout/);
    assert.equal(monitor.cloudWatch(msk)?.data?.groups[0]?.totalLag, 1);
    brokersAnswer = true;
    await monitor.refreshNow(msk);
    assert.equal(monitor.cloudWatch(msk), undefined, 'the brokers answer: their lag is shown');
    assert.equal(cwReads, 1, 'no CloudWatch read while the brokers answer');
  });

  it('reads at most once a minute, and again after it', async () => {
    await monitor.refreshNow(msk).catch(() => undefined);
    await monitor.refreshNow(msk).catch(() => undefined);
    assert.equal(cwReads, 1);
    clock += 60_000;
    const landed = updated(2);
    await monitor.refreshNow(msk).catch(() => undefined);
    await landed;
    assert.equal(cwReads, 2);
    assert.equal(monitor.cloudWatch(msk)?.data?.groups[0]?.totalLag, 2);
  });

  it('a failed CloudWatch read keeps the last data, with the error', async () => {
    await monitor.refreshNow(msk).catch(() => undefined);
    clock += 60_000;
    cwFails = true;
    const landed = updated(2);
    await monitor.refreshNow(msk).catch(() => undefined);
    await landed;
    const read = monitor.cloudWatch(msk);
    assert.equal(read?.data?.groups[0]?.totalLag, 1);
    assert.match(read?.error ?? '', /AccessDenied/);
  });

  it('a cluster that is not MSK has no CloudWatch lag', async () => {
    await monitor.refreshNow(manual).catch(() => undefined);
    assert.equal(cwReads, 0);
    assert.equal(monitor.cloudWatch(manual), undefined);
  });
});
