/**
 * The engine's rows are Kafka's tool's rows (ConsumerGroupCommand --describe), over a recorded
 * admin: committed partitions, owned partitions without a commit ("no commit", lag from the
 * earliest offset), deleted topics left out, Connect groups named as not consumer groups — at the
 * same cost (one DescribeGroups, one OffsetFetch per group, one log-end read per topic).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AssignerProtocol, type Admin, type GroupDescription } from 'kafkajs';
import { LagEngine } from '../../../src/kafka/lag/engine';

type Offsets = { topic: string; partitions: { partition: number; offset: string }[] }[];

function member(memberId: string, assignment: Record<string, number[]>) {
  return {
    memberId,
    clientId: 'app',
    clientHost: '/10.0.0.7',
    memberMetadata: Buffer.alloc(0),
    memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }),
  };
}

/** An admin answering from tables, counting its calls. */
function fakeAdmin(
  groups: GroupDescription[],
  offsets: Record<string, Offsets>,
  ends: Record<string, { partition: number; low: number; high: number }[]>,
) {
  const calls = { describeGroups: 0, fetchOffsets: [] as string[], fetchTopicOffsets: [] as string[] };
  const admin = {
    describeGroups: (ids: string[]) => {
      calls.describeGroups++;
      return Promise.resolve({ groups: groups.filter((g) => ids.includes(g.groupId)) });
    },
    fetchOffsets: ({ groupId }: { groupId: string }) => {
      calls.fetchOffsets.push(groupId);
      return Promise.resolve(offsets[groupId] ?? []);
    },
    fetchTopicOffsets: (topic: string) => {
      calls.fetchTopicOffsets.push(topic);
      const e = ends[topic];
      if (!e) return Promise.reject(new Error(`This server does not host this topic-partition: ${topic}`));
      return Promise.resolve(
        e.map((p) => ({ partition: p.partition, offset: String(p.high), high: String(p.high), low: String(p.low) })),
      );
    },
  } as unknown as Admin;
  return { admin, calls };
}

const group = (groupId: string, protocolType: string, state: string, members: ReturnType<typeof member>[]) =>
  ({ groupId, protocolType, state, protocol: 'range', errorCode: 0, members }) as unknown as GroupDescription;

describe("lag engine rows, as Kafka's tool lists them", () => {
  it('committed rows, owned rows without a commit, deleted topics left out, Connect groups named', async () => {
    const { admin, calls } = fakeAdmin(
      [
        group('live', 'consumer', 'Stable', [member('m-1', { orders: [0, 1], audit: [0] })]),
        group('empty', 'consumer', 'Empty', []),
        group('connect-cluster', 'connect', 'Stable', [member('worker-1', {})]),
      ],
      {
        live: [{ topic: 'orders', partitions: [{ partition: 1, offset: '4' }] }],
        empty: [
          { topic: 'orders', partitions: [{ partition: 0, offset: '2' }] },
          { topic: 'gone', partitions: [{ partition: 0, offset: '9' }] },
        ],
      },
      {
        orders: [
          { partition: 0, low: 3, high: 10 },
          { partition: 1, low: 0, high: 6 },
        ],
        audit: [{ partition: 0, low: 0, high: 0 }],
      },
    );
    const engine = new LagEngine({ admin: () => Promise.resolve(admin), verdict: { windowSamples: 3, minSamples: 2 } });
    const snap = await engine.refresh(['live', 'empty', 'connect-cluster']);
    const byId = new Map(snap.groups.map((g) => [g.groupId, g]));

    const live = byId.get('live')!;
    assert.deepEqual(
      live.partitions.map((p) => [p.topic, p.partition, p.committed, p.logEnd, p.lag, p.lagFrom, p.memberId]),
      [
        ['audit', 0, null, 0, 0, 'earliest', 'm-1'],
        ['orders', 0, null, 10, 7, 'earliest', 'm-1'],
        ['orders', 1, 4, 6, 2, 'committed', 'm-1'],
      ],
    );
    assert.equal(live.totalLag, 2, 'the LAG column: committed rows only');
    assert.equal(live.noCommitPartitions, 2);
    assert.equal(live.lagFromEarliest, 7);
    assert.equal(live.partitions[1]?.timeLag, undefined, 'no time lag without a commit');

    const empty = byId.get('empty')!;
    assert.deepEqual(
      empty.partitions.map((p) => [p.topic, p.partition, p.committed, p.lag]),
      [['orders', 0, 2, 8]],
      'the deleted topic is left out',
    );
    assert.equal(empty.notConsumerGroup, undefined);

    const connect = byId.get('connect-cluster')!;
    assert.equal(connect.notConsumerGroup, 'GroupId connect-cluster is not a consumer group (connect).');
    assert.deepEqual(connect.partitions, []);

    assert.equal(calls.describeGroups, 1);
    assert.deepEqual(calls.fetchOffsets.sort(), ['connect-cluster', 'empty', 'live']);
    assert.deepEqual(calls.fetchTopicOffsets.sort(), ['audit', 'gone', 'orders'], 'once per topic');
  });

  it('a member that keeps not committing turns the group ERR (NOCOMMIT) after minSamples', async () => {
    const { admin } = fakeAdmin(
      [group('stuck', 'consumer', 'Stable', [member('m-1', { orders: [0] })])],
      {},
      { orders: [{ partition: 0, low: 0, high: 10 }] },
    );
    const engine = new LagEngine({ admin: () => Promise.resolve(admin), verdict: { windowSamples: 3, minSamples: 2 } });
    const first = (await engine.refresh(['stuck'])).groups[0];
    assert.equal(first.partitions[0]?.verdict.status, 'collecting');
    const second = (await engine.refresh(['stuck'])).groups[0];
    assert.equal(second.partitions[0]?.verdict.status, 'NOCOMMIT');
    assert.equal(second.verdict.status, 'ERR');
    assert.deepEqual(second.partitions[0]?.history, [10, 10]);
  });
});
