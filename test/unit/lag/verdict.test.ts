/** Every verdict rule and every Burrow false alarm, on recorded offset sequences. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  groupVerdict,
  partitionVerdict,
  sampleLag,
  statusLabel,
  type LagSample,
  type PartitionVerdict,
  type VerdictConfig,
} from '../../../src/kafka/lag/verdict';

const cfg: VerdictConfig = { windowSamples: 5, minSamples: 3 };

/** Samples 10 s apart from [committed, logEnd] pairs; every partition owned by a member unless told. */
function seq(pairs: [number, number][], assigned = true): LagSample[] {
  return pairs.map(([committed, logEnd], i) => ({ time: 1_000_000 + i * 10_000, committed, logEnd, assigned }));
}

const status = (pairs: [number, number][], assigned = true) => partitionVerdict(seq(pairs, assigned), cfg).status;

describe('partition verdict rules', () => {
  it('collecting: no verdict before the window has the minimum number of samples', () => {
    const v = partitionVerdict(
      seq([
        [0, 100],
        [0, 200],
      ]),
      cfg,
    );
    assert.equal(v.status, 'collecting');
    assert.equal(statusLabel(v), 'collecting (2/3)');
  });

  it('REWIND: the committed offset went backwards', () => {
    assert.equal(
      status([
        [50, 100],
        [60, 100],
        [10, 100],
      ]),
      'REWIND',
    );
  });

  it('REWIND wins over caught up: going back is reported even when the lag is now 0', () => {
    assert.equal(
      status([
        [100, 100],
        [90, 100],
        [100, 100],
      ]),
      'REWIND',
    );
  });

  it('OK: committing and keeping up', () => {
    assert.equal(
      status([
        [90, 100],
        [110, 120],
        [130, 140],
      ]),
      'OK',
    );
  });

  it('OK: lag shrinking', () => {
    assert.equal(
      status([
        [0, 100],
        [50, 110],
        [100, 120],
      ]),
      'OK',
    );
  });

  it('WARN: committing, but lag grows at every sample', () => {
    const v = partitionVerdict(
      seq([
        [0, 100],
        [10, 150],
        [20, 200],
      ]),
      cfg,
    );
    assert.equal(v.status, 'WARN');
    assert.match(v.reason, /lag grew from 100 to 180 in 20 s, consuming 1\/s against 5\/s produced/);
  });

  it('not WARN when the lag is being worked off at the end of the window', () => {
    assert.equal(
      status([
        [0, 100],
        [90, 300],
        [280, 310],
      ]),
      'OK',
    );
  });

  it('STALL: a member owns the partition but its commit does not move while there is lag', () => {
    assert.equal(
      status(
        [
          [10, 100],
          [10, 150],
          [10, 200],
        ],
        true,
      ),
      'STALL',
    );
  });

  it('STOP: no member owns the partition, the commit does not move and there is lag', () => {
    assert.equal(
      status(
        [
          [10, 100],
          [10, 150],
          [10, 200],
        ],
        false,
      ),
      'STOP',
    );
  });

  it('STOP also when the log end does not move (unread records left behind)', () => {
    assert.equal(
      status(
        [
          [10, 100],
          [10, 100],
          [10, 100],
        ],
        false,
      ),
      'STOP',
    );
  });

  it('only the sliding window counts: an old rewind outside it is forgotten', () => {
    const s = seq([
      [50, 100],
      [10, 100],
      [20, 100],
      [30, 100],
      [40, 100],
      [50, 100],
      [60, 100],
    ]);
    assert.equal(partitionVerdict(s, cfg).status, 'OK');
  });
});

describe('false alarms Burrow is known for do not happen', () => {
  it('caught up with an old commit is OK: committed == log end, nothing committed for the whole window', () => {
    assert.equal(
      status(
        [
          [500, 500],
          [500, 500],
          [500, 500],
          [500, 500],
          [500, 500],
        ],
        false,
      ),
      'OK',
    );
  });

  it('an idle topic is not STOP: no new records and nothing to commit', () => {
    assert.equal(
      status(
        [
          [42, 42],
          [42, 42],
          [42, 42],
        ],
        true,
      ),
      'OK',
    );
    assert.equal(
      status(
        [
          [42, 42],
          [42, 42],
          [42, 42],
        ],
        false,
      ),
      'OK',
    );
  });

  it('lag is recomputed from each sample’s fresh log end, never from an older one', () => {
    // The log end moved ahead, then the consumer caught up within the same refresh: lag 0 → OK.
    const s = seq([
      [0, 100],
      [0, 100],
      [100, 100],
    ]);
    assert.equal(sampleLag(s[2]), 0);
    assert.equal(partitionVerdict(s, cfg).status, 'OK');
  });

  it('a commit ahead of a stale log end is lag 0, not negative', () => {
    assert.equal(sampleLag({ committed: 120, logEnd: 100 }), 0);
  });

  it('no verdict (and so no alarm) from too few samples, even with a frozen commit', () => {
    assert.equal(
      status(
        [
          [0, 1000],
          [0, 2000],
        ],
        false,
      ),
      'collecting',
    );
  });
});

describe('group verdict', () => {
  const p = (s: PartitionVerdict['status'], samples = 3): PartitionVerdict => ({
    status: s,
    reason: '',
    samples,
    minSamples: 3,
  });

  it('ERR when any partition is STALL, STOP or REWIND', () => {
    for (const bad of ['STALL', 'STOP', 'REWIND'] as const) {
      assert.equal(groupVerdict([p('OK'), p(bad), p('WARN')], cfg).status, 'ERR');
    }
  });
  it('WARN when any partition is WARN and none is worse', () => {
    assert.equal(groupVerdict([p('OK'), p('WARN')], cfg).status, 'WARN');
  });
  it('collecting while a partition is collecting, with the lowest count', () => {
    const v = groupVerdict([p('OK'), p('collecting', 1)], cfg);
    assert.equal(statusLabel(v), 'collecting (1/3)');
  });
  it('OK when every partition is OK, and for a group without committed offsets', () => {
    assert.equal(groupVerdict([p('OK'), p('OK')], cfg).status, 'OK');
    assert.equal(groupVerdict([], cfg).status, 'OK');
  });
});
