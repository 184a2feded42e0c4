/**
 * The tail controls against the sandbox: pause/resume, stop, clear, the bounded buffer, NDJSON
 * export (all and filtered) and two tails of one topic in one process.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { Cleanup, kafkaConfig, produce, sandbox, withAdmin } from '../support/sandbox';
import { newPool, waitFor } from '../kafka/helpers';
import { groupIds, startTail, values, waitForCount } from './helpers';
import {
  compileFilter,
  ndjsonLines,
  type RecordJson,
  type TailRecord,
  type TailSession,
} from '../../../src/kafka/tail';

const pool = newPool();
const cleanup = new Cleanup();
const config = () => kafkaConfig(sandbox(), 'plaintext');

after(async () => {
  await pool.disposeAll();
  await cleanup.run();
});

/** Waits until the broker's end offsets of the topic add up to `count` messages. */
async function waitForEndOffsets(topic: string, count: number): Promise<void> {
  await waitFor(`${count} messages in ${topic} on the broker`, () =>
    withAdmin(async (admin) => {
      const total = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
      return total >= count ? true : undefined;
    }),
  );
}

/** Offsets of one partition in the buffer, in arrival order. */
function offsetsOf(records: Iterable<TailRecord>, partition: number): number[] {
  return [...records].filter((r) => r.partition === partition).map((r) => Number(r.offset));
}

