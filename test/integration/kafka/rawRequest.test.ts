/**
 * A hand-encoded request travels over kafkajs' own authenticated connection: ListGroups v1 answers
 * the same groups as kafkajs' admin, on IAM (OAUTHBEARER over TLS) and SCRAM.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openRawCluster, type RawRequest } from '../../../src/kafka/protocol/rawRequest';
import { newPool, specFor, waitFor } from './helpers';

const pool = newPool();
after(() => pool.disposeAll());

/** ListGroups v1: empty body; response throttle_time_ms, error_code, [group_id, protocol_type]. */
const listGroupsV1: RawRequest<{ errorCode: number; groups: string[] }> = {
  apiKey: 16,
  apiVersion: 1,
  apiName: 'ListGroups',
  body: Buffer.alloc(0),
  decode(payload) {
    let at = 4; // throttle_time_ms
    const errorCode = payload.readInt16BE(at);
    at += 2;
    const count = payload.readInt32BE(at);
    at += 4;
    const groups: string[] = [];
    const str = () => {
      const len = payload.readInt16BE(at);
      at += 2;
      const s = payload.toString('utf8', at, at + len);
      at += len;
      return s;
    };
    for (let i = 0; i < count; i++) {
      groups.push(str());
      str();
    }
    return { errorCode, groups };
  },
};

describe('raw requests over kafkajs connections', () => {
  for (const kind of ['iam', 'scram'] as const) {
    test(`ListGroups v1 over ${kind} lists a group kafkajs' admin lists too`, async () => {
      const spec = { ...specFor(kind), id: `raw-${kind}` };
      const kafka = await pool.getKafka(spec);
      const groupId = `raw-request-${kind}-${Date.now().toString(36)}`;
      const admin = await pool.getAdmin(spec);
      const topic = `raw-request-${kind}-${Date.now().toString(36)}`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: () => Promise.resolve() });
      const raw = await openRawCluster(kafka);
      try {
        await waitFor('the group in the admin list', async () =>
          (await admin.listGroups()).groups.some((g) => g.groupId === groupId) ? true : undefined,
        );
        const brokers = raw.brokers();
        assert.ok(brokers.length > 0, 'metadata lists the brokers');
        const answers = await Promise.all(brokers.map((b) => raw.send(b.nodeId, listGroupsV1)));
        assert.deepEqual(
          answers.map((a) => a.errorCode),
          brokers.map(() => 0),
        );
        assert.ok(
          answers.some((a) => a.groups.includes(groupId)),
          `the raw ListGroups lists ${groupId}`,
        );
      } finally {
        await raw.disconnect();
        await consumer.disconnect();
        await admin.deleteGroups([groupId]).catch(() => undefined);
        await admin.deleteTopics({ topics: [topic] });
      }
    });
  }
});
