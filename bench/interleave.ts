/**
 * Runs the sides of a benchmark alternately (A, B, A, B, …) so that the machine's noise falls on
 * both; prints every run, the best of each side and the ratio of the bests to the reference's.
 */

export interface Side {
  label: string;
  /** One run; resolves with the items it handled (messages), checked against `items`. */
  run: (round: number) => Promise<number>;
}

export interface RunResult {
  label: string;
  seconds: number[];
  best: number;
}

export const rate = (items: number, seconds: number): string =>
  `${Math.round(items / seconds).toLocaleString('en-US')} msg/s`;

/** The last side is the reference tool: every other side's ratio is given against it. */
export async function interleave(items: number, rounds: number, sides: Side[]): Promise<RunResult[]> {
  const results = sides.map((s) => ({ label: s.label, seconds: [] as number[], best: Infinity }));
  for (let round = 1; round <= rounds; round++) {
    for (const [i, side] of sides.entries()) {
      const t0 = process.hrtime.bigint();
      const handled = await side.run(round);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (handled !== items) throw new Error(`${side.label} handled ${handled} items, expected ${items}`);
      results[i].seconds.push(seconds);
      results[i].best = Math.min(results[i].best, seconds);
      console.log(`  run ${round} ${side.label.padEnd(28)} ${seconds.toFixed(2)} s  ${rate(items, seconds)}`);
    }
  }
  const width = Math.max(...results.map((r) => r.label.length));
  for (const r of results) console.log(`best ${r.label.padEnd(width)}: ${r.best.toFixed(2)} s, ${rate(items, r.best)}`);
  const ref = results[results.length - 1];
  for (const r of results.slice(0, -1))
    console.log(`ratio ${r.label} / ${ref.label} (bests): ${(ref.best / r.best).toFixed(2)}`);
  return results;
}

/**
 * Memory in use (the JS heap plus the bytes of Buffers, which live outside it) after a full
 * collection when `--expose-gc` is on (else as it stands), in MiB.
 */
export function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}
