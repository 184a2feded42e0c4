/**
 * Our lag rows against Kafka's own `kafka-consumer-groups --describe` (ConsumerGroupCommand from the
 * Maven jars of the sandbox broker's version), value by value, for the same groups at rest:
 * an empty group with partial commits, a group reading several topics, a group whose topic was
 * deleted with its offsets left, a live member that owns partitions it never committed, and the
 * sandbox's Kafka Connect worker group.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { LagEngine } from '../../../src/kafka/lag/engine';
import type { GroupLag } from '../../../src/kafka/lag/types';
import { waitFor } from '../kafka/helpers';
import { sandbox, uniqueName } from '../support/sandbox';
import { GatedConsumer, LagTestKit, produceTo } from './helpers';
import { describeWithTool, toolsClasspath, type ToolRow } from './kafkaTool';

const state = sandbox();
const bootstrap = state.listeners.plaintext;
const kit = new LagTestKit();
const { pool, spec, topics, consumers } = kit;
const newGroup = (prefix: string) => kit.newGroup(prefix);
let classpath: string;

// The engine gets an admin client of its own, remade after a deleted topic (as the lag monitor does).
let engineAdmin: Promise<Admin> | undefined;
const kafka = new Kafka({ clientId: 'it-lag-tool', brokers: [bootstrap], logLevel: logLevel.NOTHING });
const engine = new LagEngine({
  admin: () =>
    (engineAdmin ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })()),
  resetAdmin: async () => {
    const old = engineAdmin;
    engineAdmin = undefined;
    await (await old)?.disconnect();
  },
});

async function newTopic(prefix: string, partitions: number): Promise<string> {
  const name = uniqueName(prefix);
  topics.push(name);
  await withOwnAdmin(async (x) => {
    await x.createTopics({ topics: [{ topic: name, numPartitions: partitions }], waitForLeaders: true });
    // Other tests may load the broker: wait until every partition has a leader in the metadata.
    await waitFor(`${name} to have leaders`, async () => {
      const md = await x.fetchTopicMetadata({ topics: [name] }).catch(() => undefined);
      const parts = md?.topics[0]?.partitions ?? [];
      return parts.length === partitions && parts.every((p) => p.leader >= 0) ? true : undefined;
    });
  });
  return name;
}

/** Our rows in the tool's terms (undefined where the tool prints `-`). */
function ourRows(g: GroupLag): ToolRow[] {
  return g.partitions.map((p) => ({
    group: g.groupId,
    topic: p.topic,
    partition: p.partition,
    currentOffset: p.committed ?? undefined,
    logEndOffset: p.logEnd,
    lag: p.committed === null ? undefined : p.lag,
    consumerId: p.memberId,
    host: p.clientHost,
    clientId: p.clientId,
  }));
}
const byPartition = (a: ToolRow, b: ToolRow) =>
  (a.topic ?? '').localeCompare(b.topic ?? '') || (a.partition ?? -1) - (b.partition ?? -1);

async function ours(groupIds: string[]): Promise<Map<string, GroupLag>> {
  const snap = await engine.refresh(groupIds);
  return new Map(snap.groups.map((g) => [g.groupId, g]));
}

before(async () => {
  classpath = await toolsClasspath(state.kafkaVersion);
});

after(async () => {
  await (await engineAdmin)?.disconnect();
  await kit.dispose();
});

