/**
 * The produce engine against the sandbox: what is sent lands exactly as sent, every message gets
 * its own offset or its own reason, and refusals name the topic and the limit.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ProduceEngine, renderDrafts, type OutgoingMessage } from '../../../src/kafka/produce/index';
import { newPool, specFor } from '../kafka/helpers';
import { Cleanup, uniqueName } from '../support/sandbox';
import { createTopicWith, readBack } from './helpers';

const cleanup = new Cleanup();
const pool = newPool();
const engine = new ProduceEngine();
const admin = { pool, spec: specFor('plaintext') };
const OPTS = { acks: -1, compression: 'none', idempotent: true } as const;

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
    assert.equal(report.failed, 0, JSON.stringify(report.outcomes));
    assert.equal(report.idempotent, true);
    const got = await readBack(topic, 3);
    for (const [i, m] of messages.entries()) {
      const o = report.outcomes[i];
      assert.ok(o.ok);
      const rec = got.find((r) => r.partition === o.partition && r.offset === o.offset);
      assert.ok(rec, `message ${i} not found at p${o.partition}@${o.offset}`);
      assert.equal(rec.partition, m.partition);
      assert.equal(rec.key, m.key);
      assert.equal(rec.value, m.value);
      if (m.timestamp) assert.equal(rec.timestamp, m.timestamp);
    }
    const first = got.find((r) => r.key === 'k-1');
    assert.deepEqual(first?.headers, { source: 'test' });
    const second = got.find((r) => r.key === 'k-2');
    assert.deepEqual(second?.headers, { h: ['x', 'y'] });
  });

  it('reports 10,000 offsets for a bulk send of 10,000 templated messages, each at its own place', async () => {
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
    assert.equal(report.outcomes.length, 10_000);
    assert.equal(report.sent, 10_000);
    const places = new Set(report.outcomes.map((o) => (o.ok ? `${o.partition}@${o.offset}` : 'failed')));
    assert.equal(places.size, 10_000);
    const got = await readBack(bulk, 10_000, 120_000);
    const byPlace = new Map(got.map((r) => [`${r.partition}@${r.offset}`, r]));
    for (const o of report.outcomes) {
      assert.ok(o.ok);
      assert.equal(byPlace.get(`${o.partition}@${o.offset}`)?.key, `user-${o.index + 1}`);
    }
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
    const bad = report.outcomes[1];
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.code === 'MessageTooLarge');
    assert.ok(!bad.ok && bad.error.includes(`"${small}"`) && bad.error.includes('2000'), !bad.ok ? bad.error : '');
    const got = await readBack(small, 2);
    assert.deepEqual(
      got.map((r) => r.value),
      ['good-1', 'good-2'],
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
    for (const o of report.outcomes) {
      assert.ok(!o.ok);
      assert.equal(o.code, 'NotFound');
      assert.ok(o.error.includes(missing), o.error);
    }
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
      for (const o of report.outcomes) {
        assert.ok(!o.ok);
        assert.equal(o.code, 'Authorization', o.error);
        assert.match(o.error, /kafka-cluster:WriteData/);
        assert.ok(o.error.includes(topic), o.error);
      }
    } finally {
      await readonlyEngine.dispose();
      await readonlyPool.disposeAll();
    }
  });
});
