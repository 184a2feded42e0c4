/** Offset reset targets, clamped to [earliest, latest], and the preview lines. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { describeTarget, formatPlan, targetOffset } from '../../../src/kafka/lag/reset';

describe('reset targets', () => {
  it('earliest and latest', () => {
    assert.deepEqual(targetOffset({ kind: 'earliest' }, 50, 10, 100), { next: 10, clamped: false });
    assert.deepEqual(targetOffset({ kind: 'latest' }, 50, 10, 100), { next: 100, clamped: false });
  });
  it('a timestamp: the offset the broker found, or the log end when no record is that new', () => {
    assert.deepEqual(targetOffset({ kind: 'timestamp', timestamp: 1 }, 50, 10, 100, 42), { next: 42, clamped: false });
    assert.deepEqual(targetOffset({ kind: 'timestamp', timestamp: 1 }, 50, 10, 100), { next: 100, clamped: false });
  });
  it('a specific offset, clamped at both ends', () => {
    assert.deepEqual(targetOffset({ kind: 'offset', offset: 70 }, 50, 10, 100), { next: 70, clamped: false });
    assert.deepEqual(targetOffset({ kind: 'offset', offset: 5 }, 50, 10, 100), { next: 10, clamped: true });
    assert.deepEqual(targetOffset({ kind: 'offset', offset: 500 }, 50, 10, 100), { next: 100, clamped: true });
  });
  it('shift by ±N from the committed offset (from the earliest when nothing is committed), clamped', () => {
    assert.deepEqual(targetOffset({ kind: 'shift', by: -20 }, 50, 10, 100), { next: 30, clamped: false });
    assert.deepEqual(targetOffset({ kind: 'shift', by: 20 }, 50, 10, 100), { next: 70, clamped: false });
    assert.deepEqual(targetOffset({ kind: 'shift', by: -80 }, 50, 10, 100), { next: 10, clamped: true });
    assert.deepEqual(targetOffset({ kind: 'shift', by: 5 }, undefined, 10, 100), { next: 15, clamped: false });
  });
  it('the preview says current → new and the lag after', () => {
    const lines = formatPlan({
      request: { groupId: 'g', topic: 't', target: { kind: 'offset', offset: 500 } },
      rows: [
        { partition: 0, current: 50, next: 100, earliest: 10, latest: 100, clamped: true, lagAfter: 0 },
        { partition: 1, next: 20, earliest: 20, latest: 30, clamped: true, lagAfter: 10 },
      ],
    });
    assert.deepEqual(lines, ['p0: 50 → 100 (clamped) · lag after 0', 'p1: (none) → 20 (clamped) · lag after 10']);
    assert.equal(describeTarget({ kind: 'shift', by: -5 }), '-5 from the committed offset');
  });
});