describe("our rows are kafka-consumer-groups' rows", () => {
  test('empty groups with partial commits, several topics, a deleted topic with offsets left', async () => {
    const a = await newTopic('it-lagtool-a', 3);
    const b = await newTopic('it-lagtool-b', 2);
    const doomed = uniqueName('it-lagtool-doomed');
    topics.push(doomed);
    const producer = await pool.getProducer(spec);
    for (const [t, p, n] of [
      [a, 0, 7],
      [a, 1, 4],
      [a, 2, 2],
      [b, 0, 5],
      [b, 1, 3],
    ] as const) {
      await produceTo(producer, t, p, n);
    }
    const partial = newGroup('it-lagtool-partial');
    const several = newGroup('it-lagtool-several');
    const deleted = newGroup('it-lagtool-deleted');
    const admin = await pool.getAdmin(spec);
    await admin.setOffsets({ groupId: partial, topic: a, partitions: [{ partition: 1, offset: '1' }] });
    await admin.setOffsets({
      groupId: several,
      topic: a,
      partitions: [
        { partition: 0, offset: '7' },
        { partition: 2, offset: '0' },
      ],
    });
    await admin.setOffsets({ groupId: several, topic: b, partitions: [{ partition: 1, offset: '2' }] });
    await admin.setOffsets({ groupId: deleted, topic: a, partitions: [{ partition: 2, offset: '1' }] });
    // The doomed topic only through an admin of its own: kafkajs keeps asking for the metadata of
    // every topic a client once used, which fails for ever once the topic is deleted.
    await withOwnAdmin(async (x) => {
      await x.createTopics({ topics: [{ topic: doomed, numPartitions: 2 }], waitForLeaders: true });
      await x.setOffsets({ groupId: deleted, topic: doomed, partitions: [{ partition: 0, offset: '3' }] });
      await x.deleteTopics({ topics: [doomed] });
    });
    topics.splice(topics.indexOf(doomed), 1);
    await waitFor(`${doomed} to be gone from the metadata`, () =>
      withOwnAdmin(async (x) => ((await x.listTopics()).includes(doomed) ? undefined : true)),
    );

    const tool = await describeWithTool(classpath, bootstrap, [partial, several, deleted]);
    const mine = await ours([partial, several, deleted]);
    for (const g of [partial, several, deleted]) {
      assert.match(tool.messages, new RegExp(`Consumer group '${g}' has no active members`));
      const theirs = tool.rows.filter((r) => r.group === g).sort(byPartition);
      const group = mine.get(g);
      assert.ok(group, `${g} is in our snapshot`);
      assert.equal(group.state, 'Empty');
      assert.deepEqual(ourRows(group).sort(byPartition), theirs, `rows of ${g}`);
    }
    // What the rows hold, so the comparison cannot pass on two empty lists.
    assert.deepEqual(
      ourRows(mine.get(several)!).map((r) => [r.topic, r.partition, r.currentOffset, r.logEndOffset, r.lag]),
      [
        [a, 0, 7, 7, 0],
        [a, 2, 0, 2, 2],
        [b, 1, 2, 3, 1],
      ],
    );
    assert.deepEqual(
      ourRows(mine.get(deleted)!).map((r) => [r.topic, r.partition]),
      [[a, 2]],
      'the deleted topic is left out, as the tool leaves it out',
    );
  });

  test('a live member that owns partitions it never committed: "no commit", the log end, lag from earliest', async () => {
    const t = await newTopic('it-lagtool-live', 3);
    const producer = await pool.getProducer(spec);
    await produceTo(producer, t, 0, 6);
    await produceTo(producer, t, 1, 4);
    await produceTo(producer, t, 2, 2);
    const g = newGroup('it-lagtool-live');
    const admin = await pool.getAdmin(spec);
    // One commit before the member joins; the member processes (and so commits) nothing.
    await admin.setOffsets({ groupId: g, topic: t, partitions: [{ partition: 1, offset: '1' }] });
    consumers.push(await GatedConsumer.start(pool, spec, g, t, { allowed: 0 }));
    await waitFor(`a member of ${g} to own all 3 partitions`, async () => {
      const snap = await ours([g]);
      const rows = snap.get(g)?.partitions ?? [];
      return snap.get(g)?.state === 'Stable' && rows.length === 3 && rows.every((p) => p.memberId) ? true : undefined;
    });

    const tool = await describeWithTool(classpath, bootstrap, [g]);
    const group = (await ours([g])).get(g)!;
    assert.deepEqual(ourRows(group).sort(byPartition), tool.rows.sort(byPartition));
    assert.deepEqual(
      group.partitions.map((p) => [p.partition, p.committed, p.logEnd, p.lag, p.lagFrom]),
      [
        [0, null, 6, 6, 'earliest'],
        [1, 1, 4, 3, 'committed'],
        [2, null, 2, 2, 'earliest'],
      ],
    );
    assert.equal(group.totalLag, 3, "the tool's LAG column only");
    assert.equal(group.noCommitPartitions, 2);
    assert.equal(group.lagFromEarliest, 8);
  });

  test('the Connect worker group: not a consumer group, described as the tool describes it', async () => {
    const admin = await pool.getAdmin(spec);
    const listed = await admin.listGroups();
    const worker = listed.groups.find((x) => x.protocolType === 'connect');
    // The sandbox's worker (group.id in sandbox/lifecycle/connect.ts).
    assert.equal(worker?.groupId, 'msk-sandbox-connect');
    const tool = await describeWithTool(classpath, bootstrap, [worker.groupId]);
    const group = (await ours([worker.groupId])).get(worker.groupId);
    assert.ok(group);
    assert.equal(group.protocolType, 'connect');
    assert.deepEqual(ourRows(group), tool.rows);
    assert.ok(group.notConsumerGroup, 'we say it is not a consumer group');
    assert.ok(
      tool.messages.includes(group.notConsumerGroup),
      `the tool says the same: ${group.notConsumerGroup}\n${tool.messages.slice(0, 400)}`,
    );
  });
});

async function withOwnAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const a = kafka.admin();
  await a.connect();
  try {
    return await fn(a);
  } finally {
    await a.disconnect();
  }
}
