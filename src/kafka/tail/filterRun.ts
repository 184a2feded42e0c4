/**
 * Applies a filter to a tail buffer in slices: between slices the event loop runs (messages keep
 * arriving, other requests are answered), progress is reported, and a newer filter cancels this one.
 * The previous filter stays in force until this one has been evaluated over the whole buffer, then
 * the new matches replace it in one step (never a mix of the two).
 */
import type { RecordPredicate, TailBuffer } from './buffer';

export interface FilterRunOptions {
  /** Aborted: stop at the next slice boundary and change nothing. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Records evaluated between two yields (default 2,000). */
  sliceSize?: number;
  /** Stop when the evaluation takes longer than this in total (default 5 minutes): a runtime budget. */
  budgetMs?: number;
}

export type FilterRunResult =
  | { outcome: 'applied'; matching: number }
  | { outcome: 'cancelled' }
  | { outcome: 'overBudget'; done: number; total: number };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function applyFilterInSlices(
  buffer: TailBuffer,
  predicate: RecordPredicate | undefined,
  opts: FilterRunOptions = {},
): Promise<FilterRunResult> {
  if (!predicate) {
    buffer.applyFilter(undefined, []);
    return { outcome: 'applied', matching: buffer.viewSize };
  }
  const sliceSize = Math.max(1, opts.sliceSize ?? 2_000);
  const budget = opts.budgetMs ?? 5 * 60_000;
  const started = Date.now();
  const matches: number[] = [];
  let next = buffer.firstSeq;
  let total = buffer.endSeq - next;
  let done = 0;
  opts.onProgress?.(0, total);
  // Messages that arrive meanwhile are taken too (the loop runs to the buffer's end as it is then).
  while (next < buffer.endSeq) {
    if (next < buffer.firstSeq) next = buffer.firstSeq; // evicted while we waited: nothing to show of them
    const end = Math.min(buffer.endSeq, next + sliceSize);
    for (; next < end; next++) {
      const r = buffer.bySeq(next);
      if (r && predicate(r)) matches.push(r.seq);
      done++;
    }
    total = Math.max(total, done + (buffer.endSeq - next));
    if (next >= buffer.endSeq) break;
    opts.onProgress?.(done, total);
    await yieldToLoop();
    if (opts.signal?.aborted) return { outcome: 'cancelled' };
    if (Date.now() - started > budget) return { outcome: 'overBudget', done, total };
  }
  if (opts.signal?.aborted) return { outcome: 'cancelled' };
  buffer.applyFilter(predicate, matches);
  opts.onProgress?.(total, total);
  return { outcome: 'applied', matching: buffer.viewSize };
}
