/** TailBuffer behind the tail controls: all() (the "all" export scope), clear() and fill counts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TailBuffer } from '../../../src/kafka/tail/buffer';
import type { TailRecord } from '../../../src/kafka/tail/types';
import { rec } from './records';

const text = (records: Iterable<TailRecord>) => [...records].map((r) => r.value?.toString());
const isX = (r: TailRecord) => r.value?.toString().startsWith('x') ?? false;

describe('TailBuffer controls', () => {
  test('all() is every buffered record oldest first, whatever the filter, across the ring wrap', () => {
    const b = new TailBuffer(4);
    b.push([rec(0, 'x0'), rec(1, 'y1'), rec(2, 'x2')]);
    b.setFilter(isX);
    b.push([rec(3, 'y3'), rec(4, 'x4'), rec(5, 'y5')]);
    assert.deepEqual(text(b.all()), ['x2', 'y3', 'x4', 'y5']);
    assert.deepEqual(text(b.view()), ['x2', 'x4']);
    assert.deepEqual([b.size, b.viewSize, b.capacity, b.firstSeq], [4, 2, 4, 2]);
  });

  test('fill counts while filling, when full and after many evictions', () => {
    const b = new TailBuffer(5);
    b.setFilter(isX);
    const counts: number[][] = [];
    for (let i = 0; i < 23; i++) {
      b.push([rec(i, i % 3 === 0 ? `x${i}` : `y${i}`)]);
      counts.push([b.size, b.viewSize]);
    }
    assert.deepEqual(counts.slice(0, 7), [
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 2],
      [5, 1], // x0 fell out
      [5, 2], // x6 came in
    ]);
    // Kept: offsets 18..22 -> x18, y19, y20, x21, y22.
    assert.deepEqual(text(b.all()), ['x18', 'y19', 'y20', 'x21', 'y22']);
    assert.deepEqual(text(b.view()), ['x18', 'x21']);
    assert.equal(b.firstSeq, 18);
    assert.equal(b.bySeq(17), undefined);
  });

  test('clear() empties the buffer and the filtered view; later records are kept and matched', () => {
    const b = new TailBuffer(3);
    b.setFilter(isX);
    b.push([rec(0, 'x0'), rec(1, 'y1'), rec(2, 'x2'), rec(3, 'x3')]);
    const seqBefore = b.firstSeq + b.size;
    b.clear();
    assert.deepEqual([b.size, b.viewSize], [0, 0]);
    assert.deepEqual(text(b.all()), []);
    assert.deepEqual(text(b.view()), []);
    assert.equal(b.at(0), undefined);
    b.push([rec(4, 'y4'), rec(5, 'x5')]);
    assert.deepEqual(text(b.all()), ['y4', 'x5']);
    assert.deepEqual(text(b.view()), ['x5']);
    assert.equal(b.firstSeq, seqBefore, 'seqs keep counting after a clear (the webview addresses rows by seq)');
    b.setFilter(undefined);
    assert.deepEqual(text(b.view()), ['y4', 'x5']);
  });
});
