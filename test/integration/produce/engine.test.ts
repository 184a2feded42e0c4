/**
 * The produce engine against the sandbox: what is sent lands exactly as sent, at the offset ranges
 * reported per partition; failed messages are named with their reason, and refusals name the topic
 * and the limit.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  ProduceEngine,
  renderDrafts,
  type OutgoingMessage,
  type ProduceReport,
} from '../../../src/kafka/produce/index';
import { newPool, specFor } from '../kafka/helpers';
import { Cleanup, uniqueName } from '../support/sandbox';
import { createTopicWith, readBack } from './helpers';

const cleanup = new Cleanup();
const pool = newPool();
const engine = new ProduceEngine();
const admin = { pool, spec: specFor('plaintext') };
const OPTS = { acks: -1, compression: 'none', idempotent: true } as const;

/** Every "partition@offset" the report's ranges cover, per partition in offset order. */
function places(report: ProduceReport): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of report.ranges) {
    const list = out.get(r.partition) ?? [];
    out.set(r.partition, list);
    assert.equal(BigInt(r.last) - BigInt(r.first) + 1n, BigInt(r.count), `range ${JSON.stringify(r)}`);
    for (let o = BigInt(r.first); o <= BigInt(r.last); o++) list.push(`${r.partition}@${o}`);
  }
  return out;
}

