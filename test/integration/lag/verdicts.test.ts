/**
 * Real kafkajs consumers kept up, lagging, stalled, stopped and rewound give the expected verdicts.
 * Samples are taken by explicit refresh calls (short window: 3 samples); waits are only for the
 * consumer's own commits to land.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Admin, Producer } from 'kafkajs';
import { LagEngine } from '../../../src/kafka/lag/engine';
import type { GroupLag } from '../../../src/kafka/lag/types';
import { statusLabel } from '../../../src/kafka/lag/verdict';
import { uniqueName } from '../support/sandbox';
import { GatedConsumer, LagTestKit, produceTo, waitForCommit, waitForEmpty } from './helpers';

const kit = new LagTestKit();
const { pool, spec, cluster, topics, consumers } = kit;
const newGroup = (prefix: string) => kit.newGroup(prefix);
let admin: Admin;
let producer: Producer;

const engine = new LagEngine({ admin: () => pool.getAdmin(spec), verdict: { windowSamples: 3, minSamples: 3 } });

async function newTopic(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  topics.push(name);
  await cluster.createTopic({ name, partitions: 1, replicationFactor: 1 });
  return name;
}
async function sample(groupId: string): Promise<GroupLag> {
  const snap = await engine.refresh([groupId]);
  const g = snap.groups.find((x) => x.groupId === groupId);
  assert.ok(g, `group ${groupId} is in the snapshot`);
  return g;
}
async function start(groupId: string, topic: string, allowed?: number): Promise<GatedConsumer> {
  const c = await GatedConsumer.start(pool, spec, groupId, topic, { allowed });
  consumers.push(c);
  return c;
}

before(async () => {
  admin = await pool.getAdmin(spec);
  producer = await pool.getProducer(spec);
});

after(async () => {
  await kit.dispose();
});

describe('lag verdicts from real consumers', () => {
  test('a consumer keeping up is OK with lag 0 and its member shown; after it leaves, an idle caught-up group stays OK', async () => {
    const topic = await newTopic('it-lag-keepup');
    const groupId = newGroup('it-lag-keepup');
    await produceTo(producer, topic, 0, 10);
    const c = await start(groupId, topic);
    await waitForCommit(admin, groupId, topic, 0, 10);

    const first = await sample(groupId);
    assert.equal(statusLabel(first.verdict), 'collecting (1/3)', 'no verdict from one sample');
    for (let i = 1; i <= 2; i++) {
      await produceTo(producer, topic, 0, 5);
      await waitForCommit(admin, groupId, topic, 0, 10 + 5 * i);
      await sample(groupId);
    }
    const g = await sample(groupId);
    assert.equal(g.verdict.status, 'OK');
    assert.equal(g.totalLag, 0);
    const p = g.partitions[0];
    assert.equal(p.committed, 20);
    assert.equal(p.logEnd, 20);
    assert.equal(p.verdict.status, 'OK');
    assert.match(p.clientId ?? '', /msk-explorer/, 'the owning member’s client id is shown');
    assert.ok(p.memberId, 'the owning member is shown');
    assert.deepEqual(p.timeLag, { kind: 'caughtUp', ms: 0 });

    await c.stop();
    await waitForEmpty(admin, groupId);
    for (let i = 0; i < 3; i++) await sample(groupId);
    const idle = await sample(groupId);
    assert.equal(idle.state, 'Empty');
    assert.equal(idle.partitions[0].memberId, undefined);
    assert.equal(idle.verdict.status, 'OK', 'caught up and idle is not STOP');
  });

  test('lag growing while committing is WARN; then the stuck member is STALL; gone is STOP; a rewind is REWIND', async () => {
    const topic = await newTopic('it-lag-warn');
    const groupId = newGroup('it-lag-warn');
    const c = await start(groupId, topic, 0);
    let allowed = 0;
    for (let i = 0; i < 3; i++) {
      await produceTo(producer, topic, 0, 20);
      allowed += 5;
      c.allowUpTo(allowed);
      await waitForCommit(admin, groupId, topic, 0, allowed);
      await sample(groupId);
    }
    let g = engine.latest()?.groups.find((x) => x.groupId === groupId);
    assert.ok(g);
    assert.deepEqual(g.partitions[0].history, [15, 30, 45]);
    assert.equal(g.partitions[0].verdict.status, 'WARN');
    assert.equal(g.verdict.status, 'WARN');
    // Offset 15 was written before the first sample: its age is estimated from the produce rate.
    assert.equal(g.partitions[0].timeLag?.kind, 'extrapolated');

    // The member stays but processes nothing more.
    for (let i = 0; i < 3; i++) {
      await produceTo(producer, topic, 0, 10);
      g = await sample(groupId);
    }
    assert.equal(g.partitions[0].committed, 15);
    assert.equal(g.partitions[0].verdict.status, 'STALL');
    assert.equal(g.verdict.status, 'ERR');

    // The consumer leaves with records unread.
    await c.stop();
    await waitForEmpty(admin, groupId);
    for (let i = 0; i < 3; i++) g = await sample(groupId);
    assert.equal(g.partitions[0].verdict.status, 'STOP');
    assert.equal(g.verdict.status, 'ERR');
    assert.equal(g.totalLag, 90 - 15);

    // Someone moves the committed offset back.
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    g = await sample(groupId);
    assert.equal(g.partitions[0].verdict.status, 'REWIND');
    assert.equal(g.verdict.status, 'ERR');
    assert.deepEqual(
      g.history.map((h) => h.totalLag),
      [15, 30, 45, 55, 65, 75, 75, 75, 75, 87],
      'the group’s total lag over time',
    );
  });
});
