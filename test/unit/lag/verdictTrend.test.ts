/**
 * The WARN rule judges the trend over the window: a consumer that commits in batches and falls
 * behind (saw-tooth lag) is WARN; catching up, an idle topic and a burst being worked off are OK.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lagSlope, partitionVerdict, type LagSample, type VerdictConfig } from '../../../src/kafka/lag/verdict';

const cfg: VerdictConfig = { windowSamples: 10, minSamples: 5 };

/** Samples 10 s apart from [committed, logEnd] pairs, owned by a member. */
function seq(pairs: [number, number][]): LagSample[] {
  return pairs.map(([committed, logEnd], i) => ({ time: 2_000_000 + i * 10_000, committed, logEnd, assigned: true }));
}

/**
 * The consumer: 1 record/s produced, 0.67/s consumed, committing every other sample in a
 * batch, so the lag dips between samples while it grows from 6 to about 40 over ~90 s.
 */
function sawTooth(): [number, number][] {
  const out: [number, number][] = [];
  let committed = 94;
  for (let i = 0; i < 10; i++) {
    const logEnd = 100 + i * 10;
    if (i > 0) committed += i % 2 === 1 ? 2 : 11; // batches of 2 and 11 records: 6.5 per 10 s
    out.push([committed, logEnd]);
  }
  return out;
}

describe('lag verdict: trend over the window', () => {
  it('saw-tooth growth (batch commits, consuming slower than produced) is WARN, with the rates', () => {
    const pairs = sawTooth();
    const lags = pairs.map(([c, e]) => e - c);
    assert.ok(
      lags.some((l, i) => i > 0 && l < lags[i - 1]),
      `the lag must dip between samples: ${lags.join(',')}`,
    );
    const v = partitionVerdict(seq(pairs), cfg);
    assert.equal(v.status, 'WARN', v.reason);
    assert.match(
      v.reason,
      /^falling behind: lag grew from 6 to \d+ in 90 s, consuming 0\.\d+\/s against 1\/s produced$/,
    );
  });

  it('steady catch-up (consuming faster than produced) is OK', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 10; i++) pairs.push([100 + i * 15, 300 + i * 10]);
    const v = partitionVerdict(seq(pairs), cfg);
    assert.equal(v.status, 'OK', v.reason);
    assert.ok(lagSlope(seq(pairs) as (LagSample & { committed: number })[]) < 0);
  });

  it('steady catch-up committed in batches (lag rises between some samples) is OK', () => {
    const lags = [200, 210, 170, 180, 140, 150, 110, 120, 80, 90];
    const pairs = lags.map((lag, i): [number, number] => [1000 + i * 10 - lag, 1000 + i * 10]);
    assert.equal(partitionVerdict(seq(pairs), cfg).status, 'OK');
  });

  it('an idle topic is OK: nothing produced, the consumer caught up, the commit never moves', () => {
    const pairs: [number, number][] = Array.from({ length: 10 }, () => [500, 500]);
    assert.equal(partitionVerdict(seq(pairs), cfg).status, 'OK');
  });

  it('a single burst that is being consumed is OK', () => {
    // Lag 5 for a while, a burst of 100 records, then the consumer works it off.
    const lags = [5, 5, 5, 105, 85, 65, 45, 30, 15, 10];
    let logEnd = 1000;
    const pairs = lags.map((lag, i): [number, number] => {
      logEnd += i === 3 ? 100 : 1;
      return [logEnd - lag, logEnd];
    });
    const v = partitionVerdict(seq(pairs), cfg);
    assert.equal(v.status, 'OK', v.reason);
  });

  it('a consumer that keeps up with batch commits (lag returns to 0) is OK', () => {
    const lags = [0, 8, 3, 9, 0, 7, 4, 10, 2, 9];
    const pairs = lags.map((lag, i): [number, number] => [1000 + i * 10 - lag, 1000 + i * 10]);
    assert.equal(partitionVerdict(seq(pairs), cfg).status, 'OK');
  });
});