describe('produce engine (sandbox)', () => {
  let topic: string;
  before(async () => {
    topic = uniqueName('produce-it');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 3);
  });
  after(async () => {
    await engine.dispose();
    await pool.disposeAll();
    await cleanup.run();
  });

  it('lands keys, headers, partition and timestamp exactly as sent, at the reported offsets', async () => {
    const messages: OutgoingMessage[] = [
      {
        key: 'k-1',
        value: '{"a":1}',
        headers: [{ key: 'source', value: 'test' }],
        partition: 2,
        timestamp: '1700000000000',
      },
      {
        key: 'k-2',
        value: 'plain text ✓',
        headers: [
          { key: 'h', value: 'x' },
          { key: 'h', value: 'y' },
        ],
        partition: 0,
      },
      { key: null, value: null, headers: [], partition: 2, timestamp: '1700000000123' },
    ];
    const report = await engine.produce(admin, topic, messages, OPTS);
    assert.equal(report.failed, 0, JSON.stringify(report.failures));
    assert.equal(report.idempotent, true);
    const got = await readBack(topic, 3);
    const at = places(report);
    // The messages of each partition, in the order sent, at that partition's reported offsets.
    for (const partition of [0, 2]) {
      const sent = messages.filter((m) => m.partition === partition);
      const where = at.get(partition) ?? [];
      assert.equal(where.length, sent.length, `partition ${partition}: ${JSON.stringify(report.ranges)}`);
      for (const [i, m] of sent.entries()) {
        const rec = got.find((r) => `${r.partition}@${r.offset}` === where[i]);
        assert.ok(rec, `message not found at ${where[i]}`);
        assert.equal(rec.key, m.key);
        assert.equal(rec.value, m.value);
        if (m.timestamp) assert.equal(rec.timestamp, m.timestamp);
      }
    }
    const first = got.find((r) => r.key === 'k-1');
    assert.deepEqual(first?.headers, { source: 'test' });
    const second = got.find((r) => r.key === 'k-2');
    assert.deepEqual(second?.headers, { h: ['x', 'y'] });
  });

  it('a bulk send of 10,000 templated messages lands each at its own place within the reported ranges, in order', async () => {
    const bulk = uniqueName('produce-it-bulk');
    cleanup.topics.add(bulk);
    await createTopicWith(bulk, 3);
    const messages = await renderDrafts(
      [
        {
          key: 'user-{{seq}}',
          value: '{"n":{{seq}},"id":"{{uuid}}","name":"{{faker.person.firstName}}"}',
          headers: [],
        },
      ],
      10_000,
    );
    const report = await engine.produce(admin, bulk, messages, OPTS);
    assert.equal(report.total, 10_000);
    assert.equal(report.sent, 10_000);
    assert.ok(report.ranges.length <= 3, `one range per partition: ${JSON.stringify(report.ranges)}`);
    const at = places(report);
    assert.equal([...at.values()].flat().length, 10_000);
    const got = await readBack(bulk, 10_000, 120_000);
    const byPlace = new Map(got.map((r) => [`${r.partition}@${r.offset}`, r]));
    const keys = new Set<string>();
    for (const list of at.values()) {
      // Within a partition the messages keep the order they were sent in.
      let previous = 0;
      for (const place of list) {
        const key = byPlace.get(place)?.key ?? '';
        const n = Number(/^user-(\d+)$/.exec(key)?.[1]);
        assert.ok(n > previous, `${place} holds ${key}, after user-${previous}`);
        previous = n;
        keys.add(key);
      }
    }
    assert.equal(keys.size, 10_000);
    const value = JSON.parse(got[0].value ?? '') as { name: string; id: string };
    assert.match(value.id, /^[0-9a-f-]{36}$/);
    assert.ok(value.name.length > 0);
  });

  it('fails only the too-large message among good ones, naming the topic and its max.message.bytes', async () => {
    const small = uniqueName('produce-it-small');
    cleanup.topics.add(small);
    await createTopicWith(small, 1, { 'max.message.bytes': '2000' });
    const messages: OutgoingMessage[] = [
      { key: null, value: 'good-1', headers: [] },
      { key: null, value: 'x'.repeat(5000), headers: [] },
      { key: null, value: 'good-2', headers: [] },
    ];
    const report = await engine.produce(admin, small, messages, OPTS);
    assert.equal(report.sent, 2);
    assert.equal(report.failed, 1);
    assert.equal(report.failures.length, 1);
    const [bad] = report.failures;
    assert.deepEqual([bad.first, bad.last, bad.code], [1, 1, 'MessageTooLarge']);
    assert.ok(bad.error.includes(`"${small}"`) && bad.error.includes('2000'), bad.error);
    assert.deepEqual(report.ranges, [{ partition: 0, first: '0', last: '1', count: 2 }]);
    const got = await readBack(small, 2);
    assert.deepEqual(
      got.map((r) => r.value),
      ['good-1', 'good-2'],
    );
  });

  it('reports a bulk send as offset ranges, naming each failed message with its reason', async () => {
    const bulk = uniqueName('produce-it-ranges');
    cleanup.topics.add(bulk);
    await createTopicWith(bulk, 1, { 'max.message.bytes': '2000' });
    // 5,000 messages made as they are sent; messages 1,000 and 3,000–3,001 (1-based) are too large:
    // the consecutive ones with the same reason share an entry.
    const good: OutgoingMessage = { key: null, value: 'fits', headers: [] };
    const large = new Set([999, 2999, 3000]);
    const tooLarge: OutgoingMessage = { key: null, value: 'y'.repeat(5000), headers: [] };
    const report = await engine.produce(
      admin,
      bulk,
      { length: 5_000, at: (i) => (large.has(i) ? tooLarge : good) },
      OPTS,
    );
    assert.deepEqual([report.total, report.sent, report.failed], [5_000, 4_997, 3]);
    assert.deepEqual(
      report.failures.map((f) => [f.first, f.last, f.code]),
      [
        [999, 999, 'MessageTooLarge'],
        [2999, 3000, 'MessageTooLarge'],
      ],
    );
    assert.match(report.failures[0].error, /^Too large: about 50\d\d bytes; topic ".*" accepts at most 2000 bytes/);
    // The good ones are consecutive offsets of the one partition: one range, however many requests.
    assert.deepEqual(report.ranges, [{ partition: 0, first: '0', last: '4996', count: 4_997 }]);
    const got = await readBack(bulk, 4_997, 120_000);
    assert.equal(got.length, 4_997);
    assert.ok(got.every((r) => r.value === 'fits'));
  });

  it('a cancelled bulk send names the messages it did not send; the topic holds exactly the ones reported sent', async () => {
    const bulk = uniqueName('produce-it-cancel');
    cleanup.topics.add(bulk);
    await createTopicWith(bulk, 2);
    const message: OutgoingMessage = { key: null, value: 'v'.repeat(100), headers: [] };
    let cancel = false;
    const report = await engine.produce(admin, bulk, { length: 100_000, at: () => message }, OPTS, {
      onProgress: (p) => (cancel ||= p.done >= 5_000),
      isCancelled: () => cancel,
    });
    assert.ok(report.sent >= 5_000 && report.sent < 100_000, `sent ${report.sent}`);
    assert.equal(report.sent + report.failed, 100_000);
    assert.deepEqual(
      report.failures.map((f) => [f.first, f.last, f.code, f.error]),
      [[report.sent, 99_999, 'Cancelled', 'Cancelled before it was sent.']],
    );
    const stored = report.ranges.reduce((n, r) => n + r.count, 0);
    assert.equal(stored, report.sent);
    const offsets = await pool.getAdmin(admin.spec).then((a) => a.fetchTopicOffsets(bulk));
    assert.equal(
      offsets.reduce((n, p) => n + Number(p.high), 0),
      report.sent,
    );
  });

  it('reports every message of a send to a missing topic as failed, naming the topic', async () => {
    const missing = uniqueName('produce-it-missing');
    const report = await engine.produce(
      admin,
      missing,
      [
        { key: null, value: 'a', headers: [] },
        { key: null, value: 'b', headers: [] },
      ],
      OPTS,
    );
    assert.equal(report.sent, 0);
    assert.equal(report.failed, 2);
    assert.equal(report.failures.length, 1, 'both messages, one reason');
    const [f] = report.failures;
    assert.deepEqual([f.first, f.last, f.code], [0, 1, 'NotFound']);
    assert.ok(f.error.includes(missing), f.error);
    assert.deepEqual(report.ranges, []);
  });

  it('reports the readonly IAM principal as denied per message, naming the IAM action', async () => {
    const readonlyPool = newPool();
    const readonlyEngine = new ProduceEngine();
    try {
      const report = await readonlyEngine.produce(
        { pool: readonlyPool, spec: specFor('iam', 'readonly') },
        topic,
        [
          { key: null, value: 'denied', headers: [] },
          { key: null, value: 'denied too', headers: [] },
        ],
        OPTS,
      );
      assert.equal(report.sent, 0);
      assert.equal(report.failed, 2);
      assert.equal(report.failures.length, 1, 'both messages, one reason');
      const [f] = report.failures;
      assert.deepEqual([f.first, f.last], [0, 1]);
      assert.equal(f.code, 'Authorization', f.error);
      assert.match(f.error, /kafka-cluster:WriteData/);
      assert.ok(f.error.includes(topic), f.error);
    } finally {
      await readonlyEngine.dispose();
      await readonlyPool.disposeAll();
    }
  });
});
