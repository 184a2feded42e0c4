import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TailBuffer } from '../../../src/kafka/tail/buffer';
import { compileFilter } from '../../../src/kafka/tail/filter';
import { applyFilterInSlices } from '../../../src/kafka/tail/filterRun';
import { rec } from './records';

function filled(n: number): TailBuffer {
  const b = new TailBuffer(n);
  b.push(Array.from({ length: n }, (_, i) => rec(i, JSON.stringify({ i }))));
  return b;
}

describe('a filter over a full buffer runs in slices', () => {
  test('100,000 messages: progress is reported slice by slice and the event loop runs between slices', async () => {
    const b = filled(100_000);
    const f = compileFilter({ cel: 'int(value.i) % 10 == 0' });
    assert.ok(f.ok);
    const progress: number[] = [];
    let loopTurns = 0;
    const ticker = setInterval(() => loopTurns++, 0);
    const result = await applyFilterInSlices(b, f.predicate, {
      sliceSize: 5_000,
      onProgress: (done, total) => {
        assert.equal(total, 100_000);
        progress.push(done);
      },
    });
    clearInterval(ticker);
    assert.deepEqual(result, { outcome: 'applied', matching: 10_000 });
    assert.equal(b.viewSize, 10_000);
    assert.deepEqual(progress.slice(0, 3), [0, 5_000, 10_000]);
    assert.equal(progress.at(-1), 100_000);
    assert.ok(loopTurns > 0, 'timers ran while the filter was evaluated');
  });

  test('a newer filter cancels the running one: the filter in force stays the previous one', async () => {
    const b = filled(20_000);
    const first = compileFilter({ text: '"i":1' });
    assert.ok(first.ok);
    b.setFilter(first.predicate);
    const before = b.viewSize;
    const abort = new AbortController();
    const costly = compileFilter({ cel: 'int(value.i) > 5' });
    assert.ok(costly.ok);
    const running = applyFilterInSlices(b, costly.predicate, {
      sliceSize: 1_000,
      signal: abort.signal,
      onProgress: (done) => {
        if (done >= 3_000) abort.abort();
      },
    });
    assert.deepEqual(await running, { outcome: 'cancelled' });
    assert.equal(b.viewSize, before, 'the previous filter is still the one in force');
  });

  test('messages arriving while the filter runs are filtered too; evicted ones are dropped', async () => {
    const b = new TailBuffer(3_000);
    b.push(Array.from({ length: 3_000 }, (_, i) => rec(i, JSON.stringify({ i }))));
    const f = compileFilter({ cel: 'int(value.i) % 2 == 0' });
    assert.ok(f.ok);
    let pushed = false;
    const result = await applyFilterInSlices(b, f.predicate, {
      sliceSize: 500,
      onProgress: (done) => {
        if (done >= 1_000 && !pushed) {
          pushed = true;
          b.push(Array.from({ length: 1_000 }, (_, i) => rec(3_000 + i, JSON.stringify({ i: 3_000 + i }))));
        }
      },
    });
    assert.deepEqual(result, { outcome: 'applied', matching: 1_500 });
    const shown = [...b.view()].map((r) => (JSON.parse(r.value!.toString()) as { i: number }).i);
    assert.equal(shown[0], 1_000, 'the oldest 1,000 fell out of the buffer');
    assert.equal(shown.at(-1), 3_998);
    assert.ok(shown.every((i) => i % 2 === 0));
  });

  test('a filter over its runtime budget is stopped and reported', async () => {
    const b = filled(10_000);
    const f = compileFilter({ text: 'x' });
    assert.ok(f.ok);
    const result = await applyFilterInSlices(b, f.predicate, { sliceSize: 1_000, budgetMs: -1 });
    assert.deepEqual(result, { outcome: 'overBudget', done: 1_000, total: 10_000 });
    assert.equal(b.viewSize, 10_000, 'no filter was put in force');
  });
});
