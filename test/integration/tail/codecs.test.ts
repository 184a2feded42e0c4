/** Messages compressed with each codec (by librdkafka's kcat and by kafkajs) are displayed correctly. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Cleanup, kcat, kcatProperties, sandbox } from '../support/sandbox';
import { newPool, specFor } from '../kafka/helpers';
import { startTail, values, waitForCount } from './helpers';
import { loadKafkajs } from '../../../src/kafka/clientPool';
import { ZSTD_COMPRESSION_UNSUPPORTED } from '../../../src/kafka/codecs';

const pool = newPool();
const cleanup = new Cleanup();
let topic: string;
const long = 'lorem ipsum '.repeat(200); // compressible, spans several snappy/lz4 matches

before(async () => {
  topic = await cleanup.createTopic('tail-codecs', 1);
});
after(async () => {
  await pool.disposeAll();
  await cleanup.run();
});

describe('compressed topics', () => {
  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
    test(`kcat -z ${codec} messages decode`, async () => {
      const s = await startTail(pool, topic, { start: { kind: 'newest' } });
      try {
        const input = [1, 2, 3].map((i) => `${codec}-${i}-${long}`);
        const r = await kcat(
          ['-P', '-t', topic, '-z', codec],
          kcatProperties(sandbox(), 'plaintext'),
          `${input.join('\n')}\n`,
        );
        assert.equal(r.code, 0, r.stderr);
        await waitForCount(s, 3);
        assert.deepEqual(values(s), input);
      } finally {
        await s.stop();
      }
    });
  }

  test('kafkajs-compressed snappy and lz4 messages are accepted by the broker and decode', async () => {
    const kafkajs = await loadKafkajs();
    const producer = await pool.getProducer(specFor('plaintext'));
    const s = await startTail(pool, topic, { start: { kind: 'newest' } });
    try {
      const types =
        kafkajs.CompressionTypes ?? (kafkajs as unknown as { default: typeof kafkajs }).default.CompressionTypes;
      await producer.send({ topic, compression: types.Snappy, messages: [{ value: `snappy-kjs-${long}` }] });
      await producer.send({ topic, compression: types.LZ4, messages: [{ value: `lz4-kjs-${long}` }] });
      await waitForCount(s, 2);
      assert.deepEqual(values(s), [`snappy-kjs-${long}`, `lz4-kjs-${long}`]);
      await assert.rejects(
        producer.send({ topic, compression: types.ZSTD, messages: [{ value: 'z' }] }),
        (err: Error) => err.message.includes(ZSTD_COMPRESSION_UNSUPPORTED),
      );
    } finally {
      await s.stop();
    }
  });
});
