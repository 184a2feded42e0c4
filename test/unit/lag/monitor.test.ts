/**
 * When the lag monitor refreshes: right away when someone starts looking, then every interval
 * while a lag view is visible (a hold) or the tree keeps drawing the groups (a lease); paused as
 * soon as the view is hidden, and once the tree stopped drawing them (collapsed folder).
 */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { partitionKey, type LagEngine, type LagSnapshot } from '../../../src/kafka/lag/index';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { LagMonitor } from '../../../src/services/lagMonitor';

const ref: ClusterRef = { key: 'manual:x', name: 'x', source: 'manual', type: 'SELF_MANAGED', authModes: [] };
const settings = () => ({ refreshSeconds: 10, windowSamples: 3, minSamples: 2, historySamples: 10, concurrency: 4 });
const log = { warn: () => undefined, debug: () => undefined };

let clock = 0;
let refreshes = 0;
let monitor: LagMonitor;

function fakeEngine(): LagEngine {
  let last: LagSnapshot | undefined;
  return {
    refresh: () => {
      refreshes += 1;
      last = { time: clock, durationMs: 0, groups: [] };
      return Promise.resolve(last);
    },
    latest: () => last,
    forget: () => undefined,
  } as unknown as LagEngine;
}

/** Advances the clock and the timers by `ms`, then waits for the refresh that fired (if any). */
async function advance(ms: number): Promise<void> {
  const before = refreshes;
  const updated = new Promise<void>((resolve) => {
    const sub = monitor.onDidUpdate(() => {
      sub.dispose();
      resolve();
    });
  });
  clock += ms;
  mock.timers.tick(ms);
  if (refreshes > before) await updated;
}

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  clock = 1_000_000;
  refreshes = 0;
  monitor = new LagMonitor(
    { kafka: () => Promise.reject(new Error('not used')) },
    settings,
    log,
    () => clock,
    fakeEngine,
  );
});

afterEach(() => {
  monitor.dispose();
  mock.timers.reset();
});

describe('lag monitor scheduling', () => {
  it('nothing is read while nobody looks', async () => {
    assert.equal(monitor.isScheduled(ref), false);
    await advance(60_000);
    assert.equal(refreshes, 0);
  });

  it('a visible view refreshes at once, then every interval; hidden, it pauses at once', async () => {
    const hold = monitor.hold(ref);
    await advance(0);
    assert.equal(refreshes, 1);
    await advance(10_000);
    await advance(10_000);
    assert.equal(refreshes, 3);
    hold.dispose();
    assert.equal(monitor.isScheduled(ref), false);
    await advance(60_000);
    assert.equal(refreshes, 3);
  });

  it('the tree’s lease keeps refreshing while it redraws, and lapses once it stops (collapsed folder)', async () => {
    monitor.lease(ref);
    await advance(0);
    assert.equal(refreshes, 1);
    // The tree redraws after each refresh and renews the lease.
    for (let i = 0; i < 3; i++) {
      monitor.lease(ref);
      await advance(10_000);
    }
    assert.equal(refreshes, 4);
    // No more redraws: at most the lease's span (two intervals and a second) of refreshes, then none.
    await advance(10_000);
    await advance(10_000);
    await advance(10_000);
    assert.equal(monitor.isScheduled(ref), false);
    const stopped = refreshes;
    await advance(60_000);
    assert.equal(refreshes, stopped);
  });

  it('disposing stops every timer', async () => {
    monitor.hold(ref);
    await advance(0);
    monitor.dispose();
    assert.equal(monitor.isScheduled(ref), false);
    await advance(60_000);
    assert.equal(refreshes, 1);
  });
});

describe('lag monitor: the group in detail', () => {
  it(
    'reads the first unread records after each refresh that moved the commit, and none once the detail closes',
    {
      timeout: 10_000,
    },
    async () => {
      let committed = 10;
      const engine = {
        last: undefined as LagSnapshot | undefined,
        refresh() {
          committed += 5;
          const partition = { topic: 't', partition: 0, committed, logEnd: 100, earliest: 0, lag: 100 - committed };
          this.last = {
            time: clock,
            durationMs: 0,
            groups: [{ groupId: 'g', verdict: { status: 'collecting', reason: '' }, partitions: [partition] }],
          } as unknown as LagSnapshot;
          return Promise.resolve(this.last);
        },
        latest() {
          return this.last;
        },
      };
      const reads: number[] = [];
      const detail = new LagMonitor(
        { kafka: () => Promise.reject(new Error('not used')) },
        settings,
        log,
        () => clock,
        () => engine as unknown as LagEngine,
        (_cluster, positions) => {
          reads.push(...positions.map((p) => p.offset));
          return Promise.resolve(
            new Map(positions.map((p) => [partitionKey(p.topic, p.partition), { offset: p.offset, timestamp: 1000 }])),
          );
        },
      );
      try {
        await detail.refreshNow(ref);
        const learned = new Promise<void>((resolve) => detail.onDidUpdate(() => resolve()));
        const focus = detail.focus(ref, 'g');
        await learned;
        assert.deepEqual(reads, [15], 'read at once for the commit shown');
        assert.deepEqual(detail.group(ref, 'g')?.partitions[0].timeLag, {
          kind: 'exact',
          ms: clock - 1000,
          recordTimestamp: 1000,
        });

        const next = new Promise<void>((resolve) => {
          let updates = 0;
          detail.onDidUpdate(() => ++updates === 2 && resolve()); // the refresh, then the record read
        });
        await detail.refreshNow(ref);
        await next;
        assert.deepEqual(reads, [15, 20]);

        focus.dispose();
        await detail.refreshNow(ref);
        await detail.refreshNow(ref);
        assert.deepEqual(reads, [15, 20], 'no reads once the detail is closed (or hidden)');
        assert.equal(detail.group(ref, 'g')?.partitions[0].timeLag, undefined, 'the engine’s own value again');
      } finally {
        detail.dispose();
      }
    },
  );
});
