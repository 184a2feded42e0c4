/** The verdict of partitions a member owns without a commit (the rows Kafka's tool shows with `-`). */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  groupVerdict,
  partitionVerdict,
  sampleLag,
  statusLabel,
  type LagSample,
  type VerdictConfig,
} from '../../../src/kafka/lag/verdict';

const cfg: VerdictConfig = { windowSamples: 5, minSamples: 3 };

/** Samples 10 s apart from [committed (null: none), logEnd] pairs, earliest offset 0, owned. */
function seq(pairs: [number | null, number][], assigned = true, earliest = 0): LagSample[] {
  return pairs.map(([committed, logEnd], i) => ({
    time: 1_000_000 + i * 10_000,
    committed,
    logEnd,
    earliest,
    assigned,
  }));
}

describe('a member that owns a partition and does not commit', () => {
  it('NOCOMMIT (an ERR) once it owned the partition for minSamples samples with records to read', () => {
    const v = partitionVerdict(
      seq([
        [null, 10],
        [null, 12],
        [null, 15],
      ]),
      cfg,
    );
    assert.equal(v.status, 'NOCOMMIT');
    assert.match(v.reason, /owned the partition for 3 samples without committing/);
    assert.match(v.reason, /log end grew from 10 to 15/);
    assert.match(v.reason, /lag from the earliest offset 15/);
    assert.equal(groupVerdict([v], cfg).status, 'ERR');
    assert.match(groupVerdict([v], cfg).reason, /1 partition\(s\) NOCOMMIT/);
  });

  it('also when nothing new was written: the records from the earliest offset are still unread', () => {
    const v = partitionVerdict(
      seq(
        [
          [null, 8],
          [null, 8],
          [null, 8],
        ],
        true,
        3,
      ),
      cfg,
    );
    assert.equal(v.status, 'NOCOMMIT');
    assert.doesNotMatch(v.reason, /grew/);
    assert.match(v.reason, /lag from the earliest offset 5/);
  });

  it('collecting until the run without a commit reaches minSamples', () => {
    const v = partitionVerdict(
      seq([
        [null, 10],
        [null, 12],
      ]),
      cfg,
    );
    assert.equal(v.status, 'collecting');
    assert.equal(statusLabel(v), 'collecting (2/3)');
    assert.match(v.reason, /no commit yet/);
  });

  it('OK when the partition holds nothing to read (a member reading an empty log cannot commit)', () => {
    const v = partitionVerdict(
      seq(
        [
          [null, 4],
          [null, 4],
          [null, 4],
          [null, 4],
        ],
        true,
        4,
      ),
      cfg,
    );
    assert.equal(v.status, 'OK');
    assert.match(v.reason, /nothing to read/);
  });

  it('only the trailing run without a commit counts (a commit that disappeared restarts it)', () => {
    const v = partitionVerdict(
      seq([
        [5, 10],
        [6, 10],
        [null, 10],
        [null, 10],
      ]),
      cfg,
    );
    assert.equal(v.status, 'collecting');
    assert.equal(v.samples, 2);
  });

  it('a first commit within the window is progress, not a stall or a rewind', () => {
    const v = partitionVerdict(
      seq([
        [null, 10],
        [null, 10],
        [null, 10],
        [4, 10],
      ]),
      cfg,
    );
    assert.equal(v.status, 'OK');
    assert.match(v.reason, /first time within the window \(lag 6\)/);
  });

  it('once the window holds only commits the usual rules apply again', () => {
    const v = partitionVerdict(
      seq([
        [null, 10],
        [4, 10],
        [4, 10],
        [4, 10],
        [4, 10],
        [4, 10],
      ]),
      cfg,
    );
    assert.equal(v.status, 'STALL');
  });

  it('lag without a commit is measured from the earliest offset, never negative', () => {
    assert.equal(sampleLag({ committed: null, logEnd: 30, earliest: 12 }), 18);
    assert.equal(sampleLag({ committed: null, logEnd: 30 }), 0);
    assert.equal(sampleLag({ committed: 7, logEnd: 30, earliest: 12 }), 23);
  });
});
