import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkStartPosition, describePartitions } from '../../../src/kafka/tail/startCheck';

const ranges = [
  { partition: 0, low: 0n, high: 120n },
  { partition: 1, low: 10n, high: 88n },
];

describe('tail start positions are checked against the topic before starting', () => {
  test('an offset for a partition the topic lacks is refused, naming the partitions it has', () => {
    const c = checkStartPosition('orders', { kind: 'offsets', offsets: [{ partition: 99, offset: '5' }] }, ranges);
    assert.equal(
      c.error,
      'Partition 99 does not exist: orders has partitions 0, 1. Give offsets as partition:offset for those partitions.',
    );
  });

  test('chosen partitions the topic lacks are refused', () => {
    const c = checkStartPosition('orders', { kind: 'newest' }, ranges, [1, 7, 8]);
    assert.equal(c.error, 'Partitions 7, 8 do not exist: orders has partitions 0, 1.');
  });

  test('an offset past the end says the tail starts at the end and shows only new messages', () => {
    const c = checkStartPosition('orders', { kind: 'offsets', offsets: [{ partition: 0, offset: '500' }] }, ranges);
    assert.equal(c.error, undefined);
    assert.deepEqual(c.notes, [
      'Partition 0: offset 500 is past the end (the next message gets offset 120): the tail starts at 120 and shows only new messages.',
      'Partition 1 without an offset starts from the newest message.',
    ]);
  });

  test('an offset no longer kept starts at the oldest kept; an offset of an untailed partition is ignored', () => {
    const c = checkStartPosition(
      'orders',
      {
        kind: 'offsets',
        offsets: [
          { partition: 1, offset: '2' },
          { partition: 0, offset: '3' },
        ],
      },
      ranges,
      [1],
    );
    assert.deepEqual(c.notes, [
      'Partition 0 is not tailed: its offset is ignored.',
      'Partition 1: offset 2 is no longer kept (the oldest is 10): the tail starts at 10.',
    ]);
  });

  test('offsets within range and other start kinds pass silently', () => {
    assert.deepEqual(
      checkStartPosition(
        't',
        {
          kind: 'offsets',
          offsets: [
            { partition: 0, offset: '7' },
            { partition: 1, offset: '88' },
          ],
        },
        ranges,
      ),
      { notes: [] },
    );
    assert.deepEqual(checkStartPosition('t', { kind: 'oldest' }, ranges), { notes: [] });
  });

  test('partition lists read as ranges when contiguous', () => {
    assert.equal(describePartitions([2, 0, 1]), '0–2');
    assert.equal(describePartitions([0, 1]), '0, 1');
    assert.equal(describePartitions([0, 2, 5]), '0, 2, 5');
  });
});
