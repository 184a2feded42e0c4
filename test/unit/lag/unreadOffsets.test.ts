/**
 * A refresh that could not read a group's offsets (a connection error) must not make the group
 * look fine: the engine then has no partitions for it, which would read as "OK · no committed
 * offsets · Total lag 0". The monitor keeps what it last knew of the group, with the error, or —
 * never read yet — says it is still collecting, with the reason.
 */
import { strict as assert } from 'node:assert';
import { afterEach, describe, it } from 'node:test';
import type { GroupLag, LagEngine, LagSnapshot, PartitionLag } from '../../../src/kafka/lag/index';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { LagMonitor } from '../../../src/services/lagMonitor';

const ref: ClusterRef = { key: 'manual:x', name: 'x', source: 'manual', type: 'SELF_MANAGED', authModes: [] };
const settings = () => ({ refreshSeconds: 10, windowSamples: 3, minSamples: 2, historySamples: 10, concurrency: 4 });
const log = { warn: () => undefined, debug: () => undefined };

const partition = { topic: 'orders', partition: 0, committed: 10, logEnd: 15, earliest: 0, lag: 5 } as PartitionLag;

function group(groupId: string, over: Partial<GroupLag>): GroupLag {
  return {
    groupId,
    state: 'Stable',
    members: 1,
    protocolType: 'consumer',
    totalLag: 0,
    maxLag: 0,
    noCommitPartitions: 0,
    lagFromEarliest: 0,
    verdict: { status: 'OK', reason: 'no committed offsets', samples: 0, minSamples: 2 },
    topics: [],
    partitions: [],
    history: [],
    ...over,
  };
}

const read = group('g', {
  totalLag: 5,
  maxLag: 5,
  verdict: { status: 'WARN', reason: 'lag growing on 1 partition(s)', samples: 3, minSamples: 2 },
  topics: ['orders'],
  partitions: [partition],
});
const unread = (id: string) => group(id, { members: 2, error: 'Connection error' });

let monitor: LagMonitor | undefined;
afterEach(() => monitor?.dispose());

function monitorOver(snapshots: LagSnapshot[]): LagMonitor {
  const engine = {
    refresh: () => Promise.resolve(snapshots.shift()!),
    latest: () => undefined,
    forget: () => undefined,
  } as unknown as LagEngine;
  monitor = new LagMonitor(
    { kafka: () => Promise.reject(new Error('not used')) },
    settings,
    log,
    Date.now,
    () => engine,
  );
  return monitor;
}

describe('lag monitor: offsets that could not be read', () => {
  it('keeps what it last knew of the group, with the error, instead of a false OK and lag 0', async () => {
    const m = monitorOver([
      { time: 1, durationMs: 0, groups: [read] },
      { time: 2, durationMs: 0, groups: [unread('g')] },
    ]);
    await m.refreshNow(ref);
    await m.refreshNow(ref);
    const g = m.group(ref, 'g');
    assert.equal(g?.error, 'Connection error');
    assert.equal(g?.totalLag, 5);
    assert.deepEqual(g?.verdict.status, 'WARN');
    assert.equal(g?.partitions.length, 1);
    assert.equal(g?.members, 2, 'state and members are fresh');
    assert.equal(m.snapshot(ref)?.groups[0].totalLag, 5, 'the snapshot the tree reads says the same');
  });

  it('a group never read yet is still collecting, with the reason, not OK', async () => {
    const m = monitorOver([{ time: 1, durationMs: 0, groups: [unread('h')] }]);
    await m.refreshNow(ref);
    const g = m.group(ref, 'h');
    assert.equal(g?.verdict.status, 'collecting');
    assert.match(g?.verdict.reason ?? '', /could not be read yet: Connection error/);
  });

  it('once read again, the fresh data replaces what was kept', async () => {
    const fresh = group('g', { totalLag: 0, partitions: [{ ...partition, committed: 15, lag: 0 }] });
    const m = monitorOver([
      { time: 1, durationMs: 0, groups: [read] },
      { time: 2, durationMs: 0, groups: [unread('g')] },
      { time: 3, durationMs: 0, groups: [fresh] },
    ]);
    for (let i = 0; i < 3; i++) await m.refreshNow(ref);
    assert.equal(m.group(ref, 'g')?.error, undefined);
    assert.equal(m.group(ref, 'g')?.totalLag, 0);
  });
});
