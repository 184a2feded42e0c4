import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TailBuffer } from '../../../src/kafka/tail/buffer';
import { rec } from './records';

const vals = (b: TailBuffer) => [...b.view()].map((r) => r.value?.toString());

describe('TailBuffer', () => {
  test('keeps the newest `capacity` records and pages by view position', () => {
    const b = new TailBuffer(3);
    b.push([rec(0, 'a'), rec(1, 'b'), rec(2, 'c'), rec(3, 'd')]);
    assert.equal(b.size, 3);
    assert.deepEqual(vals(b), ['b', 'c', 'd']);
    assert.equal(b.firstSeq, 1);
    assert.equal(b.bySeq(0), undefined, 'evicted');
    assert.deepEqual(
      b.slice(1, 5).map((r) => r.offset),
      ['2', '3'],
    );
  });

  test('a filter applies to the buffer at once and to new records, and follows evictions', () => {
    const b = new TailBuffer(4);
    b.push([rec(0, 'x1'), rec(1, 'y1'), rec(2, 'x2')]);
    b.setFilter((r) => r.value?.toString().startsWith('x') ?? false);
    assert.deepEqual(vals(b), ['x1', 'x2']);
    b.push([rec(3, 'x3'), rec(4, 'y2'), rec(5, 'x4')]);
    // x1 and y1 fell out (capacity 4: x2 x3 y2 x4).
    assert.deepEqual(vals(b), ['x2', 'x3', 'x4']);
    assert.equal(b.viewSize, 3);
    b.setFilter(undefined);
    assert.deepEqual(vals(b), ['x2', 'x3', 'y2', 'x4']);
  });

  test('clear empties the buffer but seqs keep increasing', () => {
    const b = new TailBuffer(4);
    b.push([rec(0, 'a')]);
    b.clear();
    assert.equal(b.size, 0);
    b.push([rec(1, 'b')]);
    assert.equal(b.at(0)?.seq, 1);
  });
});