/** Every partition's offsets in the buffer are 0, 1, 2… (no gap, no duplicate, in order). */
function assertContiguous(s: TailSession): void {
  for (const p of s.partitions) {
    const offsets = offsetsOf(s.buffer.all(), p);
    assert.deepEqual(offsets, [...offsets.keys()], `partition ${p} offsets are contiguous from 0`);
  }
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('tail controls', () => {
  test('pause delivers nothing while paused; resume delivers every message held back, in order', async () => {
    const topic = await cleanup.createTopic('tail-pause', 2);
    let deliveredWhilePaused = 0;
    const ref: { session?: TailSession } = {};
    const paused = await startTail(pool, topic, {
      onRecords: (records) => {
        if (ref.session?.state === 'paused') deliveredWhilePaused += records.length;
      },
    });
    ref.session = paused;
    // An unpaused tail of the same topic: once it has the messages, the paused one had every chance too.
    const control = await startTail(pool, topic);
    try {
      const before = range('before', 10);
      await produce(config(), topic, before);
      await waitForCount(paused, before.length);

      paused.pause();
      assert.equal(paused.state, 'paused');
      assert.equal(paused.stats().state, 'paused');
      const during = range('during', 50);
      await produce(config(), topic, during);
      await waitForEndOffsets(topic, before.length + during.length);
      await waitForCount(control, before.length + during.length);

      assert.equal(deliveredWhilePaused, 0, 'no records were delivered while paused');
      assert.deepEqual(
        [...values(paused)].sort(),
        [...before].sort(),
        'the paused tail shows only what came before the pause',
      );
      assert.equal(paused.stats().received, before.length);

      paused.resume();
      assert.equal(paused.state, 'running');
      await waitForCount(paused, before.length + during.length);
      const shown = values(paused);
      assert.equal(shown.length, before.length + during.length, 'nothing shown twice');
      assert.deepEqual(
        [...shown.slice(0, before.length)].sort(),
        [...before].sort(),
        'the records from before the pause stay first',
      );
      assert.deepEqual(
        [...shown.slice(before.length)].sort(),
        [...during].sort(),
        'every message produced while paused arrives after resume',
      );
      assertContiguous(paused);
      assert.deepEqual(
        [...shown].sort(),
        [...values(control)].sort(),
        'the paused tail ends up with what the control tail saw',
      );

      // Resume is for real: new messages keep arriving.
      await produce(config(), topic, ['after-0']);
      await waitForCount(paused, before.length + during.length + 1);
      assert.equal(values(paused).at(-1), 'after-0');
      assert.equal(deliveredWhilePaused, 0);
    } finally {
      await paused.stop();
      await control.stop();
    }
  });

  test('a tail makes no consumer group and stop leaves none; the buffer stays readable; stop is idempotent', async () => {
    const topic = await cleanup.createTopic('tail-stop', 1);
    await produce(config(), topic, range('m', 3));
    const states: string[] = [];
    const s = await startTail(pool, topic, { start: { kind: 'oldest' }, onState: (st) => states.push(st) });
    await waitForCount(s, 3);
    assert.ok(!(await groupIds()).includes(s.groupId), 'while running, the tail reads without a consumer group');

    s.pause(); // stopping a paused tail works too
    await s.stop();
    assert.equal(s.state, 'stopped');
    assert.deepEqual(states, ['running', 'paused', 'stopped']);
    assert.ok(!(await groupIds()).includes(s.groupId), 'no consumer group is left on the cluster');
    assert.deepEqual(values(s), range('m', 3), 'the stopped tail’s buffer stays readable');

    await s.stop();
    s.resume();
    assert.equal(s.state, 'stopped', 'a second stop and a resume after stop change nothing');
    assert.deepEqual(states, ['running', 'paused', 'stopped']);
  });

  test('clear empties the buffer (and the filtered view); new messages still arrive', async () => {
    const topic = await cleanup.createTopic('tail-clear', 1);
    const first = range('first', 20);
    await produce(config(), topic, first);
    const s = await startTail(pool, topic, { start: { kind: 'oldest' } });
    try {
      await waitForCount(s, first.length);
      const filter = compileFilter({ text: '-1' });
      assert.ok(filter.ok);
      s.buffer.setFilter(filter.predicate);
      assert.deepEqual(
        values(s),
        first.filter((v) => v.includes('-1')),
      );
      assert.equal(s.buffer.viewSize, 11);

      s.buffer.clear();
      assert.equal(s.buffer.size, 0);
      assert.equal(s.buffer.viewSize, 0);
      assert.deepEqual([...s.buffer.all()], []);
      assert.deepEqual(s.buffer.slice(0, 100), []);
      const stats = s.stats();
      assert.equal(stats.buffered, 0);
      assert.equal(stats.matching, 0);
      assert.equal(stats.received, first.length, 'the received count is not reset by clear');
      assert.equal(s.state, 'running');

      const second = range('second', 15);
      await produce(config(), topic, second);
      await waitForCount(s, second.length);
      assert.deepEqual(
        [...s.buffer.all()].map((r) => r.value?.toString()),
        second,
        'only the new messages, none of the cleared ones',
      );
      assert.deepEqual(
        offsetsOf(s.buffer.all(), 0),
        second.map((_, i) => first.length + i),
        'the tail continues after the cleared offsets',
      );
      assert.deepEqual(values(s), ['second-1', 'second-10', 'second-11', 'second-12', 'second-13', 'second-14']);
      assert.equal(s.stats().matching, 6);
      assert.equal(s.stats().received, first.length + second.length);
    } finally {
      await s.stop();
    }
  });

  test('a full buffer drops the oldest records and counts right', async () => {
    const topic = await cleanup.createTopic('tail-bounded', 1);
    const all = Array.from({ length: 25 }, (_, i) => `m-${String(i).padStart(2, '0')}-${i % 2 ? 'odd' : 'even'}`);
    await produce(config(), topic, all.slice(0, 5));
    const s = await startTail(pool, topic, { start: { kind: 'oldest' }, bufferSize: 10 });
    try {
      const odd = compileFilter({ text: 'odd' });
      assert.ok(odd.ok);
      s.buffer.setFilter(odd.predicate);
      await waitFor('5 received', () => Promise.resolve(s.stats().received >= 5 ? true : undefined));
      assert.deepEqual(
        [s.stats().buffered, s.stats().capacity, s.stats().matching],
        [5, 10, 2],
        'not full yet: buffered 5 of 10, 2 match',
      );

      await produce(config(), topic, all.slice(5));
      await waitFor('25 received', () => Promise.resolve(s.stats().received >= all.length ? true : undefined));
      const stats = s.stats();
      assert.equal(stats.received, all.length);
      assert.equal(stats.buffered, 10);
      assert.equal(stats.capacity, 10);
      assert.equal(s.buffer.size, 10);
      assert.deepEqual(
        [...s.buffer.all()].map((r) => r.value?.toString()),
        all.slice(15),
        'the newest 10 are kept, the oldest 15 dropped',
      );
      assert.deepEqual(offsetsOf(s.buffer.all(), 0), [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
      assert.equal(s.buffer.firstSeq, 15);
      assert.equal(s.buffer.bySeq(14), undefined, 'a dropped record is gone');
      assert.equal(s.buffer.bySeq(15)?.offset, '15');
      const oddKept = all.slice(15).filter((v) => v.endsWith('odd'));
      assert.equal(stats.matching, oddKept.length);
      assert.equal(s.buffer.viewSize, oddKept.length);
      assert.deepEqual(values(s), oddKept, 'the filtered view drops evicted matches too');
    } finally {
      await s.stop();
    }
  });

  test('NDJSON export of all and of the filtered part parses back to the messages', async () => {
    const topic = await cleanup.createTopic('tail-export', 2);
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x01]);
    const messages = Array.from({ length: 12 }, (_, i) => ({
      key: `key-${i}`,
      value: i === 11 ? null : JSON.stringify({ n: i, kind: i % 3 === 0 ? 'three' : 'other' }),
      headers: { trace: `t-${i}`, bin: binary },
      partition: i % 2,
    }));
    const producer = new Kafka(config()).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, messages });
    } finally {
      await producer.disconnect();
    }
    const s = await startTail(pool, topic, { start: { kind: 'oldest' } });
    try {
      await waitForCount(s, messages.length);
      const parse = (lines: Iterable<string>): RecordJson[] =>
        [...lines].map((line) => {
          assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), 'one JSON document per line');
          return JSON.parse(line) as RecordJson;
        });
      const expected = (i: number) => messages[i];
      const check = (docs: RecordJson[], indexes: number[]) => {
        const byKey = new Map(docs.map((d) => [d.key as string, d]));
        assert.equal(byKey.size, docs.length, 'each message exported once');
        assert.deepEqual([...byKey.keys()].sort(), indexes.map((i) => `key-${i}`).sort());
        for (const i of indexes) {
          const d = byKey.get(`key-${i}`)!;
          const m = expected(i);
          assert.equal(d.topic, topic);
          assert.equal(d.partition, m.partition);
          assert.equal(d.offset, String(Math.floor(i / 2)), `key-${i} has its offset in partition ${m.partition}`);
          assert.deepEqual(d.value, m.value === null ? null : JSON.parse(m.value), 'JSON values are embedded');
          assert.equal(d.valueEncoding, undefined);
          assert.deepEqual(d.headers, [
            { key: 'trace', value: `t-${i}` },
            { key: 'bin', value: binary.toString('base64'), encoding: 'base64' },
          ]);
          assert.ok(!Number.isNaN(Date.parse(d.timestamp)));
        }
        for (const p of [0, 1]) {
          const offsets = docs.filter((d) => d.partition === p).map((d) => Number(d.offset));
          assert.deepEqual(
            offsets,
            [...offsets].sort((a, b) => a - b),
            `partition ${p} exported in offset order`,
          );
        }
      };

      const filter = compileFilter({ cel: 'value.kind == "three"' });
      assert.ok(filter.ok);
      s.buffer.setFilter(filter.predicate);
      const three = [0, 3, 6, 9];
      assert.equal(s.buffer.viewSize, three.length);

      const all = parse(ndjsonLines(topic, s.buffer.all()));
      assert.equal(all.length, messages.length, 'the "all" export ignores the filter');
      check(
        all,
        messages.map((_, i) => i),
      );
      const tombstone = all.find((d) => d.key === 'key-11');
      assert.equal(tombstone?.value, null, 'a null value exports as null');

      const filtered = parse(ndjsonLines(topic, s.buffer.view()));
      check(filtered, three);
    } finally {
      await s.stop();
    }
  });

  test('two tails of one topic each see every message; stopping one leaves the other running', async () => {
    const topic = await cleanup.createTopic('tail-two', 2);
    const a = await startTail(pool, topic);
    let b: TailSession | undefined;
    try {
      b = await startTail(pool, topic);
      const groups = await groupIds();
      assert.ok(!groups.includes(a.groupId) && !groups.includes(b.groupId), 'neither tail makes a consumer group');

      const first = range('first', 40);
      await produce(config(), topic, first);
      await waitForCount(a, first.length);
      await waitForCount(b, first.length);
      assert.deepEqual([...values(a)].sort(), [...first].sort(), 'tail A saw every message');
      assert.deepEqual([...values(b)].sort(), [...first].sort(), 'tail B saw every message');

      await a.stop();
      assert.equal(a.state, 'stopped');
      assert.equal(b.state, 'running', 'stopping A leaves B running');

      const second = range('second', 20);
      await produce(config(), topic, second);
      await waitForCount(b, first.length + second.length);
      assert.deepEqual([...values(b)].sort(), [...first, ...second].sort(), 'B keeps receiving after A stopped');
      assertContiguous(b);
      assert.equal(a.buffer.size, first.length, 'the stopped tail took nothing more');

      await b.stop();
      const left = (await groupIds()).filter((g) => g === a.groupId || g === b?.groupId);
      assert.deepEqual(left, [], 'no group is left after both stop');
    } finally {
      await a.stop();
      await b?.stop();
    }
  });
});
