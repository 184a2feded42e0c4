/** Time lag: exact from a record's timestamp, or estimated from in-session (time, log end) samples. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { estimateTimeLag, exactTimeLag, formatTimeLag } from '../../../src/kafka/lag/timeLag';

const pts = (...ends: number[]) => ends.map((logEnd, i) => ({ time: i * 10_000, logEnd }));

describe('time lag', () => {
  it('is exact from the timestamp of the first unread record, shown without "est."', () => {
    const t = exactTimeLag(1_000, 7_201_000);
    assert.deepEqual(t, { kind: 'exact', ms: 7_200_000, recordTimestamp: 1_000 });
    assert.equal(formatTimeLag(t), '2h 00m');
  });

  it('is never negative when the record says it was written in the future (producer clock ahead)', () => {
    assert.equal(exactTimeLag(10_000, 4_000).ms, 0);
  });

  it('is 0 when caught up', () => {
    assert.deepEqual(estimateTimeLag(pts(10, 20), 20, 30_000), { kind: 'caughtUp', ms: 0 });
  });

  it('interpolates when the log end passed the committed offset during the session', () => {
    // Log end 100 at t=0, 200 at t=10s: the record at offset 149 (log end 150) appeared at t=5s.
    const t = estimateTimeLag(pts(100, 200, 300), 149, 20_000);
    assert.deepEqual(t, { kind: 'interpolated', ms: 15_000 });
    assert.equal(formatTimeLag(t), '~15s (est.)');
  });

  it('extrapolates from the observed rate when the record predates the session', () => {
    // 10 records/s; committed 50 records before the first sample's log end: written 5 s before it.
    const t = estimateTimeLag(pts(100, 200), 50, 10_000);
    assert.deepEqual(t, { kind: 'extrapolated', ms: 15_000 });
    assert.equal(formatTimeLag(t), '~15s (rate est.)');
  });

  it('gives only a lower bound when nothing was produced during the session', () => {
    const t = estimateTimeLag(pts(100, 100, 100), 50, 20_000);
    assert.deepEqual(t, { kind: 'atLeast', ms: 20_000 });
    assert.equal(formatTimeLag(t), '> 20s');
  });

  it('is unknown without samples', () => {
    assert.equal(estimateTimeLag([], 0, 0), undefined);
    assert.equal(formatTimeLag(undefined), '–');
  });
});
