/**
 * Authorization steps: list topics, and for the topic the person chose describe it, read one
 * message (as the tail reads: no consumer group, nothing committed) and, only when
 * confirmed, write one message. Refusals name the IAM action or Kafka ACL (shared classifiers).
 */
import type { Admin } from 'kafkajs';
import type { KafkaClientPool, KafkaConnectionSpec } from '../../kafka/index';
import { kafkaModule } from '../lazyModules';
import { classified } from './classified';
import { withTimeout, type StepRecorder } from './recorder';
import type { DoctorTimeouts } from './types';

export async function authorizationSteps(
  rec: StepRecorder,
  pool: KafkaClientPool,
  admin: Admin,
  spec: KafkaConnectionSpec,
  timeouts: DoctorTimeouts,
  choice: { topic?: string; write?: boolean },
): Promise<void> {
  await rec.run('authorization', 'authz.topics', 'List topics (kafka-cluster:DescribeTopic)', async () => {
    const topics = await withTimeout(admin.listTopics(), timeouts.kafka).catch(classified(spec, 'listTopics'));
    return { detail: `${topics.length} topic(s) visible` };
  });
  const topic = choice.topic;
  if (!topic) {
    rec.skip('authorization', 'authz.topic', 'Describe / read / write a topic', 'no topic was chosen');
    return;
  }
  const described = await rec.run(
    'authorization',
    'authz.describeTopic',
    `Describe topic "${topic}" (kafka-cluster:DescribeTopic)`,
    async () => {
      const m = await withTimeout(admin.fetchTopicMetadata({ topics: [topic] }), timeouts.kafka).catch(
        classified(spec, 'describeTopic', { topic }),
      );
      const t = m.topics[0];
      return { detail: `${t?.partitions.length ?? 0} partition(s)` };
    },
  );
  if (described.status === 'fail') {
    rec.skip('authorization', 'authz.read', `Read from "${topic}"`, 'the topic could not be described');
    if (choice.write)
      rec.skip('authorization', 'authz.write', `Write to "${topic}"`, 'the topic could not be described');
    return;
  }
  await rec.run('authorization', 'authz.read', `Read one message from "${topic}" (kafka-cluster:ReadData)`, () =>
    readOne(pool, spec, topic, timeouts),
  );
  if (!choice.write) {
    rec.skip(
      'authorization',
      'authz.write',
      `Write to "${topic}"`,
      'writing was not confirmed (it would add a message)',
    );
    return;
  }
  await rec.run(
    'authorization',
    'authz.write',
    `Write one message to "${topic}" (kafka-cluster:WriteData)`,
    async () => {
      const producer = await pool.getProducer(spec, { allowAutoTopicCreation: false, idempotent: false }, 'doctor');
      const [meta] = await withTimeout(
        producer.send({
          topic,
          acks: -1,
          messages: [{ key: 'msk-explorer-doctor', value: `connection check ${new Date().toISOString()}` }],
        }),
        timeouts.kafka,
      ).catch(classified(spec, 'produce', { topic }));
      return { detail: `wrote 1 message (partition ${meta?.partition ?? '?'}, offset ${meta?.baseOffset ?? '?'})` };
    },
  );
}

/** Reads one message as the tail reads (a Fetch, no consumer group, nothing committed). */
async function readOne(
  pool: KafkaClientPool,
  spec: KafkaConnectionSpec,
  topic: string,
  timeouts: DoctorTimeouts,
): Promise<{ detail: string }> {
  const read = await withTimeout(kafkaModule().readFirstRecord(pool, spec, topic), timeouts.kafka * 2).catch(
    classified(spec, 'consume', { topic }),
  );
  return {
    detail:
      'empty' in read
        ? 'allowed; no message arrived in the first fetch (the topic may be empty)'
        : `read 1 message (partition ${read.partition}, offset ${read.offset})`,
  };
}

export function skipAuthz(rec: StepRecorder, because: string, choice: { topic?: string; write?: boolean }): void {
  rec.skip('authorization', 'authz.topics', 'List topics', because);
  if (choice.topic)
    rec.skip(
      'authorization',
      'authz.topic',
      `Describe / read${choice.write ? ' / write' : ''} "${choice.topic}"`,
      because,
    );
}
