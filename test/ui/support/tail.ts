/** Set-up for the tail UI test: a topic and a producer running in the test process. */
import { AssignerProtocol, Kafka, type IHeaders } from 'kafkajs';
import { kafkaConfig, sandbox, withAdmin } from '../../integration/support/sandbox';

export async function createTopic(topic: string): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  });
}

export async function deleteTopic(topic: string): Promise<void> {
  await withAdmin(async (admin) => {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  });
}

/** Ids of the consumer groups on the sandbox. */
export function groupIds(): Promise<string[]> {
  return withAdmin(async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
}

/** The tail groups (`msk-explorer-tail-*`) whose members consume `topic`: the tails of this test, no one else's. */
export function tailGroupsOf(topic: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const ids = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith('msk-explorer-tail-'));
    if (!ids.length) return [];
    const { groups } = await admin.describeGroups(ids);
    return groups
      .filter((g) =>
        g.members.some((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics.includes(topic)),
      )
      .map((g) => g.groupId);
  });
}

export async function produce(
  topic: string,
  messages: { key?: string | Buffer; value: string | Buffer; headers?: IHeaders }[],
): Promise<void> {
  const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: messages.map((m) => ({ ...m, partition: 0 })) });
  } finally {
    await producer.disconnect();
  }
}
