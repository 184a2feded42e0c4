import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SendResults } from '../../../src/kafka/produce/results';
import type { ProduceReport } from '../../../src/kafka/produce/types';
import { failureLines, firstOffsets, summarizeReport } from '../../../src/features/produce/send/summary';
import { toResultRows } from '../../../src/features/produce/send/resultRows';

function reportOf(r: SendResults, total: number): ProduceReport {
  return {
    topic: 't',
    total,
    sent: r.sent,
    failed: r.failed,
    ranges: r.ranges(),
    failures: r.failuresInOrder(),
    idempotent: true,
    durationMs: 1,
  };
}

describe('bulk send results as ranges', () => {
  test('requests continuing a partition merge into one range, in whatever order they answer', () => {
    const r = new SendResults();
    r.stored(1, 2000n, 1000); // the second request answers first
    r.stored(0, 0n, 1000);
    r.stored(1, 1000n, 1000);
    r.stored(1, 3000n, 500);
    r.stored(0, 5000n, 10); // another producer wrote in between: a new range
    assert.deepEqual(r.ranges(), [
      { partition: 0, first: '0', last: '999', count: 1000 },
      { partition: 0, first: '5000', last: '5009', count: 10 },
      { partition: 1, first: '1000', last: '3499', count: 2500 },
    ]);
    assert.equal(r.sent, 3510);
  });

  test('acks=0: stored without offsets, counted per partition', () => {
    const r = new SendResults();
    r.stored(2, -1n, 5);
    r.stored(2, -1n, 7);
    assert.deepEqual(r.ranges(), [{ partition: 2, first: '-1', last: '-1', count: 12 }]);
    const report = reportOf(r, 12);
    assert.equal(summarizeReport(report), '✓ 12 sent → p2 ×12');
    assert.deepEqual(firstOffsets(report), [], 'nothing to tail from');
  });

  test('failures name the messages (1-based) with their reason; consecutive ones with one reason share a line', () => {
    const r = new SendResults();
    r.stored(0, 0n, 4);
    for (const i of [4, 5, 6]) r.fail(i, 'Too large: about 5000 bytes', 'MessageTooLarge');
    r.fail(9, 'Too large: about 5000 bytes', 'MessageTooLarge');
    r.fail(7, 'Cancelled before it was sent.', 'Cancelled');
    const report = reportOf(r, 10);
    assert.deepEqual(
      report.failures.map((f) => [f.first, f.last, f.code]),
      [
        [4, 6, 'MessageTooLarge'],
        [7, 7, 'Cancelled'],
        [9, 9, 'MessageTooLarge'],
      ],
    );
    assert.deepEqual(failureLines(report), [
      'messages 5–7, 10: Too large: about 5000 bytes',
      'message 8: Cancelled before it was sent.',
    ]);
    assert.equal(summarizeReport(report), '✗ 5 of 10 failed (4 sent → p0@0–3): Too large: about 5000 bytes');
    assert.deepEqual(firstOffsets(report), [{ partition: 0, offset: '0' }]);
  });

  test('the producer panel shows failures first, then one row per range', () => {
    const r = new SendResults();
    r.stored(0, 41n, 1);
    r.stored(1, 7n, 1_000_000);
    r.fail(3, 'Denied', 'Authorization');
    const { rows, rowCount } = toResultRows(reportOf(r, 1_000_002), 500);
    assert.equal(rowCount, 3);
    assert.deepEqual(rows, [
      { ok: false, messages: '4', error: 'Denied', code: 'Authorization' },
      { ok: true, count: 1, partition: 0, offsets: '41' },
      { ok: true, count: 1_000_000, partition: 1, offsets: '7–1000006' },
    ]);
  });
});
