/**
 * Binary (base64) keys, values and headers against the sandbox, through the host's own path: the
 * panel draft → panelSendRequest (base64 decoded, strictly) → ProduceSender → ProduceEngine. What
 * lands is exactly the bytes, "Produce again" of a binary record sends the same bytes, and an
 * invalid base64 field refuses the send with a message naming it, sending nothing.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { Kafka } from 'kafkajs';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { recordToDraft } from '../../../src/kafka/tail/messageJson';
import type { TailRecord } from '../../../src/kafka/tail/types';
import { panelDraftOf, panelSendRequest } from '../../../src/features/produce/send/panelDraft';
import { ProduceSender } from '../../../src/features/produce/send/sender';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { UserError } from '../../../src/shared/errors';
import { emptyDraft, type PanelDraft } from '../../../src/webviews/producer/protocol';
import { newPool, specFor } from '../kafka/helpers';
import { Cleanup, kafkaConfig, sandbox, uniqueName, withAdmin } from '../support/sandbox';
import { createTopicWith, readBack } from './helpers';

const cleanup = new Cleanup();
const pool = newPool();
const cluster = new KafkaCluster(pool, specFor('plaintext'));
const sender = new ProduceSender({ kafka: () => Promise.resolve(cluster) });
const ref: ClusterRef = {
  key: 'manual:it-binary',
  name: 'sandbox',
  source: 'manual',
  type: 'SELF_MANAGED',
  authModes: [],
};

const VALUE = Buffer.from([0xff, 0x00, 0xfe, 0x01]);
const KEY = Buffer.from([0x00, 0xff, 0x80]);
const HEADER = Buffer.from([0xde, 0xad, 0xbe, 0xef]);

async function topicWith(prefix: string): Promise<string> {
  const topic = uniqueName(prefix);
  cleanup.topics.add(topic);
  await createTopicWith(topic, 1);
  return topic;
}

const highWatermark = (topic: string) =>
  withAdmin(async (admin) => (await admin.fetchTopicOffsets(topic)).map((o) => o.high));

describe('binary keys, values and headers from the producer panel (sandbox)', () => {
  after(async () => {
    await sender.dispose();
    await pool.disposeAll();
    await cleanup.run();
  });

  it('a draft with base64 key, value and header lands as exactly those bytes; text fields still render', async () => {
    const topic = await topicWith('produce-bin');
    const draft: PanelDraft = {
      ...emptyDraft(),
      key: KEY.toString('base64'),
      keyEncoding: 'base64',
      value: '/wD+\nAQ==', // line breaks in base64 are ignored
      valueEncoding: 'base64',
      headers: [
        { key: 'bin', value: HEADER.toString('base64'), encoding: 'base64' },
        { key: 'n', value: 'n-{{seq}}' },
      ],
      count: 2,
    };
    const report = await sender.send(panelSendRequest(ref, topic, draft, true));
    assert.equal(report.failed, 0, JSON.stringify(report.failures));
    assert.equal(report.sent, 2);
    const got = await readBack(topic, 2);
    assert.deepEqual(
      got.map((r) => ({ offset: r.offset, ...r.raw })),
      [0, 1].map((i) => ({
        offset: String(i),
        key: KEY,
        value: VALUE,
        headers: [
          { key: 'bin', value: HEADER },
          { key: 'n', value: Buffer.from(`n-${i + 1}`) },
        ],
      })),
    );
  });

  it('"Produce again" of a binary record sends the same bytes to another topic', async () => {
    const source = await topicWith('produce-bin-src');
    const target = await topicWith('produce-bin-dst');
    const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic: source,
        messages: [{ key: KEY, value: VALUE, headers: { bin: HEADER, type: 'order' }, partition: 0 }],
      });
    } finally {
      await producer.disconnect();
    }
    const [consumed] = await readBack(source, 1);
    const record: TailRecord = {
      seq: 0,
      partition: consumed.partition,
      offset: consumed.offset,
      timestamp: Number(consumed.timestamp),
      key: consumed.raw.key,
      value: consumed.raw.value,
      headers: consumed.raw.headers,
      size: 0,
    };
    // What the tail panel hands the producer panel, and what the producer panel makes of it.
    const crossFeature = recordToDraft(record, false);
    assert.equal(crossFeature.valueEncoding, 'base64');
    assert.equal(crossFeature.keyEncoding, 'base64');
    const draft = panelDraftOf(crossFeature);
    assert.equal(draft.value, '/wD+AQ==');

    const report = await sender.send(panelSendRequest(ref, target, draft, true));
    assert.equal(report.sent, 1, JSON.stringify(report.failures));
    const [again] = await readBack(target, 1);
    assert.deepEqual(again.raw, {
      key: KEY,
      value: VALUE,
      headers: [
        { key: 'bin', value: HEADER },
        { key: 'type', value: Buffer.from('order') },
      ],
    });
  });

  it('an invalid base64 field refuses the whole send, naming the field, and nothing is sent', async () => {
    const topic = await topicWith('produce-bin-bad');
    const bad: PanelDraft = {
      ...emptyDraft(),
      key: KEY.toString('base64'),
      keyEncoding: 'base64',
      value: VALUE.toString('base64'),
      valueEncoding: 'base64',
      headers: [{ key: 'trace', value: 'a=bc', encoding: 'base64' }],
      count: 3,
    };
    await assert.rejects(
      async () => sender.send(panelSendRequest(ref, topic, bad, true)),
      (e: unknown) =>
        e instanceof UserError &&
        e.code === 'InvalidBase64' &&
        e.message.startsWith('Header "trace" (1) is not valid base64'),
    );
    assert.deepEqual(await highWatermark(topic), ['0']);
    // The same draft with the header fixed: it is the first thing the topic holds.
    const fixed = { ...bad, count: 1, headers: [{ key: 'trace', value: 'AAEC', encoding: 'base64' as const }] };
    const report = await sender.send(panelSendRequest(ref, topic, fixed, true));
    assert.deepEqual(report.failures, []);
    assert.deepEqual(report.ranges, [{ partition: 0, first: '0', last: '0', count: 1 }]);
    const [landed] = await readBack(topic, 1);
    assert.deepEqual(landed.raw.headers, [{ key: 'trace', value: Buffer.from([0x00, 0x01, 0x02]) }]);
  });
});
