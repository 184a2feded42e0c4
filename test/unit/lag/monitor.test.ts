/**
 * When the lag monitor refreshes: right away when someone starts looking, then every interval
 * while a lag view is visible (a hold) or the tree keeps drawing the groups (a lease); paused as
 * soon as the view is hidden, and once the tree stopped drawing them (collapsed folder).
 */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { LagEngine, LagSnapshot } from '../../../src/kafka/lag/index';
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
