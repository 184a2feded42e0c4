/** What the Consumer Lag view shows for rows without a commit, statuses, groups and CloudWatch data. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { PartitionLag } from '../../../src/kafka/lag/types';
import type { CloudWatchGroupLag } from '../../../src/services/cloudWatchLag';
import {
  ago,
  cloudWatchLabel,
  cloudWatchPartitionTimeLag,
  cloudWatchSeconds,
  committedCell,
  groupNotes,
  groupStateText,
  lagCell,
  statusText,
  statusTitle,
} from '../../../src/webviews/lag/viewModel';

const row = (over: Partial<PartitionLag>): PartitionLag => ({
  topic: 't',
  partition: 0,
  committed: 5,
  logEnd: 12,
  earliest: 0,
  lag: 7,
  lagFrom: 'committed',
  verdict: { status: 'OK', reason: 'fine', samples: 5, minSamples: 5 },
  history: [],
  ...over,
});

describe('lag view model: rows', () => {
  it('a committed row shows its offset and lag plainly', () => {
    assert.deepEqual(committedCell(row({ committed: 1234 })), { text: '1,234' });
    assert.deepEqual(lagCell(row({ lag: 7 })), { text: '7' });
  });

  it('a partition a member owns without a commit: "no commit", and the lag from the earliest offset, said so', () => {
    const p = row({ committed: null, lag: 40, lagFrom: 'earliest', memberId: 'm-1' });
    const c = committedCell(p);
    assert.equal(c.text, 'no commit');
    assert.match(c.title ?? '', /member owns this partition but the group has never committed/);
    const l = lagCell(p);
    assert.equal(l.text, '40 from earliest');
    assert.equal(l.class, 'from-earliest');
    assert.match(l.title ?? '', /auto\.offset\.reset is unknown/);
  });
});

describe('lag view model: statuses and groups', () => {
  it('NOCOMMIT reads "NO COMMIT" with what it means before the reason', () => {
    const v = {
      status: 'NOCOMMIT',
      reason: 'a member has owned the partition for 5 samples',
      samples: 5,
      minSamples: 5,
    };
    assert.equal(statusText(v), 'NO COMMIT');
    assert.equal(
      statusTitle(v),
      'Never committed: a member owns the partition but has not committed an offset. a member has owned the partition for 5 samples',
    );
    assert.equal(statusText({ status: 'collecting', samples: 2, minSamples: 5 }), 'collecting (2/5)');
    assert.equal(statusText({ status: 'WARN', samples: 5, minSamples: 5 }), 'WARN');
  });

  it('a Connect worker group is described as Kafka’s tool describes it', () => {
    const g = {
      state: 'Stable',
      protocolType: 'connect',
      notConsumerGroup: 'GroupId connect-cluster is not a consumer group (connect).',
      noCommitPartitions: 0,
      lagFromEarliest: 0,
    };
    assert.equal(groupStateText(g), 'Stable · connect');
    assert.deepEqual(groupNotes(g), [
      'GroupId connect-cluster is not a consumer group (connect). Its members share connectors and tasks, not partitions; only its committed offsets are listed.',
    ]);
    assert.equal(groupStateText({ state: 'Empty', protocolType: 'consumer' }), 'Empty');
  });

  it('partitions without a commit are summed apart from the total lag', () => {
    const notes = groupNotes({ protocolType: 'consumer', noCommitPartitions: 2, lagFromEarliest: 1500 });
    assert.deepEqual(notes, [
      "2 partitions owned without a commit: 1,500 records from the earliest offset (not in the total lag; the members' auto.offset.reset is unknown).",
    ]);
  });
});

describe('lag view model: CloudWatch', () => {
  it('labels the data with its source, period and age', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(
      cloudWatchLabel({ periodSeconds: 60, dataTime: now - 120_000, fetchedAt: now - 1000 }, now),
      'CloudWatch · AWS/Kafka · period 1 min · data from 2 min ago',
    );
    assert.equal(
      cloudWatchLabel({ periodSeconds: 300, fetchedAt: now }, now),
      'CloudWatch · AWS/Kafka · period 5 min · no data in the window',
    );
    assert.equal(ago(3000), 'just now');
    assert.equal(ago(45_000), '45 s ago');
    assert.equal(ago(3 * 3600_000), '3 h ago');
  });

  it('finds a partition’s CloudWatch time lag, and shows its absence', () => {
    const g: CloudWatchGroupLag = {
      groupId: 'g',
      totalLag: 3,
      maxLag: 3,
      history: [],
      topics: [{ topic: 't', partitions: [{ partition: 1, offsetLag: 3, timeLagSeconds: 90 }] }],
    };
    assert.equal(cloudWatchPartitionTimeLag(g, 't', 1), 90);
    assert.equal(cloudWatchPartitionTimeLag(g, 't', 0), undefined);
    assert.equal(cloudWatchSeconds(undefined), '–');
    assert.match(cloudWatchSeconds(90), /1m ?30s|90s|1:30/);
  });
});
