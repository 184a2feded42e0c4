/**
 * Exact time lag for a group in detail: which partitions are read (lagging, record not gone, commit
 * not read before), how the result replaces the estimate, and what happens when reading fails.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  partitionKey,
  type FirstRecord,
  type GroupLag,
  type PartitionLag,
  type RecordPosition,
} from '../../../src/kafka/lag/types';
import { ExactTimeLag } from '../../../src/services/exactTimeLag';

function partition(p: number, committed: number, logEnd: number, earliest = 0): PartitionLag {
  const partitionLag: PartitionLag = {
    topic: 't',
    partition: p,
    committed,
    logEnd,
    earliest,
    lag: logEnd - committed,
    lagFrom: 'committed',
    timeLag: { kind: 'atLeast', ms: 5_000 },
    verdict: { status: 'OK', reason: '', samples: 3, minSamples: 3 },
    history: [],
  };
  return partitionLag;
}

function group(...partitions: PartitionLag[]): GroupLag {
  return { groupId: 'g', partitions } as GroupLag;
}

/** A reader that finds a record right at each position, stamped 1000 × its offset, and remembers each call. */
function fakeReader(opts: { fail?: boolean; missing?: number[] } = {}) {
  const calls: RecordPosition[][] = [];
  const read = (positions: RecordPosition[], onWarning: (m: string) => void) => {
    calls.push(positions);
    if (opts.fail) onWarning('topic t: not authorized');
    const found = new Map<string, FirstRecord>();
    if (!opts.fail)
      for (const p of positions)
        if (!opts.missing?.includes(p.partition))
          found.set(partitionKey(p.topic, p.partition), { offset: p.offset, timestamp: p.offset * 1000 });
    return Promise.resolve(found);
  };
  return { calls, read };
}

const quietLog = () => {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m) };
};

describe('exact time lag', () => {
  it('reads the first unread record of lagging partitions only, and shows its age instead of the estimate', async () => {
    const reader = fakeReader();
    const exact = new ExactTimeLag(reader.read, quietLog());
    const g = group(partition(0, 10, 30), partition(1, 20, 20), partition(2, 3, 9, 5));
    assert.equal(await exact.update(g), true);
    assert.deepEqual(
      reader.calls[0].map((p) => [p.partition, p.offset]),
      [[0, 10]],
      'caught-up partition 1 and partition 2 (its record at 3 is gone: earliest 5) are not read',
    );
    const shown = exact.apply(g, 70_000);
    assert.deepEqual(shown.partitions[0].timeLag, { kind: 'exact', ms: 60_000, recordTimestamp: 10_000 });
    assert.equal(shown.partitions[1].timeLag?.kind, 'atLeast', 'the estimate stays where nothing was read');
    assert.equal(shown.partitions[2].timeLag?.kind, 'atLeast');
  });

  it('reads a partition again only when its committed offset moved; the old record no longer applies', async () => {
    const reader = fakeReader();
    const exact = new ExactTimeLag(reader.read, quietLog());
    await exact.update(group(partition(0, 10, 30)));
    assert.equal(await exact.update(group(partition(0, 10, 40))), false, 'same commit: nothing to read');
    assert.equal(reader.calls.length, 1);

    const moved = group(partition(0, 12, 40));
    assert.equal(
      exact.apply(moved, 50_000).partitions[0].timeLag?.kind,
      'atLeast',
      'the record of offset 10 is not shown for 12',
    );
    assert.equal(await exact.update(moved), true);
    assert.deepEqual(reader.calls[1], [{ topic: 't', partition: 0, offset: 12 }]);
    assert.equal(exact.apply(moved, 50_000).partitions[0].timeLag?.ms, 38_000);
  });

  it('keeps the estimate for a partition that gave no record in time, without asking again for that commit', async () => {
    const reader = fakeReader({ missing: [0] });
    const exact = new ExactTimeLag(reader.read, quietLog());
    const g = group(partition(0, 10, 30));
    assert.equal(await exact.update(g), false);
    assert.equal(exact.apply(g, 50_000).partitions[0].timeLag?.kind, 'atLeast');
    assert.equal(await exact.update(g), false);
    assert.equal(reader.calls.length, 1);
  });

  it('after a failed read: says why in the log, keeps the estimate and waits a minute before reading again', async () => {
    let now = 0;
    const reader = fakeReader({ fail: true });
    const log = quietLog();
    const exact = new ExactTimeLag(reader.read, log, () => now);
    const g = group(partition(0, 10, 30));
    assert.equal(await exact.update(g), false);
    assert.match(log.warnings[0], /exact time lag of g: topic t: not authorized \(estimates shown instead\)/);
    assert.equal(exact.apply(g, 50_000).partitions[0].timeLag?.kind, 'atLeast');
    now = 59_000;
    await exact.update(g);
    assert.equal(reader.calls.length, 1, 'not again within the minute');
    now = 61_000;
    await exact.update(g);
    assert.equal(reader.calls.length, 2, 'asked again after it');
  });

  it('runs one read at a time', async () => {
    let release!: () => void;
    const calls: RecordPosition[][] = [];
    const exact = new ExactTimeLag((positions) => {
      calls.push(positions);
      return new Promise((resolve) => (release = () => resolve(new Map())));
    }, quietLog());
    const first = exact.update(group(partition(0, 10, 30)));
    assert.equal(await exact.update(group(partition(0, 11, 30))), false);
    release();
    await first;
    assert.equal(calls.length, 1);
  });
});
